//! Sends the outbox over the Bot API. A chat's rows go out one at a time
//! and in order (the store hands out only a chat's oldest pending row);
//! different chats go out side by side. A row is claimed, which records the
//! attempt, before anything is sent; its outcome is recorded after.
//!
//! What "sent" means per action, and what may in the worst case show twice,
//! is in docs/reliability.md: edits and deletions can be repeated without a
//! trace; a new message whose answer was lost is sent again, so a question
//! or a neutral notice may appear twice, never a receipt (it is an edit).

use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::Utc;
use teloxide::payloads::{
    DeleteMessages, EditMessageText, EditMessageTextSetters, SendMessage, SendMessageSetters,
};
use teloxide::types::{ChatId, InlineKeyboardButton, InlineKeyboardMarkup, Message, MessageId};
use tokio::sync::{Notify, Semaphore};

use super::api::{Api, CallError};
use super::pacer::Pacer;
use crate::conversation::Keyboard;
use crate::crypto::ServerKey;
use crate::i18n::Locales;
use crate::service::alerts::alert_text;
use crate::service::outbox::{OutAction, open_row};
use crate::store::{OutboxItem, OutboxOutcome, Store};

/// How long one call may take before its answer counts as lost.
const CALL_TIMEOUT: Duration = Duration::from_secs(10);
/// A claimed row is someone else's to retry after this long.
const LEASE: Duration = Duration::from_secs(20);
/// Chats sent to at once.
const PARALLEL: usize = 32;
/// Chats with urgent rows sent at once, apart from the others.
const URGENT_PARALLEL: usize = 16;
/// Rows of one chat claimed together.
const BATCH: i64 = 8;
/// Attempts before a row is given up.
const MAX_ATTEMPTS: i64 = 40;
/// Telegram lets a bot delete messages of a private chat for 48 hours.
const DELETABLE: chrono::Duration = chrono::Duration::hours(48);

pub struct Sender {
    api: Api,
    pacer: Pacer,
    store: Arc<dyn Store>,
    key: Arc<ServerKey>,
    locales: Arc<Locales>,
    /// Chats a task of this process is sending to now.
    busy: Mutex<HashSet<Vec<u8>>>,
    slots: Semaphore,
    /// Slots for chats with help for a woman in danger to send.
    urgent_slots: Semaphore,
    wake: Notify,
}

impl Sender {
    pub fn new(
        api: Api,
        store: Arc<dyn Store>,
        key: Arc<ServerKey>,
        locales: Arc<Locales>,
        pace: super::pacer::Pace,
    ) -> Self {
        Self {
            api,
            pacer: Pacer::paced(pace),
            store,
            key,
            locales,
            busy: Mutex::new(HashSet::new()),
            slots: Semaphore::new(PARALLEL),
            urgent_slots: Semaphore::new(URGENT_PARALLEL),
            wake: Notify::new(),
        }
    }

    /// Sends what is due for one chat now (after an update was applied);
    /// `urgent` when that includes help for a woman in danger.
    pub fn flush(self: &Arc<Self>, chat_key: Vec<u8>, urgent: bool) {
        let me = self.clone();
        tokio::spawn(async move { me.drain(chat_key, None, urgent).await });
    }

    /// Wakes the loop: rows were queued outside an update (a notice).
    pub fn nudge(&self) {
        self.wake.notify_one();
    }

    /// Claims due rows of every chat until the task is aborted: retries,
    /// notices and alerts, and whatever a crash left behind.
    pub async fn run(self: Arc<Self>) {
        loop {
            let claimed = match self
                .store
                .claim_outbox(Utc::now(), LEASE, PARALLEL as i64, None)
                .await
            {
                Ok(items) => items,
                Err(err) => {
                    tracing::warn!(error = %err, "cannot claim the outbox");
                    Vec::new()
                }
            };
            let mut started = 0;
            for item in claimed {
                if self
                    .busy
                    .lock()
                    .expect("not poisoned")
                    .contains(&item.chat_key)
                {
                    // The task sending to this chat (perhaps waiting for
                    // Telegram's pace) will take the row. Given back due a
                    // second later, not at once: claimed again at once, the
                    // same rows came back in a tight loop, and rows of other
                    // chats behind them never got their turn.
                    let later = Utc::now() + chrono::Duration::seconds(1);
                    let _ = (self.store)
                        .finish_outbox(item.id, &OutboxOutcome::Release { at: later })
                        .await;
                    continue;
                }
                started += 1;
                let me = self.clone();
                let chat = item.chat_key.clone();
                let urgent = item.priority > 0;
                tokio::spawn(async move { me.drain(chat, Some(item), urgent).await });
            }
            if started == 0 {
                let _ =
                    tokio::time::timeout(Duration::from_millis(250), self.wake.notified()).await;
            }
        }
    }

    /// Sends `first` (if claimed already), then the chat's next rows.
    async fn drain(self: Arc<Self>, chat: Vec<u8>, mut first: Option<OutboxItem>, urgent: bool) {
        if !self.busy.lock().expect("not poisoned").insert(chat.clone()) {
            // Another task sends to this chat; it will see this row too.
            if let Some(item) = first {
                let _ = (self.store)
                    .finish_outbox(item.id, &OutboxOutcome::Release { at: Utc::now() })
                    .await;
            }
            return;
        }
        // The slots queue in arrival order: in a surge hundreds of chats
        // wait there for Telegram's pace. Help for a woman in danger takes
        // a slot of its own instead, then the pacer's next free token.
        let slots = if urgent {
            &self.urgent_slots
        } else {
            &self.slots
        };
        let _slot = slots.acquire().await;
        'chat: loop {
            let batch = match first.take() {
                Some(item) => vec![item],
                None => match self.store.claim_chat(&chat, Utc::now(), LEASE, BATCH).await {
                    Ok(items) if !items.is_empty() => items,
                    Ok(_) => break,
                    Err(err) => {
                        tracing::warn!(error = %err, "cannot claim the outbox");
                        break;
                    }
                },
            };
            let mut rest = batch.into_iter().peekable();
            while let Some(item) = rest.next() {
                let outcome = match rest.peek() {
                    // The same message again right after (a "saved" for each
                    // of many quick parts of her story): one on her screen
                    // says it, and the chat's one-a-second pace is not spent
                    // on repeats.
                    Some(next) if self.repeats(&item, next) => OutboxOutcome::Sent {
                        at: Utc::now(),
                        ids: Vec::new(),
                    },
                    _ => self.deliver(&item).await,
                };
                let delivered = matches!(
                    outcome,
                    OutboxOutcome::Sent { .. } | OutboxOutcome::Failed { .. }
                );
                if let Err(err) = self.store.finish_outbox(item.id, &outcome).await {
                    tracing::warn!(outbox.id = item.id, error = %err, "cannot record a delivery");
                    break 'chat;
                }
                if !delivered {
                    // Order holds: the rest of the chat waits for this one.
                    for later in rest {
                        let _ = (self.store)
                            .finish_outbox(later.id, &OutboxOutcome::Release { at: Utc::now() })
                            .await;
                    }
                    break 'chat;
                }
            }
        }
        self.busy.lock().expect("not poisoned").remove(&chat);
    }

    /// Whether `next` sends exactly what `item` would, as a new message.
    fn repeats(&self, item: &OutboxItem, next: &OutboxItem) -> bool {
        if item.priority > next.priority {
            return false;
        }
        match (open_row(&self.key, item), open_row(&self.key, next)) {
            (Ok((a_chat, a @ OutAction::Send { .. })), Ok((b_chat, b))) => {
                a_chat == b_chat && a == b
            }
            _ => false,
        }
    }

    #[tracing::instrument(skip_all, fields(outbox.id = item.id, kind = %item.kind))]
    async fn deliver(&self, item: &OutboxItem) -> OutboxOutcome {
        let (chat, action) = match open_row(&self.key, item) {
            Ok(opened) => opened,
            Err(err) => {
                return OutboxOutcome::Failed {
                    error: format!("cannot open the row: {err}"),
                };
            }
        };
        let chat = ChatId(chat);
        let urgent = item.priority > 0;
        let result = match action {
            OutAction::Send {
                text,
                keyboard,
                protect,
            } => {
                self.send(chat, &text, keyboard.as_ref(), protect, urgent)
                    .await
            }
            OutAction::Edit {
                message,
                text,
                keyboard,
            } => {
                self.edit(chat, message, &text, keyboard.as_ref(), urgent)
                    .await
            }
            OutAction::EditRow {
                row,
                text,
                keyboard,
            } => match self.store.sent_ids_of_row(&row).await {
                Ok(Some(ids)) if !ids.is_empty() => {
                    let last = *ids.last().expect("not empty");
                    self.edit(chat, last, &text, keyboard.as_ref(), urgent)
                        .await
                }
                Ok(_) => {
                    self.send(chat, &text, keyboard.as_ref(), true, urgent)
                        .await
                }
                Err(err) => return retry(item, &err.to_string()),
            },
            OutAction::Erase { ids } => self.erase(chat, &item.chat_key, ids).await,
            OutAction::Delete { ids } => {
                self.delete(chat, &ids).await;
                Ok(Vec::new())
            }
            OutAction::Notice { lang } => {
                let text = crate::conversation::update_notice(&self.locales, lang);
                self.send(chat, &text, None, false, false).await
            }
            OutAction::Alert(alert) => {
                let text = alert_text(&self.locales, &alert);
                self.send(chat, &text, None, false, false).await
            }
        };
        let outcome = match &result {
            Ok(_) => "ok",
            Err(CallError::RetryAfter(_)) => "429",
            Err(CallError::Server(_)) => "5xx",
            Err(CallError::Lost("timed out")) => "timeout",
            Err(CallError::Lost(_)) => "cut",
            Err(CallError::Connect) => "connect",
            Err(CallError::Refused { .. }) => "refused",
        };
        metrics::counter!("suara_sends_total", "kind" => item.kind.clone(), "result" => outcome)
            .increment(1);
        match result {
            Ok(ids) => OutboxOutcome::Sent {
                at: Utc::now(),
                ids,
            },
            Err(CallError::RetryAfter(after)) => OutboxOutcome::Retry {
                at: Utc::now() + chrono::Duration::from_std(after).unwrap_or_default(),
                error: "flood control".into(),
            },
            Err(err) if err.transient() && item.attempts < MAX_ATTEMPTS => {
                if err.ambiguous() {
                    tracing::warn!(error = %err, "the answer was lost; sending again");
                }
                retry(item, &err.to_string())
            }
            Err(err) => {
                tracing::warn!(error = %err, "given up");
                OutboxOutcome::Failed {
                    error: err.to_string(),
                }
            }
        }
    }

    /// A new message, split where Telegram's limit needs it; the buttons
    /// go under the last part. Returns the ids of the parts.
    async fn send(
        &self,
        chat: ChatId,
        text: &str,
        keyboard: Option<&Keyboard>,
        protect: bool,
        urgent: bool,
    ) -> Result<Vec<i64>, CallError> {
        let parts = split_for_telegram(text);
        let last = parts.len() - 1;
        let mut ids = Vec::with_capacity(parts.len());
        for (n, part) in parts.into_iter().enumerate() {
            let mut payload = SendMessage::new(chat, part).protect_content(protect);
            if let (Some(k), true) = (keyboard, n == last) {
                payload = payload.reply_markup(markup(k));
            }
            self.pacer.acquire(chat.0, urgent).await;
            let sent: Message = self.api.call(&payload, CALL_TIMEOUT).await?;
            ids.push(i64::from(sent.id.0));
        }
        Ok(ids)
    }

    /// Replaces a message's text and buttons. Repeating an edit changes
    /// nothing; a message that can no longer be edited gets a new one.
    async fn edit(
        &self,
        chat: ChatId,
        message: i64,
        text: &str,
        keyboard: Option<&Keyboard>,
        urgent: bool,
    ) -> Result<Vec<i64>, CallError> {
        let id = MessageId(i32::try_from(message).unwrap_or_default());
        let mut payload = EditMessageText::new(chat, id, text);
        if let Some(k) = keyboard {
            payload = payload.reply_markup(markup(k));
        }
        self.pacer.acquire(chat.0, urgent).await;
        match self.api.call(&payload, CALL_TIMEOUT).await {
            Ok(_) => Ok(Vec::new()),
            Err(err) if err.refused_with("message is not modified") => Ok(Vec::new()),
            Err(err @ CallError::Refused { .. }) => {
                tracing::info!(error = %err, "cannot edit; sending anew");
                self.send(chat, text, keyboard, true, urgent).await
            }
            Err(err) => Err(err),
        }
    }

    /// Quick exit: every message the outbox sent to this chat in the last
    /// 48 hours, and those the session remembered, are deleted.
    async fn erase(
        &self,
        chat: ChatId,
        chat_key: &[u8],
        mut ids: Vec<i64>,
    ) -> Result<Vec<i64>, CallError> {
        match self.store.sent_ids(chat_key, Utc::now() - DELETABLE).await {
            Ok(sent) => ids.extend(sent),
            Err(err) => return Err(CallError::Lost(store_failed(&err))),
        }
        ids.sort_unstable();
        ids.dedup();
        let failed = self.delete(chat, &ids).await;
        if let Err(err) = self.store.forget_sent_ids(chat_key).await {
            tracing::warn!(error = %err, "cannot forget deleted message ids");
        }
        tracing::info!(deleted = ids.len() - failed, failed, "chat erased");
        Ok(Vec::new())
    }

    /// Deletes what it can; returns how many could not be deleted.
    async fn delete(&self, chat: ChatId, ids: &[i64]) -> usize {
        let to_id = |i: &i64| MessageId(i32::try_from(*i).unwrap_or_default());
        let mut failed = 0;
        for chunk in ids.chunks(100) {
            let all = DeleteMessages::new(chat, chunk.iter().map(to_id).collect::<Vec<_>>());
            if self.api.call(&all, CALL_TIMEOUT).await.is_ok() {
                continue;
            }
            // One undeletable message fails the batch; try each alone.
            for id in chunk {
                let one = DeleteMessages::new(chat, vec![to_id(id)]);
                if self.api.call(&one, CALL_TIMEOUT).await.is_err() {
                    failed += 1;
                }
            }
        }
        failed
    }
}

fn store_failed(_: &crate::store::StoreError) -> &'static str {
    "the store did not answer"
}

/// Again soon: 250 ms doubling to at most 3 s, with jitter, so a tap is
/// answered within seconds once Telegram is back.
fn retry(item: &OutboxItem, error: &str) -> OutboxOutcome {
    let exp = u32::try_from(item.attempts.clamp(1, 5) - 1).unwrap_or(0);
    let base = (250u64 << exp).min(3000);
    let jitter = u64::from(crate::crypto::random_bytes::<1>()[0]) * base / 1024;
    OutboxOutcome::Retry {
        at: Utc::now() + chrono::Duration::milliseconds((base + jitter) as i64),
        error: error.to_owned(),
    }
}

/// Telegram refuses texts over 4096 UTF-16 units. Long texts (her own
/// words read back, several messages from petugas) are split at line
/// breaks, or at spaces, into parts that fit.
pub fn split_for_telegram(text: &str) -> Vec<String> {
    const LIMIT: usize = 4000;
    let units = |s: &str| s.encode_utf16().count();
    let mut parts = Vec::new();
    let mut current = String::new();
    for piece in text.split_inclusive(['\n', ' ']) {
        if units(&current) + units(piece) > LIMIT && !current.is_empty() {
            parts.push(std::mem::take(&mut current));
        }
        if units(piece) > LIMIT {
            // One unbroken run longer than a message: cut it by characters.
            for c in piece.chars() {
                if units(&current) + c.len_utf16() > LIMIT {
                    parts.push(std::mem::take(&mut current));
                }
                current.push(c);
            }
        } else {
            current.push_str(piece);
        }
    }
    if !current.trim().is_empty() || parts.is_empty() {
        parts.push(current);
    }
    parts
}

pub fn markup(keyboard: &Keyboard) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(keyboard.rows.iter().map(|row| {
        row.iter()
            .map(|b| InlineKeyboardButton::callback(b.label.clone(), b.data.clone()))
            .collect::<Vec<_>>()
    }))
}

#[cfg(test)]
mod tests {
    use super::split_for_telegram;

    #[test]
    fn a_short_text_is_one_part() {
        assert_eq!(split_for_telegram("Halo"), ["Halo"]);
    }

    #[test]
    fn a_long_text_is_split_into_parts_telegram_accepts_without_losing_a_character() {
        let line = "Ini cerita yang panjang sekali 😀 dengan emoji.\n";
        let text = line.repeat(400) + &"x".repeat(9000);
        let parts = split_for_telegram(&text);
        assert!(parts.len() > 2);
        for part in &parts {
            let units = part.encode_utf16().count();
            assert!((1..=4096).contains(&units), "{units}");
        }
        assert_eq!(parts.concat(), text);
    }
}
