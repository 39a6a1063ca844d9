//! Case worker accounts: credentials, scope, enrolment and approval. The
//! sign-in counters are in `logins.rs`.

use async_trait::async_trait;
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

    /// The account whose pending enrolment link has this token hash.
    async fn worker_by_enrolment(&self, token_hash: &[u8]) -> Result<Option<Worker>, StoreError>;

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

    async fn worker_by_enrolment(&self, token_hash: &[u8]) -> Result<Option<Worker>, StoreError> {
        let row: Option<WorkerRow> =
            sqlx::query_as("SELECT * FROM case_workers WHERE enrol_hash = $1")
                .bind(token_hash)
                .fetch_optional(&self.pool)
                .await?;
        row.map(worker).transpose()
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
}
