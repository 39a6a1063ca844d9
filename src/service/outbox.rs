//! What the outbox carries, channel-free: the kinds of row, their payloads,
//! and how a row is sealed. The Telegram sender (`bot::outbox`) opens rows
//! and turns them into Bot API calls; services only queue them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::crypto::fields::{OutboxChat, OutboxPayload};
use crate::crypto::{CryptoError, ServerKey};
use crate::domain::ViolenceType;
use crate::domain::urgency::Urgency;
use crate::i18n::Lang;
use crate::store::NewOutbox;

/// The kind of a neutral "there is news for you" notice to a reporter.
pub const KIND_NOTICE: &str = "notice";
/// The kind of a content-free alert to the task force's group.
pub const KIND_ALERT: &str = "alert";

/// What a notice carries: only her language. The text is chosen at send
/// time from the locales, so it can never include report content.
#[derive(Debug, Serialize, Deserialize)]
pub struct NoticePayload {
    pub lang: Lang,
}

/// What an alert carries: clear metadata only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlertPayload {
    pub short_id: String,
    pub urgency: Urgency,
    pub types: Vec<ViolenceType>,
    pub area: Option<String>,
}

/// A row to queue: `chat` and `payload` are sealed under the server key,
/// bound to the row's `dedup_key`, so a repeated key queues nothing twice.
pub fn sealed_row(
    key: &ServerKey,
    dedup_key: String,
    kind: &str,
    chat: i64,
    payload: &impl Serialize,
    not_before: DateTime<Utc>,
) -> Result<NewOutbox, CryptoError> {
    let bytes = zeroize::Zeroizing::new(serde_json::to_vec(payload).unwrap_or_default());
    Ok(NewOutbox {
        chat: key.seal::<OutboxChat>(&dedup_key, chat.to_string().as_bytes())?,
        payload: key.seal::<OutboxPayload>(&dedup_key, &bytes)?,
        dedup_key: Some(dedup_key),
        kind: kind.to_owned(),
        not_before,
    })
}
