//! Changes to an existing account, applied inside a [`Batch`]'s transaction
//! with their audit entry: the owner's own password through an enrolment
//! link, a password change, a second person's approval, new regions, and
//! disabling or enabling. Each must change exactly one row.

use sqlx::{ColumnIndex, Decode, Encode, Executor, IntoArguments, Type};

use super::sql::{RowsAffected, SqlDb, SqlStore};
use super::*;

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
