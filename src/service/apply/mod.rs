//! Applying one update of her chat, whatever the channel: load the session,
//! step the conversation, and write everything that follows from it (the
//! new session, a stored report, her message to case workers, the replies
//! to send, the update marked applied) in one transaction. Either all of it
//! happened or none of it did, so a crash or an outage at any moment leaves
//! the update waiting in the inbox, to be applied again from the start.
//!
//! Replies are rows of the outbox, sent after the commit by the channel's
//! sender. A receipt replaces the "Sending…" message by an edit, which can
//! be repeated without ever showing the code twice.

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use zeroize::Zeroizing;

use super::outbox::{Destination, OutAction, sealed_row};
use super::reporter::LookupLimits;
use super::session::{Session, SessionError, Sessions};
use crate::conversation::{Context, Input, Limits};
use crate::crypto::{CryptoError, ReporterRef, ServerKey};
use crate::domain::attachment::AttachmentKind;
use crate::domain::{Contact, RegionCatalog};
use crate::i18n::{Lang, Locales};
use crate::store::{Applied, Batch, DialogueWrite, Store, StoreError};

mod run;

/// Everything applying an update needs, shared by every channel.
pub struct Reporting {
    pub store: Arc<dyn Store>,
    pub server_key: Arc<ServerKey>,
    pub locales: Arc<Locales>,
    pub regions: RegionCatalog,
    pub contacts: Vec<Contact>,
    pub limits: Limits,
    pub max_attachment_bytes: u64,
    pub draft_ttl: Duration,
    /// The task force's alert group, if configured.
    pub alert_chat: Option<i64>,
    pub lookup_limits: LookupLimits,
    /// Days a closed report is kept, as the consent text says.
    pub retention_days: u32,
    /// A session idle this long locks her messages behind her code or PIN.
    pub lock_after_idle: Duration,
}

impl Reporting {
    pub(crate) fn conversation(&self) -> Context<'_> {
        Context {
            locales: &self.locales,
            regions: &self.regions,
            contacts: &self.contacts,
            limits: self.limits,
            retention_days: self.retention_days,
        }
    }

    pub fn sessions(&self) -> Sessions<'_> {
        Sessions {
            store: self.store.as_ref(),
            key: &self.server_key,
            ttl: self.draft_ttl,
        }
    }
}

/// A file she sent, before it is fetched.
#[derive(Debug, Clone)]
pub struct FileOffer {
    /// The channel's handle to fetch it by (a Telegram file id).
    pub handle: String,
    pub kind: AttachmentKind,
    pub size: u64,
    pub name: Option<String>,
    pub mime: Option<String>,
    /// Words sent with the file belong to her story too.
    pub caption: Option<String>,
}

/// What she did, as the channel adapter read it.
#[derive(Debug, Clone)]
pub enum Event {
    Input(Input),
    File(FileOffer),
}

/// One update of her private chat, reduced to what applying it needs.
#[derive(Debug, Clone)]
pub struct Incoming {
    pub channel: String,
    pub update_id: i64,
    pub inbox_id: i64,
    /// The channel's address of the chat (a Telegram chat id).
    pub chat_id: i64,
    /// Who wrote: with the chat, it keys her session.
    pub user_id: i64,
    /// Her client's language, for a first message.
    pub lang: Lang,
    /// Her own message, as (id, Unix seconds), for quick exit to delete.
    pub message: Option<(i64, i64)>,
    /// The bot's message whose button she pressed.
    pub pressed: Option<i64>,
    pub event: Event,
}

impl Incoming {
    /// The keyed hash that stands for her chat.
    pub fn chat_ref(&self, key: &ServerKey) -> ReporterRef {
        key.reporter_ref(self.user_id, self.chat_id)
    }
}

/// Fetches a file she sent from the channel, into memory only.
#[async_trait::async_trait]
pub trait Fetch: Send + Sync {
    async fn fetch(&self, handle: &str) -> Result<Zeroizing<Vec<u8>>, String>;
}

#[derive(Debug, thiserror::Error)]
pub enum ApplyError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Session(#[from] SessionError),
    #[error("sealing failed: {0}")]
    Crypto(#[from] CryptoError),
    #[error("cannot fetch her file: {0}")]
    Fetch(String),
}

/// Applies `incoming` in one transaction; returns the keyed hash of her
/// chat, whose outbox rows are then due.
#[tracing::instrument(skip_all, fields(update.id = incoming.update_id))]
pub async fn apply(
    r: &Reporting,
    incoming: Incoming,
    fetch: &dyn Fetch,
    now: DateTime<Utc>,
) -> Result<Done, ApplyError> {
    let chat_ref = incoming.chat_ref(&r.server_key);
    let sessions = r.sessions();
    let mut session =
        (sessions.load(&chat_ref, now).await?).unwrap_or_else(|| Session::new(incoming.lang));
    if let Some((id, date)) = incoming.message {
        session.track(id, date);
    }
    let inputs = match incoming.event.clone() {
        Event::Input(input) => vec![input],
        Event::File(mut file) => {
            let caption = file.caption.take().filter(|c| !c.trim().is_empty());
            let mut inputs = vec![run::accept(r, &mut session, file, fetch, now).await?];
            inputs.extend(caption.map(Input::Text));
            inputs
        }
    };
    let mut step = run::Run::new(r, &incoming, chat_ref, session, now);
    for input in inputs {
        step.step(input).await?;
    }
    let run::Run {
        mut session,
        mut batch,
        actions,
        erased,
        ..
    } = step;
    if erased {
        batch.dialogue = Some(DialogueWrite::Delete {
            chat_key: chat_ref.as_bytes().to_vec(),
        });
    } else {
        // A draft has its id from the moment she agreed, so files and the
        // report itself are always sealed under the same one.
        if session.dialogue.accepts_attachments() {
            session.draft();
        }
        batch.dialogue = Some(DialogueWrite::Save(
            sessions.seal(&chat_ref, &session, now)?,
        ));
    }
    queue(r, &incoming, &chat_ref, actions, now, &mut batch)?;
    batch.applied = Some(Applied {
        inbox_id: incoming.inbox_id,
        channel: incoming.channel.clone(),
        update_id: incoming.update_id,
        at: now,
    });
    let urgent = batch.outbox.iter().any(|row| row.priority > 0);
    r.store.write(&batch).await?;
    Ok(Done {
        chat: chat_ref,
        urgent,
    })
}

/// What applying an update left to send.
#[derive(Debug, Clone, Copy)]
pub struct Done {
    /// Her chat, whose outbox rows are due now.
    pub chat: ReporterRef,
    /// Among them, help for a woman in danger: sent before anything else.
    pub urgent: bool,
}

/// The outbox row key of the `n`th action of an update.
pub(crate) fn row_key(incoming: &Incoming, n: usize) -> String {
    format!("{}:{}:{n}", incoming.channel, incoming.update_id)
}

fn queue(
    r: &Reporting,
    incoming: &Incoming,
    chat_ref: &ReporterRef,
    actions: Vec<(OutAction, i64)>,
    now: DateTime<Utc>,
    batch: &mut Batch,
) -> Result<(), CryptoError> {
    for (n, (action, priority)) in actions.into_iter().enumerate() {
        let to = Destination {
            channel: &incoming.channel,
            chat: incoming.chat_id,
            chat_key: chat_ref.as_bytes(),
            priority,
        };
        batch.outbox.push(sealed_row(
            &r.server_key,
            row_key(incoming, n),
            &to,
            &action,
            now,
        )?);
    }
    Ok(())
}
