//! Messages from a case worker to a reporter. The text is sealed under the
//! server key (the bot shows it to her when she asks with /pesan); what
//! reaches her phone unprompted is only a neutral notice, sent through the
//! outbox.

use chrono::{DateTime, Utc};

use crate::bot::effects::FIELD_TO_REPORTER;
use crate::bot::outbox::{FIELD_CHAT, FIELD_PAYLOAD, KIND_NOTICE, NoticePayload};
use crate::crypto::{CryptoError, ServerKey};
use crate::domain::ReportId;
use crate::i18n::Lang;
use crate::service::submit::field;
use crate::store::{AuditDraft, Direction, NewMessage, NewOutbox, Store, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum MessageError {
    #[error("she chose not to be contacted")]
    NotContactable,
    #[error("the message is empty")]
    Empty,
    #[error(transparent)]
    Crypto(#[from] CryptoError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Stores a message for the reporter and queues the neutral notice.
#[tracing::instrument(skip_all, fields(report.id = %report))]
pub async fn send_to_reporter(
    store: &dyn Store,
    key: &ServerKey,
    report: &ReportId,
    author: &str,
    text: &str,
    lang: Lang,
    at: DateTime<Utc>,
) -> Result<(), MessageError> {
    if text.trim().is_empty() {
        return Err(MessageError::Empty);
    }
    let meta = store.report_meta(report).await?;
    let chat_sealed = store.report_chat(report).await?;
    let (true, Some(chat_sealed)) = (meta.contact_allowed, chat_sealed) else {
        return Err(MessageError::NotContactable);
    };
    let chat = key.open(&report.to_string(), field::CHAT, &chat_sealed)?;
    let id = uuid::Uuid::new_v4().to_string();
    store
        .insert_message(&NewMessage {
            id: id.clone(),
            report_id: *report,
            direction: Direction::ToReporter,
            author_id: Some(author.to_owned()),
            body: key.seal(
                &format!("{report}/{id}"),
                FIELD_TO_REPORTER,
                text.as_bytes(),
            )?,
            created_at: at,
        })
        .await?;
    let outbox_key = format!("notice:{id}");
    let payload = serde_json::to_vec(&NoticePayload { lang }).unwrap_or_default();
    store
        .enqueue_outbox(&NewOutbox {
            dedup_key: Some(outbox_key.clone()),
            kind: KIND_NOTICE.into(),
            chat: key.seal(&outbox_key, FIELD_CHAT, &chat)?,
            payload: key.seal(&outbox_key, FIELD_PAYLOAD, &payload)?,
            not_before: at,
        })
        .await?;
    store
        .append_audit(&AuditDraft {
            at,
            actor: author.to_owned(),
            action: "message.sent".into(),
            report_id: Some(*report),
            detail: String::new(),
        })
        .await?;
    Ok(())
}
