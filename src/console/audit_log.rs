//! The admin's audit log page: ids, actions and times, never content; the
//! page says whether the entries it shows chain correctly.

use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use maud::html;
use serde::Deserialize;

use super::ConsoleState;
use super::access::worker_names;
use super::admin::admin;
use super::auth::Signed;
use super::layout::page;
use super::web::ConsoleError;
use crate::domain::audit::verify;
use crate::store::AuditEntry;

#[derive(Deserialize)]
pub struct AuditQuery {
    before: Option<i64>,
}

/// Rows per audit page.
const AUDIT_PAGE: i64 = 100;

pub async fn show(
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
