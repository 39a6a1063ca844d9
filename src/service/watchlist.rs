//! The watchlist (issue 16): identifiers known to the police, KP2MI or
//! partner agencies, entered by a koordinator. Each is stored sealed under
//! the server key with its source, and indexed by the same blind index as
//! a report's identifiers, so a new report that names one is flagged as it
//! arrives (see `service::submit`), made at least high, and announced to
//! the alert group without a word of content.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::crypto::fields::WatchEntry;
use crate::crypto::{CryptoError, ServerKey};
use crate::domain::audit::AuditAction;
use crate::domain::identifiers::{Identifier, LinkKind};
use crate::domain::role::Role;
use crate::store::{AuditDraft, Batch, NewWatch, Store, StoreError, Worker};

/// Longest identifier or source accepted, in characters.
pub const MAX_CHARS: usize = 200;

/// What is sealed: the identifier as entered and where it came from.
#[derive(Serialize, Deserialize)]
struct Entry {
    text: String,
    source: String,
}

/// An entry as the koordinator reads it back.
#[derive(Debug)]
pub struct WatchView {
    pub kind: LinkKind,
    pub text: Zeroizing<String>,
    pub source: String,
    pub added_at: DateTime<Utc>,
    pub added_by: String,
}

#[derive(Debug, thiserror::Error)]
pub enum WatchError {
    #[error("not allowed")]
    NotAllowed,
    /// Nothing usable is left once normalised (or too long).
    #[error("not an identifier of that kind")]
    Invalid,
    #[error("a source is needed")]
    NoSource,
    #[error(transparent)]
    Crypto(#[from] CryptoError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Who may keep the watchlist: a trusted koordinator.
pub fn may_keep(worker: &Worker) -> bool {
    worker.trusted() && worker.role == Role::Koordinator
}

/// Adds an entry, with its audit entry (which names the kind only).
pub async fn add(
    store: &dyn Store,
    server_key: &ServerKey,
    worker: &Worker,
    kind: LinkKind,
    text: &str,
    source: &str,
    at: DateTime<Utc>,
) -> Result<(), WatchError> {
    if !may_keep(worker) {
        return Err(WatchError::NotAllowed);
    }
    let (text, source) = (text.trim(), source.trim());
    if source.is_empty() || source.chars().count() > MAX_CHARS {
        return Err(WatchError::NoSource);
    }
    if text.chars().count() > MAX_CHARS {
        return Err(WatchError::Invalid);
    }
    let id = Identifier::parse(kind, text).ok_or(WatchError::Invalid)?;
    // An account link may turn out to be a phone number (wa.me/…).
    let entry_id = uuid::Uuid::now_v7().to_string();
    let plain = Zeroizing::new(
        serde_json::to_vec(&Entry {
            text: text.to_owned(),
            source: source.to_owned(),
        })
        .map_err(|_| WatchError::Invalid)?,
    );
    let batch = Batch {
        watchlist: vec![NewWatch {
            id: entry_id.clone(),
            kind: id.kind,
            blind: server_key.blind_index(id.kind.as_str(), id.value()),
            entry: server_key.seal::<WatchEntry>(&entry_id, &plain)?,
            added_at: at,
            added_by: worker.id.clone(),
        }],
        audit: vec![AuditDraft {
            at,
            actor: worker.id.clone(),
            action: AuditAction::WatchlistAdded,
            report_id: None,
            detail: id.kind.as_str().to_owned(),
        }],
        ..Batch::default()
    };
    store.write(&batch).await?;
    Ok(())
}

/// The entries, oldest first, opened for a koordinator (at most `limit`).
pub async fn entries(
    store: &dyn Store,
    server_key: &ServerKey,
    limit: i64,
) -> Result<Vec<WatchView>, WatchError> {
    let rows = store.watch_entries_after("", limit).await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let plain = server_key.open(&row.id, &row.entry)?;
        let entry: Entry = serde_json::from_slice(&plain).map_err(|_| WatchError::Invalid)?;
        out.push(WatchView {
            kind: row.kind,
            text: Zeroizing::new(entry.text),
            source: entry.source,
            added_at: row.added_at,
            added_by: row.added_by,
        });
    }
    Ok(out)
}
