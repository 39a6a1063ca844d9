//! Updates as received, sealed, until applied; the ids of those applied;
//! and named leases (the one poller of a bot token). A chat's updates are
//! applied one at a time and in order: only its oldest waiting update can
//! be claimed, on any replica.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::{ColumnIndex, Decode, Encode, Executor, IntoArguments, Type};

use super::rows::*;
use super::sql::{RowsAffected, SqlDb, SqlStore};
use super::*;

#[async_trait]
pub trait Inbox: Send + Sync {
    /// Stores updates in one transaction; one already waiting or already
    /// applied is skipped. Returns how many are new.
    async fn receive(&self, updates: &[NewInbox]) -> Result<usize, StoreError>;

    /// Leases up to `limit` due updates, each the oldest waiting update of
    /// its chat. The claim counts as an attempt.
    async fn claim_inbox(
        &self,
        now: DateTime<Utc>,
        lease: std::time::Duration,
        limit: i64,
    ) -> Result<Vec<InboxItem>, StoreError>;

    /// An update that could not be applied now is tried again at `at`.
    async fn retry_inbox(&self, id: i64, at: DateTime<Utc>) -> Result<(), StoreError>;

    /// Waiting updates and the age of the oldest, for health checks.
    async fn inbox_backlog(&self, now: DateTime<Utc>) -> Result<(i64, Option<i64>), StoreError>;

    /// Waiting updates after `after` (by row id), for key rotation.
    async fn inbox_after(&self, after: i64, limit: i64) -> Result<Vec<InboxItem>, StoreError>;

    async fn reseal_inbox(&self, id: i64, payload: &Sealed<InboxUpdate>) -> Result<(), StoreError>;

    /// Takes or renews lease `name` for `holder` until `until`; `false`
    /// while someone else holds it.
    async fn take_lease(
        &self,
        name: &str,
        holder: &str,
        now: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> Result<bool, StoreError>;

    /// Takes lease `name` whoever holds it: for a holder that knows no one
    /// else can (the one process holding a lock file on the machine).
    async fn force_lease(
        &self,
        name: &str,
        holder: &str,
        until: DateTime<Utc>,
    ) -> Result<(), StoreError>;

    /// Gives the lease up at once (a clean stop), if `holder` holds it.
    async fn release_lease(&self, name: &str, holder: &str) -> Result<(), StoreError>;
}

#[async_trait]
impl<DB> Inbox for SqlStore<DB>
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
    async fn receive(&self, updates: &[NewInbox]) -> Result<usize, StoreError> {
        let mut tx = self.begin_write().await?;
        let mut new = 0;
        for u in updates {
            let done = sqlx::query(
                "INSERT INTO inbox (channel, update_id, chat_key, payload_sealed, received_at, \
                 next_attempt_at) SELECT $1, $2, $3, $4, $5, $5 WHERE NOT EXISTS \
                 (SELECT 1 FROM applied_updates WHERE channel = $1 AND update_id = $2) \
                 ON CONFLICT (channel, update_id) DO NOTHING",
            )
            .bind(u.channel.as_str())
            .bind(u.update_id)
            .bind(u.chat_key.as_slice())
            .bind(u.payload.as_bytes())
            .bind(millis(u.received_at))
            .execute(&mut *tx)
            .await?;
            new += done.rows_affected() as usize;
        }
        tx.commit().await?;
        Ok(new)
    }

    async fn claim_inbox(
        &self,
        now: DateTime<Utc>,
        lease: std::time::Duration,
        limit: i64,
    ) -> Result<Vec<InboxItem>, StoreError> {
        let now_ms = millis(now);
        let until = now_ms.saturating_add(i64::try_from(lease.as_millis()).unwrap_or(i64::MAX));
        let sql = format!(
            "UPDATE inbox SET locked_until = $1, attempts = attempts + 1 WHERE id IN \
             (SELECT i.id FROM inbox i WHERE i.next_attempt_at <= $2 \
              AND (i.locked_until IS NULL OR i.locked_until <= $2) \
              AND NOT EXISTS (SELECT 1 FROM inbox p WHERE p.chat_key = i.chat_key AND p.id < i.id) \
              ORDER BY i.id LIMIT $3 {}) \
             RETURNING id, channel, update_id, chat_key, payload_sealed, received_at, attempts",
            self.dialect.skip_locked
        );
        let rows: Vec<InboxRow> = sqlx::query_as(&sql)
            .bind(until)
            .bind(now_ms)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        let mut items = rows
            .into_iter()
            .map(inbox_item)
            .collect::<Result<Vec<_>, StoreError>>()?;
        items.sort_by_key(|i| i.id);
        Ok(items)
    }

    async fn retry_inbox(&self, id: i64, at: DateTime<Utc>) -> Result<(), StoreError> {
        sqlx::query("UPDATE inbox SET next_attempt_at = $1, locked_until = NULL WHERE id = $2")
            .bind(millis(at))
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn inbox_backlog(&self, now: DateTime<Utc>) -> Result<(i64, Option<i64>), StoreError> {
        let (count, oldest): (i64, Option<i64>) =
            sqlx::query_as("SELECT COUNT(*), MIN(received_at) FROM inbox")
                .fetch_one(&self.pool)
                .await?;
        Ok((count, oldest.map(|t| millis(now) - t)))
    }

    async fn inbox_after(&self, after: i64, limit: i64) -> Result<Vec<InboxItem>, StoreError> {
        let rows: Vec<InboxRow> = sqlx::query_as(
            "SELECT id, channel, update_id, chat_key, payload_sealed, received_at, attempts \
             FROM inbox WHERE id > $1 ORDER BY id LIMIT $2",
        )
        .bind(after)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(inbox_item).collect()
    }

    async fn reseal_inbox(&self, id: i64, payload: &Sealed<InboxUpdate>) -> Result<(), StoreError> {
        sqlx::query("UPDATE inbox SET payload_sealed = $1 WHERE id = $2")
            .bind(payload.as_bytes())
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn take_lease(
        &self,
        name: &str,
        holder: &str,
        now: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "INSERT INTO leases (name, holder, until) VALUES ($1, $2, $3) \
             ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, until = excluded.until \
             WHERE leases.holder = excluded.holder OR leases.until <= $4",
        )
        .bind(name)
        .bind(holder)
        .bind(millis(until))
        .bind(millis(now))
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn force_lease(
        &self,
        name: &str,
        holder: &str,
        until: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO leases (name, holder, until) VALUES ($1, $2, $3) \
             ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, until = excluded.until",
        )
        .bind(name)
        .bind(holder)
        .bind(millis(until))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn release_lease(&self, name: &str, holder: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM leases WHERE name = $1 AND holder = $2")
            .bind(name)
            .bind(holder)
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
    /// Marks an update applied, in the transaction that applied it.
    pub(super) async fn applied_in(
        conn: &mut DB::Connection,
        done: &Applied,
    ) -> Result<(), StoreError> {
        let gone = sqlx::query("DELETE FROM inbox WHERE id = $1")
            .bind(done.inbox_id)
            .execute(&mut *conn)
            .await?;
        if gone.rows_affected() != 1 {
            // Another worker applied it first (its lease ran out under us):
            // this whole application is void.
            return Err(StoreError::Stale);
        }
        sqlx::query(
            "INSERT INTO applied_updates (channel, update_id, applied_at) VALUES ($1, $2, $3) \
             ON CONFLICT (channel, update_id) DO NOTHING",
        )
        .bind(done.channel.as_str())
        .bind(done.update_id)
        .bind(millis(done.at))
        .execute(&mut *conn)
        .await?;
        Ok(())
    }
}
