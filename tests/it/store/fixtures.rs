//! Building sealed values and reports for the contract tests.

use super::Writes;
use chrono::{DateTime, Duration, Utc};
use suara::crypto::fields::ReportPayload;
use suara::crypto::{KdfParams, KeyPair, PasswordKdf, ReportKey, Sealed, seal_report_key};
use suara::domain::area::Area;
use suara::domain::role::Role;
use suara::domain::{
    AgeBand, RegionCode, ReportId, ReporterRole, Sex, Status, Urgency, ViolenceType,
};
use suara::store::{KeyGrant, NewReport, NewWorker, Recipient, ReportMeta, Store};

/// A time with whole milliseconds, as the store keeps them.
pub fn t(minutes: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(1_790_000_000_000).unwrap() + Duration::minutes(minutes)
}

/// A ciphertext of `body` standing in for any sealed column whose content
/// the test does not open (it is sealed as a report payload and re-typed).
pub fn sealed<T>(key: &ReportKey, id: &ReportId, _what: &'static str, body: &[u8]) -> Sealed<T> {
    let bytes = key
        .seal::<ReportPayload>(&id.to_string(), body)
        .expect("seal")
        .to_bytes();
    Sealed::from_bytes(&bytes).expect("valid ciphertext")
}

pub fn meta(id: ReportId, urgency: Urgency) -> ReportMeta {
    ReportMeta {
        id,
        created_at: t(0),
        updated_at: t(0),
        status: Status::Baru,
        urgency,
        violence_types: vec![ViolenceType::Fisik, ViolenceType::Psikis],
        area: Some(Area::Region(RegionCode::parse("64.72").unwrap())),
        age_band: Some(AgeBand::A25_44),
        victim_sex: Some(Sex::ALL[0]),
        reporter: Some(ReporterRole::ALL[0]),
        contact_allowed: true,
        assigned_to: None,
        acknowledged_at: None,
        closed_at: None,
    }
}

/// A report sealed to one worker and the recovery key.
pub struct Made {
    pub report: NewReport,
    pub key: ReportKey,
    pub worker: KeyPair,
}

pub fn report(receipt: &[u8]) -> Made {
    let id = ReportId::new();
    let key = ReportKey::generate();
    let worker = KeyPair::generate();
    let recovery = KeyPair::generate();
    let grant = |recipient, pair: &KeyPair| KeyGrant {
        report_id: id,
        recipient,
        key: seal_report_key(&key, &pair.public, &id.to_string()).expect("seal key"),
        granted_by: None,
        at: t(0),
    };
    let keys = vec![
        grant(Recipient::Worker("w1".into()), &worker),
        grant(Recipient::Recovery, &recovery),
    ];
    let report = NewReport {
        meta: meta(id, Urgency::High),
        receipt_hash: receipt.to_vec(),
        reporter_ref: Some(vec![7; 32]),
        chat: Some(sealed(&key, &id, "chat", b"12345")),
        payload: sealed(&key, &id, "payload", b"ada yang tidak beres"),
        keys,
    };
    Made {
        report,
        key,
        worker,
    }
}

/// Stores a worker whose id is also their username, and returns their key
/// pair.
pub async fn add_worker(store: &dyn Store, id: &str, role: Role) -> KeyPair {
    let kdf = PasswordKdf::new(KdfParams::INSECURE_FOR_TESTS).unwrap();
    let pair = KeyPair::generate();
    store
        .insert_worker(&NewWorker {
            id: id.into(),
            username: id.into(),
            role,
            regions: vec!["64".into()],
            agency: None,
            password_hash: "$argon2id$placeholder".into(),
            totp: None,
            public_key: pair.public,
            private_key: kdf.wrap(&pair.private, "kata sandi panjang").unwrap(),
            created_at: t(0),
            created_by: Some("test".into()),
            approved_by: Some("test".into()),
            enrolment: None,
        })
        .await
        .expect("insert worker");
    pair
}

/// An audit entry by `actor` about report `id`.
pub fn audit_of(actor: &str, id: ReportId) -> suara::store::AuditDraft {
    suara::store::AuditDraft {
        at: t(0),
        actor: actor.to_owned(),
        action: suara::domain::audit::AuditAction::ReportDestroyed,
        report_id: Some(id),
        detail: String::new(),
    }
}
