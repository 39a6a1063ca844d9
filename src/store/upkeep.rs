//! Small shared values: settings, rate-limit windows, housekeeping, and a ping.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::{ColumnIndex, Decode, Encode, Executor, IntoArguments, Type};

use super::sql::{RowsAffected, SqlDb, SqlStore};
use super::*;

#[async_trait]
pub trait Upkeep: Send + Sync {
    /// Checks that the database answers.
    async fn ping(&self) -> Result<(), StoreError>;

    /// Counts one hit in a fixed window; returns the count including it.
    async fn hit_rate_limit(
        &self,
        bucket: &str,
        now: DateTime<Utc>,
        window: Duration,
    ) -> Result<i64, StoreError>;

    /// Forgets applied update ids and rate-limit windows older than
    /// `before`; returns how many rows went.
    async fn purge_housekeeping(&self, before: DateTime<Utc>) -> Result<u64, StoreError>;

    async fn setting(&self, key: &str) -> Result<Option<String>, StoreError>;

    async fn put_setting(&self, key: &str, value: &str) -> Result<(), StoreError>;

    /// Stores a setting only if it is absent; `false` means one was there.
    async fn insert_setting(&self, key: &str, value: &str) -> Result<bool, StoreError>;
}

#[async_trait]
impl<DB> Upkeep for SqlStore<DB>
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
    async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    async fn hit_rate_limit(
        &self,
        bucket: &str,
        now: DateTime<Utc>,
        window: std::time::Duration,
    ) -> Result<i64, StoreError> {
        let now_ms = millis(now);
        let window_ms = i64::try_from(window.as_millis()).unwrap_or(i64::MAX);
        let (hits,): (i64,) = sqlx::query_as(
            "INSERT INTO rate_limits (bucket, window_start, hits) VALUES ($1, $2, 1) \
             ON CONFLICT (bucket) DO UPDATE SET \
             hits = CASE WHEN rate_limits.window_start + $3 <= $2 THEN 1 ELSE rate_limits.hits + 1 END, \
             window_start = CASE WHEN rate_limits.window_start + $3 <= $2 THEN $2 \
             ELSE rate_limits.window_start END \
             RETURNING hits",
        )
        .bind(bucket)
        .bind(now_ms)
        .bind(window_ms)
        .fetch_one(&self.pool)
        .await?;
        Ok(hits)
    }

    async fn purge_housekeeping(&self, before: DateTime<Utc>) -> Result<u64, StoreError> {
        let updates = sqlx::query("DELETE FROM applied_updates WHERE applied_at < $1")
            .bind(millis(before))
            .execute(&self.pool)
            .await?;
        let limits = sqlx::query("DELETE FROM rate_limits WHERE window_start < $1")
            .bind(millis(before))
            .execute(&self.pool)
            .await?;
        // A name's failures are forgotten like a rate-limit window, but
        // never while its lock still holds.
        let names = sqlx::query(
            "DELETE FROM login_failures WHERE updated_at < $1 \
             AND (locked_until IS NULL OR locked_until < $1)",
        )
        .bind(millis(before))
        .execute(&self.pool)
        .await?;
        Ok(updates.rows_affected() + limits.rows_affected() + names.rows_affected())
    }

    async fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        let row: Option<(String,)> = sqlx::query_as("SELECT value FROM settings WHERE key = $1")
            .bind(key)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|(v,)| v))
    }

    async fn put_setting(&self, key: &str, value: &str) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO settings (key, value) VALUES ($1, $2) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )
        .bind(key)
        .bind(value)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn insert_setting(&self, key: &str, value: &str) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING",
        )
        .bind(key)
        .bind(value)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }
}
