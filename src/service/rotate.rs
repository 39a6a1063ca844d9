//! `suara keys rotate-server`: replace the server key's sealing root and
//! re-seal everything it protects: every field `crypto::fields` lists as
//! stored under the server key (drafts, chat ids, queued notices, messages
//! to and from reporters, case workers' TOTP secrets, updates waiting in the
//! inbox). The hash root stays, so receipt codes
//! and chat lookups keep working.
//!
//! Resumable: the successor key is written first to `<key file>.next`; each
//! value is re-sealed only if the successor cannot already open it; the
//! database records the new key id, and only then does the successor
//! replace the key file. Run it again after an interruption and it carries
//! on from where it stopped.

use std::path::{Path, PathBuf};

use crate::config::Settings;
use crate::crypto::fields::{self, FieldSpec, ServerField};
use crate::crypto::{CryptoError, Sealed, ServerKey};
use crate::service::keys::{KeyError, SERVE_HEARTBEAT, SERVER_KEY_ID};
use crate::store::{MessageBody, Store, StoreError};

const PAGE: i64 = 500;
/// A heartbeat younger than this means `serve` is running (it beats every
/// 30 seconds).
const HEARTBEAT_FRESH_SECONDS: i64 = 90;

#[derive(Debug, thiserror::Error)]
pub enum RotateError {
    #[error(
        "the server key comes from SUARA_KEYS_SERVER_KEY; rotation works on a key file \
         (keys.server_key_file), so that it can resume after an interruption"
    )]
    KeyFromEnvironment,
    #[error(
        "the bot is running (it was alive {seconds} s ago); stop `suara serve` first, \
         or it would keep sealing with the old key"
    )]
    ServeRunning { seconds: i64 },
    #[error(
        "a value sealed under the server key opens with neither the old nor the new key ({what})"
    )]
    Unreadable { what: &'static str },
    /// A field declared as stored under the server key that this module
    /// does not know how to re-seal: a bug, caught before anything changes
    /// hands (see `crypto::fields`).
    #[error("the sealed field {0} is not covered by rotation")]
    Uncovered(&'static str),
    #[error(transparent)]
    Keys(#[from] KeyError),
    #[error(transparent)]
    Crypto(#[from] CryptoError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot replace the key file: {0}")]
    Io(#[from] std::io::Error),
}

/// How many values were re-sealed, by field.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Rotated {
    /// Every server-key field, in the order of `crypto::fields::ALL`, with
    /// how many values were re-sealed.
    pub fields: Vec<(&'static str, usize)>,
    pub new_key_id: String,
}

impl Rotated {
    /// How many values of the field named `name` were re-sealed.
    pub fn count(&self, name: &str) -> usize {
        (self.fields.iter())
            .find(|(n, _)| *n == name)
            .map_or(0, |(_, c)| *c)
    }
}

/// The successor key file's path.
pub fn next_path(key_file: &Path) -> PathBuf {
    let mut name = key_file.file_name().unwrap_or_default().to_owned();
    name.push(".next");
    key_file.with_file_name(name)
}

/// Rotates the server key file named in the settings.
pub async fn rotate_server_key(
    settings: &Settings,
    store: &dyn Store,
) -> Result<Rotated, RotateError> {
    if settings.keys.server_key.is_some() {
        return Err(RotateError::KeyFromEnvironment);
    }
    if let Some(beat) = store
        .setting(SERVE_HEARTBEAT)
        .await?
        .and_then(|v| v.parse::<i64>().ok())
    {
        let seconds = (chrono::Utc::now().timestamp_millis() - beat) / 1000;
        if seconds < HEARTBEAT_FRESH_SECONDS {
            return Err(RotateError::ServeRunning { seconds });
        }
    }
    let path = settings.server_key_file();
    let next_file = next_path(&path);
    let old = ServerKey::from_file(&path)?;
    let new = if next_file.exists() {
        ServerKey::from_file(&next_file)?
    } else {
        old.rotate_to_file(&next_file)?
    };
    let mut done = reseal_all(store, &old, &new).await?;
    store
        .put_setting(SERVER_KEY_ID, &new.key_id().to_string())
        .await?;
    std::fs::rename(&next_file, &path)?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        // Make the rename itself durable.
        std::fs::File::open(dir)?.sync_all()?;
    }
    done.new_key_id = new.key_id().to_string();
    Ok(done)
}

/// Re-seals one value, unless the new key already opens it.
fn reseal<F: ServerField>(
    old: &ServerKey,
    new: &ServerKey,
    context: &str,
    value: &Sealed<F>,
) -> Result<Option<Sealed<F>>, RotateError> {
    if new.open(context, value).is_ok() {
        return Ok(None);
    }
    let plain = old
        .open(context, value)
        .map_err(|_| RotateError::Unreadable { what: F::SPEC.name })?;
    Ok(Some(new.seal(context, &plain)?))
}

/// Re-seals every value under `old` with `new`, field by field, from the
/// list in `crypto::fields`: a field added there and not here stops the
/// rotation before the key changes.
pub async fn reseal_all(
    store: &dyn Store,
    old: &ServerKey,
    new: &ServerKey,
) -> Result<Rotated, RotateError> {
    // Check coverage first, so an unknown field changes nothing at all.
    for spec in fields::server_stored() {
        if !covers(spec) {
            return Err(RotateError::Uncovered(spec.name));
        }
    }
    let mut done = Rotated::default();
    for spec in fields::server_stored() {
        let count = match spec.name {
            "DialogueState" => drafts(store, old, new).await?,
            "ReporterChat" => chats(store, old, new).await?,
            "OutboxChat" | "OutboxPayload" => outbox(store, old, new, spec).await?,
            "ToReporter" | "FromReporter" => messages(store, old, new, spec).await?,
            "TotpSecret" => totp(store, old, new).await?,
            "InboxUpdate" => inbox(store, old, new).await?,
            "WatchEntry" => watchlist(store, old, new).await?,
            other => return Err(RotateError::Uncovered(other)),
        };
        done.fields.push((spec.name, count));
    }
    Ok(done)
}

/// Whether [`reseal_all`] knows where the field is stored.
pub fn covers(spec: &FieldSpec) -> bool {
    matches!(
        spec.name,
        "DialogueState"
            | "ReporterChat"
            | "OutboxChat"
            | "OutboxPayload"
            | "ToReporter"
            | "FromReporter"
            | "TotpSecret"
            | "InboxUpdate"
            | "WatchEntry"
    )
}

async fn drafts(store: &dyn Store, old: &ServerKey, new: &ServerKey) -> Result<usize, RotateError> {
    let (mut count, mut after) = (0, Vec::new());
    loop {
        let page = store.dialogues_after(&after, PAGE).await?;
        let Some(last) = page.last() else { break };
        after = last.chat_key.clone();
        for mut dialogue in page {
            let context = hex::encode(&dialogue.chat_key);
            if let Some(state) = reseal(old, new, &context, &dialogue.state)? {
                dialogue.state = state;
                dialogue.key_id = new.key_id().to_string();
                store.save_dialogue(&dialogue).await?;
                count += 1;
            }
        }
    }
    Ok(count)
}

async fn chats(store: &dyn Store, old: &ServerKey, new: &ServerKey) -> Result<usize, RotateError> {
    let (mut count, mut after) = (0, String::new());
    loop {
        let page = store.report_chats_after(&after, PAGE).await?;
        let Some((last, _)) = page.last() else { break };
        after = last.to_string();
        for (id, chat) in page {
            if let Some(chat) = reseal(old, new, &id.to_string(), &chat)? {
                store.set_report_chat(&id, &chat).await?;
                count += 1;
            }
        }
    }
    Ok(count)
}

async fn outbox(
    store: &dyn Store,
    old: &ServerKey,
    new: &ServerKey,
    spec: &FieldSpec,
) -> Result<usize, RotateError> {
    let mut count = 0;
    for item in store.unsent_outbox().await? {
        let context = item.dedup_key.clone().unwrap_or_default();
        let (chat, payload) = if spec.name == "OutboxChat" {
            (reseal(old, new, &context, &item.chat)?, None)
        } else {
            (None, reseal(old, new, &context, &item.payload)?)
        };
        if chat.is_some() || payload.is_some() {
            let chat = chat.unwrap_or(item.chat);
            let payload = payload.unwrap_or(item.payload);
            store.reseal_outbox(item.id, &chat, &payload).await?;
            count += 1;
        }
    }
    Ok(count)
}

async fn messages(
    store: &dyn Store,
    old: &ServerKey,
    new: &ServerKey,
    spec: &FieldSpec,
) -> Result<usize, RotateError> {
    let (mut count, mut after) = (0, String::new());
    loop {
        let page = store.messages_after(&after, PAGE).await?;
        let Some(last) = page.last() else { break };
        after = last.id.clone();
        for message in page {
            let context = format!("{}/{}", message.report_id, message.id);
            let body = match (&message.body, spec.name) {
                (MessageBody::ToReporter(b), "ToReporter") => {
                    reseal(old, new, &context, b)?.map(MessageBody::ToReporter)
                }
                (MessageBody::FromReporter(b), "FromReporter") => {
                    reseal(old, new, &context, b)?.map(MessageBody::FromReporter)
                }
                _ => None,
            };
            if let Some(body) = body {
                store.set_message_body(&message.id, &body).await?;
                count += 1;
            }
        }
    }
    Ok(count)
}

async fn inbox(store: &dyn Store, old: &ServerKey, new: &ServerKey) -> Result<usize, RotateError> {
    let (mut count, mut after) = (0, 0);
    loop {
        let page = store.inbox_after(after, PAGE).await?;
        let Some(last) = page.last() else { break };
        after = last.id;
        for item in page {
            let context = format!("{}/{}", item.channel, item.update_id);
            if let Some(payload) = reseal(old, new, &context, &item.payload)? {
                store.reseal_inbox(item.id, &payload).await?;
                count += 1;
            }
        }
    }
    Ok(count)
}

async fn watchlist(
    store: &dyn Store,
    old: &ServerKey,
    new: &ServerKey,
) -> Result<usize, RotateError> {
    let (mut count, mut after) = (0, String::new());
    loop {
        let page = store.watch_entries_after(&after, PAGE).await?;
        let Some(last) = page.last() else { break };
        after = last.id.clone();
        for row in page {
            if let Some(entry) = reseal(old, new, &row.id, &row.entry)? {
                store.reseal_watch(&row.id, &entry).await?;
                count += 1;
            }
        }
    }
    Ok(count)
}

async fn totp(store: &dyn Store, old: &ServerKey, new: &ServerKey) -> Result<usize, RotateError> {
    let mut count = 0;
    for worker in store.workers().await? {
        let Some(sealed) = &worker.totp else { continue };
        if let Some(sealed) = reseal(old, new, &worker.id, sealed)? {
            store.reseal_totp(&worker.id, &sealed).await?;
            count += 1;
        }
    }
    Ok(count)
}
