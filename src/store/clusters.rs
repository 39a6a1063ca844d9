//! Writing a new report's links, in the transaction that stores the
//! report: a new report joins the cluster of every report it shares a
//! strong identifier with, and clusters it bridges merge into the one with
//! the smallest id. Only [`super::NewLinks`] (blind indexes) are written.
//! Each network's summary row is kept in the same transaction
//! (`summaries.rs`).

use sqlx::{ColumnIndex, Decode, Encode, Executor, IntoArguments, Type};

use super::links::{CLUSTERING, NewLinks};
use super::sql::{SqlDb, SqlStore};
use super::{StoreError, millis};

impl<DB> SqlStore<DB>
where
    DB: SqlDb,
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'q> DB::Arguments<'q>: IntoArguments<'q, DB>,
    for<'q> i64: Encode<'q, DB> + Decode<'q, DB> + Type<DB>,
    for<'q> String: Encode<'q, DB> + Decode<'q, DB> + Type<DB>,
    for<'q> &'q str: Encode<'q, DB> + Type<DB>,
    for<'q> &'q [u8]: Encode<'q, DB> + Type<DB>,
    usize: ColumnIndex<DB::Row>,
{
    /// Stores a report's blind indexes and files it into its cluster,
    /// merging the clusters it bridges. The caller holds the write lock
    /// ([`super::sql::Dialect::lock_links`]), so two reports naming the
    /// same number at once still meet.
    #[tracing::instrument(skip_all, fields(report.id = %new.report_id))]
    pub(super) async fn link_report_in(
        conn: &mut DB::Connection,
        new: &NewLinks,
    ) -> Result<(), StoreError> {
        let id = new.report_id.to_string();
        let mut links = new.links.clone();
        links.sort();
        links.dedup();
        // One statement per hundred links: each statement is a round trip,
        // and on PostgreSQL those made most of a match's time.
        for chunk in links.chunks(100) {
            let values: Vec<String> = (0..chunk.len())
                .map(|i| format!("(${}, ${}, ${})", 3 * i + 1, 3 * i + 2, 3 * i + 3))
                .collect();
            let sql = format!(
                "INSERT INTO report_links (report_id, kind, blind) VALUES {}",
                values.join(", ")
            );
            let mut insert = sqlx::query(&sql);
            for (kind, blind) in chunk {
                insert = insert
                    .bind(id.as_str())
                    .bind(kind.as_str())
                    .bind(&blind.as_bytes()[..]);
            }
            insert.execute(&mut *conn).await?;
        }
        let mut clusters: Vec<String> = Vec::new();
        let mut loose: Vec<String> = Vec::new();
        for (kind, blind) in links.iter().filter(|(k, _)| CLUSTERING.contains(k)) {
            // Every earlier report naming this identifier is in one cluster
            // already, except the first one to name it: a row for each
            // cluster, and one for each report in none.
            let found: Vec<(Option<String>, Option<String>)> = sqlx::query_as(
                "SELECT DISTINCT c.cluster_id, \
                     CASE WHEN c.cluster_id IS NULL THEN l.report_id END \
                 FROM report_links l LEFT JOIN report_clusters c ON c.report_id = l.report_id \
                 WHERE l.kind = $1 AND l.blind = $2 AND l.report_id <> $3 LIMIT 32",
            )
            .bind(kind.as_str())
            .bind(&blind.as_bytes()[..])
            .bind(id.as_str())
            .fetch_all(&mut *conn)
            .await?;
            for row in found {
                match row {
                    (Some(cluster), _) => clusters.push(cluster),
                    (None, Some(report)) => loose.push(report),
                    (None, None) => {}
                }
            }
        }
        if clusters.is_empty() && loose.is_empty() {
            return Ok(());
        }
        clusters.sort();
        clusters.dedup();
        loose.sort();
        loose.dedup();
        loose.push(id);
        let target = clusters
            .iter()
            .chain(loose.iter())
            .min()
            .expect("at least the new report")
            .clone();
        for other in clusters.iter().filter(|c| **c != target) {
            sqlx::query("UPDATE report_clusters SET cluster_id = $1 WHERE cluster_id = $2")
                .bind(target.as_str())
                .bind(other.as_str())
                .execute(&mut *conn)
                .await?;
        }
        for report in &loose {
            sqlx::query(
                "INSERT INTO report_clusters (report_id, cluster_id, linked_at) VALUES ($1, $2, $3)",
            )
            .bind(report.as_str())
            .bind(target.as_str())
            .bind(millis(new.at))
            .execute(&mut *conn)
            .await?;
        }
        Self::summarize_merge_in(conn, &target, &clusters, &loose).await
    }
}
