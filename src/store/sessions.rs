//! Console sessions: the token's hash and the worker's private key sealed under the token.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::{ColumnIndex, Decode, Encode, Executor, IntoArguments, Type};

use super::rows::*;
use super::sql::{RowsAffected, SqlDb, SqlStore};
use super::*;

#[async_trait]
pub trait Sessions: Send + Sync {
    async fn insert_session(&self, session: &ConsoleSession) -> Result<(), StoreError>;

    async fn session(&self, id_hash: &[u8]) -> Result<Option<ConsoleSession>, StoreError>;

    async fn touch_session(&self, id_hash: &[u8], at: DateTime<Utc>) -> Result<(), StoreError>;

    async fn delete_session(&self, id_hash: &[u8]) -> Result<(), StoreError>;

    /// Ends every session of a worker (password reset, disabling).
    async fn delete_sessions_of(&self, worker_id: &str) -> Result<u64, StoreError>;

    /// Forgets sessions idle since `idle_before` or past their expiry.
    async fn purge_sessions(
        &self,
        now: DateTime<Utc>,
        idle_before: DateTime<Utc>,
    ) -> Result<u64, StoreError>;
}

#[async_trait]
impl<DB> Sessions for SqlStore<DB>
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
    async fn insert_session(&self, s: &ConsoleSession) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO console_sessions (id_hash, worker_id, stage, key_sealed, csrf, \
             created_at, last_seen, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(s.id_hash.as_slice())
        .bind(s.worker_id.as_str())
        .bind(s.stage.as_str())
        .bind(s.key.as_ref().map(|k| k.as_bytes()))
        .bind(s.csrf.as_str())
        .bind(millis(s.created_at))
        .bind(millis(s.last_seen))
        .bind(millis(s.expires_at))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn session(&self, id_hash: &[u8]) -> Result<Option<ConsoleSession>, StoreError> {
        let row: Option<SessionRow> =
            sqlx::query_as("SELECT * FROM console_sessions WHERE id_hash = $1")
                .bind(id_hash)
                .fetch_optional(&self.pool)
                .await?;
        row.map(session).transpose()
    }

    async fn touch_session(&self, id_hash: &[u8], at: DateTime<Utc>) -> Result<(), StoreError> {
        sqlx::query("UPDATE console_sessions SET last_seen = $1 WHERE id_hash = $2")
            .bind(millis(at))
            .bind(id_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn delete_session(&self, id_hash: &[u8]) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM console_sessions WHERE id_hash = $1")
            .bind(id_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn delete_sessions_of(&self, worker_id: &str) -> Result<u64, StoreError> {
        let done = sqlx::query("DELETE FROM console_sessions WHERE worker_id = $1")
            .bind(worker_id)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }

    async fn purge_sessions(
        &self,
        now: DateTime<Utc>,
        idle_before: DateTime<Utc>,
    ) -> Result<u64, StoreError> {
        let done =
            sqlx::query("DELETE FROM console_sessions WHERE expires_at <= $1 OR last_seen < $2")
                .bind(millis(now))
                .bind(millis(idle_before))
                .execute(&self.pool)
                .await?;
        Ok(done.rows_affected())
    }
}
