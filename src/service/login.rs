//! Signing in to the console: password, then TOTP, with lockout per
//! account (and per name that is no account, so that the lockout reveals
//! nothing), a rate limit per address before any hashing, and hashing
//! bounded by [`Passwords`]. No HTTP here: the console's handlers call
//! [`login`] and [`enrol_totp`] and render the outcome.

use std::time::Duration;

use chrono::{DateTime, Utc};
use zeroize::Zeroizing;

use super::passwords::{Busy, Passwords};
use crate::crypto::{CryptoError, PasswordKdf, ServerKey, TotpKey, UnlockedPrivateKey};
use crate::domain::account::Username;
use crate::domain::audit::AuditAction;
use crate::store::{AuditDraft, Store, StoreError, TotpSecret, Worker};

/// The limits a login is held to.
#[derive(Debug, Clone)]
pub struct LoginPolicy {
    /// Consecutive wrong passwords (or codes) before the account locks.
    pub lock_after: i64,
    pub lock_for: Duration,
    /// Attempts per address per [`IP_WINDOW`].
    pub per_ip: i64,
}

/// The window of the per-address limit.
pub const IP_WINDOW: Duration = Duration::from_secs(15 * 60);

/// Why a login did not succeed. `Failed` deliberately does not say whether
/// the username, the password or the code was wrong.
#[derive(Debug, thiserror::Error)]
pub enum LoginError {
    #[error("wrong username, password or code")]
    Failed,
    #[error("account locked")]
    Locked,
    #[error("too many attempts from this address")]
    RateLimited,
    /// Too many password checks at once: try again shortly.
    #[error(transparent)]
    Busy(#[from] Busy),
    #[error(transparent)]
    Crypto(#[from] CryptoError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A successful password check.
pub enum LoginOutcome {
    /// Password and code were right: fully signed in.
    SignedIn {
        worker: Box<Worker>,
        key: UnlockedPrivateKey,
    },
    /// Password right, no TOTP enrolled yet: enrolment comes next.
    MustEnrol {
        worker: Box<Worker>,
        key: UnlockedPrivateKey,
    },
}

async fn audit(
    store: &dyn Store,
    actor: &str,
    action: AuditAction,
    detail: &str,
) -> Result<(), StoreError> {
    store
        .append_audit(&AuditDraft {
            at: Utc::now(),
            actor: actor.to_owned(),
            action,
            report_id: None,
            detail: detail.to_owned(),
        })
        .await
        .map(|_| ())
}

/// The actor of audit entries about a name that is no account.
pub const UNKNOWN_NAME: &str = "unknown-name";

/// The keyed hash a name that is no account is counted under. Keyed, so
/// that a password typed into the name field is never kept in a form that
/// can be guessed offline.
fn name_key(server_key: &ServerKey, name: &str) -> Vec<u8> {
    let name: String = name.chars().take(256).collect();
    let mut msg = b"login-name\0".to_vec();
    msg.extend_from_slice(name.as_bytes());
    server_key.receipt_mac(&msg).as_bytes().to_vec()
}

/// [`sign_in`] for a caller without a shared [`Passwords`] gate (a test, a
/// one-off tool): one derivation at a time, for this call only.
#[allow(clippy::too_many_arguments)]
pub async fn login(
    store: &dyn Store,
    server_key: &ServerKey,
    kdf: &PasswordKdf,
    policy: &LoginPolicy,
    username: &str,
    password: &str,
    code: &str,
    address: &str,
    now: DateTime<Utc>,
) -> Result<LoginOutcome, LoginError> {
    let passwords = Passwords::with_permits(kdf.clone(), 1, 0);
    let form = (username, password, code);
    sign_in(store, server_key, &passwords, policy, form, address, now).await
}

/// Checks a login. `address` is the client's address, for the rate limit
/// only; it is not stored anywhere else.
///
/// Every answer but success costs one Argon2 derivation through
/// `passwords` (a dummy one for unknown names and locked accounts), after
/// the per-address limit: so time and memory say nothing about whether a
/// name exists or is locked, and a flood waits its turn or is told "busy".
pub async fn sign_in(
    store: &dyn Store,
    server_key: &ServerKey,
    passwords: &Passwords,
    policy: &LoginPolicy,
    (username, password, code): (&str, &str, &str),
    address: &str,
    now: DateTime<Utc>,
) -> Result<LoginOutcome, LoginError> {
    let hits = store
        .hit_rate_limit(&format!("login-ip:{address}"), now, IP_WINDOW)
        .await?;
    if hits > policy.per_ip {
        return Err(LoginError::RateLimited);
    }
    let name = Username::parse(username);
    let worker = match &name {
        Ok(name) => store.worker_by_username(name.as_str()).await?,
        Err(_) => None,
    };
    let Some(worker) = worker else {
        let name = name.map_or_else(|_| username.trim().to_owned(), |n| n.as_str().to_owned());
        return unknown_name(store, server_key, passwords, policy, &name, password, now).await;
    };
    if worker.locked_until.is_some_and(|until| until > now) {
        passwords.verify(passwords.dummy_hash(), password).await?;
        audit(store, &worker.id, AuditAction::LoginLocked, "").await?;
        return Err(LoginError::Locked);
    }
    let (phc, wrapped) = (worker.password_hash.clone(), worker.private_key.clone());
    let pw = Zeroizing::new(password.to_owned());
    let disabled = worker.disabled;
    // One turn for both derivations: the second runs only for the right
    // password, which is the one answer that may take longer.
    let key = passwords
        .run(move |_| {
            let ok = PasswordKdf::verify_password(&phc, &pw).is_ok();
            (ok && !disabled).then(|| PasswordKdf::unwrap(&wrapped, &pw))
        })
        .await?;
    let Some(key) = key else {
        return fail(store, policy, &worker, now, "password").await;
    };
    let key = key?;
    let Some(sealed) = &worker.totp else {
        store.record_login(&worker.id).await?;
        audit(store, &worker.id, AuditAction::LoginPasswordOkEnrol, "").await?;
        return Ok(LoginOutcome::MustEnrol {
            worker: Box::new(worker),
            key,
        });
    };
    let totp = TotpKey::from_bytes(&server_key.open(&worker.id, sealed)?)?;
    let step = totp.verify(code, now.timestamp().max(0) as u64);
    let fresh = match step {
        Some(step) => store.use_totp_step(&worker.id, step).await?,
        None => false,
    };
    if !fresh {
        let why = if step.is_some() {
            "replayed code"
        } else {
            "code"
        };
        return fail(store, policy, &worker, now, why).await;
    }
    store.record_login(&worker.id).await?;
    audit(store, &worker.id, AuditAction::LoginOk, "").await?;
    Ok(LoginOutcome::SignedIn {
        worker: Box::new(worker),
        key,
    })
}

/// A name that is no account: the same derivation, the same count of
/// failures and the same lock as an account, under the name's keyed hash.
async fn unknown_name(
    store: &dyn Store,
    server_key: &ServerKey,
    passwords: &Passwords,
    policy: &LoginPolicy,
    name: &str,
    password: &str,
    now: DateTime<Utc>,
) -> Result<LoginOutcome, LoginError> {
    let key = name_key(server_key, name);
    let locked = store
        .name_locked_until(&key)
        .await?
        .is_some_and(|until| until > now);
    passwords.verify(passwords.dummy_hash(), password).await?;
    if locked {
        audit(store, UNKNOWN_NAME, AuditAction::LoginLocked, "").await?;
        return Err(LoginError::Locked);
    }
    let count = store
        .record_name_failure(&key, policy.lock_after, now, policy.lock_for)
        .await?;
    audit(
        store,
        UNKNOWN_NAME,
        AuditAction::LoginFailed,
        "no such account",
    )
    .await?;
    if count >= policy.lock_after {
        return Err(LoginError::Locked);
    }
    Err(LoginError::Failed)
}

async fn fail(
    store: &dyn Store,
    policy: &LoginPolicy,
    worker: &Worker,
    now: DateTime<Utc>,
    what: &str,
) -> Result<LoginOutcome, LoginError> {
    let count = store
        .record_login_failure(&worker.id, policy.lock_after, now, policy.lock_for)
        .await?;
    audit(
        store,
        &worker.id,
        AuditAction::LoginFailed,
        &format!("wrong {what}"),
    )
    .await?;
    if count >= policy.lock_after {
        audit(
            store,
            &worker.id,
            AuditAction::AccountLocked,
            &format!("after {count} failures"),
        )
        .await?;
        return Err(LoginError::Locked);
    }
    Err(LoginError::Failed)
}

/// Stores a worker's TOTP secret once they proved their app has it by
/// typing a current code. Returns `false` for a wrong code.
pub async fn enrol_totp(
    store: &dyn Store,
    server_key: &ServerKey,
    worker_id: &str,
    totp: &TotpKey,
    code: &str,
    now: DateTime<Utc>,
) -> Result<bool, LoginError> {
    let Some(step) = totp.verify(code, now.timestamp().max(0) as u64) else {
        return Ok(false);
    };
    set_totp(store, server_key, worker_id, totp).await?;
    store.use_totp_step(worker_id, step).await?;
    audit(store, worker_id, AuditAction::AccountTotpEnrolled, "").await?;
    Ok(true)
}

/// Seals and stores a TOTP secret (enrolment, and the demo's accounts).
pub async fn set_totp(
    store: &dyn Store,
    server_key: &ServerKey,
    worker_id: &str,
    totp: &TotpKey,
) -> Result<(), LoginError> {
    let sealed = server_key.seal::<TotpSecret>(worker_id, totp.expose())?;
    store.set_totp(worker_id, Some(&sealed)).await?;
    Ok(())
}
