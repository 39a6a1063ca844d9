//! Messages from the task force to a reporter, limited so that they can
//! never be turned against her: a few a day, one notice for all of them.

use chrono::Utc;

use super::{CaseError, MAX_MESSAGE_CHARS, checked_text, event_at};
use crate::crypto::ServerKey;
use crate::crypto::fields::{ReporterChat, ToReporter};
use crate::domain::audit::AuditAction;
use crate::domain::casework::EventKind;
use crate::domain::role::Permission;
use crate::i18n::Lang;
use crate::service::access::{Actor, Opened};
use crate::service::outbox::{Destination, OutAction, TELEGRAM, sealed_row};
use crate::store::{AuditDraft, Batch, MessageBody, NewMessage, ReportEvent, ReportMeta, Store};

/// How many messages one reporter may get from the task force in a day:
/// each puts a notice on her phone, which someone else may see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MessageLimit {
    pub per_day: u32,
}

impl Default for MessageLimit {
    fn default() -> Self {
        Self { per_day: 3 }
    }
}

/// A message to the reporter: stored sealed under the server key (the bot
/// shows it when she asks), and a neutral notice queued for her chat.
pub async fn message_reporter(
    store: &dyn Store,
    server_key: &ServerKey,
    who: &Actor<'_>,
    opened: &Opened,
    text: &str,
    (lang, limit): (Lang, MessageLimit),
) -> Result<(), CaseError> {
    if !who.worker.role.may(Permission::ActOnReports) {
        return Err(CaseError::NotFound);
    }
    opened.report_key()?;
    let to = (&opened.meta, who.worker.id.as_str());
    queue_limited(store, server_key, to, text, (lang, limit)).await
}

/// [`queue_limited`] with the default limit.
pub async fn queue_message(
    store: &dyn Store,
    server_key: &ServerKey,
    meta: &ReportMeta,
    author: &str,
    text: &str,
    lang: Lang,
) -> Result<(), CaseError> {
    let limit = MessageLimit::default();
    queue_limited(store, server_key, (meta, author), text, (lang, limit)).await
}

/// Stores `author`'s message to the reporter of `meta` with its notice,
/// timeline event and audit entry, once the caller has checked that
/// `author` may write it.
///
/// Fair to her: at most `limit.per_day` messages reach one reporter (all
/// her reports together) in 24 hours, and while a notice to her chat is
/// still waiting in the outbox no second one is queued: one notice says
/// "there is news", however many messages are behind it.
pub async fn queue_limited(
    store: &dyn Store,
    server_key: &ServerKey,
    (meta, author): (&ReportMeta, &str),
    text: &str,
    (lang, limit): (Lang, MessageLimit),
) -> Result<(), CaseError> {
    let text = checked_text(text, MAX_MESSAGE_CHARS).ok_or(CaseError::TextNeeded)?;
    let day_ago = Utc::now() - chrono::Duration::hours(24);
    if store.messages_to_reporter_since(&meta.id, day_ago).await? >= i64::from(limit.per_day) {
        return Err(CaseError::TooManyMessages);
    }
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
    let waiting = !chat_key.is_empty() && store.notice_pending(&chat_key).await?;
    let notice = if waiting {
        None
    } else {
        Some(sealed_row(
            server_key,
            format!("notice:{id}"),
            &to,
            &OutAction::Notice { lang },
            at,
        )?)
    };
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
        outbox: notice.into_iter().collect(),
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
