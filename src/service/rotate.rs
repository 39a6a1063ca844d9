//! `suara keys rotate-server`: replace the server key's sealing root and
//! re-seal everything it protects — drafts, chat ids, queued notices,
//! messages to and from reporters. The hash root stays, so receipt codes
//! and chat lookups keep working.
//!
//! Resumable: the successor key is written first to `<key file>.next`; each
//! value is re-sealed only if the successor cannot already open it; the
//! database records the new key id, and only then does the successor
//! replace the key file. Run it again after an interruption and it carries
//! on from where it stopped.

use std::path::{Path, PathBuf};

use crate::bot::effects::{FIELD_FROM_REPORTER, FIELD_TO_REPORTER};
use crate::bot::outbox::{FIELD_CHAT, FIELD_PAYLOAD};
use crate::bot::session::FIELD as FIELD_DIALOGUE;
use crate::config::Settings;
use crate::crypto::{CryptoError, Sealed, ServerKey};
use crate::service::keys::{KeyError, SERVE_HEARTBEAT, SERVER_KEY_ID};
use crate::service::submit::field;
use crate::store::{Direction, Store, StoreError};

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
    #[error(transparent)]
    Keys(#[from] KeyError),
    #[error(transparent)]
    Crypto(#[from] CryptoError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot replace the key file: {0}")]
    Io(#[from] std::io::Error),
}

/// How many values were re-sealed, by kind.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Rotated {
    pub drafts: usize,
    pub chats: usize,
    pub notices: usize,
    pub messages: usize,
    pub new_key_id: String,
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
fn reseal<T>(
    old: &ServerKey,
    new: &ServerKey,
    context: &str,
    field: &'static str,
    value: &Sealed<T>,
    what: &'static str,
) -> Result<Option<Sealed<T>>, RotateError> {
    if new.open(context, field, value).is_ok() {
        return Ok(None);
    }
    let plain = old
        .open(context, field, value)
        .map_err(|_| RotateError::Unreadable { what })?;
    Ok(Some(new.seal(context, field, &plain)?))
}

/// Re-seals every value under `old` with `new`.
pub async fn reseal_all(
    store: &dyn Store,
    old: &ServerKey,
    new: &ServerKey,
) -> Result<Rotated, RotateError> {
    let mut done = Rotated::default();
    let mut after = Vec::new();
    loop {
        let page = store.dialogues_after(&after, PAGE).await?;
        let Some(last) = page.last() else { break };
        after = last.chat_key.clone();
        for mut dialogue in page {
            let context = hex::encode(&dialogue.chat_key);
            if let Some(state) =
                reseal(old, new, &context, FIELD_DIALOGUE, &dialogue.state, "draft")?
            {
                dialogue.state = state;
                dialogue.key_id = new.key_id().to_string();
                store.save_dialogue(&dialogue).await?;
                done.drafts += 1;
            }
        }
    }
    let mut after = String::new();
    loop {
        let page = store.report_chats_after(&after, PAGE).await?;
        let Some((last, _)) = page.last() else { break };
        after = last.to_string();
        for (id, chat) in page {
            if let Some(chat) = reseal(old, new, &id.to_string(), field::CHAT, &chat, "chat id")? {
                store.set_report_chat(&id, &chat).await?;
                done.chats += 1;
            }
        }
    }
    for item in store.unsent_outbox().await? {
        let context = item.dedup_key.clone().unwrap_or_default();
        let chat = reseal(old, new, &context, FIELD_CHAT, &item.chat, "notice")?;
        let payload = reseal(old, new, &context, FIELD_PAYLOAD, &item.payload, "notice")?;
        if chat.is_some() || payload.is_some() {
            let chat = chat.unwrap_or(item.chat);
            let payload = payload.unwrap_or(item.payload);
            store.reseal_outbox(item.id, &chat, &payload).await?;
            done.notices += 1;
        }
    }
    let mut after = String::new();
    loop {
        let page = store.messages_after(&after, PAGE).await?;
        let Some(last) = page.last() else { break };
        after = last.id.clone();
        for message in page {
            let context = format!("{}/{}", message.report_id, message.id);
            let field = match message.direction {
                Direction::ToReporter => FIELD_TO_REPORTER,
                Direction::FromReporter => FIELD_FROM_REPORTER,
            };
            if let Some(body) = reseal(old, new, &context, field, &message.body, "message")? {
                store.set_message_body(&message.id, &body).await?;
                done.messages += 1;
            }
        }
    }
    Ok(done)
}
