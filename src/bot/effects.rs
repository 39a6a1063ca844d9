//! Carrying out the conversation's outputs: Bot API calls, and the effects
//! that need the store (submission, status, messages, draft files).

use chrono::Utc;
use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup, MessageId};

use super::session::{Session, SessionError};
use super::{BotContext, Chat, advance, with_retry};
use crate::conversation::{Input, Keyboard, Output, ReplyFailure, SubmitRequest};
use crate::crypto::{CryptoError, ReceiptCode, ReporterRef};
use crate::domain::ReportId;
use crate::service::alerts::enqueue_alert;
use crate::service::submit::{Submission, submit};
use crate::store::{AuditDraft, Direction, NewMessage, StoreError};

/// The sealed field of a message to the reporter (under the server key,
/// since the bot must be able to show it to her).
pub const FIELD_TO_REPORTER: &str = "message-to-reporter";

/// The sealed field of a message from the reporter (an answer to petugas,
/// or more information for her report), context `<report_id>/<message_id>`.
///
/// Sealed under the server key on purpose: once a report is sent the bot
/// holds no key that opens it (its report key is sealed to case workers
/// only), so it cannot add to the report's own ciphertexts. Case workers
/// read her messages through the console, which runs with the server key,
/// and server-key rotation re-seals them with the messages to her.
pub const FIELD_FROM_REPORTER: &str = "message-from-reporter";

impl EffectError {
    /// The error as it may be logged: Bot API errors without their URL.
    pub fn redacted(&self) -> String {
        match self {
            EffectError::Telegram(e) => super::deliver::redacted(e),
            EffectError::Download(teloxide::DownloadError::Network(e)) => {
                super::deliver::network(e)
            }
            other => other.to_string(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum EffectError {
    #[error(transparent)]
    Telegram(#[from] teloxide::RequestError),
    #[error(transparent)]
    Download(#[from] teloxide::DownloadError),
    #[error(transparent)]
    Session(#[from] SessionError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Crypto(#[from] CryptoError),
}

/// One update's worth of effects for one chat.
pub struct Run<'a> {
    pub bot: &'a Bot,
    pub ctx: &'a BotContext,
    pub chat: &'a Chat,
    pub chat_ref: &'a ReporterRef,
    /// Quick exit happened: the session is to be destroyed, not saved.
    pub erased: bool,
}

impl Run<'_> {
    /// Steps the conversation, performing outputs; results of effects
    /// (a submission) are fed back in as further inputs.
    pub async fn step(&mut self, session: &mut Session, input: Input) -> Result<(), EffectError> {
        let mut pending = vec![input];
        while let Some(input) = pending.pop() {
            for output in advance(session, input, self.ctx) {
                if let Some(next) = self.perform(session, output).await? {
                    pending.push(next);
                }
            }
        }
        Ok(())
    }

    async fn perform(
        &mut self,
        session: &mut Session,
        output: Output,
    ) -> Result<Option<Input>, EffectError> {
        match output {
            Output::Send {
                text,
                keyboard,
                protect_content,
            } => self.send(session, text, keyboard, protect_content).await?,
            Output::Replace {
                text,
                keyboard,
                protect_content,
            } => {
                self.replace(session, text, keyboard, protect_content)
                    .await?
            }
            Output::EraseChat => self.erase(session).await?,
            Output::Submit(request) => return Ok(Some(self.submit(session, *request).await)),
            Output::ShowStatus { code } => self.show_status(session, &code).await?,
            Output::ShowMessages { keyboard } => self.show_messages(session, keyboard).await?,
            Output::StoreReply { text } => return Ok(Some(self.store_reply(&text).await)),
            Output::Discard { attachment_ids } => {
                for id in attachment_ids.iter().filter(|id| !id.is_empty()) {
                    self.ctx.store.delete_attachment(id).await?;
                }
            }
            // Compile shim from the conversation branch (issue 11): the
            // adapter half of the lock, the PIN and the silent alarm is
            // not wired yet, so nothing unlocks (fail closed).
            Output::VerifyUnlock { .. } => {
                return Ok(Some(Input::UnlockRefused {
                    reason: crate::conversation::UnlockRefusal::NotMatching,
                }));
            }
            Output::DeleteIncoming | Output::SetPin { .. } | Output::SilentAlarm => {}
        }
        Ok(None)
    }

    async fn send(
        &self,
        session: &mut Session,
        text: String,
        keyboard: Option<Keyboard>,
        protect: bool,
    ) -> Result<(), EffectError> {
        let markup = keyboard.as_ref().map(markup);
        let parts = split_for_telegram(&text);
        let last = parts.len() - 1;
        for (n, part) in parts.into_iter().enumerate() {
            let sent = with_retry(|| {
                let request = self
                    .bot
                    .send_message(self.chat.id, part.clone())
                    .protect_content(protect);
                // The buttons go under the last part, where she reads on.
                match (&markup, n == last) {
                    (Some(m), true) => request.reply_markup(m.clone()),
                    _ => request,
                }
            })
            .await?;
            session.track(sent.id.0, sent.date.timestamp());
        }
        Ok(())
    }

    async fn replace(
        &self,
        session: &mut Session,
        text: String,
        keyboard: Option<Keyboard>,
        protect: bool,
    ) -> Result<(), EffectError> {
        let Some(message) = self.chat.pressed else {
            return self.send(session, text, keyboard, protect).await;
        };
        let markup = keyboard.as_ref().map(markup);
        let edited = with_retry(|| {
            let request = self
                .bot
                .edit_message_text(self.chat.id, message, text.clone());
            match &markup {
                Some(m) => request.reply_markup(m.clone()),
                None => request,
            }
        })
        .await;
        match edited {
            Ok(_) | Err(teloxide::RequestError::Api(teloxide::ApiError::MessageNotModified)) => {
                Ok(())
            }
            Err(_) => self.send(session, text, keyboard, protect).await,
        }
    }

    /// Deletes what Telegram lets a bot delete, and the draft with it.
    async fn erase(&mut self, session: &mut Session) -> Result<(), EffectError> {
        let ids: Vec<MessageId> = session.messages.iter().map(|m| MessageId(m.id)).collect();
        let mut failed = 0usize;
        for chunk in ids.chunks(100) {
            if with_retry(|| self.bot.delete_messages(self.chat.id, chunk.to_vec()))
                .await
                .is_err()
            {
                // One undeletable message fails the batch; try each alone.
                for id in chunk {
                    if with_retry(|| self.bot.delete_message(self.chat.id, *id))
                        .await
                        .is_err()
                    {
                        failed += 1;
                    }
                }
            }
        }
        if let Some(draft) = session.draft.take() {
            self.ctx.store.delete_attachments_of(&draft.id).await?;
        }
        session.messages.clear();
        // Gone now, not at the end of the update: if what follows fails,
        // nothing of her draft may survive.
        self.ctx.sessions().delete(self.chat_ref).await?;
        self.erased = true;
        tracing::info!(deleted = ids.len() - failed, failed, "chat erased");
        Ok(())
    }

    async fn submit(&self, session: &mut Session, request: SubmitRequest) -> Input {
        let draft = session.draft();
        let (id, report_key) = (draft.id, draft.key());
        let submission = match Submission::from_request(
            id,
            report_key,
            &request,
            Some((self.chat.id.0, *self.chat_ref)),
            Utc::now(),
        ) {
            Ok(submission) => submission,
            Err(_) => return Input::SubmitFailed,
        };
        let alert = (
            submission.urgency,
            submission.violence_types.clone(),
            submission.area.clone(),
        );
        match submit(self.ctx.store.as_ref(), &self.ctx.server_key, submission).await {
            Ok(receipt) => {
                if let Some(group) = self.ctx.alert_chat {
                    // The report is stored; a failed alert must not undo that.
                    if let Err(err) = enqueue_alert(
                        self.ctx.store.as_ref(),
                        &self.ctx.server_key,
                        group,
                        &id,
                        alert.0,
                        &alert.1,
                        alert.2.as_ref(),
                    )
                    .await
                    {
                        tracing::error!(report.id = %id, error = %err, "alert not queued");
                    }
                }
                // The report key leaves this process with the draft.
                session.draft = None;
                Input::Submitted {
                    receipt_code: receipt.code.expose().to_string(),
                }
            }
            Err(err) => {
                tracing::error!(report.id = %id, error = %err, "submission failed");
                Input::SubmitFailed
            }
        }
    }

    async fn say(
        &self,
        session: &mut Session,
        key: &str,
        protect: bool,
    ) -> Result<(), EffectError> {
        let text = self.ctx.locales.text(self.chat.lang_of(session), key);
        self.send(session, text, None, protect).await
    }

    /// Status by receipt code, with guessing limited per chat and overall.
    async fn show_status(&self, session: &mut Session, code: &str) -> Result<(), EffectError> {
        if code.trim().is_empty() {
            return self.say(session, "conv-status-need-code", false).await;
        }
        if !self.within_limits().await? {
            return self.say(session, "error-rate-limited", false).await;
        }
        let Ok(code) = ReceiptCode::parse(code) else {
            return self.say(session, "status-invalid-code", false).await;
        };
        let found = self
            .ctx
            .store
            .report_by_receipt(code.lookup_hash(&self.ctx.server_key).as_bytes())
            .await?;
        let Some(meta) = found else {
            return self.say(session, "status-not-found", false).await;
        };
        let lang = self.chat.lang_of(session);
        let text = format!(
            "{} {}",
            self.ctx.locales.text(lang, "status-heading"),
            self.ctx
                .locales
                .text(lang, meta.status.reporter_label_key())
        );
        self.send(session, text, None, true).await
    }

    async fn within_limits(&self) -> Result<bool, StoreError> {
        let store = &self.ctx.store;
        let now = Utc::now();
        let mine = format!("status:{}", self.chat_ref.to_hex());
        let per_chat = store
            .hit_rate_limit(&mine, now, std::time::Duration::from_secs(15 * 60))
            .await?;
        if per_chat > 5 {
            return Ok(false);
        }
        // Counted only for chats within their own limit, so a few noisy
        // chats cannot use up everyone's lookups.
        let global = store
            .hit_rate_limit("status:*", now, std::time::Duration::from_secs(60))
            .await?;
        Ok(global <= 120)
    }

    /// Her message to petugas, for her newest report sent from this chat
    /// (see [`FIELD_FROM_REPORTER`]); the result goes back to the
    /// conversation.
    async fn store_reply(&self, text: &str) -> Input {
        match self.try_store_reply(text).await {
            Ok(Some(report)) => {
                tracing::info!(report.id = %report, "message from reporter stored");
                Input::ReplyStored
            }
            Ok(None) => Input::ReplyFailed {
                reason: ReplyFailure::NoReport,
            },
            Err(err) => {
                tracing::error!(error = %err, "message from reporter not stored");
                Input::ReplyFailed {
                    reason: ReplyFailure::NotStored,
                }
            }
        }
    }

    /// Stores the message; `None` when no report is linked to her chat
    /// (none sent from it, or she chose not to be contacted).
    async fn try_store_reply(&self, text: &str) -> Result<Option<ReportId>, EffectError> {
        let store = &self.ctx.store;
        let reports = store.reports_by_reporter(self.chat_ref.as_bytes()).await?;
        let Some(report) = reports.into_iter().next() else {
            return Ok(None);
        };
        let report = report.id;
        let id = uuid::Uuid::new_v4().to_string();
        let at = Utc::now();
        store
            .insert_message(&NewMessage {
                id: id.clone(),
                report_id: report,
                direction: Direction::FromReporter,
                author_id: None,
                body: self.ctx.server_key.seal(
                    &format!("{report}/{id}"),
                    FIELD_FROM_REPORTER,
                    text.as_bytes(),
                )?,
                created_at: at,
            })
            .await?;
        store
            .append_audit(&AuditDraft {
                at,
                actor: "bot".into(),
                action: "message.received".into(),
                report_id: Some(report),
                detail: String::new(),
            })
            .await?;
        Ok(Some(report))
    }

    async fn show_messages(
        &self,
        session: &mut Session,
        keyboard: Keyboard,
    ) -> Result<(), EffectError> {
        let mut texts = Vec::new();
        for report in self
            .ctx
            .store
            .reports_by_reporter(self.chat_ref.as_bytes())
            .await?
        {
            for message in self.ctx.store.messages_of(&report.id).await? {
                if message.direction != Direction::ToReporter {
                    continue;
                }
                let context = format!("{}/{}", report.id, message.id);
                let Ok(body) = self
                    .ctx
                    .server_key
                    .open(&context, FIELD_TO_REPORTER, &message.body)
                else {
                    // One damaged message must not hide the others.
                    tracing::warn!(report.id = %report.id, "a message to the reporter cannot be opened");
                    continue;
                };
                texts.push(String::from_utf8_lossy(&body).into_owned());
            }
        }
        if texts.is_empty() {
            return self.say(session, "messages-none", false).await;
        }
        let lang = self.chat.lang_of(session);
        let text = format!(
            "{}\n\n{}",
            self.ctx.locales.text(lang, "messages-heading"),
            texts.join("\n\n")
        );
        self.send(session, text, Some(keyboard), true).await
    }
}

impl Chat {
    /// Her language as the conversation knows it (she may have switched).
    fn lang_of(&self, session: &Session) -> crate::i18n::Lang {
        session.dialogue.lang()
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

fn markup(keyboard: &Keyboard) -> InlineKeyboardMarkup {
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
