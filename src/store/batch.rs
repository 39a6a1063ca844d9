//! [`Batch`]: writes that belong together, applied in one transaction.
//!
//! A change and its audit entry, a report and its keys and alert, a
//! referral and the status it moves the report to: a service collects them
//! in a batch and [`Write::write`] commits all of them or none. A crash can
//! therefore never leave a change without its audit entry.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::{ColumnIndex, Decode, Encode, Executor, IntoArguments, Type};

use super::sql::{SqlDb, SqlStore};
use super::*;

/// A guarded status change: it applies only if the report is still at
/// `from`, else the whole batch fails with [`StoreError::Stale`].
#[derive(Debug, Clone)]
pub struct StatusMove {
    pub report_id: ReportId,
    pub from: Status,
    pub to: Status,
    pub at: DateTime<Utc>,
}

/// A report given to a case worker, or taken back (`to: None`).
#[derive(Debug, Clone)]
pub struct Assignment {
    pub report_id: ReportId,
    pub to: Option<String>,
    pub at: DateTime<Utc>,
}

/// A referral with its key sealed to each liaison of the agency.
pub struct NewReferral {
    pub referral: Referral,
    pub grants: Vec<ReferralGrant>,
}

/// Writes applied together, in the order of the fields.
#[derive(Default)]
pub struct Batch {
    pub workers: Vec<NewWorker>,
    pub reports: Vec<NewReport>,
    pub statuses: Vec<StatusMove>,
    pub assignments: Vec<Assignment>,
    pub grants: Vec<KeyGrant>,
    pub referrals: Vec<NewReferral>,
    pub events: Vec<ReportEvent>,
    pub messages: Vec<NewMessage>,
    pub outbox: Vec<NewOutbox>,
    /// Appended last, to the hash chain.
    pub audit: Vec<AuditDraft>,
}

#[async_trait]
pub trait Write: Send + Sync {
    /// Applies the whole batch in one transaction.
    async fn write(&self, batch: &Batch) -> Result<(), StoreError>;
}

#[async_trait]
impl<DB> Write for SqlStore<DB>
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
    #[tracing::instrument(skip_all)]
    async fn write(&self, batch: &Batch) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        let conn = &mut *tx;
        for worker in &batch.workers {
            Self::insert_worker_in(conn, worker).await?;
        }
        for report in &batch.reports {
            Self::insert_report_in(conn, report).await?;
        }
        for change in &batch.statuses {
            Self::move_status_in(conn, change).await?;
        }
        for assignment in &batch.assignments {
            Self::assign_in(conn, assignment).await?;
        }
        for grant in &batch.grants {
            Self::insert_key(&mut *conn, grant).await?;
        }
        for referral in &batch.referrals {
            Self::insert_referral_in(conn, referral).await?;
        }
        for event in &batch.events {
            Self::insert_event_in(&mut *conn, event).await?;
        }
        for message in &batch.messages {
            Self::insert_message_in(conn, message).await?;
        }
        for row in &batch.outbox {
            Self::enqueue_outbox_in(conn, row).await?;
        }
        for entry in &batch.audit {
            Self::append_audit_in(conn, entry).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
