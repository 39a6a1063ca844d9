//! One update's run through the conversation: each output becomes a row to
//! send or a part of the batch; effects that answer back (a submission, a
//! stored reply) feed their result in as the next input.

use chrono::{DateTime, Utc};

use super::{ApplyError, Fetch, FileOffer, Incoming, Reporting, row_key};
use crate::conversation::{
    AttachmentRef, Input, Output, RejectReason, ReplyFailure, UnlockRefusal, step,
};
use crate::crypto::ReporterRef;
use crate::crypto::fields::{AttachmentBody, AttachmentMeta};
use crate::i18n::Lang;
use crate::service::outbox::OutAction;
use crate::service::reporter::{self, Lookup};
use crate::service::session::Session;
use crate::service::submit::{Submission, seal};
use crate::store::{Batch, NewAttachment};

/// Help for a woman in danger goes before everything else when Telegram's
/// limits make the bot wait; quick exit's deletions next; the rest after.
const PRIORITY_DANGER: i64 = 10;
const PRIORITY_EXIT: i64 = 5;

/// The state of one update's run.
pub(super) struct Run<'a> {
    r: &'a Reporting,
    incoming: &'a Incoming,
    chat_ref: ReporterRef,
    now: DateTime<Utc>,
    pub session: Session,
    pub batch: Batch,
    /// What to send, in order, each with its priority.
    pub actions: Vec<(crate::service::outbox::OutAction, i64)>,
    /// Quick exit happened: the session is destroyed, not saved.
    pub erased: bool,
    /// The "Sending…" message a receipt will replace, by row key.
    placeholder: Option<String>,
    /// The next message sent is the receipt.
    receipt_next: bool,
}

impl<'a> Run<'a> {
    pub fn new(
        r: &'a Reporting,
        incoming: &'a Incoming,
        chat_ref: ReporterRef,
        session: Session,
        now: DateTime<Utc>,
    ) -> Self {
        Self {
            r,
            incoming,
            chat_ref,
            now,
            session,
            batch: Batch::default(),
            actions: Vec::new(),
            erased: false,
            placeholder: None,
            receipt_next: false,
        }
    }

    fn lang(&self) -> Lang {
        self.session.dialogue.lang()
    }

    /// Steps the conversation; results of effects are fed back in.
    pub async fn step(&mut self, input: Input) -> Result<(), ApplyError> {
        let mut pending = vec![input];
        while let Some(input) = pending.pop() {
            let dialogue = std::mem::replace(
                &mut self.session.dialogue,
                crate::conversation::Dialogue::new(Lang::Id),
            );
            let (dialogue, outputs) = step(dialogue, input, &self.r.conversation());
            self.session.dialogue = dialogue;
            for output in outputs {
                if let Some(next) = self.perform(output).await? {
                    pending.push(next);
                }
            }
        }
        Ok(())
    }

    fn send(
        &mut self,
        text: String,
        keyboard: Option<crate::conversation::Keyboard>,
        protect: bool,
    ) {
        let action = match (self.receipt_next, &self.placeholder) {
            (true, Some(row)) => OutAction::EditRow {
                row: row.clone(),
                text,
                keyboard,
            },
            _ => OutAction::Send {
                text,
                keyboard,
                protect,
            },
        };
        self.receipt_next = false;
        self.actions.push((action, 0));
    }

    fn say(&mut self, key: &str, protect: bool) {
        let text = self.r.locales.text(self.lang(), key);
        self.send(text, None, protect);
    }

    async fn perform(&mut self, output: Output) -> Result<Option<Input>, ApplyError> {
        match output {
            Output::Send {
                text,
                keyboard,
                protect_content,
                urgent,
            } => {
                self.send(text, keyboard, protect_content);
                if urgent && let Some((_, priority)) = self.actions.last_mut() {
                    *priority = PRIORITY_DANGER;
                }
            }
            Output::Replace {
                text,
                keyboard,
                protect_content,
            } => match self.incoming.pressed {
                Some(message) => self.actions.push((
                    OutAction::Edit {
                        message,
                        text,
                        keyboard,
                    },
                    0,
                )),
                None => self.send(text, keyboard, protect_content),
            },
            Output::EraseChat => self.erase(),
            Output::Submit(request) => return Ok(Some(self.submit(*request).await?)),
            Output::ShowStatus { code } => self.show_status(&code).await?,
            Output::ShowMessages { keyboard } => {
                let texts = reporter::messages_for(
                    self.r.store.as_ref(),
                    &self.r.server_key,
                    &self.chat_ref,
                )
                .await?;
                if texts.is_empty() {
                    self.say("messages-none", false);
                } else {
                    let lang = self.lang();
                    let text = format!(
                        "{}\n\n{}",
                        self.r.locales.text(lang, "messages-heading"),
                        texts.join("\n\n")
                    );
                    self.send(text, Some(keyboard), true);
                }
            }
            Output::StoreReply { text } => return Ok(Some(self.reply(&text).await?)),
            Output::Discard { attachment_ids } => self
                .batch
                .discard_files
                .extend(attachment_ids.into_iter().filter(|id| !id.is_empty())),
            Output::DeleteIncoming => {
                // A code or PIN she typed leaves her screen once read.
                if let Some((id, _)) = self.incoming.message {
                    self.session.messages.retain(|m| m.id != id);
                    self.actions.push((OutAction::Delete { ids: vec![id] }, 0));
                }
            }
            Output::VerifyUnlock { secret } => return Ok(Some(self.unlock(&secret).await?)),
            Output::SetPin { pin } => {
                let batch = reporter::set_pin(
                    self.r.store.as_ref(),
                    &self.r.server_key,
                    &self.chat_ref,
                    &pin,
                )
                .await?;
                self.batch.merge(batch.unwrap_or_default());
            }
            Output::SilentAlarm => {
                let batch =
                    reporter::silent_alarm(self.r.store.as_ref(), &self.chat_ref, self.now).await?;
                if let Some(batch) = batch {
                    tracing::info!("silent alarm: her report is now urgent");
                    self.batch.merge(batch);
                }
            }
        }
        Ok(None)
    }

    /// Quick exit: what the session remembers is deleted with everything
    /// the outbox sent to this chat; nothing unsent goes out any more; the
    /// draft and its files go.
    fn erase(&mut self) {
        let ids = self.session.messages.iter().map(|m| m.id).collect();
        self.session.messages.clear();
        self.actions.push((OutAction::Erase { ids }, PRIORITY_EXIT));
        self.batch
            .cancel_outbox
            .push(self.chat_ref.as_bytes().to_vec());
        if let Some(draft) = self.session.draft.take() {
            self.batch.discard_drafts.push(draft.id);
        }
        self.erased = true;
    }

    /// Seals the report into this update's batch: it is stored, the draft
    /// (and its report key) is gone, and the receipt is queued, together.
    async fn submit(
        &mut self,
        request: crate::conversation::SubmitRequest,
    ) -> Result<Input, ApplyError> {
        // The message just queued ("Sending…") is what the receipt replaces;
        // protected now, since the code will stand in it.
        if let Some((OutAction::Send { protect, .. }, _)) = self.actions.last_mut() {
            *protect = true;
            self.placeholder = Some(row_key(self.incoming, self.actions.len() - 1));
        }
        let draft = self.session.draft();
        let (id, report_key) = (draft.id, draft.key());
        let chat = Some((self.incoming.chat_id, self.chat_ref));
        let Ok(submission) = Submission::from_request(id, report_key, &request, chat, self.now)
        else {
            return Ok(Input::SubmitFailed);
        };
        match seal(
            self.r.store.as_ref(),
            &self.r.server_key,
            submission,
            self.r.alert_chat,
        )
        .await
        {
            Ok(sealed) => {
                let urgency =
                    (sealed.batch.reports.first()).map_or("normal", |r| r.meta.urgency.as_str());
                metrics::counter!("suara_reports_total", "urgency" => urgency).increment(1);
                self.batch.merge(sealed.batch);
                // The report key leaves this process with the draft, in the
                // same transaction that stores the report.
                self.session.draft = None;
                self.receipt_next = self.placeholder.is_some();
                Ok(Input::Submitted {
                    receipt_code: sealed.code.expose().to_string(),
                })
            }
            Err(err) => {
                tracing::error!(report.id = %id, error = %err, "report not sealed");
                Ok(Input::SubmitFailed)
            }
        }
    }

    async fn show_status(&mut self, code: &str) -> Result<(), ApplyError> {
        let found = reporter::status_by_code(
            self.r.store.as_ref(),
            &self.r.server_key,
            &self.r.lookup_limits,
            &self.chat_ref,
            code,
            self.now,
        )
        .await?;
        let key = match found {
            Lookup::NeedCode => "conv-status-need-code",
            Lookup::RateLimited => "error-rate-limited",
            Lookup::Invalid => "status-invalid-code",
            Lookup::NotFound => "status-not-found",
            Lookup::Found(status) => {
                let lang = self.lang();
                let text = format!(
                    "{} {}",
                    self.r.locales.text(lang, "status-heading"),
                    self.r.locales.text(lang, status.reporter_label_key())
                );
                self.send(text, None, true);
                return Ok(());
            }
        };
        self.say(key, false);
        Ok(())
    }

    async fn unlock(&mut self, secret: &str) -> Result<Input, ApplyError> {
        let checked = reporter::verify_unlock(
            self.r.store.as_ref(),
            &self.r.server_key,
            &self.r.lookup_limits,
            &self.chat_ref,
            secret,
            self.now,
        )
        .await;
        Ok(match checked {
            Ok(reporter::Unlock::Opened) => Input::Unlocked,
            Ok(reporter::Unlock::NotMatching) => Input::UnlockRefused {
                reason: UnlockRefusal::NotMatching,
            },
            Ok(reporter::Unlock::TooManyTries) => Input::UnlockRefused {
                reason: UnlockRefusal::TooManyTries,
            },
            Err(err) => {
                tracing::warn!(error = %err, "cannot check a code now");
                Input::UnlockRefused {
                    reason: UnlockRefusal::Unavailable,
                }
            }
        })
    }

    /// Her message to petugas about her newest report sent from this chat.
    async fn reply(&mut self, text: &str) -> Result<Input, ApplyError> {
        let stored = reporter::reply(
            self.r.store.as_ref(),
            &self.r.server_key,
            &self.chat_ref,
            text,
            self.now,
        )
        .await
        .map_err(|e| match e {
            reporter::ReplyError::Crypto(e) => ApplyError::Crypto(e),
            reporter::ReplyError::Store(e) => ApplyError::Store(e),
        })?;
        Ok(match stored {
            Some((_, batch)) => {
                self.batch.merge(batch);
                Input::ReplyStored
            }
            None => Input::ReplyFailed {
                reason: ReplyFailure::NoReport,
            },
        })
    }
}

/// Turns a file offer into the conversation's input, fetching and sealing
/// the file under the draft's own id if the conversation can take it now.
/// The sealed file is stored at once; if this update is not applied after
/// all, it belongs to no draft and is destroyed within the hour.
pub(super) async fn accept(
    r: &Reporting,
    session: &mut Session,
    offer: FileOffer,
    fetch: &dyn Fetch,
    now: DateTime<Utc>,
) -> Result<Input, ApplyError> {
    let kind = offer.kind;
    if !session.dialogue.accepts_attachments() {
        // Nothing is fetched; the conversation explains when files help.
        return Ok(Input::Attachment(AttachmentRef {
            id: String::new(),
            kind,
            size: offer.size,
        }));
    }
    let rejected = |reason| Ok(Input::AttachmentRejected { reason });
    if session.dialogue.answers().attachments().count() >= r.limits.max_attachments {
        return rejected(RejectReason::TooMany);
    }
    if offer.size > r.max_attachment_bytes {
        return rejected(RejectReason::TooLarge);
    }
    let bytes = fetch
        .fetch(&offer.handle)
        .await
        .map_err(ApplyError::Fetch)?;
    if bytes.len() as u64 > r.max_attachment_bytes {
        return rejected(RejectReason::TooLarge);
    }
    let draft = session.draft();
    let (draft_id, key) = (draft.id, draft.key());
    let id = uuid::Uuid::new_v4().to_string();
    let context = format!("{draft_id}/{id}");
    let meta = serde_json::json!({ "name": offer.name, "mime": offer.mime }).to_string();
    r.store
        .insert_attachment(&NewAttachment {
            id: id.clone(),
            report_id: draft_id,
            kind,
            size_bytes: bytes.len() as i64,
            created_at: now,
            meta: key.seal::<AttachmentMeta>(&context, meta.as_bytes())?,
            content: key.seal::<AttachmentBody>(&context, &bytes)?,
        })
        .await?;
    tracing::info!(report.id = %draft_id, size = bytes.len(), "attachment sealed");
    Ok(Input::Attachment(AttachmentRef {
        id,
        kind,
        size: bytes.len() as u64,
    }))
}
