//! What a case worker learns of links between reports (issue 16).
//!
//! On a report's page: the linked reports she may open, each with what it
//! shares; of those she may not open, only how many, by kind: never their
//! id, region or date. For the koordinator: the clusters, with the clear
//! metadata of their reports and a graph whose edges name only a kind.
//! A liaison (mitra) learns nothing of links.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use crate::domain::ReportId;
use crate::domain::area::Area;
use crate::domain::identifiers::LinkKind;
use crate::domain::role::{Permission, Role};
use crate::store::{
    ClusterEdge, ClusterMember, ClusterSummary, Recipient, RelatedReport, Store, StoreError, Worker,
};

/// Most linked rows read for one report; a very common name could match
/// thousands, and a page needs only the first few.
const RELATED_LIMIT: i64 = 500;

/// A linked report the reader may open.
#[derive(Debug, Clone)]
pub struct LinkedReport {
    pub id: ReportId,
    pub created_at: DateTime<Utc>,
    pub area: Option<Area>,
    /// What it shares with the report being read.
    pub kinds: Vec<LinkKind>,
}

/// The "Laporan terkait" of one report, for one reader.
#[derive(Debug, Clone, Default)]
pub struct Related {
    pub open: Vec<LinkedReport>,
    /// Reports she may not open, counted per kind shared.
    pub hidden: BTreeMap<LinkKind, usize>,
    /// Distinct reports she may not open.
    pub hidden_reports: usize,
}

impl Related {
    pub fn is_empty(&self) -> bool {
        self.open.is_empty() && self.hidden_reports == 0
    }
}

/// Whether `worker` may open a related report: its key is sealed to her
/// and, for a petugas, nobody else has it (the rule of `service::access`).
fn may_open(worker: &Worker, r: &RelatedReport) -> bool {
    r.readable
        && (worker.role.may(Permission::AssignOthers)
            || r.assigned_to.as_ref().is_none_or(|a| *a == worker.id))
}

/// The reports linked to `id`, as `worker` may know them. A mitra gets
/// nothing: referrals never share links.
pub async fn related(
    store: &dyn Store,
    worker: &Worker,
    id: &ReportId,
) -> Result<Related, StoreError> {
    if worker.role == Role::Mitra || !worker.role.may(Permission::WorkReports) {
        return Ok(Related::default());
    }
    let rows = store
        .related_reports(id, &Recipient::Worker(worker.id.clone()), RELATED_LIMIT)
        .await?;
    let mut out = Related::default();
    let mut hidden: BTreeMap<ReportId, Vec<LinkKind>> = BTreeMap::new();
    for row in rows {
        if may_open(worker, &row) {
            match out.open.iter_mut().find(|l| l.id == row.report_id) {
                Some(l) if !l.kinds.contains(&row.kind) => l.kinds.push(row.kind),
                Some(_) => {}
                None => out.open.push(LinkedReport {
                    id: row.report_id,
                    created_at: row.created_at,
                    area: row.area,
                    kinds: vec![row.kind],
                }),
            }
        } else {
            let kinds = hidden.entry(row.report_id).or_default();
            if !kinds.contains(&row.kind) {
                kinds.push(row.kind);
            }
        }
    }
    out.hidden_reports = hidden.len();
    for kinds in hidden.values() {
        for kind in kinds {
            *out.hidden.entry(*kind).or_default() += 1;
        }
    }
    for l in &mut out.open {
        l.kinds.sort();
    }
    Ok(out)
}

/// Who may see the networks: a trusted koordinator.
pub fn may_see_networks(worker: &Worker) -> bool {
    worker.trusted() && worker.role == Role::Koordinator
}

/// A cluster with its reports, as one cluster's page shows it.
#[derive(Debug, Clone)]
pub struct Cluster {
    pub summary: ClusterSummary,
    pub members: Vec<ClusterMember>,
}

/// Most clusters on the page.
pub const CLUSTERS_SHOWN: i64 = 50;

/// The clusters, newest activity first: one stored row each, so the page
/// costs the same at a million reports as at a thousand.
pub async fn clusters(store: &dyn Store) -> Result<Vec<ClusterSummary>, StoreError> {
    store.clusters(CLUSTERS_SHOWN).await
}

/// One cluster and its edges, or `None` if there is no such cluster.
pub async fn cluster(
    store: &dyn Store,
    id: &ReportId,
) -> Result<Option<(Cluster, Vec<ClusterEdge>)>, StoreError> {
    let members = store.cluster_members(id).await?;
    if members.len() < 2 {
        return Ok(None);
    }
    let mut areas: Vec<Area> = members.iter().filter_map(|m| m.area.clone()).collect();
    areas.sort_by(|a, b| a.as_str().cmp(b.as_str()));
    areas.dedup();
    let mut types: Vec<String> = (members.iter())
        .flat_map(|m| m.types.iter().cloned())
        .collect();
    types.sort();
    types.dedup();
    let summary = ClusterSummary {
        id: *id,
        size: members.len() as i64,
        first: members.iter().map(|m| m.created_at).min().expect("two"),
        last: members.iter().map(|m| m.created_at).max().expect("two"),
        areas,
        types,
    };
    let edges = store.cluster_edges(id).await?;
    Ok(Some((Cluster { summary, members }, edges)))
}
