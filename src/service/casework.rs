//! What a case worker does to a report: change its status (with a reason),
//! assign it, write a private note, message the reporter, refer it to a
//! partner agency. Each function checks the rule, builds the change with
//! its timeline event and audit entry, and writes them in one transaction.
//! The console's handlers only parse forms and call these.

use chrono::{DateTime, Utc};

use super::access::{AccessError, Actor, Opened};
use super::outbox::{Destination, OutAction, TELEGRAM, sealed_row};
use crate::crypto::fields::{EventBody, ReferralPayload, ReporterChat, ToReporter};
use crate::crypto::{CryptoError, ReportKey, ServerKey, seal_report_key};
use crate::domain::audit::AuditAction;
use crate::domain::casework::{EventKind, ShareField};
use crate::domain::report::Status;
use crate::domain::role::{Permission, Role};
use crate::i18n::Lang;
use crate::store::{
    Assignment, AuditDraft, Batch, KeyGrant, MessageBody, NewMessage, NewReferral, Recipient,
    Referral, ReferralGrant, ReportEvent, ReportMeta, StatusMove, Store, StoreError, Worker,
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

fn event(meta: &ReportMeta, who: &Worker, kind: EventKind, at: DateTime<Utc>) -> ReportEvent {
    ReportEvent {
        actor_id: Some(who.id.clone()),
        ..event_at(meta, kind, at)
    }
}

fn event_at(meta: &ReportMeta, kind: EventKind, at: DateTime<Utc>) -> ReportEvent {
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

fn audit(
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

fn checked_text(text: &str, max: usize) -> Option<&str> {
    let text = text.trim();
    (!text.is_empty() && text.chars().count() <= max).then_some(text)
}

/// A status change with its reason: event, change and audit entry.
fn status_change(
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

/// A message to the reporter: stored sealed under the server key (the bot
/// shows it when she asks), and a neutral notice queued for her chat.
pub async fn message_reporter(
    store: &dyn Store,
    server_key: &ServerKey,
    who: &Actor<'_>,
    opened: &Opened,
    text: &str,
    lang: Lang,
) -> Result<(), CaseError> {
    if !who.worker.role.may(Permission::ActOnReports) {
        return Err(CaseError::NotFound);
    }
    opened.report_key()?;
    queue_message(store, server_key, &opened.meta, &who.worker.id, text, lang).await
}

/// Stores `author`'s message to the reporter of `meta` with its notice,
/// timeline event and audit entry, once the caller has checked that
/// `author` may write it.
pub async fn queue_message(
    store: &dyn Store,
    server_key: &ServerKey,
    meta: &ReportMeta,
    author: &str,
    text: &str,
    lang: Lang,
) -> Result<(), CaseError> {
    let text = checked_text(text, MAX_MESSAGE_CHARS).ok_or(CaseError::TextNeeded)?;
    let chat_sealed = store.report_chat(&meta.id).await?;
    let (true, Some(chat_sealed)) = (meta.contact_allowed, chat_sealed) else {
        return Err(CaseError::NotContactable);
    };
    let chat = server_key.open::<ReporterChat>(&meta.id.to_string(), &chat_sealed)?;
    let chat: i64 = std::str::from_utf8(&chat)
        .ok()
        .and_then(|c| c.parse().ok())
        .ok_or(CaseError::NotContactable)?;
    let at = Utc::now();
    let id = uuid::Uuid::new_v4().to_string();
    let body = server_key.seal::<ToReporter>(&format!("{}/{id}", meta.id), text.as_bytes())?;
    let chat_key = store.report_chat_key(&meta.id).await?.unwrap_or_default();
    let to = Destination {
        channel: TELEGRAM,
        chat,
        chat_key: &chat_key,
        priority: 0,
    };
    let notice = sealed_row(
        server_key,
        format!("notice:{id}"),
        &to,
        &OutAction::Notice { lang },
        at,
    )?;
    let e = ReportEvent {
        actor_id: Some(author.to_owned()),
        ..event_at(meta, EventKind::Message, at)
    };
    let batch = Batch {
        messages: vec![NewMessage {
            id,
            report_id: meta.id,
            author_id: Some(author.to_owned()),
            body: MessageBody::ToReporter(body),
            created_at: at,
        }],
        outbox: vec![notice],
        events: vec![e],
        audit: vec![AuditDraft {
            at,
            actor: author.to_owned(),
            action: AuditAction::MessageSent,
            report_id: Some(meta.id),
            detail: String::new(),
        }],
        ..Batch::default()
    };
    store.write(&batch).await?;
    Ok(())
}

/// The partner agencies a report can be referred to: those with an active
/// liaison account.
pub fn agencies(workers: &[Worker]) -> Vec<&str> {
    let mut out: Vec<&str> = (workers.iter())
        .filter(|w| w.role == Role::Mitra && !w.disabled)
        .filter_map(|w| w.agency.as_deref())
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Refers the report to `agency`, sharing `fields` (already cut from the
/// report by the caller into `shared`): the shared part is sealed under a
/// fresh referral key, sealed to each of the agency's liaisons. The report
/// moves to "dirujuk" along the workflow (a new one is reviewed first),
/// each step with the reason and its audit entry.
pub async fn refer(
    store: &dyn Store,
    who: &Actor<'_>,
    opened: &Opened,
    agency: &str,
    fields: &[ShareField],
    shared: &impl serde::Serialize,
    reason: &str,
) -> Result<(), CaseError> {
    if !who.worker.role.may(Permission::ActOnReports) {
        return Err(CaseError::NotFound);
    }
    let key = opened.report_key()?;
    if fields.is_empty() {
        return Err(CaseError::NothingShared);
    }
    let liaisons: Vec<Worker> = (store.workers().await?.into_iter())
        .filter(|w| w.role == Role::Mitra && !w.disabled && w.agency.as_deref() == Some(agency))
        .collect();
    if liaisons.is_empty() {
        return Err(CaseError::UnknownAgency);
    }
    let meta = &opened.meta;
    let at = Utc::now();
    let referral_id = uuid::Uuid::now_v7().to_string();
    let referral_key = ReportKey::generate();
    let plain = zeroize::Zeroizing::new(
        serde_json::to_vec(shared).map_err(|_| CryptoError::InvalidInput("referral payload"))?,
    );
    let grants = (liaisons.iter())
        .map(|w| {
            Ok(ReferralGrant {
                worker_id: w.id.clone(),
                key: seal_report_key(&referral_key, &w.public_key, &referral_id)?,
            })
        })
        .collect::<Result<Vec<_>, CryptoError>>()?;
    let referral = Referral {
        id: referral_id.clone(),
        report_id: meta.id,
        agency: agency.to_owned(),
        fields: fields.to_vec(),
        referred_by: Some(who.worker.id.clone()),
        at,
        payload: referral_key.seal::<ReferralPayload>(&referral_id, &plain)?,
    };
    let mut batch = Batch::default();
    batch.referrals.push(NewReferral { referral, grants });
    let mut e = event(meta, who.worker, EventKind::Referred, at);
    e.subject = Some(agency.to_owned());
    batch.events.push(e);
    batch.audit.push(audit(
        who.worker,
        AuditAction::ReportReferred,
        meta,
        format!("to agency {agency}; fields {}", ShareField::join(fields)),
        at,
    ));
    let path: &[Status] = if meta.status == Status::Baru {
        &[Status::Ditinjau, Status::Dirujuk]
    } else {
        &[Status::Dirujuk]
    };
    let mut from = meta.status;
    for to in path.iter().copied() {
        if !from.can_transition_to(to) {
            break;
        }
        status_change(opened, key, who.worker, (from, to), reason, at, &mut batch)?;
        from = to;
    }
    store.write(&batch).await?;
    Ok(())
}
