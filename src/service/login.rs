//! Signing in to the console: password, then TOTP, with lockout per
//! account and a rate limit per address. No HTTP here: the console's
//! handlers call [`login`] and [`enrol_totp`] and render the outcome.

use std::sync::OnceLock;
use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::crypto::{CryptoError, PasswordKdf, ServerKey, TotpKey, UnlockedPrivateKey};
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

/// Argon2 on a throwaway hash, so an unknown username takes as long as a
/// known one.
fn dummy_hash(kdf: &PasswordKdf) -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| {
        kdf.hash_password("suara-dummy-password")
            .unwrap_or_default()
    })
}

async fn argon2<T: Send + 'static>(
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, LoginError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| LoginError::Store(StoreError::Corrupt(e.to_string())))
}

/// Checks a login. `address` is the client's address, for the rate limit
/// only; it is not stored anywhere else.
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
    let hits = store
        .hit_rate_limit(&format!("login-ip:{address}"), now, IP_WINDOW)
        .await?;
    if hits > policy.per_ip {
        return Err(LoginError::RateLimited);
    }
    let username = username.trim();
    let Some(worker) = store.worker_by_username(username).await? else {
        let phc = dummy_hash(kdf).to_owned();
        let password = password.to_owned();
        argon2(move || PasswordKdf::verify_password(&phc, &password))
            .await?
            .ok();
        return Err(LoginError::Failed);
    };
    if worker.locked_until.is_some_and(|until| until > now) {
        audit(store, &worker.id, AuditAction::LoginLocked, "").await?;
        return Err(LoginError::Locked);
    }
    let phc = worker.password_hash.clone();
    let pw = password.to_owned();
    let password_ok = argon2(move || PasswordKdf::verify_password(&phc, &pw))
        .await?
        .is_ok();
    if worker.disabled || !password_ok {
        return fail(store, policy, &worker, now, "password").await;
    }
    let wrapped = worker.private_key.clone();
    let pw = password.to_owned();
    let key = argon2(move || PasswordKdf::unwrap(&wrapped, &pw)).await??;
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

async fn fail(
    store: &dyn Store,
    policy: &LoginPolicy,
    worker: &Worker,
    now: DateTime<Utc>,
    what: &str,
) -> Result<LoginOutcome, LoginError> {
    let until = now + chrono::Duration::from_std(policy.lock_for).unwrap_or_default();
    let count = store
        .record_failed_login(&worker.id, policy.lock_after, until)
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
