//! What a case worker does to a report: change its status (with a
//! reason), assign it, write a private note, message the reporter, refer
//! it to a partner agency. Every form carries the session's CSRF token,
//! every change is recorded on the timeline and in the audit log.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use maud::{Markup, html};
use serde::Deserialize;

use super::ConsoleState;
use super::access::audit;
use super::access::open;
use super::auth::Signed;
use super::report::{FIELD_EVENT, FIELD_REFERRAL};
use super::report_view::for_referral;
use super::web::ConsoleError;
use crate::crypto::{ReportKey, seal_report_key};
use crate::domain::casework::{EventKind, ShareField};
use crate::domain::report::Status;
use crate::domain::role::Role;
use crate::service::messages::{MessageError, send_to_reporter};
use crate::store::{Referral, ReferralGrant, ReportEvent, ReportMeta, Worker};

/// Longest reason or note, in characters.
const MAX_TEXT: usize = 4000;

fn back(id: &str, notice: &str) -> Response {
    Redirect::to(&format!("/reports/{id}?notice={notice}#actions")).into_response()
}

fn event(meta: &ReportMeta, who: &Signed, kind: EventKind) -> ReportEvent {
    ReportEvent {
        id: uuid::Uuid::now_v7().to_string(),
        report_id: meta.id,
        at: Utc::now(),
        actor_id: Some(who.worker.id.clone()),
        kind,
        from_status: None,
        to_status: None,
        subject: None,
        body: None,
    }
}

fn seal_text(key: &ReportKey, e: &mut ReportEvent, text: &str) -> Result<(), ConsoleError> {
    let context = format!("{}/{}", e.report_id, e.id);
    e.body = Some(
        key.seal(&context, FIELD_EVENT, text.as_bytes())
            .map_err(ConsoleError::internal)?,
    );
    Ok(())
}

/// Who a report may be assigned to: the active koordinator and petugas
/// who would have been sealed it at submission.
fn assignable<'w>(workers: &'w [Worker], meta: &ReportMeta) -> Vec<&'w Worker> {
    (workers.iter())
        .filter(|w| w.entitled_to(meta.area.as_ref()))
        .collect()
}

/// The partner agencies a report can be referred to: those with an active
/// liaison account.
fn agencies(workers: &[Worker]) -> Vec<&str> {
    let mut out: Vec<&str> = (workers.iter())
        .filter(|w| w.role == Role::Mitra && !w.disabled)
        .filter_map(|w| w.agency.as_deref())
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The action forms of a report page.
pub fn forms(who: &Signed, meta: &ReportMeta, workers: &[Worker]) -> Markup {
    let ui = &who.ui;
    let id = meta.id.to_string();
    let next: Vec<Status> = Status::ALL
        .iter()
        .copied()
        .filter(|s| meta.status.can_transition_to(*s))
        .collect();
    let is_koordinator = who.worker.role == Role::Koordinator;
    let candidates = if is_koordinator {
        assignable(workers, meta)
    } else {
        Vec::new()
    };
    let agencies = agencies(workers);
    html! {
        section.card.actions id="actions" {
            h2 { (ui.t("report-actions")) }
            form method="post" action=(format!("/reports/{id}/status")) {
                input type="hidden" name="csrf" value=(who.csrf);
                input type="hidden" name="from" value=(meta.status.as_str());
                label { (ui.t("report-status-new"))
                    select name="to" required {
                        @for s in &next { option value=(s.as_str()) { (ui.t(s.label_key())) } }
                    }
                }
                label { (ui.t("report-status-reason"))
                    textarea name="reason" rows="2" maxlength="4000" required {} }
                button type="submit" { (ui.t("report-status-change")) }
            }
            @if is_koordinator {
                form method="post" action=(format!("/reports/{id}/assign")) {
                    input type="hidden" name="csrf" value=(who.csrf);
                    label { (ui.t("report-assign-to"))
                        select name="to" {
                            option value="" { (ui.t("report-unassigned")) }
                            @for w in &candidates {
                                option value=(w.id) selected[meta.assigned_to.as_deref() == Some(w.id.as_str())] {
                                    (w.username) " · " (ui.t(w.role.label_key()))
                                }
                            }
                        }
                    }
                    button type="submit" { (ui.t("report-assign")) }
                }
            } @else if meta.assigned_to.is_none() {
                form method="post" action=(format!("/reports/{id}/assign")) {
                    input type="hidden" name="csrf" value=(who.csrf);
                    input type="hidden" name="to" value=(who.worker.id);
                    button type="submit" { (ui.t("report-take")) }
                }
            }
            form method="post" action=(format!("/reports/{id}/note")) {
                input type="hidden" name="csrf" value=(who.csrf);
                label { (ui.t("report-note"))
                    textarea name="text" rows="2" maxlength="4000" required {} }
                p.hint { (ui.t("report-note-hint")) }
                button type="submit" { (ui.t("report-note-add")) }
            }
            @if agencies.is_empty() {
                p.hint { (ui.t("report-refer-none")) }
            } @else {
                form method="post" action=(format!("/reports/{id}/refer")) {
                    input type="hidden" name="csrf" value=(who.csrf);
                    label { (ui.t("report-refer-agency"))
                        select name="agency" required {
                            @for a in &agencies { option value=(a) { (a) } }
                        }
                    }
                    fieldset {
                        legend { (ui.t("report-refer-fields")) }
                        @for f in ShareField::ALL {
                            label.check {
                                input type="checkbox" name=(format!("share-{}", f.as_str())) value="on"
                                    checked[!matches!(f, ShareField::Contact | ShareField::Story)];
                                (ui.t(f.label_key()))
                            }
                        }
                    }
                    button type="submit" { (ui.t("report-refer")) }
                }
            }
        }
    }
}

#[derive(Deserialize)]
pub struct StatusForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    reason: String,
}

pub async fn status(
    State(state): State<ConsoleState>,
    who: Signed,
    Path(id): Path<String>,
    Form(form): Form<StatusForm>,
) -> Result<Response, ConsoleError> {
    who.check(&form.csrf)?;
    let opened = open(&state, &who, &id).await?;
    let key = opened.report_key()?;
    let meta = &opened.meta;
    let (Ok(from), Ok(to)) = (Status::parse(&form.from), Status::parse(&form.to)) else {
        return Ok(back(&id, "status-invalid"));
    };
    let reason = form.reason.trim();
    if reason.is_empty() || reason.chars().count() > MAX_TEXT {
        return Ok(back(&id, "reason-needed"));
    }
    if from != meta.status || from.transition(to).is_err() {
        return Ok(back(&id, "status-stale"));
    }
    let mut e = event(meta, &who, EventKind::Status);
    e.from_status = Some(from);
    e.to_status = Some(to);
    seal_text(key, &mut e, reason)?;
    match state.store.change_status(&meta.id, from, &e).await {
        Ok(()) => {}
        Err(crate::store::StoreError::Conflict(_)) => return Ok(back(&id, "status-stale")),
        Err(err) => return Err(err.into()),
    }
    audit(
        &state,
        &who,
        "report.status",
        Some(meta.id),
        format!("{from} -> {to}"),
    )
    .await?;
    Ok(back(&id, "saved"))
}

#[derive(Deserialize)]
pub struct AssignForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    to: String,
}

pub async fn assign(
    State(state): State<ConsoleState>,
    who: Signed,
    Path(id): Path<String>,
    Form(form): Form<AssignForm>,
) -> Result<Response, ConsoleError> {
    who.check(&form.csrf)?;
    let opened = open(&state, &who, &id).await?;
    opened.report_key()?;
    let meta = &opened.meta;
    let target = form.to.trim();
    let workers = state.store.workers().await?;
    let assignee = if target.is_empty() {
        None
    } else {
        let found = assignable(&workers, meta)
            .into_iter()
            .find(|w| w.id == target);
        Some(found.ok_or(ConsoleError::BadRequest("assignee"))?)
    };
    // A petugas may only take an unassigned report for themselves.
    if who.worker.role == Role::Petugas
        && (meta.assigned_to.is_some() || assignee.as_ref().is_none_or(|a| a.id != who.worker.id))
    {
        return Err(ConsoleError::NotFound);
    }
    if let Some(a) = &assignee {
        crate::service::accounts::grant_report(
            state.store.as_ref(),
            &meta.id,
            &who.worker.username,
            &who.key,
            &a.username,
        )
        .await
        .map_err(ConsoleError::internal)?;
    }
    let mut e = event(meta, &who, EventKind::Assigned);
    e.subject = assignee.as_ref().map(|a| a.id.clone());
    state
        .store
        .assign(&meta.id, assignee.as_ref().map(|a| a.id.as_str()), &e)
        .await?;
    let detail = assignee
        .as_ref()
        .map(|a| format!("to {}", a.id))
        .unwrap_or_else(|| "unassigned".into());
    audit(&state, &who, "report.assigned", Some(meta.id), detail).await?;
    Ok(back(&id, "saved"))
}

#[derive(Deserialize)]
pub struct TextForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    text: String,
}

pub async fn note(
    State(state): State<ConsoleState>,
    who: Signed,
    Path(id): Path<String>,
    Form(form): Form<TextForm>,
) -> Result<Response, ConsoleError> {
    who.check(&form.csrf)?;
    let opened = open(&state, &who, &id).await?;
    let key = opened.report_key()?;
    let text = form.text.trim();
    if text.is_empty() || text.chars().count() > MAX_TEXT {
        return Ok(back(&id, "text-needed"));
    }
    let mut e = event(&opened.meta, &who, EventKind::Note);
    seal_text(key, &mut e, text)?;
    state.store.insert_event(&e).await?;
    audit(
        &state,
        &who,
        "report.note",
        Some(opened.meta.id),
        String::new(),
    )
    .await?;
    Ok(back(&id, "saved"))
}

pub async fn message(
    State(state): State<ConsoleState>,
    who: Signed,
    Path(id): Path<String>,
    Form(form): Form<TextForm>,
) -> Result<Response, ConsoleError> {
    who.check(&form.csrf)?;
    let opened = open(&state, &who, &id).await?;
    let text = form.text.trim();
    if text.is_empty() || text.chars().count() > 2000 {
        return Ok(back(&id, "text-needed"));
    }
    opened.report_key()?;
    let (req, _) = opened.request(&state).await?;
    match send_to_reporter(
        state.store.as_ref(),
        &state.server_key,
        &opened.meta.id,
        &who.worker.id,
        text,
        req.lang,
        Utc::now(),
    )
    .await
    {
        Ok(()) => {}
        Err(MessageError::NotContactable) => return Ok(back(&id, "not-contactable")),
        Err(MessageError::Empty) => return Ok(back(&id, "text-needed")),
        Err(e) => return Err(ConsoleError::internal(e)),
    }
    state
        .store
        .insert_event(&event(&opened.meta, &who, EventKind::Message))
        .await?;
    Ok(back(&id, "message-sent"))
}

pub async fn refer(
    State(state): State<ConsoleState>,
    who: Signed,
    Path(id): Path<String>,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, ConsoleError> {
    let value = |name: &str| {
        form.iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    who.check(value("csrf").unwrap_or(""))?;
    let opened = open(&state, &who, &id).await?;
    let meta = &opened.meta;
    let agency = value("agency").unwrap_or("").trim().to_owned();
    let fields: Vec<ShareField> = ShareField::ALL
        .iter()
        .copied()
        .filter(|f| value(&format!("share-{}", f.as_str())).is_some())
        .collect();
    if fields.is_empty() {
        return Ok(back(&id, "fields-needed"));
    }
    let liaisons: Vec<Worker> = state
        .store
        .workers()
        .await?
        .into_iter()
        .filter(|w| {
            w.role == Role::Mitra && !w.disabled && w.agency.as_deref() == Some(agency.as_str())
        })
        .collect();
    if liaisons.is_empty() {
        return Ok(back(&id, "agency-unknown"));
    }
    opened.report_key()?;
    let req = for_referral(opened.request(&state).await?.0, &fields);
    let referral_id = uuid::Uuid::now_v7().to_string();
    let referral_key = ReportKey::generate();
    let plain = zeroize::Zeroizing::new(serde_json::to_vec(&req).map_err(ConsoleError::internal)?);
    let referral = Referral {
        id: referral_id.clone(),
        report_id: meta.id,
        agency: agency.clone(),
        fields: fields.clone(),
        referred_by: Some(who.worker.id.clone()),
        at: Utc::now(),
        payload: referral_key
            .seal(&referral_id, FIELD_REFERRAL, &plain)
            .map_err(ConsoleError::internal)?,
    };
    let grants = liaisons
        .iter()
        .map(|w| {
            Ok(ReferralGrant {
                worker_id: w.id.clone(),
                key: seal_report_key(&referral_key, &w.public_key, &referral_id)
                    .map_err(ConsoleError::internal)?,
            })
        })
        .collect::<Result<Vec<_>, ConsoleError>>()?;
    let mut e = event(meta, &who, EventKind::Referred);
    e.subject = Some(agency.clone());
    state.store.insert_referral(&referral, &grants, &e).await?;
    audit(
        &state,
        &who,
        "report.referred",
        Some(meta.id),
        format!("to agency {agency}; fields {}", ShareField::join(&fields)),
    )
    .await?;
    // The report moves to "dirujuk" along the workflow (a new one is
    // reviewed first). A concurrent change wins; the referral stands.
    let mut from = meta.status;
    let path: &[Status] = if from == Status::Baru {
        &[Status::Ditinjau, Status::Dirujuk]
    } else {
        &[Status::Dirujuk]
    };
    for to in path {
        if !from.can_transition_to(*to) {
            break;
        }
        let mut s = event(meta, &who, EventKind::Status);
        s.from_status = Some(from);
        s.to_status = Some(*to);
        if state.store.change_status(&meta.id, from, &s).await.is_err() {
            break;
        }
        from = *to;
    }
    Ok(back(&id, "referred"))
}
