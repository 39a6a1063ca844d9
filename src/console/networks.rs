//! The koordinator's networks page (issue 16): clusters of reports that
//! share a phone number, an account, a company or a bank account, with
//! their size, kabupaten/kota, types of violence and first and last
//! report; and one cluster's graph. Only clear metadata and kinds are
//! shown, never an identifier; opening a cluster is audited.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use maud::html;

use super::ConsoleState;
use super::access::{audit, open};
use super::auth::Signed;
use super::graph::cluster_graph;
use super::layout::{Ui, page};
use super::web::ConsoleError;
use crate::conversation::WhereAnswer;
use crate::domain::area::Area;
use crate::domain::audit::AuditAction;
use crate::domain::{ReportId, ViolenceType};
use crate::service::links::{self, may_see_networks};
use crate::store::{ClusterSummary, Recipient};

fn type_label(ui: &Ui, code: &str) -> String {
    ViolenceType::parse(code)
        .map(|t| ui.t(t.label_key()))
        .unwrap_or_else(|_| code.to_owned())
}

fn areas(ui: &Ui, cluster: &ClusterSummary) -> String {
    let list: Vec<String> = (cluster.areas.iter())
        .map(|a| ui.region(a.as_str()))
        .collect();
    if list.is_empty() {
        ui.t("networks-no-area")
    } else {
        list.join(", ")
    }
}

fn types(ui: &Ui, cluster: &ClusterSummary) -> String {
    (cluster.types.iter())
        .map(|t| type_label(ui, t))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The list of clusters.
pub async fn show(
    State(state): State<ConsoleState>,
    who: Signed,
) -> Result<Response, ConsoleError> {
    if !may_see_networks(&who.worker) {
        return Err(ConsoleError::NotFound);
    }
    let ui = &who.ui;
    let clusters = links::clusters(state.store.as_ref()).await?;
    let body = html! {
        p.hint { (ui.t("networks-intro")) }
        @if clusters.is_empty() {
            p { (ui.t("networks-none")) }
        } @else {
            table.networks {
                thead { tr {
                    th { (ui.t("networks-size")) }
                    th { (ui.t("networks-areas")) }
                    th { (ui.t("networks-types")) }
                    th { (ui.t("networks-first")) }
                    th { (ui.t("networks-last")) }
                    th {}
                } }
                tbody {
                    @for c in &clusters {
                        tr {
                            td { (c.size) }
                            td { (areas(ui, c)) }
                            td { (types(ui, c)) }
                            td { (ui.time(c.first)) }
                            td { (ui.time(c.last)) }
                            td { a href=(format!("/networks/{}", c.id)) { (ui.t("networks-open")) } }
                        }
                    }
                }
            }
        }
    };
    Ok(page(ui, &ui.t("networks-title"), Some(&who.nav()), body).into_response())
}

/// One cluster: its graph and its reports, each linked when the
/// koordinator holds its key. Audited.
pub async fn cluster(
    State(state): State<ConsoleState>,
    who: Signed,
    Path(id): Path<String>,
) -> Result<Response, ConsoleError> {
    if !may_see_networks(&who.worker) {
        return Err(ConsoleError::NotFound);
    }
    let id = ReportId::parse(&id).map_err(|_| ConsoleError::NotFound)?;
    let (cluster, edges) = links::cluster(state.store.as_ref(), &id)
        .await?
        .ok_or(ConsoleError::NotFound)?;
    let ui = &who.ui;
    let me = Recipient::Worker(who.worker.id.clone());
    let mut readable = Vec::with_capacity(cluster.members.len());
    for m in &cluster.members {
        readable.push(state.store.report_key(&m.report_id, &me).await?.is_some());
    }
    // The country is sealed: it is read from the reports from abroad she
    // may open, and the audit entry says how many were opened for it.
    let mut countries: Vec<String> = Vec::new();
    let mut opened = 0;
    for (m, readable) in cluster.members.iter().zip(&readable) {
        if *readable && matches!(m.area, Some(Area::Abroad)) {
            let report = open(&state, &who, &m.report_id.to_string()).await?;
            let (request, _) = report.request(state.store.as_ref()).await?;
            opened += 1;
            if let Some(WhereAnswer::Abroad {
                country: Some(country),
            }) = &request.answers.location
            {
                countries.push(country.as_str().to_owned());
            }
        }
    }
    countries.sort();
    countries.dedup();
    audit(
        &state,
        &who,
        AuditAction::NetworkViewed,
        Some(id),
        format!(
            "{} reports; {opened} opened to read their country",
            cluster.summary.size
        ),
    )
    .await?;
    let nodes: Vec<ReportId> = cluster.members.iter().map(|m| m.report_id).collect();
    let graph = cluster_graph(&ui.t("networks-graph"), &nodes, &edges, &|e| {
        ui.t(&format!("networks-edge-{}", e.kind.as_str()))
    });
    let body = html! {
        p.meta {
            (ui.t("networks-size")) ": " strong { (cluster.summary.size) }
            " · " (ui.t("networks-areas")) ": " (areas(ui, &cluster.summary))
            " · " (ui.t("networks-types")) ": " (types(ui, &cluster.summary))
            @if !countries.is_empty() {
                " · " (ui.t("networks-countries")) ": " (countries.join(", "))
            }
        }
        p.hint { (ui.t("networks-graph-hint")) }
        div.graph { (graph) }
        table.networks {
            thead { tr {
                th { "#" }
                th { (ui.t("networks-received")) }
                th { (ui.t("networks-areas")) }
                th { (ui.t("networks-types")) }
                th {}
            } }
            tbody {
                @for (i, m) in cluster.members.iter().enumerate() {
                    tr {
                        td { (i + 1) }
                        td { (ui.time(m.created_at)) }
                        td { (m.area.as_ref().map(|a| ui.region(a.as_str())).unwrap_or_default()) }
                        td { (m.types.iter().map(|t| type_label(ui, t)).collect::<Vec<_>>().join(", ")) }
                        td {
                            @if readable[i] {
                                a href=(format!("/reports/{}", m.report_id)) { "#" (m.report_id.short()) }
                            } @else {
                                span.muted { (ui.t("networks-not-yours")) }
                            }
                        }
                    }
                }
            }
        }
        p { a href="/networks" { (ui.t("networks-back")) } }
    };
    Ok(page(ui, &ui.t("networks-cluster-title"), Some(&who.nav()), body).into_response())
}
