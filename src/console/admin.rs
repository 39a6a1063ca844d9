//! The admin's accounts page: invite an account (its owner sets the
//! password through a one-time link), disable or enable it, change its
//! regions. An admin reads no report, and creates no reader alone: a new
//! account waits for a second person's approval (`team.rs`), and every
//! change is in the audit log that every koordinator is shown.

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use maud::{Markup, html};
use serde::Deserialize;

use super::ConsoleState;
use super::auth::{CsrfForm, Signed};
use super::layout::{Ui, page};
use super::web::ConsoleError;
use crate::domain::account::{AccountRuleError, NewAccount};
use crate::domain::role::Role;
use crate::service::accounts::{self, AccountError};
use crate::store::Worker;

/// An approved admin; anyone else gets "not found". An admin account made
/// in the console administers only once a second person approved it.
pub(super) fn admin(who: &Signed) -> Result<(), ConsoleError> {
    if who.worker.role == Role::Admin && who.worker.approved() {
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
    "user-disabled",
    "user-enabled",
    "user-regions",
    "user-taken",
    "user-bad-regions",
    "user-bad-username",
    "user-needs-agency",
];

fn state_of(ui: &Ui, w: &Worker) -> String {
    let key = if w.disabled {
        "users-disabled"
    } else if w.awaiting_enrolment {
        "users-enrolling"
    } else if !w.approved() {
        "users-unapproved"
    } else if w.locked_until.is_some_and(|u| u > Utc::now()) {
        "users-locked"
    } else if w.totp.is_none() {
        "users-no-totp"
    } else {
        "users-active"
    };
    ui.t(key)
}

fn actions(who: &Signed, w: &Worker) -> Markup {
    let ui = &who.ui;
    let (path, label) = if w.disabled {
        ("enable", "users-enable")
    } else {
        ("disable", "users-disable")
    };
    html! {
        @if w.id != who.worker.id {
            form.inline method="post" action=(format!("/admin/users/{}/{path}", w.id)) {
                input type="hidden" name="csrf" value=(who.csrf);
                button.secondary type="submit" { (ui.t(label)) }
            }
            @if matches!(w.role, Role::Koordinator | Role::Petugas) {
                form.inline method="post" action=(format!("/admin/users/{}/regions", w.id)) {
                    input type="hidden" name="csrf" value=(who.csrf);
                    input name="regions" value=(w.regions.join(", ")) aria-label=(ui.t("users-regions"));
                    button.secondary type="submit" { (ui.t("users-set-regions")) }
                }
            }
        }
    }
}

pub async fn users(
    State(state): State<ConsoleState>,
    who: Signed,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, ConsoleError> {
    admin(&who)?;
    let ui = &who.ui;
    let workers = state.store.workers().await?;
    let notice = q.notice.as_deref().filter(|n| NOTICES.contains(n));
    let ok = |n: &str| matches!(n, "user-disabled" | "user-enabled" | "user-regions");
    let body = html! {
        @if let Some(n) = notice { p class=(if ok(n) { "ok" } else { "alert" }) role="status" { (ui.t(&format!("notice-{n}"))) } }
        table.users {
            thead { tr { th { (ui.t("users-username")) } th { (ui.t("users-role")) } th { (ui.t("users-regions")) } th { (ui.t("users-agency")) } th { (ui.t("users-state")) } th {} } }
            tbody {
                @for w in &workers {
                    tr {
                        td data-label=(ui.t("users-username")) { (w.username) }
                        td data-label=(ui.t("users-role")) { (ui.t(w.role.label_key())) }
                        td data-label=(ui.t("users-regions")) { (w.regions.iter().map(|r| ui.region(r)).collect::<Vec<_>>().join(", ")) }
                        td data-label=(ui.t("users-agency")) { (w.agency.clone().unwrap_or_default()) }
                        td data-label=(ui.t("users-state")) { (state_of(ui, w)) }
                        td { (actions(&who, w)) }
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
            p.hint { (ui.t("users-invite-hint")) }
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
}

fn back(notice: &str) -> Response {
    Redirect::to(&format!("/admin/users?notice={notice}")).into_response()
}

/// A broken account rule as the notice that names it.
fn rule_notice(err: &AccountRuleError) -> &'static str {
    match err {
        AccountRuleError::Username => "user-bad-username",
        AccountRuleError::AgencyNeeded | AccountRuleError::BadAgency => "user-needs-agency",
        _ => "user-bad-regions",
    }
}

/// Invites an account and shows its one-time link, once, on this page
/// (never in an address, where it would stay in the history).
pub async fn create_user(
    State(state): State<ConsoleState>,
    who: Signed,
    headers: HeaderMap,
    Form(form): Form<UserForm>,
) -> Result<Response, ConsoleError> {
    who.check(&form.csrf)?;
    admin(&who)?;
    let role = Role::parse(form.role.trim()).map_err(|_| ConsoleError::BadRequest("role"))?;
    let regions: Vec<&str> = form.regions.split([',', ' ']).collect();
    let agency = Some(form.agency.as_str());
    let new = match NewAccount::parse(&form.username, role, &regions, agency, &state.catalog) {
        Ok(new) => new,
        Err(e) => return Ok(back(rule_notice(&e))),
    };
    let group = state.alert_group();
    let invited = accounts::invite(
        state.store.as_ref(),
        &state.passwords,
        &new,
        &who.worker.id,
        Utc::now(),
        state.enrolment_valid,
        group.as_ref(),
    )
    .await;
    let invitation = match invited {
        Ok(invitation) => invitation,
        Err(AccountError::UsernameTaken) => return Ok(back("user-taken")),
        Err(e) => return Err(ConsoleError::internal(e)),
    };
    let base = match &state.public_url {
        Some(url) => url.clone(),
        None => {
            let scheme = if state.secure(&headers) {
                "https"
            } else {
                "http"
            };
            (headers.get("host").and_then(|h| h.to_str().ok()))
                .map(|h| format!("{scheme}://{h}"))
                .unwrap_or_default()
        }
    };
    let link = format!("{base}/welcome/{}", invitation.token.as_str());
    let ui = &who.ui;
    let body = html! {
        p.ok role="status" { (ui.t_args("users-invited", &[("username", new.username.as_str().to_owned())])) }
        p { (ui.t("users-invite-link")) }
        p { code.secret.link { (link) } }
        p.hint { (ui.t_args("users-invite-until", &[("at", ui.time(invitation.expires_at))])) }
        p.hint { (ui.t("users-invite-approval")) }
        p { a href="/admin/users" { (ui.t("users-back")) } }
    };
    Ok(page(ui, &ui.t("users-title"), Some(&who.nav()), body).into_response())
}

async fn enabled(
    state: ConsoleState,
    who: Signed,
    id: String,
    csrf: &str,
    enable: bool,
) -> Result<Response, ConsoleError> {
    who.check(csrf)?;
    admin(&who)?;
    let group = state.alert_group();
    let result = accounts::set_enabled(
        state.store.as_ref(),
        &who.worker,
        &id,
        enable,
        group.as_ref(),
    )
    .await;
    match result {
        Ok(()) => Ok(back(if enable {
            "user-enabled"
        } else {
            "user-disabled"
        })),
        Err(AccountError::NoSuchAccount) => Err(ConsoleError::NotFound),
        Err(AccountError::NotAllowed) => Err(ConsoleError::BadRequest("self")),
        Err(e) => Err(ConsoleError::internal(e)),
    }
}

pub async fn disable_user(
    State(state): State<ConsoleState>,
    who: Signed,
    Path(id): Path<String>,
    Form(form): Form<CsrfForm>,
) -> Result<Response, ConsoleError> {
    enabled(state, who, id, &form.csrf, false).await
}

/// Enables an account again: announced to every koordinator, since it
/// reads again.
pub async fn enable_user(
    State(state): State<ConsoleState>,
    who: Signed,
    Path(id): Path<String>,
    Form(form): Form<CsrfForm>,
) -> Result<Response, ConsoleError> {
    enabled(state, who, id, &form.csrf, true).await
}

#[derive(Deserialize)]
pub struct RegionsForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    regions: String,
}

/// New regions for a koordinator or petugas: new reports there will be
/// sealed to them, so every koordinator is told.
pub async fn set_regions(
    State(state): State<ConsoleState>,
    who: Signed,
    Path(id): Path<String>,
    Form(form): Form<RegionsForm>,
) -> Result<Response, ConsoleError> {
    who.check(&form.csrf)?;
    admin(&who)?;
    let regions: Vec<&str> = form.regions.split([',', ' ']).collect();
    let group = state.alert_group();
    let result = accounts::set_scope(
        state.store.as_ref(),
        &who.worker,
        &id,
        (&regions, None),
        &state.catalog,
        group.as_ref(),
    )
    .await;
    match result {
        Ok(()) => Ok(back("user-regions")),
        Err(AccountError::Rule(e)) => Ok(back(rule_notice(&e))),
        Err(AccountError::NoSuchAccount) => Err(ConsoleError::NotFound),
        Err(e) => Err(ConsoleError::internal(e)),
    }
}
