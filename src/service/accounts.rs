//! Case-worker accounts and their keys: creation, password change, and an
//! admin's reset with the recovery key.
//!
//! A worker's X25519 private key exists on disk only wrapped under their
//! password. A password change unwraps and re-wraps it. A forgotten
//! password cannot be recovered, so a reset makes a new key pair and uses
//! the recovery key to re-seal every report key the worker held.

use chrono::{DateTime, Utc};

use crate::crypto::{
    CryptoError, KeyPair, PasswordKdf, RecoveryKey, open_report_key, seal_report_key,
};
use crate::domain::role::Role;
use crate::store::{CredentialUpdate, KeyGrant, NewWorker, Recipient, Store, StoreError, Worker};

#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error("no such account")]
    NoSuchAccount,
    #[error("the username is taken")]
    UsernameTaken,
    #[error("the password must have at least {MIN_PASSWORD_CHARS} characters")]
    WeakPassword,
    #[error("wrong password")]
    WrongPassword,
    #[error("the recovery key does not open this report's key: {0}")]
    Recovery(String),
    #[error("key operation failed: {0}")]
    Crypto(#[from] CryptoError),
    #[error(transparent)]
    Store(StoreError),
}

impl From<StoreError> for AccountError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::Conflict(_) => AccountError::UsernameTaken,
            StoreError::NotFound => AccountError::NoSuchAccount,
            other => AccountError::Store(other),
        }
    }
}

/// NIST SP 800-63B's minimum for memorised secrets chosen by the user.
pub const MIN_PASSWORD_CHARS: usize = 12;

/// A new account to create.
pub struct NewAccount<'a> {
    pub username: &'a str,
    pub role: Role,
    pub regions: Vec<String>,
    pub agency: Option<String>,
    pub password: &'a str,
}

fn check_password(password: &str) -> Result<(), AccountError> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(AccountError::WeakPassword);
    }
    Ok(())
}

/// Creates an account with a fresh key pair wrapped under its password.
pub async fn create(
    store: &dyn Store,
    kdf: &PasswordKdf,
    new: NewAccount<'_>,
    at: DateTime<Utc>,
) -> Result<String, AccountError> {
    check_password(new.password)?;
    let pair = KeyPair::generate();
    let id = uuid::Uuid::new_v4().to_string();
    store
        .insert_worker(&NewWorker {
            id: id.clone(),
            username: new.username.to_owned(),
            role: new.role,
            regions: new.regions,
            agency: new.agency,
            password_hash: kdf.hash_password(new.password)?,
            totp: None,
            public_key: pair.public,
            private_key: kdf.wrap(&pair.private, new.password)?,
            created_at: at,
        })
        .await?;
    Ok(id)
}

async fn worker(store: &dyn Store, username: &str) -> Result<Worker, AccountError> {
    store
        .worker_by_username(username)
        .await?
        .ok_or(AccountError::NoSuchAccount)
}

/// Changes a password: the same key pair, re-wrapped; report keys unchanged.
pub async fn change_password(
    store: &dyn Store,
    kdf: &PasswordKdf,
    username: &str,
    old: &str,
    new: &str,
) -> Result<(), AccountError> {
    check_password(new)?;
    let w = worker(store, username).await?;
    let private =
        PasswordKdf::unwrap(&w.private_key, old).map_err(|_| AccountError::WrongPassword)?;
    let keys = store
        .report_keys_of(&Recipient::Worker(w.id.clone()))
        .await?;
    let keys = keys
        .into_iter()
        .map(|(report_id, key)| KeyGrant {
            report_id,
            recipient: Recipient::Worker(w.id.clone()),
            key,
            granted_by: None,
            at: Utc::now(),
        })
        .collect();
    store
        .replace_worker_credentials(&CredentialUpdate {
            worker_id: w.id.clone(),
            password_hash: kdf.hash_password(new)?,
            public_key: w.public_key,
            private_key: kdf.wrap(&private, new)?,
            keys,
        })
        .await?;
    Ok(())
}

/// Resets a forgotten password: a new key pair, and every report key the
/// worker held re-sealed to it through the recovery key. Returns how many
/// report keys were re-granted.
pub async fn reset_with_recovery(
    store: &dyn Store,
    kdf: &PasswordKdf,
    recovery: &RecoveryKey,
    username: &str,
    new_password: &str,
    by: &str,
) -> Result<usize, AccountError> {
    check_password(new_password)?;
    let w = worker(store, username).await?;
    let pair = KeyPair::generate();
    let held = store
        .report_keys_of(&Recipient::Worker(w.id.clone()))
        .await?;
    let mut keys = Vec::with_capacity(held.len());
    for (report_id, _) in held {
        let id = report_id.to_string();
        let sealed = store
            .report_key(&report_id, &Recipient::Recovery)
            .await?
            .ok_or_else(|| {
                AccountError::Recovery(format!("report {} has no recovery key", report_id.short()))
            })?;
        let key = open_report_key(&sealed, recovery.private_key(), &id)
            .map_err(|e| AccountError::Recovery(e.to_string()))?;
        keys.push(KeyGrant {
            key: seal_report_key(&key, &pair.public, &id)?,
            report_id,
            recipient: Recipient::Worker(w.id.clone()),
            granted_by: Some(by.to_owned()),
            at: Utc::now(),
        });
    }
    let count = keys.len();
    store
        .replace_worker_credentials(&CredentialUpdate {
            worker_id: w.id,
            password_hash: kdf.hash_password(new_password)?,
            public_key: pair.public,
            private_key: kdf.wrap(&pair.private, new_password)?,
            keys,
        })
        .await?;
    Ok(count)
}
