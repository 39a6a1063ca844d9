//! The admin's pages: accounts (create, disable) and the audit log. An
//! admin reads no report: these pages show ids and actions, never content.

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use maud::{Markup, html};
use serde::Deserialize;

use super::ConsoleState;
use super::access::{self, worker_names};
use super::auth::{CsrfForm, Signed};
use super::layout::page;
use super::web::ConsoleError;
use crate::domain::account::{AccountRuleError, NewAccount};
use crate::domain::audit::verify;
use crate::domain::role::Role;
use crate::service::accounts::{self, AccountError};
use crate::store::AuditEntry;

fn admin(who: &Signed) -> Result<(), ConsoleError> {
    if who.worker.role == Role::Admin {
        Ok(())
    } else {
        Err(ConsoleError::NotFound)
    }
}

#[derive(Deserialize)]
pub struct NoticeQuery {
    notice: Option<String>,
}

pub(super) const NOTICES: &[&str] = &[
    "user-created",
    "user-disabled",
    "user-taken",
    "user-weak-password",
    "user-bad-regions",
    "user-bad-username",
    "user-needs-agency",
];

pub async fn users(
    State(state): State<ConsoleState>,
    who: Signed,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, ConsoleError> {
    admin(&who)?;
    let ui = &who.ui;
    let workers = state.store.workers().await?;
    let notice = q.notice.as_deref().filter(|n| NOTICES.contains(n));
    let body = html! {
        @if let Some(n) = notice { p class=(if n.starts_with("user-created") || n == "user-disabled" { "ok" } else { "alert" }) role="status" { (ui.t(&format!("notice-{n}"))) } }
        table.users {
            thead { tr { th { (ui.t("users-username")) } th { (ui.t("users-role")) } th { (ui.t("users-regions")) } th { (ui.t("users-agency")) } th { (ui.t("users-state")) } th {} } }
            tbody {
                @for w in &workers {
                    tr {
                        td data-label=(ui.t("users-username")) { (w.username) }
                        td data-label=(ui.t("users-role")) { (ui.t(w.role.label_key())) }
                        td data-label=(ui.t("users-regions")) { (w.regions.iter().map(|r| ui.region(r)).collect::<Vec<_>>().join(", ")) }
                        td data-label=(ui.t("users-agency")) { (w.agency.clone().unwrap_or_default()) }
                        td data-label=(ui.t("users-state")) {
                            @if w.disabled { (ui.t("users-disabled")) }
                            @else if w.locked_until.is_some_and(|u| u > Utc::now()) { (ui.t("users-locked")) }
                            @else if w.totp.is_none() { (ui.t("users-no-totp")) }
                            @else { (ui.t("users-active")) }
                        }
                        td {
                            @if !w.disabled && w.id != who.worker.id {
                                form method="post" action=(format!("/admin/users/{}/disable", w.id)) {
                                    input type="hidden" name="csrf" value=(who.csrf);
                                    button.secondary type="submit" { (ui.t("users-disable")) }
                                }
                            }
                        }
                    }
                }
            }
        }
        (create_form(&who))
        p.hint { (ui.t("users-reset-hint")) }
    };
    Ok(page(ui, &ui.t("users-title"), Some(&who.nav()), body).into_response())
}

fn create_form(who: &Signed) -> Markup {
    let ui = &who.ui;
    html! {
        form.card method="post" action="/admin/users" {
            h2 { (ui.t("users-create")) }
            input type="hidden" name="csrf" value=(who.csrf);
            label { (ui.t("users-username")) input name="username" required maxlength="64" autocomplete="off"; }
            label { (ui.t("users-role"))
                select name="role" { @for r in Role::ALL { option value=(r.as_str()) { (ui.t(r.label_key())) } } }
            }
            label { (ui.t("users-regions")) input name="regions" placeholder="64, 64.72"; }
            label { (ui.t("users-agency")) input name="agency" maxlength="64"; }
            label { (ui.t("users-password")) input name="password" type="password" required minlength="12" autocomplete="new-password"; }
            p.hint { (ui.t("users-password-hint")) }
            button type="submit" { (ui.t("users-create")) }
        }
    }
}

#[derive(Deserialize)]
pub struct UserForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    username: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    regions: String,
    #[serde(default)]
    agency: String,
    #[serde(default)]
    password: String,
}

fn back(notice: &str) -> Response {
    Redirect::to(&format!("/admin/users?notice={notice}")).into_response()
}

pub async fn create_user(
    State(state): State<ConsoleState>,
    who: Signed,
    Form(form): Form<UserForm>,
) -> Result<Response, ConsoleError> {
    who.check(&form.csrf)?;
    admin(&who)?;
    let role = Role::parse(form.role.trim()).map_err(|_| ConsoleError::BadRequest("role"))?;
    let regions: Vec<&str> = form.regions.split([',', ' ']).collect();
    let agency = Some(form.agency.as_str());
    let new = match NewAccount::parse(&form.username, role, &regions, agency, &state.catalog) {
        Ok(new) => new,
        Err(AccountRuleError::Username) => return Ok(back("user-bad-username")),
        Err(AccountRuleError::AgencyNeeded | AccountRuleError::BadAgency) => {
            return Ok(back("user-needs-agency"));
        }
        Err(_) => return Ok(back("user-bad-regions")),
    };
    match accounts::create(
        state.store.as_ref(),
        &state.kdf,
        &new,
        &form.password,
        &who.worker.id,
        Utc::now(),
    )
    .await
    {
        Ok(_) => {}
        Err(AccountError::UsernameTaken) => return Ok(back("user-taken")),
        Err(AccountError::WeakPassword) => return Ok(back("user-weak-password")),
        Err(e) => return Err(ConsoleError::internal(e)),
    }
    Ok(back("user-created"))
}

pub async fn disable_user(
    State(state): State<ConsoleState>,
    who: Signed,
    Path(id): Path<String>,
    Form(form): Form<CsrfForm>,
) -> Result<Response, ConsoleError> {
    who.check(&form.csrf)?;
    admin(&who)?;
    if id == who.worker.id {
        return Err(ConsoleError::BadRequest("self"));
    }
    state
        .store
        .worker_by_id(&id)
        .await?
        .ok_or(ConsoleError::NotFound)?;
    state.store.set_worker_disabled(&id, true).await?;
    state.store.delete_sessions_of(&id).await?;
    access::audit(
        &state,
        &who,
        crate::domain::audit::AuditAction::AccountDisabled,
        None,
        format!("account {id}"),
    )
    .await?;
    Ok(back("user-disabled"))
}

#[derive(Deserialize)]
pub struct AuditQuery {
    before: Option<i64>,
}

/// Rows per audit page.
const AUDIT_PAGE: i64 = 100;

pub async fn audit(
    State(state): State<ConsoleState>,
    who: Signed,
    Query(q): Query<AuditQuery>,
) -> Result<Response, ConsoleError> {
    admin(&who)?;
    let ui = &who.ui;
    let entries = state.store.audit_page(q.before, AUDIT_PAGE).await?;
    // The links on this page must chain to each other; the whole chain is
    // checked by `suara audit verify`.
    let mut oldest_first = entries.clone();
    oldest_first.reverse();
    let intact = match oldest_first.first() {
        None => true,
        Some(first) => verify(
            (first.seq - 1, first.prev_hash.clone()),
            oldest_first.iter().map(AuditEntry::link),
        )
        .is_ok(),
    };
    let names = worker_names(&state.store.workers().await?);
    let body = html! {
        p class=(if intact { "ok" } else { "alert" }) role="status" {
            (ui.t(if intact { "audit-page-intact" } else { "audit-page-broken" }))
        }
        p.hint { (ui.t("audit-verify-hint")) }
        table.audit {
            thead { tr { th { "#" } th { (ui.t("audit-at")) } th { (ui.t("audit-actor")) } th { (ui.t("audit-action")) } th { (ui.t("audit-report")) } th { (ui.t("audit-detail")) } } }
            tbody {
                @for e in &entries {
                    tr {
                        td { (e.seq) }
                        td { (ui.time(e.at)) }
                        td { (names.get(&e.actor).cloned().unwrap_or_else(|| e.actor.clone())) }
                        td { code { (e.action) } }
                        td { (e.report_id.as_deref().and_then(|r| crate::domain::ReportId::parse(r).ok()).map(|r| format!("#{}", r.short())).unwrap_or_default()) }
                        td { (e.detail) }
                    }
                }
            }
        }
        @if entries.len() as i64 == AUDIT_PAGE {
            @if let Some(last) = entries.last() {
                p.pager { a href=(format!("/admin/audit?before={}", last.seq)) { (ui.t("audit-older")) } }
            }
        }
    };
    Ok(page(ui, &ui.t("audit-title"), Some(&who.nav()), body).into_response())
}
