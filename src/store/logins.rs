//! Sign-in counters: consecutive failures and locks of accounts, and of
//! names that are no account (under a keyed hash of the name), and the
//! TOTP steps already used.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::{ColumnIndex, Decode, Encode, Executor, IntoArguments, Type};

use super::rows::*;
use super::sql::{RowsAffected, SqlDb, SqlStore};
use super::*;

#[async_trait]
pub trait Logins: Send + Sync {
    /// Records a failed login; returns the count of consecutive failures.
    /// At `lock_after` failures the account is locked until `lock_until`.
    async fn record_failed_login(
        &self,
        worker_id: &str,
        lock_after: i64,
        lock_until: DateTime<Utc>,
    ) -> Result<i64, StoreError>;
    /// Records a failed login at `now`; returns the count of consecutive
    /// failures. A lock that has expired starts the count again, so one
    /// wrong password after the lock ends does not lock again at once. At
    /// `lock_after` failures the account locks for `lock_for`.
    async fn record_login_failure(
        &self,
        worker_id: &str,
        lock_after: i64,
        now: DateTime<Utc>,
        lock_for: std::time::Duration,
    ) -> Result<i64, StoreError>;
    /// Until when a name that is no account is "locked", if it is.
    async fn name_locked_until(
        &self,
        name_hash: &[u8],
    ) -> Result<Option<DateTime<Utc>>, StoreError>;
    /// [`Accounts::record_login_failure`] for a name that is no account,
    /// keyed by the name's keyed hash.
    async fn record_name_failure(
        &self,
        name_hash: &[u8],
        lock_after: i64,
        now: DateTime<Utc>,
        lock_for: std::time::Duration,
    ) -> Result<i64, StoreError>;
    /// Clears the failure count after a successful login.
    async fn record_login(&self, worker_id: &str) -> Result<(), StoreError>;
    /// Accepts TOTP time step `step` only if it is later than the last one
    /// used: a code is never accepted twice.
    async fn use_totp_step(&self, worker_id: &str, step: i64) -> Result<bool, StoreError>;
}

#[async_trait]
impl<DB> Logins for SqlStore<DB>
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
    async fn record_failed_login(
        &self,
        worker_id: &str,
        lock_after: i64,
        lock_until: DateTime<Utc>,
    ) -> Result<i64, StoreError> {
        let (count,): (i64,) = sqlx::query_as(
            "UPDATE case_workers SET failed_logins = failed_logins + 1, \
             locked_until = CASE WHEN failed_logins + 1 >= $1 THEN $2 ELSE locked_until END \
             WHERE id = $3 RETURNING failed_logins",
        )
        .bind(lock_after)
        .bind(millis(lock_until))
        .bind(worker_id)
        .fetch_one(&self.pool)
        .await?;
        Ok(count)
    }

    async fn record_login_failure(
        &self,
        worker_id: &str,
        lock_after: i64,
        now: DateTime<Utc>,
        lock_for: std::time::Duration,
    ) -> Result<i64, StoreError> {
        let sql = format!(
            "UPDATE case_workers SET failed_logins = {COUNT}, locked_until = {LOCK} \
             WHERE id = $4 RETURNING failed_logins",
            COUNT = next_count("case_workers"),
            LOCK = next_lock("case_workers"),
        );
        let (count,): (i64,) = sqlx::query_as(&sql)
            .bind(millis(now))
            .bind(lock_after)
            .bind(millis(now) + lock_for.as_millis() as i64)
            .bind(worker_id)
            .fetch_one(&self.pool)
            .await?;
        Ok(count)
    }

    async fn name_locked_until(
        &self,
        name_hash: &[u8],
    ) -> Result<Option<DateTime<Utc>>, StoreError> {
        let row: Option<(Option<i64>,)> =
            sqlx::query_as("SELECT locked_until FROM login_failures WHERE name_hash = $1")
                .bind(name_hash)
                .fetch_optional(&self.pool)
                .await?;
        opt_time(row.and_then(|(t,)| t))
    }

    async fn record_name_failure(
        &self,
        name_hash: &[u8],
        lock_after: i64,
        now: DateTime<Utc>,
        lock_for: std::time::Duration,
    ) -> Result<i64, StoreError> {
        let sql = format!(
            "INSERT INTO login_failures (name_hash, failed_logins, locked_until, updated_at) \
             VALUES ($4, 1, CASE WHEN 1 >= $2 THEN $3 ELSE NULL END, $1) \
             ON CONFLICT (name_hash) DO UPDATE SET failed_logins = {COUNT}, \
             locked_until = {LOCK}, updated_at = $1 RETURNING failed_logins",
            COUNT = next_count("login_failures"),
            LOCK = next_lock("login_failures"),
        );
        let (count,): (i64,) = sqlx::query_as(&sql)
            .bind(millis(now))
            .bind(lock_after)
            .bind(millis(now) + lock_for.as_millis() as i64)
            .bind(name_hash)
            .fetch_one(&self.pool)
            .await?;
        Ok(count)
    }

    async fn record_login(&self, worker_id: &str) -> Result<(), StoreError> {
        sqlx::query("UPDATE case_workers SET failed_logins = 0, locked_until = NULL WHERE id = $1")
            .bind(worker_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn use_totp_step(&self, worker_id: &str, step: i64) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE case_workers SET last_totp_step = $1 WHERE id = $2 \
             AND (last_totp_step IS NULL OR last_totp_step < $1)",
        )
        .bind(step)
        .bind(worker_id)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }
}

/// The failure count after one more failure at `$1`: a lock that has
/// expired (`locked_until <= $1`) starts the count again.
fn next_count(table: &str) -> String {
    format!(
        "CASE WHEN {table}.locked_until IS NOT NULL AND {table}.locked_until <= $1 THEN 1 \
         ELSE {table}.failed_logins + 1 END"
    )
}

/// The lock after one more failure: until `$3` once the count reaches `$2`,
/// lifted once expired, else as it was.
fn next_lock(table: &str) -> String {
    format!(
        "CASE WHEN {count} >= $2 THEN $3 \
         WHEN {table}.locked_until IS NOT NULL AND {table}.locked_until <= $1 THEN NULL \
         ELSE {table}.locked_until END",
        count = next_count(table)
    )
}
