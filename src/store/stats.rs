//! Counts for the statistics page and the Simfoni-PPA export.

use async_trait::async_trait;
use futures::{StreamExt, TryStreamExt};
use sqlx::{ColumnIndex, Decode, Encode, Executor, IntoArguments, Type};

use super::build::Arg;
use super::rows::*;
use super::sql::{SqlDb, SqlStore};
use super::*;

#[async_trait]
pub trait Statistics: Send + Sync {
    async fn stats(&self, scope: &StatsScope) -> Result<Stats, StoreError>;
}

#[async_trait]
impl<DB> Statistics for SqlStore<DB>
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
    async fn stats(&self, scope: &StatsScope) -> Result<Stats, StoreError> {
        let mut stats = Stats::default();
        let from = self.dialect.stats_from;
        let filtered = || {
            let mut sql = Sql::default();
            let filter = scope_sql(scope, &mut sql);
            (filter, sql.args)
        };
        let province = "COALESCE(CASE WHEN r.region_code = 'abroad' THEN 'abroad' \
                        ELSE substr(r.region_code, 1, 2) END, '')";
        let regency = "COALESCE(r.region_code, '')";
        let dims: [(&str, &str, &mut Counts); 8] = [
            (self.dialect.month_of_created, "", &mut stats.by_month),
            (
                "t.violence_type",
                "JOIN report_types t ON t.report_id = r.id",
                &mut stats.by_type,
            ),
            (province, "", &mut stats.by_province),
            (regency, "", &mut stats.by_regency),
            ("COALESCE(r.age_band, '')", "", &mut stats.by_age_band),
            ("COALESCE(r.victim_sex, '')", "", &mut stats.by_sex),
            ("r.urgency", "", &mut stats.by_urgency),
            ("r.status", "", &mut stats.by_status),
        ];
        let queries: Vec<(String, Vec<Arg>)> = (dims.iter())
            .map(|(expr, join, _)| {
                let (filter, args) = filtered();
                let sql = format!(
                    "SELECT {expr} AS k, COUNT(*) FROM {from} {join} WHERE {filter} \
                     GROUP BY {expr} ORDER BY {expr}"
                );
                (sql, args)
            })
            .collect();
        // Two at a time: each is a scan, the machine may have two cores,
        // and the bot needs the rest of the pool meanwhile.
        let counted: Vec<Vec<(String, i64)>> = futures::stream::iter(queries)
            .map(|(sql, args)| async move {
                Self::bind_all(sqlx::query_as::<_, (String, i64)>(&sql), args)
                    .fetch_all(&self.pool)
                    .await
            })
            .buffered(2)
            .try_collect()
            .await?;
        for ((_, _, out), rows) in dims.into_iter().zip(counted) {
            *out = Counts(rows);
        }
        stats.total = stats.by_status.0.iter().map(|(_, n)| n).sum();
        // Only the middle one or two values leave the database: at a
        // million reports, fetching every time to sort it here took seconds.
        let (filter, args) = filtered();
        let count = format!(
            "SELECT COUNT(r.acknowledged_at), COUNT(r.closed_at) FROM {from} WHERE {filter}"
        );
        let (answered, closed): (i64, i64) =
            Self::bind_all(sqlx::query_as::<_, (i64, i64)>(&count), args)
                .fetch_one(&self.pool)
                .await?;
        let medians = [("r.acknowledged_at", answered), ("r.closed_at", closed)].map(
            |(column, n)| async move {
                if n == 0 {
                    return Ok(Vec::new());
                }
                let (take, skip) = if n % 2 == 1 {
                    (1, n / 2)
                } else {
                    (2, n / 2 - 1)
                };
                let (filter, args) = filtered();
                let text = format!(
                    "SELECT {column} - r.created_at FROM {from} \
                     WHERE {filter} AND {column} IS NOT NULL \
                     ORDER BY 1 LIMIT {take} OFFSET {skip}"
                );
                let rows: Vec<(i64,)> = Self::bind_all(sqlx::query_as::<_, (i64,)>(&text), args)
                    .fetch_all(&self.pool)
                    .await?;
                Ok::<_, StoreError>(rows.into_iter().map(|(v,)| v).collect())
            },
        );
        let [response, close] = medians;
        (stats.response_ms, stats.close_ms) = futures::try_join!(response, close)?;
        Ok(stats)
    }
}
