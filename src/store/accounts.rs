//! Case worker accounts: credentials, scope, and sign-in counters.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::{ColumnIndex, Decode, Encode, Executor, IntoArguments, Type};

use super::rows::*;
use super::sql::{RowsAffected, SqlDb, SqlStore};
use super::*;

#[async_trait]
pub trait Accounts: Send + Sync {
    async fn worker_by_username(&self, username: &str) -> Result<Option<Worker>, StoreError>;

    async fn worker_by_id(&self, id: &str) -> Result<Option<super::Worker>, StoreError>;

    async fn workers(&self) -> Result<Vec<Worker>, StoreError>;

    /// Replaces a worker's password hash and key pair (password change or
    /// reset) and, in the same transaction, their sealed report keys.
    async fn replace_worker_credentials(&self, update: &CredentialUpdate)
    -> Result<(), StoreError>;

    async fn set_worker_disabled(&self, id: &str, disabled: bool) -> Result<(), StoreError>;

    async fn update_worker_scope(
        &self,
        id: &str,
        regions: &[String],
        agency: Option<&str>,
    ) -> Result<(), StoreError>;

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

    /// The account whose pending enrolment link has this token hash.
    async fn worker_by_enrolment(&self, token_hash: &[u8]) -> Result<Option<Worker>, StoreError>;

    /// Clears the failure count after a successful login.
    async fn record_login(&self, worker_id: &str) -> Result<(), StoreError>;

    /// Accepts TOTP time step `step` only if it is later than the last one
    /// used: a code is never accepted twice.
    async fn use_totp_step(&self, worker_id: &str, step: i64) -> Result<bool, StoreError>;

    /// Replaces a TOTP secret with the same secret sealed under a new
    /// server key; replay protection (the last step used) is kept.
    async fn reseal_totp(
        &self,
        worker_id: &str,
        totp: &Sealed<TotpSecret>,
    ) -> Result<(), StoreError>;

    async fn set_totp(
        &self,
        worker_id: &str,
        totp: Option<&Sealed<super::TotpSecret>>,
    ) -> Result<(), StoreError>;
}

#[async_trait]
impl<DB> Accounts for SqlStore<DB>
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
    async fn worker_by_username(&self, username: &str) -> Result<Option<Worker>, StoreError> {
        let row: Option<WorkerRow> =
            sqlx::query_as("SELECT * FROM case_workers WHERE username = $1")
                .bind(username)
                .fetch_optional(&self.pool)
                .await?;
        row.map(worker).transpose()
    }

    async fn worker_by_id(&self, id: &str) -> Result<Option<Worker>, StoreError> {
        let row: Option<WorkerRow> = sqlx::query_as("SELECT * FROM case_workers WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.map(worker).transpose()
    }

    async fn workers(&self) -> Result<Vec<Worker>, StoreError> {
        let rows: Vec<WorkerRow> = sqlx::query_as("SELECT * FROM case_workers ORDER BY username")
            .fetch_all(&self.pool)
            .await?;
        rows.into_iter().map(worker).collect()
    }

    async fn replace_worker_credentials(&self, u: &CredentialUpdate) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE case_workers SET password_hash = $1, public_key = $2, private_sealed = $3, \
             failed_logins = 0, locked_until = NULL WHERE id = $4",
        )
        .bind(&u.password_hash)
        .bind(u.public_key.as_bytes().to_vec())
        .bind(u.private_key.to_bytes())
        .bind(&u.worker_id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        if let Some(keys) = &u.keys {
            sqlx::query("DELETE FROM report_keys WHERE recipient = $1")
                .bind(Recipient::Worker(u.worker_id.clone()).to_column())
                .execute(&mut *tx)
                .await?;
            for grant in keys {
                Self::insert_key(&mut *tx, grant).await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }

    async fn set_worker_disabled(&self, id: &str, disabled: bool) -> Result<(), StoreError> {
        sqlx::query("UPDATE case_workers SET disabled = $1 WHERE id = $2")
            .bind(disabled)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn update_worker_scope(
        &self,
        id: &str,
        regions: &[String],
        agency: Option<&str>,
    ) -> Result<(), StoreError> {
        sqlx::query("UPDATE case_workers SET regions = $1, agency = $2 WHERE id = $3")
            .bind(regions.join(","))
            .bind(agency)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

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

    async fn worker_by_enrolment(&self, token_hash: &[u8]) -> Result<Option<Worker>, StoreError> {
        let row: Option<WorkerRow> =
            sqlx::query_as("SELECT * FROM case_workers WHERE enrol_hash = $1")
                .bind(token_hash)
                .fetch_optional(&self.pool)
                .await?;
        row.map(worker).transpose()
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

    async fn reseal_totp(
        &self,
        worker_id: &str,
        totp: &Sealed<TotpSecret>,
    ) -> Result<(), StoreError> {
        sqlx::query("UPDATE case_workers SET totp_sealed = $1 WHERE id = $2")
            .bind(totp.as_bytes())
            .bind(worker_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn set_totp(
        &self,
        worker_id: &str,
        totp: Option<&Sealed<TotpSecret>>,
    ) -> Result<(), StoreError> {
        let done = sqlx::query(
            "UPDATE case_workers SET totp_sealed = $1, last_totp_step = NULL WHERE id = $2",
        )
        .bind(totp.map(|t| t.as_bytes()))
        .bind(worker_id)
        .execute(&self.pool)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
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
    pub(super) async fn insert_worker_in(
        conn: &mut DB::Connection,
        w: &NewWorker,
    ) -> Result<(), StoreError> {
        let approved_at = w.approved_by.as_ref().map(|_| millis(w.created_at));
        sqlx::query(
            "INSERT INTO case_workers (id, username, role, regions, agency, password_hash, totp_sealed, \
             public_key, private_sealed, created_at, created_by, approved_at, approved_by, \
             enrol_hash, enrol_expires) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
        )
        .bind(&w.id)
        .bind(&w.username)
        .bind(w.role.as_str())
        .bind(w.regions.join(","))
        .bind(w.agency.as_deref())
        .bind(&w.password_hash)
        .bind(w.totp.as_ref().map(|t| t.as_bytes()))
        .bind(w.public_key.as_bytes().to_vec())
        .bind(w.private_key.to_bytes())
        .bind(millis(w.created_at))
        .bind(w.created_by.as_deref())
        .bind(approved_at)
        .bind(w.approved_by.as_deref())
        .bind(w.enrolment.as_ref().map(|e| e.token_hash.clone()))
        .bind(w.enrolment.as_ref().map(|e| millis(e.expires_at)))
        .execute(&mut *conn)
        .await?;
        Ok(())
    }

    /// Applies one change to an account (see [`AccountChange`]).
    pub(super) async fn change_account_in(
        conn: &mut DB::Connection,
        change: &AccountChange,
    ) -> Result<(), StoreError> {
        let done = match change {
            AccountChange::Enrol {
                worker_id,
                token_hash,
                now,
                password_hash,
                public_key,
                private_key,
            } => {
                // The link works once, and only until it expires.
                sqlx::query(
                    "UPDATE case_workers SET password_hash = $1, public_key = $2, \
                     private_sealed = $3, enrol_hash = NULL, enrol_expires = NULL, \
                     failed_logins = 0, locked_until = NULL \
                     WHERE id = $4 AND enrol_hash = $5 AND enrol_expires > $6",
                )
                .bind(password_hash.as_str())
                .bind(public_key.as_bytes().to_vec())
                .bind(private_key.to_bytes())
                .bind(worker_id.as_str())
                .bind(token_hash.as_slice())
                .bind(millis(*now))
                .execute(&mut *conn)
                .await?
            }
            AccountChange::Password {
                worker_id,
                password_hash,
                private_key,
            } => {
                sqlx::query(
                    "UPDATE case_workers SET password_hash = $1, private_sealed = $2, \
                     failed_logins = 0, locked_until = NULL WHERE id = $3",
                )
                .bind(password_hash.as_str())
                .bind(private_key.to_bytes())
                .bind(worker_id.as_str())
                .execute(&mut *conn)
                .await?
            }
            AccountChange::Approve { worker_id, by, at } => {
                sqlx::query(
                    "UPDATE case_workers SET approved_at = $1, approved_by = $2 \
                     WHERE id = $3 AND approved_at IS NULL",
                )
                .bind(millis(*at))
                .bind(by.as_str())
                .bind(worker_id.as_str())
                .execute(&mut *conn)
                .await?
            }
            AccountChange::Scope {
                worker_id,
                regions,
                agency,
            } => {
                sqlx::query("UPDATE case_workers SET regions = $1, agency = $2 WHERE id = $3")
                    .bind(regions.join(","))
                    .bind(agency.as_deref())
                    .bind(worker_id.as_str())
                    .execute(&mut *conn)
                    .await?
            }
            AccountChange::Disabled {
                worker_id,
                disabled,
            } => {
                sqlx::query("UPDATE case_workers SET disabled = $1 WHERE id = $2")
                    .bind(*disabled)
                    .bind(worker_id.as_str())
                    .execute(&mut *conn)
                    .await?
            }
        };
        if done.rows_affected() != 1 {
            return Err(StoreError::Stale);
        }
        Ok(())
    }
}
