//! The retention limit: a report closed long enough ago is destroyed —
//! its sealed keys, ciphertexts and rows in one transaction — and the
//! destruction is recorded in the audit log (ids only).

use chrono::{DateTime, Duration, Utc};

use crate::domain::audit::AuditAction;
use crate::store::{AuditDraft, Store, StoreError};

const BATCH: i64 = 100;

/// Destroys reports closed more than `days` before `now`; returns how many.
/// `days == 0` keeps everything.
pub async fn destroy_expired_reports(
    store: &dyn Store,
    days: u32,
    now: DateTime<Utc>,
) -> Result<usize, StoreError> {
    if days == 0 {
        return Ok(0);
    }
    let before = now - Duration::days(i64::from(days));
    let mut destroyed = 0;
    loop {
        let due = store.reports_closed_before(before, BATCH).await?;
        if due.is_empty() {
            return Ok(destroyed);
        }
        for id in due {
            let audit = AuditDraft {
                at: now,
                actor: "retention".into(),
                action: AuditAction::ReportDestroyed,
                report_id: Some(id),
                detail: format!("closed more than {days} days ago"),
            };
            match store.delete_report(&id, &audit).await {
                Ok(()) => destroyed += 1,
                Err(StoreError::NotFound) => {}
                Err(err) => return Err(err),
            }
        }
    }
}
