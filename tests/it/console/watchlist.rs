//! The watchlist (issue 16, point 5): a koordinator enters a number known
//! to the police; a new report naming it, however written, is flagged in
//! the queue, raised to at least high with the reason shown, announced to
//! the alert group without content, and audited.

use chrono::Utc;
use suara::conversation::{Answers, StoryPart, SubmitRequest, WhereAnswer};
use suara::crypto::ReportKey;
use suara::crypto::fields::OutboxPayload;
use suara::domain::role::Role;
use suara::domain::*;
use suara::service::submit::{Submission, seal};

use super::{Console, account, on_both_databases, server_key};
use crate::app::TestApp;

on_both_databases!(a_report_naming_a_watched_number_is_flagged_raised_announced_and_audited);

fn request(phone: &str) -> SubmitRequest {
    let mut answers = Answers {
        location: Some(WhereAnswer::Region(RegionCode::parse("64.72").unwrap())),
        relation: Some(Relation::Perekrut),
        story: vec![StoryPart::Text("Saya ditipu agen.".into())],
        ..Answers::default()
    };
    answers.recruiter.add(RecruiterField::Phones, phone);
    SubmitRequest::new(suara::i18n::Lang::Id, answers)
}

async fn a_report_naming_a_watched_number_is_flagged_raised_announced_and_audited(app: TestApp) {
    let k = account(&app, "koor", Role::Koordinator, &["64"], None).await;
    let p = account(&app, "petugas", Role::Petugas, &["64"], None).await;
    let c = Console::new(&app).await;
    c.login(&k).await;
    let form = c.get("/watchlist").await;
    assert_eq!(form.status, 200);
    let added = c
        .post(
            "/watchlist",
            &[
                ("kind", "phone"),
                ("value", "0813-9999-0001"),
                ("source", "Polda Kaltim"),
            ],
        )
        .await;
    assert!(
        added.location().contains("watch-added"),
        "{}",
        added.location()
    );
    let refused = c
        .post(
            "/watchlist",
            &[
                ("kind", "phone"),
                ("value", "bukan nomor"),
                ("source", "KP2MI"),
            ],
        )
        .await;
    assert!(refused.location().contains("watch-invalid"));
    let list = c.get("/watchlist").await;
    assert!(list.body.contains("0813-9999-0001") && list.body.contains("Polda Kaltim"));
    let pc = Console::new(&app).await;
    pc.login(&p).await;
    assert_eq!(pc.get("/watchlist").await.status, 404, "the koordinator's");

    let key = server_key(&app);
    let store = app.db.store.as_ref();
    let mut ids = Vec::new();
    for phone in ["+62 813 9999 0001", "0813 1234 5678"] {
        let req = request(phone);
        assert_eq!(req.assessment.urgency, Urgency::Normal);
        let id = ReportId::new();
        let submission =
            Submission::from_request(id, ReportKey::generate(), &req, None, Utc::now()).unwrap();
        let sealed = seal(store, &key, submission, Some(-100_777)).await.unwrap();
        let alert = &sealed.batch.outbox[0];
        let said = key
            .open::<OutboxPayload>(alert.dedup_key.as_deref().unwrap(), &alert.payload)
            .unwrap();
        let said = String::from_utf8_lossy(&said).into_owned();
        assert!(!said.contains("9999"), "no content in the alert: {said}");
        store.write(&sealed.batch).await.unwrap();
        ids.push((id, said));
    }
    let (watched, alert) = &ids[0];
    let (plain, plain_alert) = &ids[1];
    assert!(alert.contains("\"watch\":true"), "{alert}");
    assert!(plain_alert.contains("\"watch\":false"), "{plain_alert}");
    assert_eq!(
        store.report_meta(watched).await.unwrap().urgency,
        Urgency::High
    );
    assert_eq!(
        store.report_meta(plain).await.unwrap().urgency,
        Urgency::Normal
    );
    let audit = store.audit_of_report(watched).await.unwrap();
    assert!(
        audit
            .iter()
            .any(|e| e.action == "report.watch_match" && e.detail == "phone")
    );

    let queue = c.get("/").await;
    assert_eq!(queue.body.matches("Cocok dengan daftar pantau").count(), 1);
    let page = c.get(&format!("/reports/{watched}")).await;
    assert!(page.body.contains("Cocok dengan daftar pantau"));
    assert!(page.body.contains("nomor telepon yang sama"));
    let page = c.get(&format!("/reports/{plain}")).await;
    assert!(!page.body.contains("Cocok dengan daftar pantau"));
}
