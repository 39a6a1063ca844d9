//! The server key (drafts, chat ids, keyed hashes) and the recovery key's
//! public half.

use std::path::Path;

use secrecy::ExposeSecret;

use crate::config::Settings;
use crate::crypto::{CryptoError, RecipientPublicKey, RecoveryKey, ServerKey};
use crate::store::{Store, StoreError};

/// Where the recovery public key is kept in the `settings` table.
pub const RECOVERY_PUBLIC_KEY: &str = "recovery.public_key";

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("server key: {0}")]
    ServerKey(#[source] CryptoError),
    #[error("cannot create the directory for the server key {path}: {source}")]
    Directory {
        path: String,
        source: std::io::Error,
    },
    #[error(
        "the recovery key is not set up yet: run `suara keys init` once, and keep the printed key safe"
    )]
    NoRecoveryKey,
    #[error(
        "a recovery key already exists; it is not replaced, so reports sealed to it stay readable"
    )]
    RecoveryExists,
    #[error(
        "this database was used with server key {expected}, but the configured key is {found}; \
         restore the original key file (or SUARA_KEYS_SERVER_KEY) instead of making a new one"
    )]
    WrongServerKey { expected: String, found: String },
    #[error("the stored recovery public key is damaged: {0}")]
    BadRecoveryKey(#[source] CryptoError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The server key from `keys.server_key` (base64), or from the key file,
/// which is created (mode 0600) on first start.
pub fn load_server_key(settings: &Settings) -> Result<ServerKey, KeyError> {
    if let Some(inline) = &settings.keys.server_key {
        return ServerKey::from_base64(inline.expose_secret().trim()).map_err(KeyError::ServerKey);
    }
    let path = settings.server_key_file();
    if path.exists() {
        return ServerKey::from_file(&path).map_err(KeyError::ServerKey);
    }
    create_parent(&path)?;
    let key = ServerKey::generate_to_file(&path).map_err(KeyError::ServerKey)?;
    tracing::info!(key.id = %key.key_id(), "generated a new server key");
    Ok(key)
}

fn create_parent(path: &Path) -> Result<(), KeyError> {
    match path.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(dir) => std::fs::create_dir_all(dir).map_err(|source| KeyError::Directory {
            path: dir.display().to_string(),
            source,
        }),
        None => Ok(()),
    }
}

/// Where a running `serve` notes that it is alive (Unix milliseconds).
pub const SERVE_HEARTBEAT: &str = "serve.heartbeat";

/// Where the id of the server key in use is kept.
pub const SERVER_KEY_ID: &str = "server_key.id";

/// Refuses a server key other than the one this database was used with: a
/// lost key file silently replaced would make every draft, chat id and
/// receipt code unreadable. The first start records the key's id.
pub async fn check_server_key(store: &dyn Store, key: &ServerKey) -> Result<(), KeyError> {
    let id = key.key_id().to_string();
    if store.insert_setting(SERVER_KEY_ID, &id).await? {
        return Ok(());
    }
    match store.setting(SERVER_KEY_ID).await? {
        Some(stored) if stored == id => Ok(()),
        stored => Err(KeyError::WrongServerKey {
            expected: stored.unwrap_or_default(),
            found: id,
        }),
    }
}

/// The recovery key's public half; every report key is also sealed to it.
pub async fn recovery_public_key(store: &dyn Store) -> Result<RecipientPublicKey, KeyError> {
    let stored = store
        .setting(RECOVERY_PUBLIC_KEY)
        .await?
        .ok_or(KeyError::NoRecoveryKey)?;
    RecipientPublicKey::from_hex(&stored).map_err(KeyError::BadRecoveryKey)
}

/// Creates the recovery key pair, stores only its public half, and returns
/// the key so the caller can print it once. Refuses to replace one.
pub async fn init_recovery(store: &dyn Store) -> Result<RecoveryKey, KeyError> {
    let key = RecoveryKey::generate();
    if !store
        .insert_setting(RECOVERY_PUBLIC_KEY, &key.public_key().to_hex())
        .await?
    {
        return Err(KeyError::RecoveryExists);
    }
    Ok(key)
}
