//! The values the console's areas read and write: sessions, timelines,
//! referrals, and the queue and statistics reads.

use chrono::{DateTime, Utc};

use super::{EventBody, ReferralPayload, ReportMeta, SessionKey};
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
#[derive(Debug, Clone)]
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
#[derive(Debug, Clone)]
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
#[derive(Debug, Clone)]
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
    /// For a liaison: the parts the newest referral to them shares, which
    /// limit what the row may show.
    pub shared: Option<Vec<ShareField>>,
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
    /// Kabupaten/kota code (`64.72`); a province's code when she named only
    /// the province; "abroad"; "" when unknown. What a provincial task force
    /// acts on.
    pub by_regency: Counts,
    pub by_age_band: Counts,
    pub by_sex: Counts,
    pub by_urgency: Counts,
    pub by_status: Counts,
    /// Milliseconds from submission to first response: the middle one (or
    /// two) of those times, in order, which is all the median needs.
    pub response_ms: Vec<i64>,
    /// Milliseconds from submission to closing: the middle one or two.
    pub close_ms: Vec<i64>,
}
