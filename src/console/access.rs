//! Who may open which report. The rule follows the keys: a worker opens a
//! report only if its key was sealed to them (a petugas, moreover, only
//! while it is unassigned or assigned to them); a liaison opens only a
//! referral to their agency that was sealed to them. Anything else is
//! "not found", so nobody learns that a report they may not see exists.

use std::collections::HashMap;

use chrono::Utc;

use crate::conversation::SubmitRequest;
use crate::crypto::{ReportKey, open_report_key};
use crate::domain::ReportId;
use crate::domain::casework::ShareField;
use crate::domain::role::Role;
use crate::service::submit::field;
use crate::store::{AuditDraft, Recipient, Referral, ReportMeta, StoreError, Worker};

use super::ConsoleState;
use super::auth::Signed;
use super::report::FIELD_REFERRAL;
use super::web::ConsoleError;

/// How much of a report the viewer holds.
pub enum Access {
    /// The report key: everything (koordinator, petugas).
    Full(ReportKey),
    /// A referral's key: only the fields it shares (mitra).
    Referral {
        referral: Box<Referral>,
        key: ReportKey,
    },
}

/// A report the viewer may see, with the key to read it.
pub struct Opened {
    pub meta: ReportMeta,
    pub access: Access,
}

impl Opened {
    pub fn is_full(&self) -> bool {
        matches!(self.access, Access::Full(_))
    }

    /// The answers and story as this viewer may see them: all of it, or a
    /// referral's part with the fields it shares.
    pub async fn request(
        &self,
        state: &ConsoleState,
    ) -> Result<(SubmitRequest, Option<Vec<ShareField>>), ConsoleError> {
        let (bytes, shown) = match &self.access {
            Access::Full(key) => {
                let sealed = state.store.report_payload(&self.meta.id).await?;
                let id = self.meta.id.to_string();
                (key.open(&id, field::PAYLOAD, &sealed), None)
            }
            Access::Referral { referral, key } => (
                key.open(&referral.id, FIELD_REFERRAL, &referral.payload),
                Some(referral.fields.clone()),
            ),
        };
        let bytes = bytes.map_err(ConsoleError::internal)?;
        let request = serde_json::from_slice(&bytes).map_err(ConsoleError::internal)?;
        Ok((request, shown))
    }

    /// The report key, for actions only full access allows.
    pub fn report_key(&self) -> Result<&ReportKey, ConsoleError> {
        match &self.access {
            Access::Full(key) => Ok(key),
            Access::Referral { .. } => Err(ConsoleError::NotFound),
        }
    }
}

fn not_found(err: StoreError) -> ConsoleError {
    match err {
        StoreError::NotFound => ConsoleError::NotFound,
        other => other.into(),
    }
}

/// Opens report `id` for `who`, or answers "not found".
pub async fn open(state: &ConsoleState, who: &Signed, id: &str) -> Result<Opened, ConsoleError> {
    let id = ReportId::parse(id).map_err(|_| ConsoleError::NotFound)?;
    let meta = state.store.report_meta(&id).await.map_err(not_found)?;
    let me = &who.worker.id;
    let access = match who.worker.role {
        Role::Admin => return Err(ConsoleError::NotFound),
        Role::Mitra => {
            let (referral, sealed) = state
                .store
                .referral_for(&id, me)
                .await?
                .ok_or(ConsoleError::NotFound)?;
            // A liaison who moved to another agency leaves its referrals behind.
            if who.worker.agency.as_deref() != Some(referral.agency.as_str()) {
                return Err(ConsoleError::NotFound);
            }
            let key = open_report_key(&sealed, &who.key, &referral.id)
                .map_err(|_| ConsoleError::NotFound)?;
            Access::Referral {
                referral: Box::new(referral),
                key,
            }
        }
        Role::Koordinator | Role::Petugas => {
            if who.worker.role == Role::Petugas
                && meta.assigned_to.as_ref().is_some_and(|a| a != me)
            {
                return Err(ConsoleError::NotFound);
            }
            let sealed = state
                .store
                .report_key(&id, &Recipient::Worker(me.clone()))
                .await?
                .ok_or(ConsoleError::NotFound)?;
            let key = open_report_key(&sealed, &who.key, &id.to_string())
                .map_err(|_| ConsoleError::NotFound)?;
            Access::Full(key)
        }
    };
    Ok(Opened { meta, access })
}

/// Usernames by account id, for showing who did what.
pub fn worker_names(workers: &[Worker]) -> HashMap<String, String> {
    (workers.iter())
        .map(|w| (w.id.clone(), w.username.clone()))
        .collect()
}

/// Appends what `who` did to the audit chain.
pub async fn audit(
    state: &ConsoleState,
    who: &Signed,
    action: &str,
    report: Option<ReportId>,
    detail: String,
) -> Result<(), ConsoleError> {
    state
        .store
        .append_audit(&AuditDraft {
            at: Utc::now(),
            actor: who.worker.id.clone(),
            action: action.to_owned(),
            report_id: report,
            detail,
        })
        .await?;
    Ok(())
}
