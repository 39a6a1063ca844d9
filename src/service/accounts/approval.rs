//! A second person's approval, and an admin's changes to who reads what.
//!
//! A new account receives report keys (and an admin account administers)
//! only once someone other than its creator approves it: a koordinator, or
//! a second admin (`console.approval`). A koordinator who approves also
//! seals to the new account the keys they hold of reports it would have
//! received had it been approved when it was created: so approval grants
//! exactly what the account was made for, and nothing older. New regions
//! and a re-enabled account are written with their audit entry and
//! announced; every koordinator sees them in the console.

use chrono::{DateTime, Utc};

use super::{AccountError, AlertGroup};
use crate::crypto::{open_report_key, seal_report_key};
use crate::domain::RegionCatalog;
use crate::domain::account::{ApprovalMode, NewAccount, Party};
use crate::domain::audit::AuditAction;
use crate::domain::role::{Role, entitled_at_submission};
use crate::service::access::Actor;
use crate::store::{
    AccountChange, AuditDraft, Batch, KeyGrant, Recipient, Store, StoreError, Worker,
};

fn party(w: &Worker) -> Party<'_> {
    Party {
        id: &w.id,
        role: w.role,
        trusted: w.trusted(),
    }
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

async fn subject(store: &dyn Store, id: &str) -> Result<Worker, AccountError> {
    store
        .worker_by_id(id)
        .await?
        .ok_or(AccountError::NoSuchAccount)
}

/// `who` approves account `subject_id` under `mode`. Returns how many
/// report keys were sealed to it with the approval.
pub async fn approve(
    store: &dyn Store,
    who: &Actor<'_>,
    subject_id: &str,
    mode: ApprovalMode,
    at: DateTime<Utc>,
    group: Option<&AlertGroup<'_>>,
) -> Result<usize, AccountError> {
    let s = subject(store, subject_id).await?;
    if s.approved() {
        return Err(AccountError::AlreadyApproved);
    }
    if s.awaiting_enrolment || s.disabled {
        return Err(AccountError::NotEnrolled);
    }
    if !mode.may_approve(party(who.worker), party(&s), s.created_by.as_deref()) {
        return Err(AccountError::NotAllowed);
    }
    let mut batch = Batch::default();
    let regions = s.region_codes();
    let me = Recipient::Worker(who.worker.id.clone());
    for (report_id, sealed) in store.report_keys_of(&me).await? {
        let meta = store.report_meta(&report_id).await?;
        let missed = meta.created_at >= s.created_at
            && entitled_at_submission(s.role, &regions, meta.area.as_ref());
        if !missed {
            continue;
        }
        let id = report_id.to_string();
        let key = open_report_key(&sealed, who.key, &id).map_err(|_| AccountError::NoAccess)?;
        batch.grants.push(KeyGrant {
            report_id,
            recipient: Recipient::Worker(s.id.clone()),
            key: seal_report_key(&key, &s.public_key, &id)?,
            granted_by: Some(who.worker.id.clone()),
            at,
        });
    }
    let granted = batch.grants.len();
    batch.accounts.push(AccountChange::Approve {
        worker_id: s.id.clone(),
        by: who.worker.id.clone(),
        at,
    });
    batch.audit.push(entry(
        &who.worker.id,
        AuditAction::AccountApproved,
        format!(
            "account {}; role {}; {granted} report keys granted",
            s.id, s.role
        ),
        at,
    ));
    if let Some(group) = group {
        batch
            .outbox
            .push(group.row(AuditAction::AccountApproved, s.role, &s.id, at)?);
    }
    match store.write(&batch).await {
        Ok(()) => Ok(granted),
        Err(StoreError::Stale) => Err(AccountError::AlreadyApproved),
        Err(e) => Err(e.into()),
    }
}

/// An approved admin, or "not allowed".
fn admin(who: &Worker) -> Result<(), AccountError> {
    if who.role == Role::Admin && who.trusted() {
        Ok(())
    } else {
        Err(AccountError::NotAllowed)
    }
}

/// An admin gives account `subject_id` new regions (and agency), checked
/// by the same rules as a new account.
pub async fn set_scope(
    store: &dyn Store,
    who: &Worker,
    subject_id: &str,
    (regions, agency): (&[&str], Option<&str>),
    catalog: &RegionCatalog,
    group: Option<&AlertGroup<'_>>,
) -> Result<(), AccountError> {
    admin(who)?;
    let s = subject(store, subject_id).await?;
    let scope = NewAccount::parse(&s.username, s.role, regions, agency, catalog)?;
    let at = Utc::now();
    let mut batch = Batch {
        accounts: vec![AccountChange::Scope {
            worker_id: s.id.clone(),
            regions: scope.regions.clone(),
            agency: scope.agency.clone(),
        }],
        audit: vec![entry(
            &who.id,
            AuditAction::AccountRegions,
            format!("account {}; role {}{}", s.id, s.role, scope.scope()),
            at,
        )],
        ..Batch::default()
    };
    if let Some(group) = group {
        batch
            .outbox
            .push(group.row(AuditAction::AccountRegions, s.role, &s.id, at)?);
    }
    store.write(&batch).await?;
    Ok(())
}

/// An admin disables account `subject_id` (its sessions end), or enables it
/// again (announced: a re-enabled account reads again).
pub async fn set_enabled(
    store: &dyn Store,
    who: &Worker,
    subject_id: &str,
    enabled: bool,
    group: Option<&AlertGroup<'_>>,
) -> Result<(), AccountError> {
    admin(who)?;
    if subject_id == who.id {
        return Err(AccountError::NotAllowed);
    }
    let s = subject(store, subject_id).await?;
    let at = Utc::now();
    let action = if enabled {
        AuditAction::AccountEnabled
    } else {
        AuditAction::AccountDisabled
    };
    let mut batch = Batch {
        accounts: vec![AccountChange::Disabled {
            worker_id: s.id.clone(),
            disabled: !enabled,
        }],
        audit: vec![entry(
            &who.id,
            action,
            format!("account {}; role {}", s.id, s.role),
            at,
        )],
        ..Batch::default()
    };
    if let (true, Some(group)) = (enabled, group) {
        batch.outbox.push(group.row(action, s.role, &s.id, at)?);
    }
    store.write(&batch).await?;
    if !enabled {
        store.delete_sessions_of(&s.id).await?;
    }
    Ok(())
}
