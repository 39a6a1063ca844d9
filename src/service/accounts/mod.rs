//! Case-worker accounts and their keys: creation, password change, and an
//! admin's reset with the recovery key.
//!
//! A worker's X25519 private key exists on disk only wrapped under their
//! password. A password change unwraps and re-wraps it. A forgotten
//! password cannot be recovered, so a reset makes a new key pair and uses
//! the recovery key to re-seal every report key the worker held.
//!
//! Two ways in (issue 12, "no secret readers"): the operator's [`create`]
//! (the CLI, the demo), with a password the operator types and approved at
//! once in the operator's name; and the console's [`invite`], where the
//! admin never knows the password ([`enrolment`]) and the account waits
//! for a second person's approval ([`approval`]) before it receives any
//! report key. Every such change is in the audit log, which is what every
//! koordinator is shown, and can be announced to the alert group.

mod approval;
mod enrolment;
mod notice;
mod recovery;

pub use approval::{approve, set_enabled, set_scope};
pub use enrolment::{Invitation, change_own_password, enrol, enrolment_hash, invite, pending};
pub use notice::AlertGroup;
pub use recovery::{grant_report, reset_with_recovery};

use chrono::{DateTime, Utc};

use crate::crypto::{CryptoError, KeyPair, PasswordKdf, UnlockedPrivateKey};
use crate::domain::account::NewAccount;
use crate::domain::audit::AuditAction;
use crate::store::{AuditDraft, Batch, CredentialUpdate, NewWorker, Store, StoreError, Worker};

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
    #[error("too many attempts; try again later")]
    RateLimited,
    #[error("this account cannot open that report")]
    NoAccess,
    #[error("the recovery key does not open this report's key: {0}")]
    Recovery(String),
    /// The enrolment link is unknown, used or expired.
    #[error("the enrolment link is not valid (used, expired or unknown)")]
    InvalidLink,
    /// Not this person's to approve or change.
    #[error("not allowed")]
    NotAllowed,
    #[error("the account is already approved")]
    AlreadyApproved,
    #[error("the account has not set its password yet")]
    NotEnrolled,
    #[error(transparent)]
    Rule(#[from] crate::domain::account::AccountRuleError),
    #[error(transparent)]
    Busy(#[from] super::passwords::Busy),
    #[error("key operation failed: {0}")]
    Crypto(#[from] CryptoError),
    #[error(transparent)]
    Store(StoreError),
}

impl From<StoreError> for AccountError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::Conflict { constraint } if constraint.ends_with(".username") => {
                AccountError::UsernameTaken
            }
            StoreError::NotFound => AccountError::NoSuchAccount,
            other => AccountError::Store(other),
        }
    }
}

/// NIST SP 800-63B's minimum for memorised secrets chosen by the user.
pub const MIN_PASSWORD_CHARS: usize = 12;

pub(super) fn check_password(password: &str) -> Result<(), AccountError> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(AccountError::WeakPassword);
    }
    Ok(())
}

/// The operator's way in: creates an account with a fresh key pair wrapped
/// under the password the operator typed, approved at once in `actor`'s
/// name (`cli`, `demo`), with its `account.created` and `account.approved`
/// audit entries, in one transaction. Returns the new account's id.
///
/// Whoever runs this holds the server and its database already; what
/// keeps it honest is that every koordinator sees the entries.
pub async fn create(
    store: &dyn Store,
    kdf: &PasswordKdf,
    new: &NewAccount,
    password: &str,
    actor: &str,
    at: DateTime<Utc>,
) -> Result<String, AccountError> {
    create_announced(store, kdf, new, password, actor, at, None).await
}

/// [`create`], also announced to the alert group when one is configured.
pub async fn create_announced(
    store: &dyn Store,
    kdf: &PasswordKdf,
    new: &NewAccount,
    password: &str,
    actor: &str,
    at: DateTime<Utc>,
    group: Option<&AlertGroup<'_>>,
) -> Result<String, AccountError> {
    check_password(password)?;
    let pair = KeyPair::generate();
    let id = uuid::Uuid::new_v4().to_string();
    let worker = NewWorker {
        id: id.clone(),
        username: new.username.as_str().to_owned(),
        role: new.role,
        regions: new.regions.clone(),
        agency: new.agency.clone(),
        password_hash: kdf.hash_password(password)?,
        totp: None,
        public_key: pair.public,
        private_key: kdf.wrap(&pair.private, password)?,
        created_at: at,
        created_by: Some(actor.to_owned()),
        approved_by: Some(actor.to_owned()),
        enrolment: None,
    };
    let entry = |action, detail: String| AuditDraft {
        at,
        actor: actor.to_owned(),
        action,
        report_id: None,
        detail,
    };
    let mut batch = Batch {
        workers: vec![worker],
        audit: vec![
            entry(
                AuditAction::AccountCreated,
                format!("account {id}; role {}{}", new.role, new.scope()),
            ),
            entry(
                AuditAction::AccountApproved,
                format!("account {id}; approved at creation by {actor}"),
            ),
        ],
        ..Batch::default()
    };
    if let Some(group) = group {
        batch
            .outbox
            .push(group.row(AuditAction::AccountApproved, new.role, &id, at)?);
    }
    store.write(&batch).await?;
    Ok(id)
}

pub(super) async fn worker(store: &dyn Store, username: &str) -> Result<Worker, AccountError> {
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
    let private = unlock(store, username, old).await?;
    let w = worker(store, username).await?;
    store
        .replace_worker_credentials(&CredentialUpdate {
            worker_id: w.id.clone(),
            password_hash: kdf.hash_password(new)?,
            public_key: w.public_key,
            private_key: kdf.wrap(&private, new)?,
            // The key pair is the same, so every grant stays valid.
            keys: None,
        })
        .await?;
    audit(
        store,
        &w.id,
        AuditAction::AccountPasswordChanged,
        &w.id,
        String::new(),
    )
    .await
}

pub(super) async fn audit(
    store: &dyn Store,
    actor: &str,
    action: AuditAction,
    subject: &str,
    detail: String,
) -> Result<(), AccountError> {
    store
        .append_audit(&AuditDraft {
            at: Utc::now(),
            actor: actor.to_owned(),
            action,
            report_id: None,
            detail: format!(
                "account {subject}{}{detail}",
                if detail.is_empty() { "" } else { "; " }
            ),
        })
        .await?;
    Ok(())
}

/// Wrong-password attempts allowed per account in [`UNLOCK_WINDOW`].
pub const UNLOCK_ATTEMPTS: i64 = 10;
/// The window of the unlock rate limit.
pub const UNLOCK_WINDOW: std::time::Duration = std::time::Duration::from_secs(15 * 60);

/// Unlocks a worker's private key with their password. Every attempt
/// counts against a per-account limit, so a stolen session cannot try
/// passwords at Argon2's speed.
pub async fn unlock(
    store: &dyn Store,
    username: &str,
    password: &str,
) -> Result<UnlockedPrivateKey, AccountError> {
    let w = worker(store, username).await?;
    let hits = store
        .hit_rate_limit(&format!("unlock:{}", w.id), Utc::now(), UNLOCK_WINDOW)
        .await?;
    if hits > UNLOCK_ATTEMPTS {
        return Err(AccountError::RateLimited);
    }
    PasswordKdf::unwrap(&w.private_key, password).map_err(|_| AccountError::WrongPassword)
}
