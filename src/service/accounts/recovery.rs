//! When a key pair changes hands: an admin's reset of a forgotten password
//! with the recovery key (a new key pair, every report key re-sealed to
//! it), and a worker sharing a report's key with another.

use chrono::Utc;

use super::{AccountError, audit, check_password, worker};
use crate::crypto::{
    KeyPair, PasswordKdf, RecoveryKey, UnlockedPrivateKey, open_report_key, seal_report_key,
};
use crate::domain::ReportId;
use crate::domain::audit::AuditAction;
use crate::store::{AuditDraft, CredentialUpdate, KeyGrant, Recipient, Store};

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
            worker_id: w.id.clone(),
            password_hash: kdf.hash_password(new_password)?,
            public_key: pair.public,
            private_key: kdf.wrap(&pair.private, new_password)?,
            keys: Some(keys),
        })
        .await?;
    audit(
        store,
        by,
        AuditAction::AccountReset,
        &w.id,
        format!("{count} report keys re-granted"),
    )
    .await?;
    Ok(count)
}

/// Shares a report with another worker: the granter, who can open the
/// report key, seals it to the grantee. Recorded in the grant and the
/// audit log.
pub async fn grant_report(
    store: &dyn Store,
    report: &ReportId,
    granter: &str,
    granter_key: &UnlockedPrivateKey,
    grantee: &str,
) -> Result<(), AccountError> {
    let from = worker(store, granter).await?;
    let to = worker(store, grantee).await?;
    let id = report.to_string();
    let sealed = store
        .report_key(report, &Recipient::Worker(from.id.clone()))
        .await?
        .ok_or(AccountError::NoAccess)?;
    let key = open_report_key(&sealed, granter_key, &id).map_err(|_| AccountError::NoAccess)?;
    store
        .grant_report_key(&KeyGrant {
            report_id: *report,
            recipient: Recipient::Worker(to.id.clone()),
            key: seal_report_key(&key, &to.public_key, &id)?,
            granted_by: Some(from.id.clone()),
            at: Utc::now(),
        })
        .await?;
    store
        .append_audit(&AuditDraft {
            at: Utc::now(),
            actor: from.id,
            action: AuditAction::ReportGranted,
            report_id: Some(*report),
            detail: format!("to {}", to.id),
        })
        .await?;
    Ok(())
}
