//! Counts for the statistics page and the Simfoni-PPA export.

use async_trait::async_trait;
use sqlx::{ColumnIndex, Decode, Encode, Executor, IntoArguments, Type};

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
        let group = |expr: &str, join: &str| {
            let mut sql = Sql::default();
            let filter = scope_sql(scope, &mut sql);
            (
                format!(
                    "SELECT {expr} AS k, COUNT(*) FROM reports r {join} WHERE {filter} \
                     GROUP BY {expr} ORDER BY {expr}"
                ),
                sql.args,
            )
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
        for (expr, join, out) in dims {
            let (sql, args) = group(expr, join);
            let rows: Vec<(String, i64)> =
                Self::bind_all(sqlx::query_as::<_, (String, i64)>(&sql), args)
                    .fetch_all(&self.pool)
                    .await?;
            *out = Counts(rows);
        }
        stats.total = stats.by_status.0.iter().map(|(_, n)| n).sum();
        // Only the middle one or two values leave the database: at a
        // million reports, fetching every time to sort it here took seconds.
        for (column, out) in [
            ("r.acknowledged_at", &mut stats.response_ms),
            ("r.closed_at", &mut stats.close_ms),
        ] {
            let mut sql = Sql::default();
            let filter = scope_sql(scope, &mut sql);
            let present = format!("FROM reports r WHERE {filter} AND {column} IS NOT NULL");
            let count = format!("SELECT COUNT(*) {present}");
            let (n,): (i64,) =
                Self::bind_all(sqlx::query_as::<_, (i64,)>(&count), sql.args.clone())
                    .fetch_one(&self.pool)
                    .await?;
            if n == 0 {
                *out = Vec::new();
                continue;
            }
            let (take, skip) = if n % 2 == 1 {
                (1, n / 2)
            } else {
                (2, n / 2 - 1)
            };
            let text = format!(
                "SELECT {column} - r.created_at {present} ORDER BY 1 LIMIT {take} OFFSET {skip}"
            );
            let rows: Vec<(i64,)> = Self::bind_all(sqlx::query_as::<_, (i64,)>(&text), sql.args)
                .fetch_all(&self.pool)
                .await?;
            *out = rows.into_iter().map(|(v,)| v).collect();
        }
        Ok(stats)
    }
}
