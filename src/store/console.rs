//! What the console keeps: sessions, timelines, referrals, and the queue
//! and statistics reads. [`ConsoleStore`] is a supertrait of
//! [`super::Store`], so callers hold one `dyn Store`; it lives apart only
//! to keep each file readable.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::{EventBody, ReferralPayload, ReportMeta, SessionKey, StoreError};
use crate::crypto::{Sealed, SealedReportKey};
use crate::domain::ViolenceType;
use crate::domain::casework::{EventKind, ShareField};
use crate::domain::report::{ReportId, Status};
use crate::domain::urgency::Urgency;

/// How far a session has got: password checked but TOTP still to enrol,
/// or fully signed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionStage {
    Enrol,
    Full,
}

impl SessionStage {
    pub fn as_str(self) -> &'static str {
        match self {
            SessionStage::Enrol => "enrol",
            SessionStage::Full => "full",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "enrol" => Some(SessionStage::Enrol),
            "full" => Some(SessionStage::Full),
            _ => None,
        }
    }
}

/// A console session as stored: the cookie's token only as its hash.
#[derive(Debug)]
pub struct ConsoleSession {
    pub id_hash: Vec<u8>,
    pub worker_id: String,
    pub stage: SessionStage,
    pub key: Option<Sealed<SessionKey>>,
    pub csrf: String,
    pub created_at: DateTime<Utc>,
    pub last_seen: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// One entry of a report's timeline.
#[derive(Debug)]
pub struct ReportEvent {
    pub id: String,
    pub report_id: ReportId,
    pub at: DateTime<Utc>,
    pub actor_id: Option<String>,
    pub kind: EventKind,
    pub from_status: Option<Status>,
    pub to_status: Option<Status>,
    /// Who or what the event is about: an assignee's id, an agency.
    pub subject: Option<String>,
    pub body: Option<Sealed<EventBody>>,
}

/// A referral of a report to a partner agency.
#[derive(Debug)]
pub struct Referral {
    pub id: String,
    pub report_id: ReportId,
    pub agency: String,
    pub fields: Vec<ShareField>,
    pub referred_by: Option<String>,
    pub at: DateTime<Utc>,
    pub payload: Sealed<ReferralPayload>,
}

/// A referral's key sealed to one liaison of the agency.
#[derive(Debug)]
pub struct ReferralGrant {
    pub worker_id: String,
    pub key: SealedReportKey,
}

/// Whose queue is being read. Visibility follows the keys: a worker sees
/// the reports whose key was sealed to them; a liaison sees what was
/// referred to their agency.
#[derive(Debug, Clone)]
pub enum Viewer {
    /// Reports whose key this worker holds. `only_unassigned_or_mine`
    /// narrows it to what a petugas may take.
    Keys {
        worker_id: String,
        only_unassigned_or_mine: bool,
    },
    /// Reports referred to this agency, for this liaison.
    Agency { agency: String, worker_id: String },
}

/// Which statuses the queue shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusFilter {
    Open,
    All,
    Only(Status),
}

/// Where a page of the queue starts: after this row in queue order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueCursor {
    pub urgency_rank: i64,
    pub created_at: i64,
    pub id: String,
}

/// A page request for the queue.
#[derive(Debug, Clone)]
pub struct QueueQuery {
    pub viewer: Viewer,
    pub status: StatusFilter,
    pub urgency: Option<Urgency>,
    pub violence_type: Option<ViolenceType>,
    /// A province or regency code; a province matches its regencies too.
    pub region: Option<String>,
    pub assigned_to: Option<String>,
    pub referred: bool,
    pub after: Option<QueueCursor>,
    pub limit: i64,
}

/// A row of the queue.
#[derive(Debug, Clone)]
pub struct QueueRow {
    pub meta: ReportMeta,
    pub referred: bool,
    pub cursor: QueueCursor,
}

/// Which reports statistics count.
#[derive(Debug, Clone, Default)]
pub struct StatsScope {
    /// Region codes (provinces or regencies) the figures are limited to;
    /// empty means every report.
    pub regions: Vec<String>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
}

/// Counts of reports along one dimension, from the clear columns only.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Counts(pub Vec<(String, i64)>);

/// Figures for the statistics page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stats {
    pub total: i64,
    /// `YYYY-MM` (UTC) → count.
    pub by_month: Counts,
    pub by_type: Counts,
    /// Province code (first two digits), or "abroad", or "" when unknown.
    pub by_province: Counts,
    pub by_age_band: Counts,
    pub by_sex: Counts,
    pub by_urgency: Counts,
    pub by_status: Counts,
    /// Milliseconds from submission to first response, one per report
    /// that has had one.
    pub response_ms: Vec<i64>,
    /// Milliseconds from submission to closing, one per closed report.
    pub close_ms: Vec<i64>,
}

#[async_trait]
pub trait ConsoleStore: Send + Sync {
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

    /// Records a failed login; returns the count of consecutive failures.
    /// At `lock_after` failures the account is locked until `lock_until`.
    async fn record_failed_login(
        &self,
        worker_id: &str,
        lock_after: i64,
        lock_until: DateTime<Utc>,
    ) -> Result<i64, StoreError>;
    /// Clears the failure count after a successful login.
    async fn record_login(&self, worker_id: &str) -> Result<(), StoreError>;
    /// Accepts TOTP time step `step` only if it is later than the last one
    /// used: a code is never accepted twice.
    async fn use_totp_step(&self, worker_id: &str, step: i64) -> Result<bool, StoreError>;
    async fn set_totp(
        &self,
        worker_id: &str,
        totp: Option<&Sealed<super::TotpSecret>>,
    ) -> Result<(), StoreError>;
    async fn worker_by_id(&self, id: &str) -> Result<Option<super::Worker>, StoreError>;
    async fn set_worker_disabled(&self, id: &str, disabled: bool) -> Result<(), StoreError>;
    async fn update_worker_scope(
        &self,
        id: &str,
        regions: &[String],
        agency: Option<&str>,
    ) -> Result<(), StoreError>;

    /// A page of the queue in urgency-then-age order.
    async fn queue(&self, query: &QueueQuery) -> Result<Vec<QueueRow>, StoreError>;
    async fn is_referred(&self, id: &ReportId) -> Result<bool, StoreError>;

    async fn insert_event(&self, event: &ReportEvent) -> Result<(), StoreError>;
    async fn events_of(&self, id: &ReportId) -> Result<Vec<ReportEvent>, StoreError>;
    /// Moves a report's status and records the event in one transaction;
    /// `Conflict` if its status was no longer `from`.
    async fn change_status(
        &self,
        id: &ReportId,
        from: Status,
        event: &ReportEvent,
    ) -> Result<(), StoreError>;
    /// Assigns (or with `None` unassigns) a report and records the event.
    async fn assign(
        &self,
        id: &ReportId,
        to: Option<&str>,
        event: &ReportEvent,
    ) -> Result<(), StoreError>;

    /// Stores a referral, its keys and its event, and marks the report
    /// referred, in one transaction.
    async fn insert_referral(
        &self,
        referral: &Referral,
        grants: &[ReferralGrant],
        event: &ReportEvent,
    ) -> Result<(), StoreError>;
    async fn referrals_of(&self, id: &ReportId) -> Result<Vec<Referral>, StoreError>;
    /// The newest referral of a report whose key was sealed to `worker_id`.
    /// The caller checks that it is to the worker's current agency.
    async fn referral_for(
        &self,
        id: &ReportId,
        worker_id: &str,
    ) -> Result<Option<(Referral, SealedReportKey)>, StoreError>;

    /// The audit entries about one report, oldest first.
    async fn audit_of_report(&self, id: &ReportId) -> Result<Vec<super::AuditEntry>, StoreError>;
    /// The newest audit entries, newest first, before `before_seq`.
    async fn audit_page(
        &self,
        before_seq: Option<i64>,
        limit: i64,
    ) -> Result<Vec<super::AuditEntry>, StoreError>;

    async fn stats(&self, scope: &StatsScope) -> Result<Stats, StoreError>;
}
