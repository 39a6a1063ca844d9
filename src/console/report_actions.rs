//! What a case worker does to a report: change its status (with a
//! reason), assign it, write a private note, message the reporter, refer
//! it to a partner agency. Every form carries the session's CSRF token,
//! every change is recorded on the timeline and in the audit log.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;

use super::ConsoleState;
use super::access::open;
use super::auth::Signed;
use super::web::ConsoleError;
use crate::conversation::SubmitRequest;
use crate::domain::casework::{PoliceAgencies, ShareField};
use crate::domain::report::Status;
use crate::domain::role::Permission;
use crate::service::casework::{self, CaseError, ReferralForm, agencies, assignable};
use crate::store::{ReportMeta, Worker};

fn back(id: &str, notice: &str) -> Response {
    Redirect::to(&format!("/reports/{id}?notice={notice}#actions")).into_response()
}

/// A refused action as the notice the report page shows, or an error.
fn refused(id: &str, err: CaseError) -> Result<Response, ConsoleError> {
    let notice = match err {
        CaseError::ReasonNeeded => "reason-needed",
        CaseError::TextNeeded => "text-needed",
        CaseError::InvalidStatus => "status-invalid",
        CaseError::Stale => "status-stale",
        CaseError::NotContactable => "not-contactable",
        CaseError::UnknownAgency => "agency-unknown",
        CaseError::NothingShared => "fields-needed",
        CaseError::PoliceNotAllowed => "police-not-allowed",
        CaseError::TooManyMessages => "message-limit",
        CaseError::UnknownAssignee => return Err(ConsoleError::BadRequest("assignee")),
        CaseError::NotFound => return Err(ConsoleError::NotFound),
        CaseError::Access(e) => return Err(e.into()),
        CaseError::Store(e) => return Err(e.into()),
        CaseError::Crypto(e) => return Err(ConsoleError::internal(e)),
    };
    Ok(back(id, notice))
}

/// The page again with `ok`, or the refusal.
fn done(id: &str, result: Result<(), CaseError>, ok: &str) -> Result<Response, ConsoleError> {
    match result {
        Ok(()) => Ok(back(id, ok)),
        Err(err) => refused(id, err),
    }
}

/// The action forms of a report page.
pub fn forms(
    who: &Signed,
    meta: &ReportMeta,
    workers: &[Worker],
    request: &SubmitRequest,
    police: &PoliceAgencies,
) -> Markup {
    let ui = &who.ui;
    let id = meta.id.to_string();
    let next: Vec<Status> = Status::ALL
        .iter()
        .copied()
        .filter(|s| meta.status.can_transition_to(*s))
        .collect();
    let is_koordinator = who.worker.role.may(Permission::AssignOthers);
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
                            @for a in &agencies {
                                @let blocked = !police.allows(a, request.police_ok());
                                option value=(a) disabled[blocked] {
                                    (a) @if blocked { " · " (ui.t("report-refer-police-blocked")) }
                                }
                            }
                        }
                    }
                    @if request.police_ok() != Some(true) && agencies.iter().any(|a| police.is_police(a)) {
                        p.hint { (ui.t("report-refer-police-hint")) }
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
                    label { (ui.t("report-refer-reason"))
                        textarea name="reason" rows="2" maxlength="4000" required {} }
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
    let (Ok(from), Ok(to)) = (Status::parse(&form.from), Status::parse(&form.to)) else {
        return Ok(back(&id, "status-invalid"));
    };
    let result = casework::change_status(
        state.store.as_ref(),
        &who.actor(),
        &opened,
        (from, to),
        &form.reason,
    )
    .await;
    done(&id, result, "saved")
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
    let to = Some(form.to.trim()).filter(|t| !t.is_empty());
    let result = casework::assign(state.store.as_ref(), &who.actor(), &opened, to).await;
    done(&id, result, "saved")
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
    let result = casework::add_note(state.store.as_ref(), &who.actor(), &opened, &form.text).await;
    done(&id, result, "saved")
}

pub async fn message(
    State(state): State<ConsoleState>,
    who: Signed,
    Path(id): Path<String>,
    Form(form): Form<TextForm>,
) -> Result<Response, ConsoleError> {
    who.check(&form.csrf)?;
    let opened = open(&state, &who, &id).await?;
    if opened.report_key().is_err() {
        return Err(ConsoleError::NotFound);
    }
    let (req, _) = opened.request(state.store.as_ref()).await?;
    let result = casework::message_reporter(
        state.store.as_ref(),
        &state.server_key,
        &who.actor(),
        &opened,
        &form.text,
        (req.lang, state.messages),
    )
    .await;
    done(&id, result, "message-sent")
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
    if opened.report_key().is_err() {
        return Err(ConsoleError::NotFound);
    }
    let agency = value("agency").unwrap_or("").trim();
    let fields: Vec<ShareField> = (ShareField::ALL.iter().copied())
        .filter(|f| value(&format!("share-{}", f.as_str())).is_some())
        .collect();
    let request = opened.request(state.store.as_ref()).await?.0;
    let form = ReferralForm {
        agency,
        fields: &fields,
        reason: value("reason").unwrap_or(""),
    };
    let result = casework::refer(
        state.store.as_ref(),
        &who.actor(),
        &opened,
        &form,
        request,
        &state.police,
    )
    .await;
    done(&id, result, "referred")
}
