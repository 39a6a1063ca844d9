//! What case workers do to a report: its timeline, status, assignment and referrals.

use async_trait::async_trait;
use sqlx::{ColumnIndex, Decode, Encode, Executor, IntoArguments, Type};

use super::rows::*;
use super::sql::{RowsAffected, SqlDb, SqlStore};
use super::*;

#[async_trait]
pub trait Casework: Send + Sync {
    async fn events_of(&self, id: &ReportId) -> Result<Vec<ReportEvent>, StoreError>;

    async fn referrals_of(&self, id: &ReportId) -> Result<Vec<Referral>, StoreError>;

    /// The newest referral of a report whose key was sealed to `worker_id`.
    /// The caller checks that it is to the worker's current agency.
    async fn referral_for(
        &self,
        id: &ReportId,
        worker_id: &str,
    ) -> Result<Option<(Referral, SealedReportKey)>, StoreError>;
}

#[async_trait]
impl<DB> Casework for SqlStore<DB>
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
    async fn events_of(&self, id: &ReportId) -> Result<Vec<ReportEvent>, StoreError> {
        let rows: Vec<EventRow> =
            sqlx::query_as("SELECT * FROM report_events WHERE report_id = $1 ORDER BY at, id")
                .bind(id.to_string())
                .fetch_all(&self.pool)
                .await?;
        rows.into_iter().map(event).collect()
    }

    async fn referrals_of(&self, id: &ReportId) -> Result<Vec<Referral>, StoreError> {
        let rows: Vec<ReferralRow> =
            sqlx::query_as("SELECT * FROM referrals WHERE report_id = $1 ORDER BY at, id")
                .bind(id.to_string())
                .fetch_all(&self.pool)
                .await?;
        rows.into_iter().map(referral).collect()
    }

    async fn referral_for(
        &self,
        id: &ReportId,
        worker_id: &str,
    ) -> Result<Option<(Referral, SealedReportKey)>, StoreError> {
        let row: Option<(String, Vec<u8>)> = sqlx::query_as(
            "SELECT f.id, rk.key_sealed FROM referrals f JOIN referral_keys rk \
             ON rk.referral_id = f.id WHERE f.report_id = $1 AND rk.worker_id = $2 \
             ORDER BY f.at DESC, f.id LIMIT 1",
        )
        .bind(id.to_string())
        .bind(worker_id)
        .fetch_optional(&self.pool)
        .await?;
        let Some((referral_id, key)) = row else {
            return Ok(None);
        };
        let row: ReferralRow = sqlx::query_as("SELECT * FROM referrals WHERE id = $1")
            .bind(referral_id)
            .fetch_one(&self.pool)
            .await?;
        Ok(Some((referral(row)?, sealed_key(key)?)))
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
    pub(super) async fn insert_event_in<'e, E>(
        executor: E,
        e: &ReportEvent,
    ) -> Result<(), StoreError>
    where
        E: Executor<'e, Database = DB>,
    {
        sqlx::query(
            "INSERT INTO report_events (id, report_id, at, actor_id, kind, from_status, \
             to_status, subject, body_sealed) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(e.id.as_str())
        .bind(e.report_id.to_string())
        .bind(millis(e.at))
        .bind(e.actor_id.as_deref())
        .bind(e.kind.as_str())
        .bind(e.from_status.map(|s| s.as_str()))
        .bind(e.to_status.map(|s| s.as_str()))
        .bind(e.subject.as_deref())
        .bind(e.body.as_ref().map(|b| b.as_bytes()))
        .execute(executor)
        .await?;
        Ok(())
    }

    /// A guarded status change; `Stale` if the report moved on meanwhile.
    pub(super) async fn move_status_in(
        conn: &mut DB::Connection,
        change: &StatusMove,
    ) -> Result<(), StoreError> {
        let closed_at = (!change.to.is_open()).then_some(millis(change.at));
        let done = sqlx::query(
            "UPDATE reports SET status = $1, updated_at = $2, closed_at = $3, \
             acknowledged_at = COALESCE(acknowledged_at, $2) WHERE id = $4 AND status = $5",
        )
        .bind(change.to.as_str())
        .bind(millis(change.at))
        .bind(closed_at)
        .bind(change.report_id.to_string())
        .bind(change.from.as_str())
        .execute(&mut *conn)
        .await?;
        if done.rows_affected() == 1 {
            return Ok(());
        }
        // Tell "no such report" from "someone changed it first".
        let found: Option<(String,)> = sqlx::query_as("SELECT id FROM reports WHERE id = $1")
            .bind(change.report_id.to_string())
            .fetch_optional(&mut *conn)
            .await?;
        Err(if found.is_some() {
            StoreError::Stale
        } else {
            StoreError::NotFound
        })
    }

    pub(super) async fn assign_in(
        conn: &mut DB::Connection,
        a: &Assignment,
    ) -> Result<(), StoreError> {
        // Taking a report is a first response; unassigning is not.
        let sql = if a.to.is_some() {
            "UPDATE reports SET assigned_to = $1, updated_at = $2, \
             acknowledged_at = COALESCE(acknowledged_at, $2) WHERE id = $3"
        } else {
            "UPDATE reports SET assigned_to = $1, updated_at = $2 WHERE id = $3"
        };
        let done = sqlx::query(sql)
            .bind(a.to.as_deref())
            .bind(millis(a.at))
            .bind(a.report_id.to_string())
            .execute(&mut *conn)
            .await?;
        if done.rows_affected() != 1 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    pub(super) async fn insert_referral_in(
        conn: &mut DB::Connection,
        new: &NewReferral,
    ) -> Result<(), StoreError> {
        let r = &new.referral;
        sqlx::query(
            "INSERT INTO referrals (id, report_id, agency, fields, referred_by, at, payload_sealed) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(r.id.as_str())
        .bind(r.report_id.to_string())
        .bind(r.agency.as_str())
        .bind(crate::domain::casework::ShareField::join(&r.fields))
        .bind(r.referred_by.as_deref())
        .bind(millis(r.at))
        .bind(r.payload.as_bytes())
        .execute(&mut *conn)
        .await?;
        for g in &new.grants {
            sqlx::query(
                "INSERT INTO referral_keys (referral_id, worker_id, key_sealed) VALUES ($1, $2, $3)",
            )
            .bind(r.id.as_str())
            .bind(g.worker_id.as_str())
            .bind(g.key.to_bytes())
            .execute(&mut *conn)
            .await?;
        }
        sqlx::query("UPDATE reports SET referred = TRUE, updated_at = $1 WHERE id = $2")
            .bind(millis(r.at))
            .bind(r.report_id.to_string())
            .execute(&mut *conn)
            .await?;
        Ok(())
    }
}
