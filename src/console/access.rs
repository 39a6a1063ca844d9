//! Opening a report from the console: the rule lives in
//! `service::access` (access follows the keys); this adds the console's
//! error and the audit helper.

use std::collections::HashMap;

use chrono::Utc;

use crate::domain::ReportId;
use crate::domain::audit::AuditAction;
use crate::service::access::{AccessError, Actor};
use crate::store::{AuditDraft, Worker};

use super::ConsoleState;
use super::auth::Signed;
use super::web::ConsoleError;

pub use crate::service::access::{Access, Opened};

impl Signed {
    /// The signed-in worker as the services see them.
    pub fn actor(&self) -> Actor<'_> {
        Actor {
            worker: &self.worker,
            key: &self.key,
        }
    }
}

impl From<AccessError> for ConsoleError {
    fn from(err: AccessError) -> Self {
        match err {
            AccessError::NotFound => ConsoleError::NotFound,
            AccessError::Store(e) => ConsoleError::Store(e),
            other => ConsoleError::internal(other),
        }
    }
}

/// Opens report `id` for `who`, or answers "not found".
pub async fn open(state: &ConsoleState, who: &Signed, id: &str) -> Result<Opened, ConsoleError> {
    Ok(crate::service::access::open(state.store.as_ref(), &who.actor(), id).await?)
}

/// Usernames by account id, for showing who did what.
pub fn worker_names(workers: &[Worker]) -> HashMap<String, String> {
    (workers.iter())
        .map(|w| (w.id.clone(), w.username.clone()))
        .collect()
}

/// Appends what `who` did to the audit chain (for reads: opening a report,
/// a file, an export; changes carry their own entry in their transaction).
pub async fn audit(
    state: &ConsoleState,
    who: &Signed,
    action: AuditAction,
    report: Option<ReportId>,
    detail: String,
) -> Result<(), ConsoleError> {
    state
        .store
        .append_audit(&AuditDraft {
            at: Utc::now(),
            actor: who.worker.id.clone(),
            action,
            report_id: report,
            detail,
        })
        .await?;
    Ok(())
}
