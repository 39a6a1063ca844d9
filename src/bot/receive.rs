//! Taking updates in, from long polling or the webhook alike: each is
//! sealed (it carries her words) and stored in the inbox in one
//! transaction, before Telegram is told it arrived. A pressed button is
//! answered at once, so it stops spinning whatever happens next.
//!
//! When the database is down nothing is stored and nothing is confirmed:
//! Telegram keeps the updates, and they are applied when it is back. She is
//! told once, gently, to wait a moment; a quick exit still deletes the
//! message its button sits on right away.

use std::collections::HashSet;
use std::sync::Mutex;
use std::time::Duration;

use chrono::Utc;
use teloxide::payloads::{AnswerCallbackQuery, DeleteMessages, SendMessage};
use teloxide::types::{ChatId, Update, UpdateKind};

use super::Telegram;
use super::inputs::{CHANNEL, chat_and_user};
use crate::crypto::fields::InboxUpdate;
use crate::i18n::Lang;
use crate::store::{NewInbox, StoreError};

const QUICK_CALL: Duration = Duration::from_secs(5);

/// Chats told about the outage already (cleared when the store is back).
#[derive(Default)]
pub struct Outage {
    told: Mutex<HashSet<i64>>,
}

impl Telegram {
    /// Seals and stores `updates`; `Err` means none was stored.
    pub async fn receive(&self, updates: &[Update]) -> Result<usize, StoreError> {
        let key = &self.reporting.server_key;
        let now = Utc::now();
        let mut rows = Vec::with_capacity(updates.len());
        for update in updates {
            let json = zeroize::Zeroizing::new(serde_json::to_vec(update).unwrap_or_default());
            let id = i64::from(update.id.0);
            let chat_key = chat_and_user(update)
                .map(|(chat, user)| key.reporter_ref(user, chat).as_bytes().to_vec())
                .unwrap_or_default();
            let payload = key
                .seal::<InboxUpdate>(&format!("{CHANNEL}/{id}"), &json)
                .map_err(|e| StoreError::Corrupt(e.to_string()))?;
            rows.push(NewInbox {
                channel: CHANNEL.to_owned(),
                update_id: id,
                chat_key,
                payload,
                received_at: now,
            });
        }
        let stored = self.reporting.store.receive(&rows).await?;
        metrics::counter!("suara_updates_received_total").increment(stored as u64);
        self.outage.told.lock().expect("not poisoned").clear();
        self.work.notify_one();
        for update in updates {
            self.answer_button(update, None);
        }
        Ok(stored)
    }

    /// The store is down: her button stops spinning, a quick exit deletes
    /// its message now, and each chat hears once that it may take a moment.
    pub fn during_outage(&self, updates: &[Update]) {
        let text = |lang| self.reporting.locales.text(lang, "error-try-again-soon");
        for update in updates {
            let lang = update
                .from()
                .map(|u| Lang::from_telegram_code(u.language_code.as_deref()))
                .unwrap_or(Lang::Id);
            if let UpdateKind::CallbackQuery(q) = &update.kind {
                let exit = q
                    .data
                    .as_deref()
                    .is_some_and(crate::conversation::is_quick_exit);
                if let (true, Some(message)) = (exit, q.regular_message()) {
                    let api = self.api.clone();
                    let payload = DeleteMessages::new(message.chat.id, vec![message.id]);
                    tokio::spawn(async move { api.call(&payload, QUICK_CALL).await });
                    self.answer_button(update, None);
                    continue;
                }
                self.answer_button(update, Some(text(lang)));
                continue;
            }
            let Some((chat, _)) = chat_and_user(update) else {
                continue;
            };
            if chat < 0 || !self.outage.told.lock().expect("not poisoned").insert(chat) {
                continue;
            }
            let api = self.api.clone();
            let payload = SendMessage::new(ChatId(chat), text(lang));
            tokio::spawn(async move { api.call(&payload, QUICK_CALL).await });
        }
    }

    /// Answers a pressed button (with a short toast, if any), in the
    /// background: it only stops the spinner.
    fn answer_button(&self, update: &Update, toast: Option<String>) {
        let UpdateKind::CallbackQuery(q) = &update.kind else {
            return;
        };
        let mut payload = AnswerCallbackQuery::new(q.id.clone());
        payload.text = toast;
        let api = self.api.clone();
        tokio::spawn(async move {
            for _ in 0..2 {
                if api.call(&payload, QUICK_CALL).await.is_ok() {
                    break;
                }
            }
        });
    }
}
