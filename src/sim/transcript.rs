//! Chat transcripts (both directions, in order, with deleted/edited flags
//! and callback answers) and waiting for bot messages without sleeping.

use std::time::{Duration, Instant};

use serde::Serialize;
use serde_json::Value;

use super::error::SimError;
use super::state::{ChatKind, MsgRec, SimState};

/// Who sent a transcript entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// A user wrote it (to the bot).
    FromUser,
    /// The bot wrote it.
    FromBot,
}

/// One message in a transcript.
#[derive(Debug, Clone, Serialize)]
pub struct TranscriptEntry {
    /// Who sent it.
    pub direction: Direction,
    /// Message id.
    pub message_id: i64,
    /// Simulated unix time.
    pub date: i64,
    /// text, photo, voice, document, sticker, location, contact, forwarded, ...
    pub kind: String,
    /// Sender's first name.
    pub from_name: String,
    /// Current text.
    pub text: Option<String>,
    /// Current caption.
    pub caption: Option<String>,
    /// Inline keyboard, if any.
    pub reply_markup: Option<Value>,
    /// Deleted by the bot.
    pub deleted: bool,
    /// Edited.
    pub edited: bool,
    /// protect_content was set.
    pub protect_content: bool,
    /// disable_notification was set.
    pub disable_notification: bool,
    /// answerCallbackQuery calls for presses on this message's buttons.
    pub callback_answers: Vec<Value>,
    /// The full Message object as the Bot API knows it.
    pub message: Value,
}

/// A chat's history plus what the chat screen shows right now.
#[derive(Debug, Clone, Serialize)]
pub struct Transcript {
    /// Chat id.
    pub chat_id: i64,
    /// Private or group.
    pub kind: ChatKind,
    /// Group title.
    pub title: Option<String>,
    /// Current chat action ("typing") if sent within the last 5 seconds.
    pub action: Option<String>,
    /// Reply keyboard currently shown at the bottom.
    pub reply_keyboard: Option<Value>,
    /// Messages in order.
    pub entries: Vec<TranscriptEntry>,
}

fn entry(m: &MsgRec) -> TranscriptEntry {
    let s = |k: &str| m.json.get(k).and_then(Value::as_str).map(str::to_owned);
    TranscriptEntry {
        direction: if m.from_bot {
            Direction::FromBot
        } else {
            Direction::FromUser
        },
        message_id: m.message_id,
        date: m.date,
        kind: m.kind.clone(),
        from_name: m.json["from"]["first_name"]
            .as_str()
            .unwrap_or("")
            .to_owned(),
        text: s("text"),
        caption: s("caption"),
        reply_markup: m.json.get("reply_markup").cloned(),
        deleted: m.deleted,
        edited: m.edited,
        protect_content: m.protect_content,
        disable_notification: m.disable_notification,
        callback_answers: m.callback_answers.clone(),
        message: m.json.clone(),
    }
}

impl SimState {
    /// Transcript of a chat.
    pub fn transcript(&self, chat_id: i64) -> Result<Transcript, SimError> {
        let inner = self.lock();
        let chat = inner
            .chats
            .get(&chat_id)
            .ok_or(SimError::UnknownChat(chat_id))?;
        let action = chat
            .action_until
            .as_ref()
            .filter(|(until, _)| *until > Instant::now())
            .map(|(_, a)| a.clone());
        Ok(Transcript {
            chat_id,
            kind: chat.kind,
            title: chat.title.clone(),
            action,
            reply_keyboard: chat.reply_keyboard.clone(),
            entries: chat.messages.iter().map(entry).collect(),
        })
    }

    /// Waits until `check` returns `Some`, re-checking on every state change.
    pub async fn wait_until<T>(
        &self,
        what: &str,
        timeout: Duration,
        mut check: impl FnMut(&SimState) -> Option<T>,
    ) -> Result<T, SimError> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let notified = self.changed.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            if let Some(v) = check(self) {
                return Ok(v);
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                return check(self).ok_or_else(|| SimError::Timeout(what.to_owned()));
            }
        }
    }

    /// Waits for the newest bot message in `chat_id` matching `pred`.
    pub async fn wait_for_bot_message(
        &self,
        chat_id: i64,
        pred: impl Fn(&TranscriptEntry) -> bool,
        timeout: Duration,
    ) -> Result<TranscriptEntry, SimError> {
        self.wait_until("a matching bot message", timeout, |s| {
            let t = s.transcript(chat_id).ok()?;
            t.entries
                .into_iter()
                .rev()
                .find(|e| e.direction == Direction::FromBot && pred(e))
        })
        .await
    }
}
