//! Referring a report to a partner agency: only the parts chosen, never
//! to the police without her yes, and with the reason for the status
//! change it makes.

use chrono::Utc;

use super::{CaseError, MAX_NOTE_CHARS, audit, checked_text, event, status_change};
use crate::conversation::SubmitRequest;
use crate::crypto::fields::ReferralPayload;
use crate::crypto::{CryptoError, ReportKey, seal_report_key};
use crate::domain::audit::AuditAction;
use crate::domain::casework::{EventKind, PoliceAgencies, ShareField};
use crate::domain::report::Status;
use crate::domain::role::{Permission, Role};
use crate::service::access::{Actor, Opened};
use crate::store::{Batch, NewReferral, Referral, ReferralGrant, Store, Worker};

/// The partner agencies a report can be referred to: those with an active,
/// approved liaison account.
pub fn agencies(workers: &[Worker]) -> Vec<&str> {
    let mut out: Vec<&str> = (workers.iter())
        .filter(|w| w.role == Role::Mitra && w.trusted())
        .filter_map(|w| w.agency.as_deref())
        .collect();
    out.sort();
    out.dedup();
    out
}

/// What a case worker chose in the referral form.
pub struct ReferralForm<'a> {
    pub agency: &'a str,
    pub fields: &'a [ShareField],
    /// Why: the reason of the status change the referral makes.
    pub reason: &'a str,
}

/// Refers the report to `form.agency`, sharing `form.fields` of `request`
/// (the report as opened): only those parts, cut by
/// [`SubmitRequest::shared`], are sealed under a fresh referral key, sealed
/// to each of the agency's approved liaisons. A police agency needs her
/// yes to "may the police be told". The report moves to "dirujuk" along
/// the workflow (a new one is reviewed first), each step with the reason
/// and its `report.status` audit entry.
pub async fn refer(
    store: &dyn Store,
    who: &Actor<'_>,
    opened: &Opened,
    form: &ReferralForm<'_>,
    request: SubmitRequest,
    police: &PoliceAgencies,
) -> Result<(), CaseError> {
    if !who.worker.role.may(Permission::ActOnReports) {
        return Err(CaseError::NotFound);
    }
    let key = opened.report_key()?;
    let (agency, fields) = (form.agency, form.fields);
    if fields.is_empty() {
        return Err(CaseError::NothingShared);
    }
    let reason = checked_text(form.reason, MAX_NOTE_CHARS).ok_or(CaseError::ReasonNeeded)?;
    if !police.allows(agency, request.police_ok()) {
        return Err(CaseError::PoliceNotAllowed);
    }
    let liaisons: Vec<Worker> = (store.workers().await?.into_iter())
        .filter(|w| w.role == Role::Mitra && w.trusted() && w.agency.as_deref() == Some(agency))
        .collect();
    if liaisons.is_empty() {
        return Err(CaseError::UnknownAgency);
    }
    let shared = request.shared(fields);
    let meta = &opened.meta;
    let at = Utc::now();
    let referral_id = uuid::Uuid::now_v7().to_string();
    let referral_key = ReportKey::generate();
    let plain = zeroize::Zeroizing::new(
        serde_json::to_vec(&shared).map_err(|_| CryptoError::InvalidInput("referral payload"))?,
    );
    let grants = (liaisons.iter())
        .map(|w| {
            Ok(ReferralGrant {
                worker_id: w.id.clone(),
                key: seal_report_key(&referral_key, &w.public_key, &referral_id)?,
            })
        })
        .collect::<Result<Vec<_>, CryptoError>>()?;
    let referral = Referral {
        id: referral_id.clone(),
        report_id: meta.id,
        agency: agency.to_owned(),
        fields: fields.to_vec(),
        referred_by: Some(who.worker.id.clone()),
        at,
        payload: referral_key.seal::<ReferralPayload>(&referral_id, &plain)?,
    };
    let mut batch = Batch::default();
    batch.referrals.push(NewReferral { referral, grants });
    let mut e = event(meta, who.worker, EventKind::Referred, at);
    e.subject = Some(agency.to_owned());
    batch.events.push(e);
    batch.audit.push(audit(
        who.worker,
        AuditAction::ReportReferred,
        meta,
        format!("to agency {agency}; fields {}", ShareField::join(fields)),
        at,
    ));
    let path: &[Status] = if meta.status == Status::Baru {
        &[Status::Ditinjau, Status::Dirujuk]
    } else {
        &[Status::Dirujuk]
    };
    let mut from = meta.status;
    for to in path.iter().copied() {
        if !from.can_transition_to(to) {
            break;
        }
        status_change(opened, key, who.worker, (from, to), reason, at, &mut batch)?;
        from = to;
    }
    store.write(&batch).await?;
    Ok(())
}
