//! The triage queue, keyset-paged on (urgency, age, id).

use async_trait::async_trait;
use sqlx::{ColumnIndex, Decode, Encode, Executor, IntoArguments, Type};

use super::rows::*;
use super::sql::{SqlDb, SqlStore};
use super::*;

#[async_trait]
pub trait Queue: Send + Sync {
    /// A page of the queue in urgency-then-age order.
    async fn queue(&self, query: &QueueQuery) -> Result<Vec<QueueRow>, StoreError>;
}

#[async_trait]
impl<DB> Queue for SqlStore<DB>
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
    async fn queue(&self, query: &QueueQuery) -> Result<Vec<QueueRow>, StoreError> {
        let (sql, args) = queue_sql(query);
        let rows: Vec<QueueDbRow> = Self::bind_all(sqlx::query_as::<_, QueueDbRow>(&sql), args)
            .fetch_all(&self.pool)
            .await?;
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let mut ids = Sql::default();
        let marks: Vec<String> = rows
            .iter()
            .map(|r| ids.text(r.report.id.as_str()))
            .collect();
        let type_sql = format!(
            "SELECT report_id, violence_type FROM report_types WHERE report_id IN ({}) \
             ORDER BY violence_type",
            marks.join(", ")
        );
        let types: Vec<(String, String)> =
            Self::bind_all(sqlx::query_as::<_, (String, String)>(&type_sql), ids.args)
                .fetch_all(&self.pool)
                .await?;
        rows.into_iter()
            .map(|row| {
                let mine = types
                    .iter()
                    .filter(|(id, _)| *id == row.report.id)
                    .map(|(_, t)| t.clone())
                    .collect();
                queue_row(row, mine)
            })
            .collect()
    }
}
