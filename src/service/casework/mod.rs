//! What a case worker does to a report: change its status (with a reason),
//! assign it, write a private note, message the reporter, refer it to a
//! partner agency. Each function checks the rule, builds the change with
//! its timeline event and audit entry, and writes them in one transaction.
//! The console's handlers only parse forms and call these.

mod message;
mod referral;

pub use message::{MessageLimit, message_reporter, queue_limited, queue_message};
pub use referral::{ReferralForm, agencies, refer};

use chrono::{DateTime, Utc};

use super::access::{AccessError, Actor, Opened};
use crate::crypto::fields::EventBody;
use crate::crypto::{CryptoError, ReportKey, seal_report_key};
use crate::domain::audit::AuditAction;
use crate::domain::casework::EventKind;
use crate::domain::report::Status;
use crate::domain::role::Permission;
use crate::store::{
    Assignment, AuditDraft, Batch, KeyGrant, Recipient, ReportEvent, ReportMeta, StatusMove, Store,
    StoreError, Worker,
};

/// Longest reason or note, in characters.
pub const MAX_NOTE_CHARS: usize = 4000;
/// Longest message to a reporter, in characters.
pub const MAX_MESSAGE_CHARS: usize = 2000;

/// Why a case action was refused. The console shows each as a notice.
#[derive(Debug, thiserror::Error)]
pub enum CaseError {
    /// Not this worker's report, or not their action: "not found".
    #[error("not found")]
    NotFound,
    #[error("a reason is needed")]
    ReasonNeeded,
    #[error("a text is needed")]
    TextNeeded,
    #[error("that status change is not allowed")]
    InvalidStatus,
    /// Someone changed the report first; the form was stale.
    #[error("the report changed meanwhile")]
    Stale,
    #[error("no such assignee")]
    UnknownAssignee,
    #[error("she chose not to be contacted")]
    NotContactable,
    #[error("no active liaison in that agency")]
    UnknownAgency,
    #[error("choose what to share")]
    NothingShared,
    /// A referral to the police without her yes to telling the police.
    #[error("she did not allow the police to be told")]
    PoliceNotAllowed,
    /// She already got the most messages allowed in a day.
    #[error("the daily limit of messages to her is reached")]
    TooManyMessages,
    #[error("sealing failed: {0}")]
    Crypto(#[from] CryptoError),
    #[error(transparent)]
    Access(AccessError),
    #[error(transparent)]
    Store(StoreError),
}

impl From<StoreError> for CaseError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::Stale => CaseError::Stale,
            StoreError::NotFound => CaseError::NotFound,
            other => CaseError::Store(other),
        }
    }
}

impl From<AccessError> for CaseError {
    fn from(err: AccessError) -> Self {
        match err {
            AccessError::NotFound => CaseError::NotFound,
            other => CaseError::Access(other),
        }
    }
}

pub(super) fn event(
    meta: &ReportMeta,
    who: &Worker,
    kind: EventKind,
    at: DateTime<Utc>,
) -> ReportEvent {
    ReportEvent {
        actor_id: Some(who.id.clone()),
        ..event_at(meta, kind, at)
    }
}

pub(super) fn event_at(meta: &ReportMeta, kind: EventKind, at: DateTime<Utc>) -> ReportEvent {
    ReportEvent {
        id: uuid::Uuid::now_v7().to_string(),
        report_id: meta.id,
        at,
        actor_id: None,
        kind,
        from_status: None,
        to_status: None,
        subject: None,
        body: None,
    }
}

pub(super) fn audit(
    who: &Worker,
    action: AuditAction,
    meta: &ReportMeta,
    detail: String,
    at: DateTime<Utc>,
) -> AuditDraft {
    AuditDraft {
        at,
        actor: who.id.clone(),
        action,
        report_id: Some(meta.id),
        detail,
    }
}

/// Seals a reason or note with the report key, bound to its event.
fn seal_body(key: &ReportKey, e: &mut ReportEvent, text: &str) -> Result<(), CryptoError> {
    let context = format!("{}/{}", e.report_id, e.id);
    e.body = Some(key.seal::<EventBody>(&context, text.as_bytes())?);
    Ok(())
}

pub(super) fn checked_text(text: &str, max: usize) -> Option<&str> {
    let text = text.trim();
    (!text.is_empty() && text.chars().count() <= max).then_some(text)
}

/// A status change with its reason: event, change and audit entry.
pub(super) fn status_change(
    opened: &Opened,
    key: &ReportKey,
    who: &Worker,
    (from, to): (Status, Status),
    reason: &str,
    at: DateTime<Utc>,
    batch: &mut Batch,
) -> Result<(), CaseError> {
    if from.transition(to).is_err() {
        return Err(CaseError::InvalidStatus);
    }
    let mut e = event(&opened.meta, who, EventKind::Status, at);
    e.from_status = Some(from);
    e.to_status = Some(to);
    seal_body(key, &mut e, reason)?;
    batch.statuses.push(StatusMove {
        report_id: opened.meta.id,
        from,
        to,
        at,
    });
    batch.events.push(e);
    batch.audit.push(audit(
        who,
        AuditAction::ReportStatus,
        &opened.meta,
        format!("{from} -> {to}"),
        at,
    ));
    Ok(())
}

/// Moves the report from `from` (the status the form showed) to `to`.
pub async fn change_status(
    store: &dyn Store,
    who: &Actor<'_>,
    opened: &Opened,
    (from, to): (Status, Status),
    reason: &str,
) -> Result<(), CaseError> {
    if !who.worker.role.may(Permission::ActOnReports) {
        return Err(CaseError::NotFound);
    }
    let key = opened.report_key()?;
    let reason = checked_text(reason, MAX_NOTE_CHARS).ok_or(CaseError::ReasonNeeded)?;
    if from != opened.meta.status {
        return Err(CaseError::Stale);
    }
    let mut batch = Batch::default();
    status_change(
        opened,
        key,
        who.worker,
        (from, to),
        reason,
        Utc::now(),
        &mut batch,
    )?;
    store.write(&batch).await?;
    Ok(())
}

/// The active koordinator and petugas a report may be assigned to: those
/// who would have been sealed it at submission.
pub fn assignable<'w>(workers: &'w [Worker], meta: &ReportMeta) -> Vec<&'w Worker> {
    (workers.iter())
        .filter(|w| w.entitled_to(meta.area.as_ref()))
        .collect()
}

/// Gives the report to `to` (an account id), or takes it back (`None`). A
/// koordinator assigns anyone entitled; a petugas only takes an unassigned
/// report for themselves. The assignee is sealed the report key.
pub async fn assign(
    store: &dyn Store,
    who: &Actor<'_>,
    opened: &Opened,
    to: Option<&str>,
) -> Result<(), CaseError> {
    let key = opened.report_key()?;
    let meta = &opened.meta;
    let workers = store.workers().await?;
    let assignee = match to {
        None => None,
        Some(id) => Some(
            assignable(&workers, meta)
                .into_iter()
                .find(|w| w.id == id)
                .ok_or(CaseError::UnknownAssignee)?,
        ),
    };
    let me = &who.worker.id;
    let allowed = who.worker.role.may(Permission::AssignOthers)
        || (who.worker.role.may(Permission::TakeReports)
            && meta.assigned_to.is_none()
            && assignee.is_some_and(|a| &a.id == me));
    if !allowed {
        return Err(CaseError::NotFound);
    }
    let at = Utc::now();
    let mut batch = Batch::default();
    if let Some(a) = assignee {
        batch.grants.push(KeyGrant {
            report_id: meta.id,
            recipient: Recipient::Worker(a.id.clone()),
            key: seal_report_key(key, &a.public_key, &meta.id.to_string())?,
            granted_by: Some(me.clone()),
            at,
        });
    }
    batch.assignments.push(Assignment {
        report_id: meta.id,
        to: assignee.map(|a| a.id.clone()),
        at,
    });
    let mut e = event(meta, who.worker, EventKind::Assigned, at);
    e.subject = assignee.map(|a| a.id.clone());
    batch.events.push(e);
    let detail = assignee
        .map(|a| format!("to {}", a.id))
        .unwrap_or_else(|| "unassigned".into());
    batch.audit.push(audit(
        who.worker,
        AuditAction::ReportAssigned,
        meta,
        detail,
        at,
    ));
    store.write(&batch).await?;
    Ok(())
}

/// A private note on the timeline, sealed with the report key.
pub async fn add_note(
    store: &dyn Store,
    who: &Actor<'_>,
    opened: &Opened,
    text: &str,
) -> Result<(), CaseError> {
    if !who.worker.role.may(Permission::ActOnReports) {
        return Err(CaseError::NotFound);
    }
    let key = opened.report_key()?;
    let text = checked_text(text, MAX_NOTE_CHARS).ok_or(CaseError::TextNeeded)?;
    let at = Utc::now();
    let mut e = event(&opened.meta, who.worker, EventKind::Note, at);
    seal_body(key, &mut e, text)?;
    let batch = Batch {
        events: vec![e],
        audit: vec![audit(
            who.worker,
            AuditAction::ReportNote,
            &opened.meta,
            String::new(),
            at,
        )],
        ..Batch::default()
    };
    store.write(&batch).await?;
    Ok(())
}
