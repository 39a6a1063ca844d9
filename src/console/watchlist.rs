//! The watchlist page (issue 16): a koordinator enters identifiers known
//! to the police, KP2MI or partner agencies, with their source. They are
//! stored sealed and as blind indexes; a new report naming one is flagged
//! in the queue and raised to at least high.

use axum::Form;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use maud::html;
use serde::Deserialize;

use super::ConsoleState;
use super::auth::Signed;
use super::layout::page;
use super::web::ConsoleError;
use crate::domain::identifiers::LinkKind;
use crate::service::watchlist::{self, WatchError, may_keep};

/// Most entries shown.
const SHOWN: i64 = 500;

#[derive(Deserialize)]
pub struct NoticeQuery {
    notice: Option<String>,
}

/// The outcomes the form redirects back with.
const NOTICES: &[&str] = &["watch-added", "watch-invalid", "watch-source"];

pub async fn show(
    State(state): State<ConsoleState>,
    who: Signed,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, ConsoleError> {
    if !may_keep(&who.worker) {
        return Err(ConsoleError::NotFound);
    }
    let ui = &who.ui;
    let entries = watchlist::entries(state.store.as_ref(), &state.server_key, SHOWN)
        .await
        .map_err(ConsoleError::internal)?;
    let notice = q.notice.as_deref().filter(|n| NOTICES.contains(n));
    let body = html! {
        @if let Some(n) = notice {
            p class=(if n == "watch-added" { "ok" } else { "alert" }) role="status" {
                (ui.t(&format!("notice-{n}")))
            }
        }
        p.hint { (ui.t("watchlist-intro")) }
        form.card method="post" action="/watchlist" {
            input type="hidden" name="csrf" value=(who.csrf);
            label { (ui.t("watchlist-kind"))
                select name="kind" {
                    @for k in LinkKind::ALL {
                        option value=(k.as_str()) { (ui.t(&format!("networks-edge-{}", k.as_str()))) }
                    }
                }
            }
            label { (ui.t("watchlist-value"))
                input type="text" name="value" maxlength="200" required autocomplete="off"; }
            label { (ui.t("watchlist-source"))
                input type="text" name="source" maxlength="200" required; }
            button type="submit" { (ui.t("watchlist-add")) }
        }
        @if entries.is_empty() {
            p { (ui.t("watchlist-none")) }
        } @else {
            table.watchlist {
                thead { tr {
                    th { (ui.t("watchlist-kind")) }
                    th { (ui.t("watchlist-value")) }
                    th { (ui.t("watchlist-source")) }
                    th { (ui.t("watchlist-added")) }
                } }
                tbody {
                    @for e in &entries {
                        tr {
                            td { (ui.t(&format!("networks-edge-{}", e.kind.as_str()))) }
                            td { (e.text.as_str()) }
                            td { (e.source) }
                            td { (ui.time(e.added_at)) }
                        }
                    }
                }
            }
        }
    };
    Ok(page(ui, &ui.t("watchlist-title"), Some(&who.nav()), body).into_response())
}

#[derive(Deserialize)]
pub struct AddForm {
    csrf: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    value: String,
    #[serde(default)]
    source: String,
}

pub async fn add(
    State(state): State<ConsoleState>,
    who: Signed,
    Form(form): Form<AddForm>,
) -> Result<Response, ConsoleError> {
    who.check(&form.csrf)?;
    let kind = LinkKind::parse(&form.kind).map_err(|_| ConsoleError::NotFound)?;
    let result = watchlist::add(
        state.store.as_ref(),
        &state.server_key,
        &who.worker,
        kind,
        &form.value,
        &form.source,
        Utc::now(),
    )
    .await;
    let notice = match result {
        Ok(()) => "watch-added",
        Err(WatchError::Invalid) => "watch-invalid",
        Err(WatchError::NoSource) => "watch-source",
        Err(WatchError::NotAllowed) => return Err(ConsoleError::NotFound),
        Err(other) => return Err(ConsoleError::internal(other)),
    };
    Ok(Redirect::to(&format!("/watchlist?notice={notice}")).into_response())
}
