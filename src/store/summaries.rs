//! One row per network in `cluster_summaries`: its size, first and last
//! report, kabupaten/kota and types of violence, so the networks page
//! reads 50 rows instead of grouping every clustered report. Linking a
//! report adds what it brings to the rows of the networks it joins (no
//! scan of their reports, however large); destroying a report rewrites
//! its network's row from the reports left.

use std::collections::BTreeSet;

use sqlx::{ColumnIndex, Decode, Encode, Executor, IntoArguments, Type};

use super::StoreError;
use super::sql::{SqlDb, SqlStore};

/// A network's summary, as it is being added up.
#[derive(Debug, Default)]
struct Summary {
    size: i64,
    first: Option<i64>,
    last: Option<i64>,
    areas: BTreeSet<String>,
    types: BTreeSet<String>,
}

impl Summary {
    fn add_report(&mut self, created: i64) {
        self.size += 1;
        self.dates(created, created);
    }

    fn dates(&mut self, first: i64, last: i64) {
        self.first = Some(self.first.map_or(first, |f| f.min(first)));
        self.last = Some(self.last.map_or(last, |l| l.max(last)));
    }
}

/// The stored form of a set: comma-separated, sorted.
fn joined(set: &BTreeSet<String>) -> String {
    set.iter().cloned().collect::<Vec<_>>().join(",")
}

/// `$1, $2, …, $n`.
fn placeholders(n: usize) -> String {
    (1..=n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn split(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(',').filter(|v| !v.is_empty()).map(str::to_owned)
}

impl<DB> SqlStore<DB>
where
    DB: SqlDb,
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'q> DB::Arguments<'q>: IntoArguments<'q, DB>,
    for<'q> i64: Encode<'q, DB> + Decode<'q, DB> + Type<DB>,
    for<'q> String: Encode<'q, DB> + Decode<'q, DB> + Type<DB>,
    for<'q> &'q str: Encode<'q, DB> + Type<DB>,
    usize: ColumnIndex<DB::Row>,
{
    /// The summary of network `target` after the networks `merged` (the
    /// target among them, if it existed) and the reports `joined` came
    /// together in it. Reads the merged networks' rows and the joining
    /// reports, never the networks' other reports; a merged network
    /// without a row (shrunk to one report by a destruction) is counted
    /// from its reports instead.
    pub(super) async fn summarize_merge_in(
        conn: &mut DB::Connection,
        target: &str,
        merged: &[String],
        joined_reports: &[String],
    ) -> Result<(), StoreError> {
        let mut sum = Summary::default();
        if !merged.is_empty() {
            let sql = format!(
                "SELECT size, first_at, last_at, areas, types \
                 FROM cluster_summaries WHERE cluster_id IN ({})",
                placeholders(merged.len())
            );
            let mut query = sqlx::query_as::<_, (i64, i64, i64, String, String)>(&sql);
            for cluster in merged {
                query = query.bind(cluster.as_str());
            }
            let rows = query.fetch_all(&mut *conn).await?;
            if rows.len() < merged.len() {
                // A network shrunk to one report by a destruction has no
                // row to add from: count the merged network again.
                Self::delete_summaries_in(conn, merged).await?;
                return Self::refresh_cluster_in(conn, target).await;
            }
            for (size, first, last, areas, types) in rows {
                sum.size += size;
                sum.dates(first, last);
                sum.areas.extend(split(&areas));
                sum.types.extend(split(&types));
            }
            let others: Vec<String> = merged.iter().filter(|c| *c != target).cloned().collect();
            Self::delete_summaries_in(conn, &others).await?;
        }
        let sql = format!(
            "SELECT r.id, r.created_at, r.region_code, t.violence_type FROM reports r \
             LEFT JOIN report_types t ON t.report_id = r.id WHERE r.id IN ({}) ORDER BY r.id",
            placeholders(joined_reports.len())
        );
        let mut query = sqlx::query_as::<_, (String, i64, Option<String>, Option<String>)>(&sql);
        for report in joined_reports {
            query = query.bind(report.as_str());
        }
        let mut last_report: Option<String> = None;
        for (report, created, region, kind) in query.fetch_all(&mut *conn).await? {
            if last_report.as_deref() != Some(report.as_str()) {
                sum.add_report(created);
                sum.areas.extend(region);
                last_report = Some(report);
            }
            sum.types.extend(kind);
        }
        Self::write_summary_in(conn, target, &sum).await
    }

    async fn delete_summaries_in(
        conn: &mut DB::Connection,
        clusters: &[String],
    ) -> Result<(), StoreError> {
        if clusters.is_empty() {
            return Ok(());
        }
        let sql = format!(
            "DELETE FROM cluster_summaries WHERE cluster_id IN ({})",
            placeholders(clusters.len())
        );
        let mut query = sqlx::query(&sql);
        for cluster in clusters {
            query = query.bind(cluster.as_str());
        }
        query.execute(&mut *conn).await?;
        Ok(())
    }

    /// Writes network `cluster`'s row as `sum`, in one statement; fewer
    /// than two reports make no network, and no row.
    async fn write_summary_in(
        conn: &mut DB::Connection,
        cluster: &str,
        sum: &Summary,
    ) -> Result<(), StoreError> {
        let (Some(first), Some(last), 2..) = (sum.first, sum.last, sum.size) else {
            return Self::delete_summaries_in(conn, &[cluster.to_owned()]).await;
        };
        sqlx::query(
            "INSERT INTO cluster_summaries (cluster_id, size, first_at, last_at, areas, types) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (cluster_id) DO UPDATE SET \
             size = excluded.size, first_at = excluded.first_at, last_at = excluded.last_at, \
             areas = excluded.areas, types = excluded.types",
        )
        .bind(cluster)
        .bind(sum.size)
        .bind(first)
        .bind(last)
        .bind(joined(&sum.areas))
        .bind(joined(&sum.types))
        .execute(&mut *conn)
        .await?;
        Ok(())
    }

    /// Rewrites one network's summary row from its reports; a network
    /// left with fewer than two reports (one was destroyed) has none.
    pub(super) async fn refresh_cluster_in(
        conn: &mut DB::Connection,
        cluster: &str,
    ) -> Result<(), StoreError> {
        let (size, first, last): (i64, i64, i64) = sqlx::query_as(
            "SELECT COUNT(*), COALESCE(MIN(r.created_at), 0), COALESCE(MAX(r.created_at), 0) \
             FROM report_clusters c JOIN reports r ON r.id = c.report_id WHERE c.cluster_id = $1",
        )
        .bind(cluster)
        .fetch_one(&mut *conn)
        .await?;
        let areas: Vec<(String,)> = sqlx::query_as(
            "SELECT DISTINCT r.region_code FROM report_clusters c \
             JOIN reports r ON r.id = c.report_id \
             WHERE c.cluster_id = $1 AND r.region_code IS NOT NULL ORDER BY r.region_code",
        )
        .bind(cluster)
        .fetch_all(&mut *conn)
        .await?;
        let types: Vec<(String,)> = sqlx::query_as(
            "SELECT DISTINCT t.violence_type FROM report_clusters c \
             JOIN report_types t ON t.report_id = c.report_id \
             WHERE c.cluster_id = $1 ORDER BY t.violence_type",
        )
        .bind(cluster)
        .fetch_all(&mut *conn)
        .await?;
        let sum = Summary {
            size,
            first: (size > 0).then_some(first),
            last: (size > 0).then_some(last),
            areas: areas.into_iter().map(|(a,)| a).collect(),
            types: types.into_iter().map(|(t,)| t).collect(),
        };
        Self::write_summary_in(conn, cluster, &sum).await
    }
}
