//! What the outbox carries, channel-free: every message to a reporter or
//! to the task force's group is an [`OutAction`] in a sealed row, queued in
//! the same transaction as the change that caused it. A channel's sender
//! (`bot::sender` for Telegram) opens rows and turns them into its calls.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::conversation::Keyboard;
use crate::crypto::fields::{OutboxChat, OutboxPayload};
use crate::crypto::{CryptoError, ServerKey};
use crate::domain::ViolenceType;
use crate::domain::urgency::Urgency;
use crate::i18n::Lang;
use crate::store::{NewOutbox, OutboxItem};

/// The channel every row goes through today.
pub const TELEGRAM: &str = "telegram";

/// One thing to do on a chat's screen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "do", rename_all = "snake_case")]
pub enum OutAction {
    /// A new message.
    Send {
        text: String,
        keyboard: Option<Keyboard>,
        protect: bool,
    },
    /// Replace the text (and buttons) of a message the bot sent.
    Edit {
        message: i64,
        text: String,
        keyboard: Option<Keyboard>,
    },
    /// Replace the message another row of this chat sent (the receipt
    /// takes the place of "Sending…"). An edit shows once however often it
    /// is repeated, so a receipt is never shown twice.
    EditRow {
        row: String,
        text: String,
        keyboard: Option<Keyboard>,
    },
    /// Quick exit: delete `ids` and every message the outbox sent to this
    /// chat in the last 48 hours.
    Erase { ids: Vec<i64> },
    /// Delete these messages (one she typed a code into).
    Delete { ids: Vec<i64> },
    /// The neutral notice that there is news; its words are chosen at send
    /// time from the locales, so it never carries content.
    Notice { lang: Lang },
    /// A content-free alert to the task force's group.
    Alert(AlertPayload),
}

impl OutAction {
    /// The row's kind, in clear: what it does, never what it says.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Send { .. } => "send",
            Self::Edit { .. } => "edit",
            Self::EditRow { .. } => "edit_row",
            Self::Erase { .. } => "erase",
            Self::Delete { .. } => "delete",
            Self::Notice { .. } => "notice",
            Self::Alert(_) => "alert",
        }
    }
}

/// Where a row goes and in which queue.
pub struct Destination<'a> {
    pub channel: &'a str,
    /// The channel's address of the chat (a Telegram chat id).
    pub chat: i64,
    /// The keyed hash of her chat; empty for the group.
    pub chat_key: &'a [u8],
    pub priority: i64,
}

/// What an alert carries: clear metadata only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlertPayload {
    pub short_id: String,
    pub urgency: Urgency,
    pub types: Vec<ViolenceType>,
    pub area: Option<String>,
    /// The report matched the watchlist (which, is never said).
    #[serde(default)]
    pub watch: bool,
}

/// A row to queue: the chat and the action are sealed under the server
/// key, bound to the row's `dedup_key`, so a repeated key queues nothing
/// twice.
pub fn sealed_row(
    key: &ServerKey,
    dedup_key: String,
    to: &Destination<'_>,
    action: &OutAction,
    not_before: DateTime<Utc>,
) -> Result<NewOutbox, CryptoError> {
    let bytes = zeroize::Zeroizing::new(
        serde_json::to_vec(action).map_err(|_| CryptoError::InvalidInput("outbox action"))?,
    );
    Ok(NewOutbox {
        chat: key.seal::<OutboxChat>(&dedup_key, to.chat.to_string().as_bytes())?,
        payload: key.seal::<OutboxPayload>(&dedup_key, &bytes)?,
        dedup_key: Some(dedup_key),
        channel: to.channel.to_owned(),
        chat_key: to.chat_key.to_vec(),
        priority: to.priority,
        kind: action.kind().to_owned(),
        not_before,
    })
}

/// Opens a row: its chat address and its action.
pub fn open_row(key: &ServerKey, item: &OutboxItem) -> Result<(i64, OutAction), CryptoError> {
    let context = item.dedup_key.clone().unwrap_or_default();
    let chat = key.open::<OutboxChat>(&context, &item.chat)?;
    let chat = std::str::from_utf8(&chat)
        .ok()
        .and_then(|c| c.parse().ok())
        .ok_or(CryptoError::InvalidInput("outbox chat"))?;
    let payload = key.open::<OutboxPayload>(&context, &item.payload)?;
    let action =
        serde_json::from_slice(&payload).map_err(|_| CryptoError::InvalidInput("outbox action"))?;
    Ok((chat, action))
}
