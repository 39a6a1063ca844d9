//! The console's way in: an admin invites, the owner sets the password.
//!
//! [`invite`] stores the account with no usable password (a dummy hash
//! nothing matches) and a throwaway key pair whose password is forgotten at
//! once, plus a one-time link. [`enrol`] is the owner's first step: the
//! password they choose, a fresh key pair wrapped under it, and the link
//! used up, in one transaction. The admin sees the link but never the
//! password; an admin who uses the link themselves still needs a second
//! person's approval before the account reads anything.

use chrono::{DateTime, Duration, Utc};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use super::{AccountError, AlertGroup, check_password};
use crate::crypto::{KeyPair, PasswordKdf, random_bytes};
use crate::domain::account::NewAccount;
use crate::domain::audit::AuditAction;
use crate::service::passwords::Passwords;
use crate::store::{
    AccountChange, AuditDraft, Batch, Enrolment, NewWorker, Store, StoreError, Worker,
};

/// A new account's one-time link, shown once to the admin who made it.
pub struct Invitation {
    pub id: String,
    /// The token in the link; only its hash is stored.
    pub token: Zeroizing<String>,
    pub expires_at: DateTime<Utc>,
}

/// What is stored of an enrolment token: its SHA-256. The token is 256
/// random bits, so a fast hash is enough, and a lookup by it is indexed.
pub fn enrolment_hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.trim().as_bytes()).to_vec()
}

fn entry(actor: &str, action: AuditAction, detail: String, at: DateTime<Utc>) -> AuditDraft {
    AuditDraft {
        at,
        actor: actor.to_owned(),
        action,
        report_id: None,
        detail,
    }
}

/// Creates `new` by `actor` (an admin), waiting for its owner to set a
/// password through the returned link (valid for `valid_for`) and for a
/// second person's approval.
pub async fn invite(
    store: &dyn Store,
    passwords: &Passwords,
    new: &NewAccount,
    actor: &str,
    at: DateTime<Utc>,
    valid_for: Duration,
    group: Option<&AlertGroup<'_>>,
) -> Result<Invitation, AccountError> {
    use base64::Engine;
    let token = Zeroizing::new(
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(random_bytes::<32>()),
    );
    // A key pair nobody can unwrap: its password is random and dropped
    // here. It only fills the row until the owner makes their own.
    let pair = KeyPair::generate();
    let public = pair.public;
    let wrapped = passwords
        .run(move |kdf| {
            let forgotten = Zeroizing::new(hex::encode(random_bytes::<32>()));
            kdf.wrap(&pair.private, &forgotten)
        })
        .await??;
    let id = uuid::Uuid::new_v4().to_string();
    let expires_at = at + valid_for;
    let mut batch = Batch {
        workers: vec![NewWorker {
            id: id.clone(),
            username: new.username.as_str().to_owned(),
            role: new.role,
            regions: new.regions.clone(),
            agency: new.agency.clone(),
            password_hash: passwords.dummy_hash().to_owned(),
            totp: None,
            public_key: public,
            private_key: wrapped,
            created_at: at,
            created_by: Some(actor.to_owned()),
            approved_by: None,
            enrolment: Some(Enrolment {
                token_hash: enrolment_hash(&token),
                expires_at,
            }),
        }],
        audit: vec![entry(
            actor,
            AuditAction::AccountCreated,
            format!(
                "account {id}; role {}{}; enrolment link until {}",
                new.role,
                new.scope(),
                expires_at.format("%Y-%m-%d %H:%M UTC")
            ),
            at,
        )],
        ..Batch::default()
    };
    if let Some(group) = group {
        batch
            .outbox
            .push(group.row(AuditAction::AccountCreated, new.role, &id, at)?);
    }
    store.write(&batch).await?;
    Ok(Invitation {
        id,
        token,
        expires_at,
    })
}

/// The account a link is for, while it is pending and unexpired.
pub async fn pending(
    store: &dyn Store,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Worker, AccountError> {
    match store.worker_by_enrolment(&enrolment_hash(token)).await? {
        Some(w) if !w.disabled && w.enrolment_expires.is_some_and(|e| e > now) => Ok(w),
        _ => Err(AccountError::InvalidLink),
    }
}

/// The owner sets their password through the link: a fresh key pair
/// wrapped under it, the link used up. Returns the account.
pub async fn enrol(
    store: &dyn Store,
    passwords: &Passwords,
    token: &str,
    password: &str,
    now: DateTime<Utc>,
) -> Result<Worker, AccountError> {
    check_password(password)?;
    let w = pending(store, token, now).await?;
    let pw = Zeroizing::new(password.to_owned());
    let (hash, public, wrapped) = passwords
        .run(move |kdf| -> Result<_, crate::crypto::CryptoError> {
            let pair = KeyPair::generate();
            Ok((
                kdf.hash_password(&pw)?,
                pair.public,
                kdf.wrap(&pair.private, &pw)?,
            ))
        })
        .await??;
    let batch = Batch {
        accounts: vec![AccountChange::Enrol {
            worker_id: w.id.clone(),
            token_hash: enrolment_hash(token),
            now,
            password_hash: hash,
            public_key: public,
            private_key: wrapped,
        }],
        audit: vec![entry(
            &w.id,
            AuditAction::AccountEnrolled,
            format!(
                "account {}; own password set through the enrolment link",
                w.id
            ),
            now,
        )],
        ..Batch::default()
    };
    match store.write(&batch).await {
        Ok(()) => Ok(w),
        // Used by a parallel request, or expired in between.
        Err(StoreError::Stale) => Err(AccountError::InvalidLink),
        Err(e) => Err(e.into()),
    }
}

/// A worker changes their own password in the console: the same key pair
/// re-wrapped (report keys stay valid), checked against the old password
/// with the per-account unlock limit, all through the hashing gate.
pub async fn change_own_password(
    store: &dyn Store,
    passwords: &Passwords,
    worker: &Worker,
    old: &str,
    new: &str,
) -> Result<(), AccountError> {
    check_password(new)?;
    let now = Utc::now();
    let hits = store
        .hit_rate_limit(&format!("unlock:{}", worker.id), now, super::UNLOCK_WINDOW)
        .await?;
    if hits > super::UNLOCK_ATTEMPTS {
        return Err(AccountError::RateLimited);
    }
    let (wrapped, old, new) = (
        worker.private_key.clone(),
        Zeroizing::new(old.to_owned()),
        Zeroizing::new(new.to_owned()),
    );
    let changed = passwords
        .run(move |kdf| -> Result<_, AccountError> {
            let key =
                PasswordKdf::unwrap(&wrapped, &old).map_err(|_| AccountError::WrongPassword)?;
            Ok((kdf.hash_password(&new)?, kdf.wrap(&key, &new)?))
        })
        .await??;
    let (password_hash, private_key) = changed;
    store
        .write(&Batch {
            accounts: vec![AccountChange::Password {
                worker_id: worker.id.clone(),
                password_hash,
                private_key,
            }],
            audit: vec![entry(
                &worker.id,
                AuditAction::AccountPasswordChanged,
                format!("account {}; changed in the console", worker.id),
                now,
            )],
            ..Batch::default()
        })
        .await?;
    Ok(())
}
