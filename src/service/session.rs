//! One chat's state between updates: the conversation, the draft's report
//! key, and the ids of her messages that quick exit may delete (the bot's
//! own are found in the outbox). Stored sealed under the server key, keyed
//! by a keyed hash of the chat, never the chat id itself.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::conversation::Dialogue;
use crate::crypto::fields::DialogueState;
use crate::crypto::{CryptoError, ReportKey, ReporterRef, ServerKey};
use crate::domain::ReportId;
use crate::i18n::Lang;
use crate::store::{Store, StoreError, StoredDialogue};

/// Telegram lets a bot delete messages of a private chat for 48 hours.
const DELETABLE_SECONDS: i64 = 48 * 3600;
/// Enough for a long conversation; older ids are past deleting anyway.
const MAX_TRACKED: usize = 1000;

/// The draft's id and key: attachments are sealed with it as they arrive.
#[derive(Serialize, Deserialize)]
pub struct Draft {
    pub id: ReportId,
    /// The report key's bytes; the whole session is sealed, and the draft
    /// is dropped at submission, after which the bot cannot read it.
    key: Vec<u8>,
}

impl Draft {
    fn new() -> Self {
        let key = ReportKey::generate();
        Self {
            id: ReportId::new(),
            key: key.expose().to_vec(),
        }
    }

    pub fn key(&self) -> ReportKey {
        let mut bytes = [0u8; 32];
        let n = self.key.len().min(32);
        bytes[..n].copy_from_slice(&self.key[..n]);
        ReportKey::from_bytes(bytes)
    }
}

impl Drop for Draft {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.key);
    }
}

/// A message of the chat that may be deleted later: id and date (Unix
/// seconds).
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct Tracked {
    pub id: i64,
    pub date: i64,
}

#[derive(Serialize, Deserialize)]
pub struct Session {
    pub dialogue: Dialogue,
    pub draft: Option<Draft>,
    pub messages: Vec<Tracked>,
    /// When she last wrote (Unix seconds): a long silence locks her
    /// messages behind her code or PIN.
    #[serde(default)]
    pub last_active: i64,
}

impl Session {
    pub fn new(lang: Lang) -> Self {
        Self {
            dialogue: Dialogue::new(lang),
            draft: None,
            messages: Vec::new(),
            last_active: 0,
        }
    }

    /// The draft, created on first use.
    pub fn draft(&mut self) -> &Draft {
        self.draft.get_or_insert_with(Draft::new)
    }

    /// Remembers a message for quick exit, forgetting ones too old to delete.
    pub fn track(&mut self, id: i64, date: i64) {
        self.messages.push(Tracked { id, date });
        self.messages.retain(|m| date - m.date < DELETABLE_SECONDS);
        let excess = self.messages.len().saturating_sub(MAX_TRACKED);
        self.messages.drain(..excess);
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("session sealing: {0}")]
    Crypto(#[from] CryptoError),
    #[error("session format: {0}")]
    Format(#[from] serde_json::Error),
}

/// Loads and saves sessions for one server key.
pub struct Sessions<'a> {
    pub store: &'a dyn Store,
    pub key: &'a ServerKey,
    pub ttl: Duration,
}

impl Sessions<'_> {
    /// The stored session, or `None` if there is none or it has expired.
    pub async fn load(
        &self,
        chat: &ReporterRef,
        now: DateTime<Utc>,
    ) -> Result<Option<Session>, SessionError> {
        let Some(stored) = self.store.load_dialogue(chat.as_bytes()).await? else {
            return Ok(None);
        };
        if stored.expires_at <= now {
            self.delete(chat).await?;
            return Ok(None);
        }
        let plain = self
            .key
            .open::<DialogueState>(&chat.to_hex(), &stored.state)?;
        Ok(Some(serde_json::from_slice(&plain)?))
    }

    /// The session sealed for storage, to write with the rest of a step.
    pub fn seal(
        &self,
        chat: &ReporterRef,
        session: &Session,
        now: DateTime<Utc>,
    ) -> Result<StoredDialogue, SessionError> {
        let plain = zeroize::Zeroizing::new(serde_json::to_vec(session)?);
        Ok(StoredDialogue {
            chat_key: chat.as_bytes().to_vec(),
            state: self.key.seal::<DialogueState>(&chat.to_hex(), &plain)?,
            key_id: self.key.key_id().to_string(),
            draft_id: session.draft.as_ref().map(|d| d.id),
            updated_at: now,
            expires_at: now + self.ttl,
        })
    }

    /// Seals and stores the session on its own.
    pub async fn save(
        &self,
        chat: &ReporterRef,
        session: &Session,
        now: DateTime<Utc>,
    ) -> Result<(), SessionError> {
        let sealed = self.seal(chat, session, now)?;
        self.store.save_dialogue(&sealed).await?;
        Ok(())
    }

    pub async fn delete(&self, chat: &ReporterRef) -> Result<(), SessionError> {
        self.store.delete_dialogue(chat.as_bytes()).await?;
        Ok(())
    }
}
