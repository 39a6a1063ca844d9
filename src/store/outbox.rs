//! Outgoing messages, sealed, with their delivery state; and the Telegram updates already applied.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::{ColumnIndex, Decode, Encode, Executor, IntoArguments, Type};

use super::rows::*;
use super::sql::{RowsAffected, SqlDb, SqlStore};
use super::*;

#[async_trait]
pub trait Outbox: Send + Sync {
    async fn finish_outbox(&self, id: i64, outcome: &OutboxOutcome) -> Result<(), StoreError>;

    /// Outbox rows not yet sent, whatever their lease.
    async fn unsent_outbox(&self) -> Result<Vec<OutboxItem>, StoreError>;

    async fn reseal_outbox(
        &self,
        id: i64,
        chat: &Sealed<OutboxChat>,
        payload: &Sealed<OutboxPayload>,
    ) -> Result<(), StoreError>;

    /// Records a Telegram update id; `false` means it was seen before.
    async fn mark_update_processed(
        &self,
        update_id: i64,
        at: DateTime<Utc>,
    ) -> Result<bool, StoreError>;
}

#[async_trait]
impl<DB> Outbox for SqlStore<DB>
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
    async fn finish_outbox(&self, id: i64, outcome: &OutboxOutcome) -> Result<(), StoreError> {
        // Once sent or given up, the sealed chat id and body are
        // wiped: the row stays only as a delivery record.
        let wiped: Vec<u8> = Vec::new();
        let query = match outcome {
            OutboxOutcome::Sent { at } => sqlx::query(
                "UPDATE outbox SET status = 'sent', sent_at = $1, locked_until = NULL, \
                 chat_sealed = $3, payload_sealed = $3 WHERE id = $2",
            )
            .bind(millis(*at))
            .bind(id)
            .bind(wiped),
            OutboxOutcome::Retry { at, error } => sqlx::query(
                "UPDATE outbox SET next_attempt_at = $1, last_error = $2, locked_until = NULL WHERE id = $3",
            )
            .bind(millis(*at))
            .bind(error.as_str())
            .bind(id),
            OutboxOutcome::Failed { error } => sqlx::query(
                "UPDATE outbox SET status = 'failed', last_error = $1, locked_until = NULL, \
                 chat_sealed = $3, payload_sealed = $3 WHERE id = $2",
            )
            .bind(error.as_str())
            .bind(id)
            .bind(wiped),
        };
        let done = query.execute(&self.pool).await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    async fn unsent_outbox(&self) -> Result<Vec<OutboxItem>, StoreError> {
        let rows: Vec<OutboxRow> = sqlx::query_as(
            "SELECT id, dedup_key, kind, chat_sealed, payload_sealed, attempts FROM outbox \
             WHERE status = 'pending' ORDER BY id",
        )
        .fetch_all(&self.pool)
        .await?;
        outbox_items(rows)
    }

    async fn reseal_outbox(
        &self,
        id: i64,
        chat: &Sealed<OutboxChat>,
        payload: &Sealed<OutboxPayload>,
    ) -> Result<(), StoreError> {
        sqlx::query("UPDATE outbox SET chat_sealed = $1, payload_sealed = $2 WHERE id = $3")
            .bind(chat.as_bytes())
            .bind(payload.as_bytes())
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn mark_update_processed(
        &self,
        update_id: i64,
        at: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "INSERT INTO processed_updates (update_id, processed_at) VALUES ($1, $2) \
             ON CONFLICT (update_id) DO NOTHING",
        )
        .bind(update_id)
        .bind(millis(at))
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
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
    /// Queues a row; a repeated `dedup_key` adds nothing.
    pub(super) async fn enqueue_outbox_in(
        conn: &mut DB::Connection,
        m: &NewOutbox,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO outbox (dedup_key, kind, chat_sealed, payload_sealed, next_attempt_at, created_at) \
             VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (dedup_key) DO NOTHING",
        )
        .bind(m.dedup_key.as_deref())
        .bind(&m.kind)
        .bind(m.chat.as_bytes())
        .bind(m.payload.as_bytes())
        .bind(millis(m.not_before))
        .execute(&mut *conn)
        .await?;
        Ok(())
    }
}
