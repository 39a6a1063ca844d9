//! A batch is all or nothing: a change is never written without its audit
//! entry, because both are in one transaction.

use chrono::Utc;
use suara::domain::Status;
use suara::domain::audit::AuditAction;
use suara::domain::casework::EventKind;
use suara::store::{AuditDraft, Batch, ReportEvent, StatusMove};

use super::Writes;
use super::fixtures::report;
use crate::helpers::TestDb;

#[tokio::test]
async fn sqlite_a_status_change_whose_audit_entry_fails_is_not_written() {
    a_status_change_whose_audit_entry_fails_is_not_written(TestDb::sqlite().await).await;
}

#[tokio::test]
async fn postgres_a_status_change_whose_audit_entry_fails_is_not_written() {
    a_status_change_whose_audit_entry_fails_is_not_written(TestDb::postgres().await).await;
}

async fn a_status_change_whose_audit_entry_fails_is_not_written(db: TestDb) {
    let made = report(b"r");
    let id = made.report.meta.id;
    db.store.insert_report(&made.report).await.unwrap();
    // Appending to the chain reads its head first; without a head the
    // append fails, as a crash between the two writes would leave it.
    db.execute("DELETE FROM audit_head").await;
    let at = Utc::now();
    let batch = Batch {
        statuses: vec![StatusMove {
            report_id: id,
            from: Status::Baru,
            to: Status::Ditinjau,
            at,
        }],
        events: vec![ReportEvent {
            id: uuid::Uuid::now_v7().to_string(),
            report_id: id,
            at,
            actor_id: Some("w1".into()),
            kind: EventKind::Status,
            from_status: Some(Status::Baru),
            to_status: Some(Status::Ditinjau),
            subject: None,
            body: None,
        }],
        audit: vec![AuditDraft {
            at,
            actor: "w1".into(),
            action: AuditAction::ReportStatus,
            report_id: Some(id),
            detail: "baru -> ditinjau".into(),
        }],
        ..Batch::default()
    };
    db.store
        .write(&batch)
        .await
        .expect_err("the audit entry cannot be appended");
    let meta = db.store.report_meta(&id).await.unwrap();
    assert_eq!(meta.status, Status::Baru, "the change was rolled back");
    assert!(db.store.events_of(&id).await.unwrap().is_empty());
}
