//! The values the store reads and writes. Content travels only as sealed
//! types; the clear fields are the coarse metadata of the threat model.

use chrono::{DateTime, Utc};

use crate::crypto::{Sealed, SealedReportKey};
use crate::domain::area::Area;
use crate::domain::attachment::AttachmentKind;
use crate::domain::report::{ReportId, Status};
use crate::domain::urgency::Urgency;
use crate::domain::{AgeBand, ReporterRole, Sex, ViolenceType};

pub use crate::crypto::fields::{
    AttachmentBody, AttachmentMeta, DialogueState, EventBody, FromReporter, InboxUpdate,
    OutboxChat, OutboxPayload, ReferralPayload, ReportPayload, ReporterChat, SessionKey,
    ToReporter, TotpSecret,
};

/// A message's sealed body; the direction decides its field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MessageBody {
    ToReporter(Sealed<ToReporter>),
    FromReporter(Sealed<FromReporter>),
}

impl MessageBody {
    /// Which way the message goes.
    pub fn direction(&self) -> Direction {
        match self {
            Self::ToReporter(_) => Direction::ToReporter,
            Self::FromReporter(_) => Direction::FromReporter,
        }
    }

    /// Opens the message; `context` is `<report id>/<message id>`.
    pub fn open(
        &self,
        key: &crate::crypto::ServerKey,
        context: &str,
    ) -> Result<zeroize::Zeroizing<Vec<u8>>, crate::crypto::CryptoError> {
        match self {
            Self::ToReporter(s) => key.open(context, s),
            Self::FromReporter(s) => key.open(context, s),
        }
    }

    /// The ciphertext, for its column.
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            Self::ToReporter(s) => s.as_bytes(),
            Self::FromReporter(s) => s.as_bytes(),
        }
    }
}

/// Who a report key is sealed to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Recipient {
    Worker(String),
    Recovery,
}

impl Recipient {
    pub fn to_column(&self) -> String {
        match self {
            Recipient::Worker(id) => format!("worker:{id}"),
            Recipient::Recovery => "recovery".to_owned(),
        }
    }

    pub fn from_column(value: &str) -> Option<Self> {
        match value.split_once(':') {
            Some(("worker", id)) if !id.is_empty() => Some(Recipient::Worker(id.to_owned())),
            None if value == "recovery" => Some(Recipient::Recovery),
            _ => None,
        }
    }
}

/// The clear metadata of a report: what statistics and the queue use.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportMeta {
    pub id: ReportId,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub status: Status,
    pub urgency: Urgency,
    pub violence_types: Vec<ViolenceType>,
    pub area: Option<Area>,
    pub age_band: Option<AgeBand>,
    pub victim_sex: Option<Sex>,
    pub reporter: Option<ReporterRole>,
    pub contact_allowed: bool,
    pub assigned_to: Option<String>,
    pub acknowledged_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
}

/// A report at submission: metadata, sealed content, and its key sealed to
/// every entitled recipient.
#[derive(Debug, Clone)]
pub struct NewReport {
    pub meta: ReportMeta,
    pub receipt_hash: Vec<u8>,
    pub reporter_ref: Option<Vec<u8>>,
    pub chat: Option<Sealed<ReporterChat>>,
    pub payload: Sealed<ReportPayload>,
    pub keys: Vec<KeyGrant>,
}

/// A report key sealed to one recipient, and who granted it.
#[derive(Debug, Clone)]
pub struct KeyGrant {
    pub report_id: ReportId,
    pub recipient: Recipient,
    pub key: SealedReportKey,
    pub granted_by: Option<String>,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct NewAttachment {
    pub id: String,
    pub report_id: ReportId,
    pub kind: AttachmentKind,
    pub size_bytes: i64,
    pub created_at: DateTime<Utc>,
    pub meta: Sealed<AttachmentMeta>,
    pub content: Sealed<AttachmentBody>,
}

/// An attachment without its bytes, for listing.
#[derive(Debug)]
pub struct AttachmentInfo {
    pub id: String,
    pub report_id: ReportId,
    pub kind: AttachmentKind,
    pub size_bytes: i64,
    pub created_at: DateTime<Utc>,
    pub meta: Sealed<AttachmentMeta>,
}

#[derive(Debug)]
pub struct StoredDialogue {
    /// Keyed hash of the chat; never the chat id itself.
    pub chat_key: Vec<u8>,
    pub state: Sealed<DialogueState>,
    /// Which server key sealed `state`, so rotation can find stragglers.
    pub key_id: String,
    /// The draft's report id, while there is a draft: its files are kept.
    pub draft_id: Option<ReportId>,
    pub updated_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// Which way a message between a case worker and a reporter went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    ToReporter,
    FromReporter,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::ToReporter => "to_reporter",
            Direction::FromReporter => "from_reporter",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "to_reporter" => Some(Direction::ToReporter),
            "from_reporter" => Some(Direction::FromReporter),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct NewMessage {
    pub id: String,
    pub report_id: ReportId,
    pub author_id: Option<String>,
    pub body: MessageBody,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug)]
pub struct StoredMessage {
    pub id: String,
    pub report_id: ReportId,
    pub direction: Direction,
    pub author_id: Option<String>,
    pub body: MessageBody,
    pub created_at: DateTime<Utc>,
    pub delivered_at: Option<DateTime<Utc>>,
    pub read_at: Option<DateTime<Utc>>,
}

/// An audit event before it is chained.
#[derive(Debug, Clone)]
pub struct AuditDraft {
    pub at: DateTime<Utc>,
    pub actor: String,
    pub action: crate::domain::audit::AuditAction,
    pub report_id: Option<ReportId>,
    pub detail: String,
}

/// An audit event in the chain.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEntry {
    pub seq: i64,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub action: String,
    pub report_id: Option<String>,
    pub detail: String,
    pub prev_hash: String,
    pub hash: String,
}

impl AuditEntry {
    /// The entry as a link of the hash chain, for verifying.
    pub fn link(&self) -> crate::domain::audit::Link<'_> {
        crate::domain::audit::Link {
            seq: self.seq,
            at_millis: self.at.timestamp_millis(),
            actor: &self.actor,
            action: &self.action,
            report_id: self.report_id.as_deref(),
            detail: &self.detail,
            prev_hash: &self.prev_hash,
            hash: &self.hash,
        }
    }
}

/// A row to queue in the outbox.
#[derive(Debug, Clone)]
pub struct NewOutbox {
    /// Makes enqueueing idempotent, and binds the sealed fields.
    pub dedup_key: Option<String>,
    /// The channel that delivers it ("telegram").
    pub channel: String,
    /// The keyed hash of her chat: rows of one chat go out in order, and
    /// quick exit finds them. Empty for the task force's group.
    pub chat_key: Vec<u8>,
    /// Higher goes first across chats (a woman in danger before others).
    pub priority: i64,
    pub kind: String,
    pub chat: Sealed<OutboxChat>,
    pub payload: Sealed<OutboxPayload>,
    pub not_before: DateTime<Utc>,
}

#[derive(Debug)]
pub struct OutboxItem {
    pub id: i64,
    /// The key it was enqueued with; sealed fields are bound to it.
    pub dedup_key: Option<String>,
    pub channel: String,
    pub chat_key: Vec<u8>,
    pub priority: i64,
    pub kind: String,
    pub chat: Sealed<OutboxChat>,
    pub payload: Sealed<OutboxPayload>,
    /// Including the attempt this claim starts.
    pub attempts: i64,
}

/// How an outbox delivery attempt ended.
#[derive(Debug, Clone)]
pub enum OutboxOutcome {
    /// Delivered; `ids` are the messages it put on her screen.
    Sent {
        at: DateTime<Utc>,
        ids: Vec<i64>,
    },
    Retry {
        at: DateTime<Utc>,
        error: String,
    },
    Failed {
        error: String,
    },
    /// Claimed but not tried (its chat was busy, or an earlier row of the
    /// chat must go first): back in the queue from `at`, and the claim is
    /// not counted as an attempt, so waiting never uses up its retries.
    Release {
        at: DateTime<Utc>,
    },
}

/// An update as received, sealed, waiting to be applied.
#[derive(Debug, Clone)]
pub struct NewInbox {
    pub channel: String,
    pub update_id: i64,
    /// The keyed hash of her chat; updates of one chat apply in order.
    pub chat_key: Vec<u8>,
    pub payload: Sealed<InboxUpdate>,
    pub received_at: DateTime<Utc>,
}

#[derive(Debug)]
pub struct InboxItem {
    pub id: i64,
    pub channel: String,
    pub update_id: i64,
    pub chat_key: Vec<u8>,
    pub payload: Sealed<InboxUpdate>,
    pub received_at: DateTime<Utc>,
    /// Including the attempt this claim starts.
    pub attempts: i64,
}
