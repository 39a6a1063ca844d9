//! Outgoing messages, sealed, with their delivery state. A chat's rows go
//! out one at a time and in order: only a chat's oldest pending row can be
//! claimed, on any replica.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::{ColumnIndex, Decode, Encode, Executor, IntoArguments, Type};

use super::rows::*;
use super::sql::{RowsAffected, SqlDb, SqlStore};
use super::*;

#[async_trait]
pub trait Outbox: Send + Sync {
    /// Leases up to `limit` due rows, each the oldest pending row of its
    /// chat (of `chat` only, if given), most urgent first. Another worker
    /// or replica sees them again only when the lease runs out. The claim
    /// counts as an attempt, recorded before anything is sent.
    async fn claim_outbox(
        &self,
        now: DateTime<Utc>,
        lease: std::time::Duration,
        limit: i64,
        chat: Option<&[u8]>,
    ) -> Result<Vec<OutboxItem>, StoreError>;

    /// Leases the next due rows of one chat, in order, up to `limit`: a
    /// row is claimed only if no earlier row of the chat is still waiting
    /// or leased. One statement for what a step sends to her.
    async fn claim_chat(
        &self,
        chat_key: &[u8],
        now: DateTime<Utc>,
        lease: std::time::Duration,
        limit: i64,
    ) -> Result<Vec<OutboxItem>, StoreError>;

    async fn finish_outbox(&self, id: i64, outcome: &OutboxOutcome) -> Result<(), StoreError>;

    /// The message ids sent to a chat since `since`, oldest first: what
    /// quick exit deletes besides what the session remembers.
    async fn sent_ids(&self, chat_key: &[u8], since: DateTime<Utc>)
    -> Result<Vec<i64>, StoreError>;

    /// Forgets the sent ids of a chat once they were deleted.
    async fn forget_sent_ids(&self, chat_key: &[u8]) -> Result<(), StoreError>;

    /// The message ids the row with `dedup_key` produced, if it was sent.
    async fn sent_ids_of_row(&self, dedup_key: &str) -> Result<Option<Vec<i64>>, StoreError>;

    /// Outbox rows not yet sent, whatever their lease.
    async fn unsent_outbox(&self) -> Result<Vec<OutboxItem>, StoreError>;

    async fn reseal_outbox(
        &self,
        id: i64,
        chat: &Sealed<OutboxChat>,
        payload: &Sealed<OutboxPayload>,
    ) -> Result<(), StoreError>;

    /// Pending rows and the age of the oldest, for health checks.
    async fn outbox_backlog(&self, now: DateTime<Utc>) -> Result<(i64, Option<i64>), StoreError>;
}

const COLUMNS: &str =
    "id, dedup_key, channel, chat_key, priority, kind, chat_sealed, payload_sealed, attempts";

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
    async fn claim_outbox(
        &self,
        now: DateTime<Utc>,
        lease: std::time::Duration,
        limit: i64,
        chat: Option<&[u8]>,
    ) -> Result<Vec<OutboxItem>, StoreError> {
        let now_ms = millis(now);
        let until = now_ms.saturating_add(i64::try_from(lease.as_millis()).unwrap_or(i64::MAX));
        let only_chat = if chat.is_some() {
            "AND o.chat_key = $4"
        } else {
            ""
        };
        let sql = format!(
            "UPDATE outbox SET locked_until = $1, attempts = attempts + 1 WHERE id IN \
             (SELECT o.id FROM outbox o WHERE o.status = 'pending' AND o.next_attempt_at <= $2 \
              AND (o.locked_until IS NULL OR o.locked_until <= $2) {only_chat} \
              AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.chat_key = o.chat_key \
                              AND p.status = 'pending' AND p.id < o.id) \
              ORDER BY o.priority DESC, o.id LIMIT $3 {}) \
             RETURNING {COLUMNS}",
            self.dialect.skip_locked
        );
        let mut query = sqlx::query_as::<_, OutboxRow>(&sql)
            .bind(until)
            .bind(now_ms)
            .bind(limit);
        if let Some(chat) = chat {
            query = query.bind(chat);
        }
        outbox_items(query.fetch_all(&self.pool).await?)
    }

    async fn claim_chat(
        &self,
        chat_key: &[u8],
        now: DateTime<Utc>,
        lease: std::time::Duration,
        limit: i64,
    ) -> Result<Vec<OutboxItem>, StoreError> {
        let now_ms = millis(now);
        let until = now_ms.saturating_add(i64::try_from(lease.as_millis()).unwrap_or(i64::MAX));
        let sql = format!(
            "UPDATE outbox SET locked_until = $1, attempts = attempts + 1 WHERE id IN \
             (SELECT o.id FROM outbox o WHERE o.chat_key = $3 AND o.status = 'pending' \
              AND o.next_attempt_at <= $2 AND (o.locked_until IS NULL OR o.locked_until <= $2) \
              AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.chat_key = $3 AND p.status = 'pending' \
                              AND p.id < o.id AND (p.next_attempt_at > $2 \
                                  OR (p.locked_until IS NOT NULL AND p.locked_until > $2))) \
              ORDER BY o.id LIMIT $4 {}) \
             RETURNING {COLUMNS}",
            self.dialect.skip_locked
        );
        let rows: Vec<OutboxRow> = sqlx::query_as(&sql)
            .bind(until)
            .bind(now_ms)
            .bind(chat_key)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        outbox_items(rows)
    }

    async fn finish_outbox(&self, id: i64, outcome: &OutboxOutcome) -> Result<(), StoreError> {
        // Once sent or given up, the sealed chat and body are wiped: the
        // row stays only as a delivery record (and for quick exit, the ids).
        let wiped: Vec<u8> = Vec::new();
        let query = match outcome {
            OutboxOutcome::Sent { at, ids } => sqlx::query(
                "UPDATE outbox SET status = 'sent', sent_at = $1, locked_until = NULL, \
                 chat_sealed = $3, payload_sealed = $3, sent_ids = $4 WHERE id = $2",
            )
            .bind(millis(*at))
            .bind(id)
            .bind(wiped)
            .bind(join_ids(ids)),
            OutboxOutcome::Retry { at, error } => sqlx::query(
                "UPDATE outbox SET next_attempt_at = $1, last_error = $2, locked_until = NULL \
                 WHERE id = $3",
            )
            .bind(millis(*at))
            .bind(error.as_str())
            .bind(id),
            OutboxOutcome::Release { at } => sqlx::query(
                "UPDATE outbox SET next_attempt_at = $1, locked_until = NULL, \
                 attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END WHERE id = $2",
            )
            .bind(millis(*at))
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

    async fn sent_ids(
        &self,
        chat_key: &[u8],
        since: DateTime<Utc>,
    ) -> Result<Vec<i64>, StoreError> {
        let rows: Vec<(Option<String>,)> = sqlx::query_as(
            "SELECT sent_ids FROM outbox WHERE chat_key = $1 AND status = 'sent' \
             AND sent_at >= $2 AND sent_ids IS NOT NULL ORDER BY id",
        )
        .bind(chat_key)
        .bind(millis(since))
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .flat_map(|(ids,)| split_ids(ids.as_deref()))
            .collect())
    }

    async fn forget_sent_ids(&self, chat_key: &[u8]) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE outbox SET sent_ids = NULL WHERE chat_key = $1 AND sent_ids IS NOT NULL",
        )
        .bind(chat_key)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn sent_ids_of_row(&self, dedup_key: &str) -> Result<Option<Vec<i64>>, StoreError> {
        let row: Option<(String, Option<String>)> =
            sqlx::query_as("SELECT status, sent_ids FROM outbox WHERE dedup_key = $1")
                .bind(dedup_key)
                .fetch_optional(&self.pool)
                .await?;
        Ok(match row {
            Some((status, ids)) if status == "sent" => Some(split_ids(ids.as_deref())),
            _ => None,
        })
    }

    async fn unsent_outbox(&self) -> Result<Vec<OutboxItem>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM outbox WHERE status = 'pending' ORDER BY id");
        let rows: Vec<OutboxRow> = sqlx::query_as(&sql).fetch_all(&self.pool).await?;
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

    async fn outbox_backlog(&self, now: DateTime<Utc>) -> Result<(i64, Option<i64>), StoreError> {
        let (count, oldest): (i64, Option<i64>) =
            sqlx::query_as("SELECT COUNT(*), MIN(created_at) FROM outbox WHERE status = 'pending'")
                .fetch_one(&self.pool)
                .await?;
        Ok((count, oldest.map(|t| millis(now) - t)))
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
        let row = Insert::into("outbox")
            .set("dedup_key", m.dedup_key.as_deref())
            .set("channel", m.channel.as_str())
            .set("chat_key", m.chat_key.clone())
            .set("priority", m.priority)
            .set("kind", m.kind.as_str())
            .set("chat_sealed", m.chat.to_bytes())
            .set("payload_sealed", m.payload.to_bytes())
            .set("next_attempt_at", millis(m.not_before))
            .set("created_at", millis(m.not_before));
        let sql = format!("{} ON CONFLICT (dedup_key) DO NOTHING", row.sql());
        Self::execute_built(&mut *conn, &sql, row.args).await
    }

    /// Quick exit: rows not yet sent to this chat are dropped (and their
    /// sealed content wiped), so nothing reaches her screen afterwards.
    pub(super) async fn cancel_outbox_in(
        conn: &mut DB::Connection,
        chat_key: &[u8],
    ) -> Result<(), StoreError> {
        let wiped: Vec<u8> = Vec::new();
        sqlx::query(
            "UPDATE outbox SET status = 'cancelled', chat_sealed = $1, payload_sealed = $1 \
             WHERE chat_key = $2 AND status = 'pending'",
        )
        .bind(wiped)
        .bind(chat_key)
        .execute(&mut *conn)
        .await?;
        Ok(())
    }
}

fn join_ids(ids: &[i64]) -> String {
    ids.iter()
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

fn split_ids(ids: Option<&str>) -> Vec<i64> {
    (ids.unwrap_or_default().split(','))
        .filter_map(|i| i.trim().parse().ok())
        .collect()
}
