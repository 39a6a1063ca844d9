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

/// A conversation's new state, or its end.
pub enum DialogueWrite {
    Save(StoredDialogue),
    /// Quick exit, `/hapus`: the row goes.
    Delete {
        chat_key: Vec<u8>,
    },
}

/// The update a batch applies: its inbox row goes, and its id is recorded
/// so a redelivery changes nothing.
#[derive(Debug, Clone)]
pub struct Applied {
    pub inbox_id: i64,
    pub channel: String,
    pub update_id: i64,
    pub at: DateTime<Utc>,
}

/// Writes applied together, in the order of the fields.
#[derive(Default)]
pub struct Batch {
    pub workers: Vec<NewWorker>,
    pub accounts: Vec<AccountChange>,
    pub reports: Vec<NewReport>,
    /// Blind indexes of new reports' identifiers, and their clusters.
    pub links: Vec<NewLinks>,
    /// New reports that matched the watchlist.
    pub watch_matches: Vec<WatchMatch>,
    /// Watchlist entries added.
    pub watchlist: Vec<NewWatch>,
    pub statuses: Vec<StatusMove>,
    /// Reports made urgent (a silent alarm); never lowers an urgency.
    pub urgent: Vec<ReportId>,
    /// A PIN's keyed hash for a report (replacing any earlier one).
    pub pins: Vec<(ReportId, Vec<u8>)>,
    pub assignments: Vec<Assignment>,
    pub grants: Vec<KeyGrant>,
    pub referrals: Vec<NewReferral>,
    pub events: Vec<ReportEvent>,
    pub messages: Vec<NewMessage>,
    /// Draft files to destroy; a file of a stored report is never touched.
    pub discard_files: Vec<String>,
    /// Drafts (by id) whose files all go: quick exit, `/hapus`.
    pub discard_drafts: Vec<ReportId>,
    pub dialogue: Option<DialogueWrite>,
    /// Chats whose unsent rows are dropped before `outbox` is queued.
    pub cancel_outbox: Vec<Vec<u8>>,
    pub outbox: Vec<NewOutbox>,
    pub applied: Option<Applied>,
    /// Appended last, to the hash chain.
    pub audit: Vec<AuditDraft>,
}

impl Batch {
    /// Adds another batch's writes to this one.
    pub fn merge(&mut self, other: Batch) {
        let Batch {
            workers,
            accounts,
            reports,
            links,
            watch_matches,
            watchlist,
            statuses,
            urgent,
            pins,
            assignments,
            grants,
            referrals,
            events,
            messages,
            discard_files,
            discard_drafts,
            dialogue,
            cancel_outbox,
            outbox,
            applied,
            audit,
        } = other;
        self.workers.extend(workers);
        self.accounts.extend(accounts);
        self.reports.extend(reports);
        self.links.extend(links);
        self.watch_matches.extend(watch_matches);
        self.watchlist.extend(watchlist);
        self.statuses.extend(statuses);
        self.urgent.extend(urgent);
        self.pins.extend(pins);
        self.assignments.extend(assignments);
        self.grants.extend(grants);
        self.referrals.extend(referrals);
        self.events.extend(events);
        self.messages.extend(messages);
        self.discard_files.extend(discard_files);
        self.discard_drafts.extend(discard_drafts);
        self.dialogue = dialogue.or(self.dialogue.take());
        self.cancel_outbox.extend(cancel_outbox);
        self.outbox.extend(outbox);
        self.applied = applied.or(self.applied.take());
        self.audit.extend(audit);
    }
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
        for change in &batch.accounts {
            Self::change_account_in(conn, change).await?;
        }
        for report in &batch.reports {
            Self::insert_report_in(conn, report).await?;
        }
        if batch.links.iter().any(|l| !l.links.is_empty()) && !self.dialect.lock_links.is_empty() {
            sqlx::query(self.dialect.lock_links)
                .execute(&mut *conn)
                .await?;
        }
        for links in &batch.links {
            Self::link_report_in(conn, links).await?;
        }
        for m in &batch.watch_matches {
            Self::insert_watch_match_in(conn, m).await?;
        }
        for w in &batch.watchlist {
            Self::insert_watch_in(conn, w).await?;
        }
        for change in &batch.statuses {
            Self::move_status_in(conn, change).await?;
        }
        for id in &batch.urgent {
            Self::make_urgent_in(conn, id).await?;
        }
        for (id, pin) in &batch.pins {
            Self::set_pin_in(conn, id, pin).await?;
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
        for id in &batch.discard_files {
            Self::discard_file_in(conn, id).await?;
        }
        for draft in &batch.discard_drafts {
            Self::discard_draft_in(conn, draft).await?;
        }
        match &batch.dialogue {
            Some(DialogueWrite::Save(d)) => Self::save_dialogue_in(conn, d).await?,
            Some(DialogueWrite::Delete { chat_key }) => {
                Self::delete_dialogue_in(conn, chat_key).await?
            }
            None => {}
        }
        for chat_key in &batch.cancel_outbox {
            Self::cancel_outbox_in(conn, chat_key).await?;
        }
        for row in &batch.outbox {
            Self::enqueue_outbox_in(conn, row).await?;
        }
        if let Some(done) = &batch.applied {
            Self::applied_in(conn, done).await?;
        }
        for entry in &batch.audit {
            Self::append_audit_in(conn, entry).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
