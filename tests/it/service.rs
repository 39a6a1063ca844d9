//! Sealing at submission, and what each key can and cannot open, on both
//! databases.

use crate::store::Writes;
use std::sync::Arc;
use suara::crypto::Sealed;
use suara::crypto::fields::DialogueState;

use chrono::Utc;
use suara::crypto::{KdfParams, PasswordKdf, ReceiptCode, ReportKey, ServerKey, open_report_key};
use suara::domain::area::Area;
use suara::domain::role::Role;
use suara::domain::{RegionCode, ReportId, Urgency, ViolenceType};
use suara::service::accounts::{self, AccountError};
use suara::service::keys::{self, KeyError};
use suara::service::submit::{Submission, submit};
use suara::store::{Recipient, Store};
use zeroize::Zeroizing;

use crate::store::contract;

const STORY: &[u8] = b"{\"story\":\"majikan menahan paspor saya\"}";

fn kdf() -> PasswordKdf {
    PasswordKdf::new(KdfParams::INSECURE_FOR_TESTS).unwrap()
}

async fn account(store: &dyn Store, name: &str, role: Role, region: &str) -> String {
    let agency = (role == Role::Mitra).then_some("dinsos");
    let new = crate::helpers::account(name, role, &[region], agency);
    accounts::create(
        store,
        &kdf(),
        &new,
        "kata sandi yang panjang",
        "test",
        Utc::now(),
    )
    .await
    .unwrap()
}

/// A submission as the bot would make it, for other test modules.
pub fn submission_for_tests(area: &str, contact: Option<i64>) -> Submission {
    submission(area, contact)
}

fn submission(area: &str, contact: Option<i64>) -> Submission {
    Submission {
        id: ReportId::new(),
        report_key: ReportKey::generate(),
        urgency: Urgency::High,
        violence_types: vec![ViolenceType::Trafficking],
        area: Some(Area::Region(RegionCode::parse(area).unwrap())),
        age_band: None,
        victim_sex: None,
        reporter: None,
        payload: Zeroizing::new(STORY.to_vec()),
        contact_chat: contact,
        reporter_ref: None,
        identifiers: Vec::new(),
        at: Utc::now(),
    }
}

/// Opens a report's payload as `username` would after logging in.
async fn open_as(
    store: &dyn Store,
    id: &ReportId,
    username: &str,
    password: &str,
) -> Option<Vec<u8>> {
    let worker = store.worker_by_username(username).await.unwrap().unwrap();
    let private = PasswordKdf::unwrap(&worker.private_key, password).ok()?;
    let sealed = store
        .report_key(id, &Recipient::Worker(worker.id))
        .await
        .unwrap()?;
    let key = open_report_key(&sealed, &private, &id.to_string()).ok()?;
    let payload = store.report_payload(id).await.unwrap();
    Some(key.open(&id.to_string(), &payload).unwrap().to_vec())
}

contract!(
    a_report_is_sealed_to_the_entitled_workers_and_the_recovery_key_only,
    the_bot_process_cannot_read_a_report_once_it_is_sent,
    the_receipt_code_finds_the_report_and_another_code_does_not,
    her_chat_is_kept_sealed_only_when_she_allowed_contact,
    a_password_change_keeps_every_report_readable,
    an_admin_reset_with_the_recovery_key_regrants_the_workers_reports,
    submitting_without_a_recovery_key_is_refused_and_init_runs_once,
    a_different_server_key_than_the_databases_is_refused,
    a_wrong_password_fails_to_unlock_and_attempts_are_limited,
    a_worker_who_gains_access_later_is_granted_the_key_by_one_who_has_it,
    a_report_closed_past_the_retention_limit_is_destroyed_with_its_keys,
    storing_a_report_twice_is_refused_and_its_first_code_keeps_working,
);

async fn storing_a_report_twice_is_refused_and_its_first_code_keeps_working(store: Arc<dyn Store>) {
    setup(store.as_ref()).await;
    let server = ServerKey::from_bytes(&[9; 32]);
    let first = submission("64.72", None);
    let (id, key) = (first.id, first.report_key.clone());
    let shown = submit(store.as_ref(), &server, first, None).await.unwrap();
    let mut again = submission("64.72", None);
    again.id = id;
    again.report_key = key;
    let err = submit(store.as_ref(), &server, again, None)
        .await
        .err()
        .expect("a report is stored once");
    assert!(err.to_string().contains("reports.id"), "{err}");
    assert_eq!(store.count_reports().await.unwrap(), 1, "no duplicate");
    let found = store
        .report_by_receipt(shown.code.lookup_hash(&server).as_bytes())
        .await
        .unwrap();
    assert_eq!(
        found.map(|m| m.id),
        Some(id),
        "the code she saw still opens it"
    );
}

async fn a_report_closed_past_the_retention_limit_is_destroyed_with_its_keys(
    store: Arc<dyn Store>,
) {
    use suara::domain::Status;
    use suara::service::retention::destroy_expired_reports;
    setup(store.as_ref()).await;
    let server = ServerKey::from_bytes(&[9; 32]);
    let old = submit(store.as_ref(), &server, submission("64.72", None), None)
        .await
        .unwrap();
    let open = submit(store.as_ref(), &server, submission("64.72", None), None)
        .await
        .unwrap();
    let closed_at = Utc::now() - chrono::Duration::days(400);
    store
        .set_report_status(&old.id, Status::Baru, Status::Ditutup, closed_at)
        .await
        .unwrap();
    assert_eq!(
        destroy_expired_reports(store.as_ref(), 0, Utc::now())
            .await
            .unwrap(),
        0,
        "0 keeps everything"
    );
    assert_eq!(
        destroy_expired_reports(store.as_ref(), 365, Utc::now())
            .await
            .unwrap(),
        1
    );
    assert!(store.report_meta(&old.id).await.is_err());
    assert!(
        store
            .report_key(&old.id, &Recipient::Recovery)
            .await
            .unwrap()
            .is_none(),
        "its keys are gone"
    );
    assert!(
        store.report_meta(&open.id).await.is_ok(),
        "an open report is kept"
    );
    let audit = store.audit_entries(0, 100).await.unwrap();
    assert!(audit.iter().any(|e| e.action == "report.destroyed"));
}

async fn a_wrong_password_fails_to_unlock_and_attempts_are_limited(store: Arc<dyn Store>) {
    setup(store.as_ref()).await;
    assert!(
        accounts::unlock(store.as_ref(), "sari", "kata sandi yang panjang")
            .await
            .is_ok()
    );
    for _ in 0..9 {
        let wrong = accounts::unlock(store.as_ref(), "sari", "tebakan").await;
        assert!(matches!(wrong, Err(AccountError::WrongPassword)));
    }
    let limited = accounts::unlock(store.as_ref(), "sari", "kata sandi yang panjang").await;
    assert!(
        matches!(limited, Err(AccountError::RateLimited)),
        "the eleventh attempt is refused"
    );
    assert!(
        accounts::unlock(store.as_ref(), "budi", "kata sandi yang panjang")
            .await
            .is_ok(),
        "per account"
    );
}

async fn a_worker_who_gains_access_later_is_granted_the_key_by_one_who_has_it(
    store: Arc<dyn Store>,
) {
    setup(store.as_ref()).await;
    let server = ServerKey::from_bytes(&[9; 32]);
    let receipt = submit(store.as_ref(), &server, submission("64.72", None), None)
        .await
        .unwrap();
    let pw = "kata sandi yang panjang";
    assert_eq!(open_as(store.as_ref(), &receipt.id, "budi", pw).await, None);
    let budi_key = accounts::unlock(store.as_ref(), "budi", pw).await.unwrap();
    let refused =
        accounts::grant_report(store.as_ref(), &receipt.id, "budi", &budi_key, "mitra").await;
    assert!(
        matches!(refused, Err(AccountError::NoAccess)),
        "only someone who can open it can share it"
    );
    let sari_key = accounts::unlock(store.as_ref(), "sari", pw).await.unwrap();
    accounts::grant_report(store.as_ref(), &receipt.id, "sari", &sari_key, "budi")
        .await
        .unwrap();
    assert_eq!(
        open_as(store.as_ref(), &receipt.id, "budi", pw)
            .await
            .as_deref(),
        Some(STORY)
    );
    let audit = store.audit_entries(0, 100).await.unwrap();
    assert!(audit.iter().any(|e| e.action == "report.granted"
        && e.report_id.as_deref() == Some(&*receipt.id.to_string())));
}

async fn a_different_server_key_than_the_databases_is_refused(store: Arc<dyn Store>) {
    let first = ServerKey::from_bytes(&[1; 32]);
    keys::check_server_key(store.as_ref(), &first)
        .await
        .unwrap();
    keys::check_server_key(store.as_ref(), &first)
        .await
        .unwrap();
    let other = ServerKey::from_bytes(&[2; 32]);
    let err = keys::check_server_key(store.as_ref(), &other)
        .await
        .unwrap_err();
    assert!(matches!(err, KeyError::WrongServerKey { .. }), "{err}");
    assert!(err.to_string().contains("restore the original key"));
}

async fn setup(store: &dyn Store) -> suara::crypto::RecoveryKey {
    let recovery = keys::init_recovery(store).await.unwrap();
    account(store, "koordinator", Role::Koordinator, "64").await;
    account(store, "sari", Role::Petugas, "64.72").await;
    account(store, "budi", Role::Petugas, "64.71").await;
    account(store, "mitra", Role::Mitra, "64").await;
    recovery
}

async fn a_report_is_sealed_to_the_entitled_workers_and_the_recovery_key_only(
    store: Arc<dyn Store>,
) {
    let recovery = setup(store.as_ref()).await;
    let server = ServerKey::from_bytes(&[9; 32]);
    let receipt = submit(store.as_ref(), &server, submission("64.72", None), None)
        .await
        .unwrap();
    assert_eq!(receipt.recipients, 2);
    let pw = "kata sandi yang panjang";
    assert_eq!(
        open_as(store.as_ref(), &receipt.id, "koordinator", pw)
            .await
            .as_deref(),
        Some(STORY)
    );
    assert_eq!(
        open_as(store.as_ref(), &receipt.id, "sari", pw)
            .await
            .as_deref(),
        Some(STORY)
    );
    assert_eq!(open_as(store.as_ref(), &receipt.id, "budi", pw).await, None);
    assert_eq!(
        open_as(store.as_ref(), &receipt.id, "mitra", pw).await,
        None
    );
    let sealed = store
        .report_key(&receipt.id, &Recipient::Recovery)
        .await
        .unwrap()
        .unwrap();
    let key = open_report_key(&sealed, recovery.private_key(), &receipt.id.to_string()).unwrap();
    let payload = store.report_payload(&receipt.id).await.unwrap();
    assert_eq!(
        key.open(&receipt.id.to_string(), &payload)
            .unwrap()
            .as_slice(),
        STORY
    );
    let audit = store.audit_entries(0, 10).await.unwrap();
    assert_eq!(audit.last().unwrap().action, "report.submitted");
}

async fn the_bot_process_cannot_read_a_report_once_it_is_sent(store: Arc<dyn Store>) {
    setup(store.as_ref()).await;
    // What the bot process holds: the server key and public keys. The
    // report key left with the submission, which consumed it.
    let server = ServerKey::from_bytes(&[9; 32]);
    let receipt = submit(store.as_ref(), &server, submission("64.72", Some(42)), None)
        .await
        .unwrap();
    let id = receipt.id.to_string();
    let payload = store.report_payload(&receipt.id).await.unwrap();
    let as_server_field = Sealed::<DialogueState>::from_bytes(payload.as_bytes()).unwrap();
    assert!(
        server.open(&id, &as_server_field).is_err(),
        "the server key opens nothing of the report"
    );
    let as_text = String::from_utf8_lossy(payload.as_bytes()).into_owned();
    assert!(!as_text.contains("paspor"));
    // No report key is sealed to anything but case workers and the recovery key.
    for worker in store.workers().await.unwrap() {
        let _ = store
            .report_key(&receipt.id, &Recipient::Worker(worker.id))
            .await
            .unwrap();
    }
    let recipients = [Recipient::Recovery];
    assert!(
        store
            .report_key(&receipt.id, &recipients[0])
            .await
            .unwrap()
            .is_some()
    );
    // A key made up by the bot cannot open it either.
    assert!(ReportKey::generate().open(&id, &payload).is_err());
}

async fn the_receipt_code_finds_the_report_and_another_code_does_not(store: Arc<dyn Store>) {
    setup(store.as_ref()).await;
    let server = ServerKey::from_bytes(&[9; 32]);
    let receipt = submit(store.as_ref(), &server, submission("64.72", None), None)
        .await
        .unwrap();
    let typed = ReceiptCode::parse(&receipt.code.expose().to_lowercase()).unwrap();
    let found = store
        .report_by_receipt(typed.lookup_hash(&server).as_bytes())
        .await
        .unwrap();
    assert_eq!(found.unwrap().id, receipt.id);
    let other = ReceiptCode::generate();
    assert!(
        store
            .report_by_receipt(other.lookup_hash(&server).as_bytes())
            .await
            .unwrap()
            .is_none()
    );
}

async fn her_chat_is_kept_sealed_only_when_she_allowed_contact(store: Arc<dyn Store>) {
    setup(store.as_ref()).await;
    let server = ServerKey::from_bytes(&[9; 32]);
    let reachable = submit(
        store.as_ref(),
        &server,
        submission("64.72", Some(777)),
        None,
    )
    .await
    .unwrap();
    let hidden = submit(store.as_ref(), &server, submission("64.72", None), None)
        .await
        .unwrap();
    let chat = store.report_chat(&reachable.id).await.unwrap().unwrap();
    let opened = server.open(&reachable.id.to_string(), &chat).unwrap();
    assert_eq!(opened.as_slice(), b"777");
    assert!(
        store
            .report_meta(&reachable.id)
            .await
            .unwrap()
            .contact_allowed
    );
    assert!(store.report_chat(&hidden.id).await.unwrap().is_none());
    assert!(!store.report_meta(&hidden.id).await.unwrap().contact_allowed);
}

async fn a_password_change_keeps_every_report_readable(store: Arc<dyn Store>) {
    setup(store.as_ref()).await;
    let server = ServerKey::from_bytes(&[9; 32]);
    let receipt = submit(store.as_ref(), &server, submission("64.72", None), None)
        .await
        .unwrap();
    let wrong = accounts::change_password(
        store.as_ref(),
        &kdf(),
        "sari",
        "not my password",
        "a new long password",
    )
    .await;
    assert!(matches!(wrong, Err(AccountError::WrongPassword)));
    accounts::change_password(
        store.as_ref(),
        &kdf(),
        "sari",
        "kata sandi yang panjang",
        "a new long password",
    )
    .await
    .unwrap();
    assert_eq!(
        open_as(store.as_ref(), &receipt.id, "sari", "a new long password")
            .await
            .as_deref(),
        Some(STORY)
    );
    assert_eq!(
        open_as(
            store.as_ref(),
            &receipt.id,
            "sari",
            "kata sandi yang panjang"
        )
        .await,
        None
    );
}

async fn an_admin_reset_with_the_recovery_key_regrants_the_workers_reports(store: Arc<dyn Store>) {
    let recovery = setup(store.as_ref()).await;
    let server = ServerKey::from_bytes(&[9; 32]);
    let first = submit(store.as_ref(), &server, submission("64.72", None), None)
        .await
        .unwrap();
    let second = submit(store.as_ref(), &server, submission("64.72", None), None)
        .await
        .unwrap();
    let regranted = accounts::reset_with_recovery(
        store.as_ref(),
        &kdf(),
        &recovery,
        "sari",
        "fresh long password",
        "admin",
    )
    .await
    .unwrap();
    assert_eq!(regranted, 2);
    for id in [&first.id, &second.id] {
        assert_eq!(
            open_as(store.as_ref(), id, "sari", "fresh long password")
                .await
                .as_deref(),
            Some(STORY)
        );
    }
    assert_eq!(
        open_as(store.as_ref(), &first.id, "sari", "kata sandi yang panjang").await,
        None
    );
    let short =
        accounts::reset_with_recovery(store.as_ref(), &kdf(), &recovery, "sari", "short", "admin")
            .await;
    assert!(matches!(short, Err(AccountError::WeakPassword)));
}

async fn submitting_without_a_recovery_key_is_refused_and_init_runs_once(store: Arc<dyn Store>) {
    let server = ServerKey::from_bytes(&[9; 32]);
    let refused = submit(store.as_ref(), &server, submission("64.72", None), None).await;
    assert!(matches!(
        refused,
        Err(suara::service::submit::SubmitError::Keys(
            KeyError::NoRecoveryKey
        ))
    ));
    assert_eq!(store.count_reports().await.unwrap(), 0);
    keys::init_recovery(store.as_ref()).await.unwrap();
    assert!(matches!(
        keys::init_recovery(store.as_ref()).await,
        Err(KeyError::RecoveryExists)
    ));
}
