//! Messages between case workers and reporters, sealed under the server key.

use async_trait::async_trait;
use sqlx::{ColumnIndex, Decode, Encode, Executor, IntoArguments, Type};

use chrono::{DateTime, Utc};

use super::rows::*;
use super::sql::{SqlDb, SqlStore};
use super::*;

#[async_trait]
pub trait Messages: Send + Sync {
    async fn messages_of(&self, id: &ReportId) -> Result<Vec<StoredMessage>, StoreError>;

    /// Messages in both directions (to and from reporters), in id order.
    async fn messages_after(
        &self,
        after: &str,
        limit: i64,
    ) -> Result<Vec<StoredMessage>, StoreError>;

    async fn set_message_body(&self, id: &str, body: &MessageBody) -> Result<(), StoreError>;

    /// Messages sent since `since` to the reporter of report `id`: to that
    /// report, and to every other report from the same chat.
    async fn messages_to_reporter_since(
        &self,
        id: &ReportId,
        since: DateTime<Utc>,
    ) -> Result<i64, StoreError>;

    /// Whether a neutral notice to the chat with this keyed hash still
    /// waits in the outbox (a new message then needs no second notice).
    async fn notice_pending(&self, chat_key: &[u8]) -> Result<bool, StoreError>;
}

#[async_trait]
impl<DB> Messages for SqlStore<DB>
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
    async fn messages_to_reporter_since(
        &self,
        id: &ReportId,
        since: DateTime<Utc>,
    ) -> Result<i64, StoreError> {
        // A report without a reporter_ref (no contact) matches only itself:
        // `= NULL` is never true.
        let (n,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM reporter_messages m JOIN reports r ON r.id = m.report_id \
             WHERE m.direction = 'to_reporter' AND m.created_at >= $2 AND (r.id = $1 \
             OR r.reporter_ref = (SELECT o.reporter_ref FROM reports o WHERE o.id = $1))",
        )
        .bind(id.to_string())
        .bind(millis(since))
        .fetch_one(&self.pool)
        .await?;
        Ok(n)
    }

    async fn notice_pending(&self, chat_key: &[u8]) -> Result<bool, StoreError> {
        let row: Option<(i64,)> = sqlx::query_as(
            "SELECT id FROM outbox WHERE chat_key = $1 AND kind = 'notice' \
             AND status = 'pending' LIMIT 1",
        )
        .bind(chat_key)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.is_some())
    }

    async fn messages_of(&self, id: &ReportId) -> Result<Vec<StoredMessage>, StoreError> {
        let rows: Vec<MessageRow> = sqlx::query_as(
            "SELECT id, report_id, direction, author_id, body_sealed, created_at, delivered_at, read_at \
             FROM reporter_messages WHERE report_id = $1 ORDER BY created_at, id",
        )
        .bind(id.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(stored_message).collect()
    }

    async fn messages_after(
        &self,
        after: &str,
        limit: i64,
    ) -> Result<Vec<StoredMessage>, StoreError> {
        let rows: Vec<MessageRow> = sqlx::query_as(
            "SELECT id, report_id, direction, author_id, body_sealed, created_at, delivered_at, read_at \
             FROM reporter_messages WHERE id > $1 ORDER BY id LIMIT $2",
        )
        .bind(after)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(stored_message).collect()
    }

    async fn set_message_body(&self, id: &str, body: &MessageBody) -> Result<(), StoreError> {
        sqlx::query("UPDATE reporter_messages SET body_sealed = $1 WHERE id = $2")
            .bind(body.as_bytes())
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

impl<DB> SqlStore<DB>
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
    pub(super) async fn insert_message_in(
        conn: &mut DB::Connection,
        m: &NewMessage,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO reporter_messages (id, report_id, direction, author_id, body_sealed, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&m.id)
        .bind(m.report_id.to_string())
        .bind(m.body.direction().as_str())
        .bind(m.author_id.as_deref())
        .bind(m.body.as_bytes())
        .bind(millis(m.created_at))
        .execute(&mut *conn)
        .await?;
        Ok(())
    }
}
