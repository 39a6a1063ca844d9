//! The triage queue: open reports, most urgent first, then oldest, with
//! filters and keyset paging (the next page starts after the last row, so
//! a page costs the same at the millionth report as at the first).

use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use maud::{Markup, html};
use serde::Deserialize;

use super::ConsoleState;
use super::auth::Signed;
use super::layout::page;
use super::report::badges;
use super::scope::{Scope, or_not_shared};
use super::web::ConsoleError;
use crate::domain::ViolenceType;
use crate::domain::casework::ShareField;
use crate::domain::report::Status;
use crate::domain::role::Role;
use crate::domain::urgency::Urgency;
use crate::store::{QueueCursor, QueueQuery, StatusFilter, Viewer};

/// Rows per page.
pub const PAGE: i64 = 50;

#[derive(Debug, Default, Deserialize)]
pub struct Filters {
    status: Option<String>,
    urgency: Option<String>,
    #[serde(rename = "type")]
    violence_type: Option<String>,
    region: Option<String>,
    mine: Option<String>,
    referred: Option<String>,
    after: Option<String>,
}

fn parse_cursor(value: &str) -> Option<QueueCursor> {
    let mut parts = value.splitn(3, '.');
    let rank = parts.next()?.parse().ok()?;
    let created = parts.next()?.parse().ok()?;
    let id = parts.next()?;
    crate::domain::ReportId::parse(id).ok()?;
    Some(QueueCursor {
        urgency_rank: rank,
        created_at: created,
        id: id.to_owned(),
    })
}

fn set(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// The queue's query for this viewer and these filters.
pub fn query_for(who: &Signed, f: &Filters) -> Option<QueueQuery> {
    let me = who.worker.id.clone();
    let viewer = match who.worker.role {
        Role::Admin => return None,
        Role::Koordinator => Viewer::Keys {
            worker_id: me.clone(),
            only_unassigned_or_mine: false,
        },
        Role::Petugas => Viewer::Keys {
            worker_id: me.clone(),
            only_unassigned_or_mine: true,
        },
        Role::Mitra => Viewer::Agency {
            agency: who.worker.agency.clone().unwrap_or_default(),
            worker_id: me.clone(),
        },
    };
    // A liaison filters by status only: filtering on urgency, type or
    // region would tell what a referral keeps back.
    let liaison = who.worker.role == Role::Mitra;
    let status = match set(&f.status) {
        None | Some("open") => StatusFilter::Open,
        Some("all") => StatusFilter::All,
        Some(code) => Status::parse(code)
            .map(StatusFilter::Only)
            .unwrap_or(StatusFilter::Open),
    };
    Some(QueueQuery {
        viewer,
        status,
        urgency: set(&f.urgency)
            .filter(|_| !liaison)
            .and_then(|u| Urgency::parse(u).ok()),
        violence_type: set(&f.violence_type)
            .filter(|_| !liaison)
            .and_then(|t| ViolenceType::parse(t).ok()),
        region: set(&f.region)
            .filter(|_| !liaison)
            .and_then(|r| crate::domain::RegionCode::parse(r).ok())
            .map(|r| r.as_str().to_owned()),
        assigned_to: set(&f.mine).filter(|_| !liaison).map(|_| me),
        referred: !liaison && set(&f.referred).is_some(),
        after: set(&f.after).and_then(parse_cursor),
        limit: PAGE,
    })
}

fn filter_form(who: &Signed, f: &Filters, regions: &[String]) -> Markup {
    let ui = &who.ui;
    let sel = |v: &Option<String>, code: &str| set(v) == Some(code);
    html! {
        form.filters method="get" action="/" {
            label { (ui.t("queue-filter-status"))
                select name="status" {
                    option value="open" selected[set(&f.status).is_none_or(|s| s == "open")] { (ui.t("queue-open")) }
                    option value="all" selected[sel(&f.status, "all")] { (ui.t("queue-all")) }
                    @for s in Status::ALL { option value=(s.as_str()) selected[sel(&f.status, s.as_str())] { (ui.t(s.label_key())) } }
                }
            }
            @if who.worker.role != Role::Mitra {
            label { (ui.t("queue-filter-urgency"))
                select name="urgency" {
                    option value="" { (ui.t("queue-any")) }
                    @for u in Urgency::ALL { option value=(u.as_str()) selected[sel(&f.urgency, u.as_str())] { (ui.t(u.label_key())) } }
                }
            }
            label { (ui.t("queue-filter-type"))
                select name="type" {
                    option value="" { (ui.t("queue-any")) }
                    @for t in ViolenceType::ALL { option value=(t.as_str()) selected[sel(&f.violence_type, t.as_str())] { (ui.t(t.label_key())) } }
                }
            }
            label { (ui.t("queue-filter-region"))
                select name="region" {
                    option value="" { (ui.t("queue-any")) }
                    @for r in regions { option value=(r) selected[sel(&f.region, r)] { (ui.region(r)) } }
                }
            }
                label.check { input type="checkbox" name="mine" value="1" checked[set(&f.mine).is_some()]; (ui.t("queue-filter-mine")) }
                label.check { input type="checkbox" name="referred" value="1" checked[set(&f.referred).is_some()]; (ui.t("queue-filter-referred")) }
            }
            button type="submit" { (ui.t("queue-apply")) }
        }
    }
}

fn next_link(f: &Filters, cursor: &QueueCursor) -> String {
    let mut params: Vec<(&str, String)> = Vec::new();
    for (name, v) in [
        ("status", &f.status),
        ("urgency", &f.urgency),
        ("type", &f.violence_type),
        ("region", &f.region),
        ("mine", &f.mine),
        ("referred", &f.referred),
    ] {
        if let Some(v) = set(v) {
            params.push((name, v.to_owned()));
        }
    }
    params.push((
        "after",
        format!(
            "{}.{}.{}",
            cursor.urgency_rank, cursor.created_at, cursor.id
        ),
    ));
    let query: String = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(params)
        .finish();
    format!("/?{query}")
}

/// The queue page.
pub async fn show(
    State(state): State<ConsoleState>,
    who: Signed,
    Query(f): Query<Filters>,
) -> Result<Response, ConsoleError> {
    let (state, who, f) = (&state, &who, &f);
    let ui = &who.ui;
    let Some(query) = query_for(who, f) else {
        return Ok(Redirect::to("/admin/users").into_response());
    };
    let started = std::time::Instant::now();
    let rows = state.store.queue(&query).await?;
    let db_time = started.elapsed();
    let names = super::access::worker_names(&state.store.workers().await?);
    // The regions this worker covers, as configured.
    let mine: Vec<crate::domain::RegionCode> = who
        .worker
        .regions
        .iter()
        .filter_map(|r| crate::domain::RegionCode::parse(r).ok())
        .collect();
    let regions: Vec<String> = ui
        .regions
        .iter()
        .map(|(code, _)| code.clone())
        .filter(|code| {
            crate::domain::RegionCode::parse(code)
                .is_ok_and(|c| mine.iter().any(|m| m.contains(&c)))
        })
        .collect();
    let now = Utc::now();
    let banner = super::team::banner(state, who).await?;
    let task_force = who.worker.role != Role::Mitra;
    // Reports that matched the watchlist: the task force's own flag.
    let watched: Vec<crate::domain::ReportId> = if task_force {
        let ids: Vec<_> = rows.iter().map(|r| r.meta.id).collect();
        (state.store.watch_flags(&ids).await?.into_iter())
            .map(|(id, _)| id)
            .collect()
    } else {
        Vec::new()
    };
    let body = html! {
        @if let Some(b) = banner { (b) }
        (filter_form(who, f, &regions))
        @if rows.is_empty() {
            p.empty { (ui.t("queue-empty")) }
        } @else {
            table.queue {
                thead { tr {
                    th { (ui.t("queue-col-report")) } th { (ui.t("queue-col-state")) } th { (ui.t("queue-col-types")) }
                    th { (ui.t("queue-col-region")) } th { (ui.t("queue-col-age")) }
                    @if task_force { th { (ui.t("queue-col-assigned")) } }
                } }
                tbody {
                    @for row in &rows {
                        @let m = &row.meta;
                        // A liaison's row shows only what its referral shares.
                        @let scope = Scope::of(row.shared.as_deref().or((!task_force).then_some(&[][..])));
                        @let urgency = scope.shows(ShareField::WhatHappened).then(|| format!("u-{}", m.urgency.as_str()));
                        tr class=[urgency] {
                            td data-label=(ui.t("queue-col-report")) { a href=(format!("/reports/{}", m.id)) { "#" (m.id.short()) } }
                            td data-label=(ui.t("queue-col-state")) { (badges(ui, state, m, &scope)) @if task_force && row.referred { " " span.badge.referred { (ui.t("queue-referred")) } } @if watched.contains(&m.id) { " " span.badge.watch { (ui.t("watchlist-match")) } } }
                            td data-label=(ui.t("queue-col-types")) { (or_not_shared(ui, &scope, ShareField::WhatHappened, html! { (m.violence_types.iter().map(|t| ui.t(t.label_key())).collect::<Vec<_>>().join(", ")) })) }
                            td data-label=(ui.t("queue-col-region")) { (or_not_shared(ui, &scope, ShareField::Place, html! { (m.area.as_ref().map(|a| ui.region(a.as_str())).unwrap_or_default()) })) }
                            td data-label=(ui.t("queue-col-age")) { (age(ui, now - m.created_at)) }
                            @if task_force {
                                td data-label=(ui.t("queue-col-assigned")) { (m.assigned_to.as_ref().map(|a| names.get(a).cloned().unwrap_or_default()).unwrap_or_else(|| ui.t("report-unassigned"))) }
                            }
                        }
                    }
                }
            }
            @if rows.len() as i64 == PAGE {
                @if let Some(last) = rows.last() {
                    p.pager { a href=(next_link(f, &last.cursor)) { (ui.t("queue-next")) } }
                }
            }
        }
    };
    let mut response = page(ui, &ui.t("queue-title"), Some(&who.nav()), body).into_response();
    // How long the database took tells a browser something about the data:
    // only when debugging is switched on.
    let timing = format!("db;dur={:.2}", db_time.as_secs_f64() * 1000.0);
    if let (true, Ok(v)) = (
        state.debug_timing,
        axum::http::HeaderValue::from_str(&timing),
    ) {
        response.headers_mut().insert("server-timing", v);
    }
    Ok(response)
}

fn age(ui: &super::layout::Ui, d: chrono::Duration) -> String {
    if d.num_hours() < 1 {
        ui.t_args("age-minutes", &[("n", d.num_minutes().max(0).to_string())])
    } else if d.num_days() < 2 {
        ui.t_args("age-hours", &[("n", d.num_hours().to_string())])
    } else {
        ui.t_args("age-days", &[("n", d.num_days().to_string())])
    }
}
