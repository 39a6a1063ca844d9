//! Links between reports: the blind indexes of the identifiers each report
//! names, the clusters they form, the watchlist and its matches.
//!
//! Only [`BlindIndex`] values reach these tables, never an identifier.
//! Clusters are kept up to date as reports arrive (see `clusters.rs`).

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::{ColumnIndex, Decode, Encode, Executor, IntoArguments, Type};

use super::rows::*;
use super::sql::{SqlDb, SqlStore};
use super::*;
use crate::crypto::BlindIndex;
use crate::domain::area::Area;
use crate::domain::identifiers::LinkKind;

/// The blind indexes of one new report, written with it.
#[derive(Debug, Clone)]
pub struct NewLinks {
    pub report_id: ReportId,
    pub at: DateTime<Utc>,
    pub links: Vec<(LinkKind, BlindIndex)>,
}

/// Kinds that join reports into clusters. A person's name is only a hint
/// ("Laporan terkait"): names are shared by strangers, and one common
/// name would pull unrelated networks into one.
pub const CLUSTERING: &[LinkKind] = &[
    LinkKind::Phone,
    LinkKind::Account,
    LinkKind::Company,
    LinkKind::Bank,
];

/// Another report sharing an identifier with the one being read: enough
/// for the service to decide whether the reader may open it.
#[derive(Debug, Clone)]
pub struct RelatedReport {
    pub kind: LinkKind,
    pub report_id: ReportId,
    pub created_at: DateTime<Utc>,
    pub area: Option<Area>,
    pub assigned_to: Option<String>,
    /// Whether the report key is sealed to the reader.
    pub readable: bool,
}

/// One cluster, as the networks page lists it.
#[derive(Debug, Clone)]
pub struct ClusterSummary {
    pub id: ReportId,
    pub size: i64,
    pub first: DateTime<Utc>,
    pub last: DateTime<Utc>,
    /// The kabupaten/kota (or province, or abroad) of its reports, each
    /// once, sorted.
    pub areas: Vec<Area>,
    /// The types of violence of its reports (codes), each once, sorted.
    pub types: Vec<String>,
}

/// A report in a cluster and the clear metadata the page shows of it.
#[derive(Debug, Clone)]
pub struct ClusterMember {
    pub report_id: ReportId,
    pub created_at: DateTime<Utc>,
    pub area: Option<Area>,
    pub types: Vec<String>,
}

/// Two reports of a cluster sharing an identifier of `kind`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClusterEdge {
    pub a: ReportId,
    pub b: ReportId,
    pub kind: LinkKind,
}

/// Linked reports and clusters by month (`YYYY-MM`).
#[derive(Debug, Clone, Default)]
pub struct LinkStats {
    pub linked_by_month: Counts,
    pub clusters_by_month: Counts,
}

#[async_trait]
pub trait Links: Send + Sync {
    /// Reports sharing an identifier with `id`, newest first, each with the
    /// kind shared and whether `recipient` holds its key.
    async fn related_reports(
        &self,
        id: &ReportId,
        recipient: &Recipient,
        limit: i64,
    ) -> Result<Vec<RelatedReport>, StoreError>;

    /// The cluster a report is in, if any.
    async fn cluster_of(&self, id: &ReportId) -> Result<Option<ReportId>, StoreError>;

    /// Clusters of two or more reports, latest activity first.
    async fn clusters(&self, limit: i64) -> Result<Vec<ClusterSummary>, StoreError>;

    /// The reports of one cluster, oldest first.
    async fn cluster_members(&self, cluster: &ReportId) -> Result<Vec<ClusterMember>, StoreError>;

    /// Who shares what inside one cluster, by kind only.
    async fn cluster_edges(&self, cluster: &ReportId) -> Result<Vec<ClusterEdge>, StoreError>;

    /// Linked reports and new clusters per month.
    async fn link_stats(&self) -> Result<LinkStats, StoreError>;
}

#[async_trait]
impl<DB> Links for SqlStore<DB>
where
    DB: SqlDb,
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'q> DB::Arguments<'q>: IntoArguments<'q, DB>,
    for<'q> i64: Encode<'q, DB> + Decode<'q, DB> + Type<DB>,
    for<'q> bool: Encode<'q, DB> + Decode<'q, DB> + Type<DB>,
    for<'q> String: Encode<'q, DB> + Decode<'q, DB> + Type<DB>,
    for<'q> Vec<u8>: Encode<'q, DB> + Decode<'q, DB> + Type<DB>,
    for<'q> &'q str: Encode<'q, DB> + Type<DB>,
    for<'q> &'q [u8]: Encode<'q, DB> + Type<DB>,
    usize: ColumnIndex<DB::Row>,
    for<'n> &'n str: ColumnIndex<DB::Row>,
    for<'q> Option<i64>: Encode<'q, DB>,
    for<'q> Option<String>: Encode<'q, DB>,
    for<'q> Option<&'q str>: Encode<'q, DB>,
    for<'q> Option<&'q [u8]>: Encode<'q, DB>,
    for<'q> Option<Vec<u8>>: Encode<'q, DB>,
{
    #[tracing::instrument(skip_all, fields(report.id = %id))]
    async fn related_reports(
        &self,
        id: &ReportId,
        recipient: &Recipient,
        limit: i64,
    ) -> Result<Vec<RelatedReport>, StoreError> {
        type Row = (String, String, i64, Option<String>, Option<String>, i64);
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT l2.kind, r.id, r.created_at, r.region_code, r.assigned_to, \
             CAST(CASE WHEN EXISTS (SELECT 1 FROM report_keys k \
                 WHERE k.report_id = r.id AND k.recipient = $2) THEN 1 ELSE 0 END AS BIGINT) \
             FROM report_links l1 \
             JOIN report_links l2 ON l2.kind = l1.kind AND l2.blind = l1.blind \
                 AND l2.report_id <> l1.report_id \
             JOIN reports r ON r.id = l2.report_id \
             WHERE l1.report_id = $1 \
             ORDER BY r.created_at DESC, r.id, l2.kind LIMIT $3",
        )
        .bind(id.to_string())
        .bind(recipient.to_column())
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|(kind, rid, at, region, assigned, readable)| {
                Ok(RelatedReport {
                    kind: parse_kind(&kind)?,
                    report_id: parse_report_id(&rid)?,
                    created_at: from_millis(at)?,
                    area: region.as_deref().map(parse_area).transpose()?,
                    assigned_to: assigned,
                    readable: readable != 0,
                })
            })
            .collect()
    }

    async fn cluster_of(&self, id: &ReportId) -> Result<Option<ReportId>, StoreError> {
        let row: Option<(String,)> =
            sqlx::query_as("SELECT cluster_id FROM report_clusters WHERE report_id = $1")
                .bind(id.to_string())
                .fetch_optional(&self.pool)
                .await?;
        row.map(|(c,)| parse_report_id(&c)).transpose()
    }

    async fn clusters(&self, limit: i64) -> Result<Vec<ClusterSummary>, StoreError> {
        type Row = (String, i64, i64, i64, String, String);
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT cluster_id, size, first_at, last_at, areas, types FROM cluster_summaries \
             ORDER BY last_at DESC, cluster_id LIMIT $1",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|(id, size, first, last, areas, types)| {
                let listed = |text: &str| -> Vec<String> {
                    text.split(',')
                        .filter(|v| !v.is_empty())
                        .map(str::to_owned)
                        .collect()
                };
                // Kept sorted, except where migration 0007 wrote them.
                let mut areas = listed(&areas);
                let mut types = listed(&types);
                areas.sort();
                types.sort();
                Ok(ClusterSummary {
                    id: parse_report_id(&id)?,
                    size,
                    first: from_millis(first)?,
                    last: from_millis(last)?,
                    areas: (areas.iter())
                        .map(|a| parse_area(a))
                        .collect::<Result<_, _>>()?,
                    types,
                })
            })
            .collect()
    }

    async fn cluster_members(&self, cluster: &ReportId) -> Result<Vec<ClusterMember>, StoreError> {
        let rows: Vec<(String, i64, Option<String>, Option<String>)> = sqlx::query_as(
            "SELECT r.id, r.created_at, r.region_code, t.violence_type \
             FROM report_clusters c JOIN reports r ON r.id = c.report_id \
             LEFT JOIN report_types t ON t.report_id = r.id \
             WHERE c.cluster_id = $1 ORDER BY r.created_at, r.id, t.violence_type",
        )
        .bind(cluster.to_string())
        .fetch_all(&self.pool)
        .await?;
        let mut out: Vec<ClusterMember> = Vec::new();
        for (id, at, region, vt) in rows {
            let id = parse_report_id(&id)?;
            if out.last().is_none_or(|m| m.report_id != id) {
                out.push(ClusterMember {
                    report_id: id,
                    created_at: from_millis(at)?,
                    area: region.as_deref().map(parse_area).transpose()?,
                    types: Vec::new(),
                });
            }
            if let (Some(vt), Some(last)) = (vt, out.last_mut()) {
                last.types.push(vt);
            }
        }
        Ok(out)
    }

    async fn cluster_edges(&self, cluster: &ReportId) -> Result<Vec<ClusterEdge>, StoreError> {
        let rows: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT DISTINCT a.report_id, b.report_id, a.kind \
             FROM report_clusters c \
             JOIN report_links a ON a.report_id = c.report_id \
             JOIN report_links b ON b.kind = a.kind AND b.blind = a.blind \
                 AND b.report_id > a.report_id \
             JOIN report_clusters cb ON cb.report_id = b.report_id AND cb.cluster_id = c.cluster_id \
             WHERE c.cluster_id = $1 ORDER BY a.report_id, b.report_id, a.kind",
        )
        .bind(cluster.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|(a, b, kind)| {
                Ok(ClusterEdge {
                    a: parse_report_id(&a)?,
                    b: parse_report_id(&b)?,
                    kind: parse_kind(&kind)?,
                })
            })
            .collect()
    }

    async fn link_stats(&self) -> Result<LinkStats, StoreError> {
        let month = self.dialect.month_of_created;
        let linked = format!(
            "SELECT {month} AS m, COUNT(*) FROM report_clusters c JOIN reports r ON r.id = c.report_id \
             GROUP BY {month} ORDER BY {month}"
        );
        // A network counts in the month of its first report, read from its
        // summary row (a scan of every report took seconds at a million).
        let clusters = format!(
            "SELECT {month} AS m, COUNT(*) \
             FROM (SELECT first_at AS created_at FROM cluster_summaries) r \
             GROUP BY {month} ORDER BY {month}"
        );
        let linked: Vec<(String, i64)> = sqlx::query_as(&linked).fetch_all(&self.pool).await?;
        let clusters: Vec<(String, i64)> = sqlx::query_as(&clusters).fetch_all(&self.pool).await?;
        Ok(LinkStats {
            linked_by_month: Counts(linked),
            clusters_by_month: Counts(clusters),
        })
    }
}

fn parse_kind(code: &str) -> Result<LinkKind, StoreError> {
    LinkKind::parse(code).map_err(|e| StoreError::Corrupt(e.to_string()))
}

fn parse_area(code: &str) -> Result<Area, StoreError> {
    Area::parse(code).map_err(|e| StoreError::Corrupt(e.to_string()))
}
