//! Who may read reports, as every koordinator sees it: accounts waiting
//! for a second person's approval (with the button, for whoever may give
//! it), accounts whose owner has not yet set a password, and every change
//! of the last 30 days, read from the audit chain, which no admin can
//! quietly skip. The queue shows a banner while there is news here.

use std::collections::HashMap;

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{Duration, Utc};
use maud::{Markup, html};
use serde::Deserialize;

use super::ConsoleState;
use super::access::worker_names;
use super::auth::{CsrfForm, Signed};
use super::layout::{Ui, page};
use super::web::ConsoleError;
use crate::domain::account::Party;
use crate::domain::audit::AuditAction;
use crate::domain::role::Role;
use crate::service::accounts::{self, AccountError};
use crate::store::{AuditEntry, Worker};

/// How far back the page lists changes, and the queue's banner counts them.
const PAGE_DAYS: i64 = 30;
const BANNER_DAYS: i64 = 7;

fn allowed(who: &Signed) -> Result<(), ConsoleError> {
    match who.worker.role {
        Role::Koordinator | Role::Admin if who.worker.trusted() => Ok(()),
        _ => Err(ConsoleError::NotFound),
    }
}

fn party(w: &Worker) -> Party<'_> {
    Party {
        id: &w.id,
        role: w.role,
        trusted: w.trusted(),
    }
}

/// Accounts a second person has still to approve (their owner has set a
/// password).
fn waiting(workers: &[Worker]) -> impl Iterator<Item = &Worker> {
    (workers.iter()).filter(|w| !w.approved() && !w.awaiting_enrolment && !w.disabled)
}

/// The account an entry is about, from its `account <id>` detail.
fn subject(e: &AuditEntry) -> Option<&str> {
    e.detail.strip_prefix("account ")?.split(';').next()
}

/// The queue's banner for a koordinator: accounts waiting for approval,
/// and changes of the last week.
pub async fn banner(state: &ConsoleState, who: &Signed) -> Result<Option<Markup>, ConsoleError> {
    if who.worker.role != Role::Koordinator || !who.worker.trusted() {
        return Ok(None);
    }
    let since = Utc::now() - Duration::days(BANNER_DAYS);
    let changes = (state.store)
        .audit_by_actions(AuditAction::ACCOUNT_CHANGES, since, 100)
        .await?
        .len();
    let workers = state.store.workers().await?;
    let pending = waiting(&workers).count();
    if changes == 0 && pending == 0 {
        return Ok(None);
    }
    let ui = &who.ui;
    let text = ui.t_args(
        "team-banner",
        &[
            ("changes", changes.to_string()),
            ("waiting", pending.to_string()),
        ],
    );
    Ok(Some(
        html! { p.notice.team role="status" { (text) " " a href="/team" { (ui.t("team-open")) } } },
    ))
}

#[derive(Deserialize)]
pub struct NoticeQuery {
    notice: Option<String>,
    granted: Option<u32>,
}

const NOTICES: &[&str] = &["approved", "not-allowed", "already", "not-enrolled"];

fn account_line(ui: &Ui, w: &Worker, names: &HashMap<String, String>) -> Markup {
    let scope = if w.regions.is_empty() {
        w.agency.clone().unwrap_or_default()
    } else {
        w.regions
            .iter()
            .map(|r| ui.region(r))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let by = (w.created_by.as_ref()).map(|b| names.get(b).cloned().unwrap_or_else(|| b.clone()));
    html! {
        strong { (w.username) } " · " (ui.t(w.role.label_key()))
        @if !scope.is_empty() { " · " (scope) }
        " · " (ui.t_args("team-created-by", &[("who", by.unwrap_or_default()), ("at", ui.time(w.created_at))]))
    }
}

pub async fn show(
    State(state): State<ConsoleState>,
    who: Signed,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, ConsoleError> {
    allowed(&who)?;
    let ui = &who.ui;
    let workers = state.store.workers().await?;
    let names = worker_names(&workers);
    let since = Utc::now() - Duration::days(PAGE_DAYS);
    let changes = (state.store)
        .audit_by_actions(AuditAction::ACCOUNT_CHANGES, since, 200)
        .await?;
    let by_id: HashMap<&str, &Worker> = workers.iter().map(|w| (w.id.as_str(), w)).collect();
    let notice = q.notice.as_deref().filter(|n| NOTICES.contains(n));
    let body = html! {
        @if let Some(n) = notice {
            p class=(if n == "approved" { "ok" } else { "alert" }) role="status" {
                (ui.t_args(&format!("team-notice-{n}"), &[("n", q.granted.unwrap_or(0).to_string())]))
            }
        }
        p.hint { (ui.t(match state.approval {
            crate::domain::account::ApprovalMode::Koordinator => "team-mode-koordinator",
            crate::domain::account::ApprovalMode::Admin => "team-mode-admin",
        })) }
        section.card {
            h2 { (ui.t("team-waiting")) }
            ul {
                @for w in waiting(&workers) {
                    li {
                        (account_line(ui, w, &names))
                        @if state.approval.may_approve(party(&who.worker), party(w), w.created_by.as_deref()) {
                            form.inline method="post" action=(format!("/team/{}/approve", w.id)) {
                                input type="hidden" name="csrf" value=(who.csrf);
                                button type="submit" { (ui.t("team-approve")) }
                            }
                        }
                    }
                }
            }
            p.hint { (ui.t("team-approve-hint")) }
        }
        section.card {
            h2 { (ui.t("team-enrolling")) }
            ul {
                @for w in workers.iter().filter(|w| w.awaiting_enrolment && !w.disabled) {
                    li { (account_line(ui, w, &names)) }
                }
            }
        }
        section.card {
            h2 { (ui.t_args("team-changes", &[("days", PAGE_DAYS.to_string())])) }
            table.audit {
                thead { tr { th { (ui.t("audit-at")) } th { (ui.t("audit-actor")) } th { (ui.t("audit-action")) } th { (ui.t("users-username")) } } }
                tbody {
                    @for e in &changes {
                        @let about = subject(e).and_then(|id| by_id.get(id));
                        tr {
                            td { (ui.time(e.at)) }
                            td { (names.get(&e.actor).cloned().unwrap_or_else(|| e.actor.clone())) }
                            td { (ui.t(&format!("team-event-{}", e.action.replace('.', "-")))) }
                            td { @if let Some(w) = about { (w.username) " · " (ui.t(w.role.label_key())) } }
                        }
                    }
                }
            }
        }
    };
    Ok(page(ui, &ui.t("team-title"), Some(&who.nav()), body).into_response())
}

pub async fn approve(
    State(state): State<ConsoleState>,
    who: Signed,
    Path(id): Path<String>,
    Form(form): Form<CsrfForm>,
) -> Result<Response, ConsoleError> {
    who.check(&form.csrf)?;
    allowed(&who)?;
    let group = state.alert_group();
    let result = accounts::approve(
        state.store.as_ref(),
        &who.actor(),
        &id,
        state.approval,
        Utc::now(),
        group.as_ref(),
    )
    .await;
    let to = match result {
        Ok(granted) => format!("/team?notice=approved&granted={granted}"),
        Err(AccountError::NotAllowed) => "/team?notice=not-allowed".to_owned(),
        Err(AccountError::AlreadyApproved) => "/team?notice=already".to_owned(),
        Err(AccountError::NotEnrolled) => "/team?notice=not-enrolled".to_owned(),
        Err(AccountError::NoSuchAccount) => return Err(ConsoleError::NotFound),
        Err(e) => return Err(ConsoleError::internal(e)),
    };
    Ok(Redirect::to(&to).into_response())
}
