//! Storage: one [`Store`] trait, implemented for SQLite ([`sqlite`]) and
//! PostgreSQL ([`postgres`]). The URL scheme picks the backend.
//!
//! Queries are runtime `sqlx::query` calls with `$1` placeholders, and the
//! SQL text that both databases understand is written once, in
//! [`shared`]. Methods that carry report content take [`Sealed`] values, so
//! plaintext cannot reach a table by accident.

pub mod console;
mod console_queries;
mod console_rows;
mod model;
pub mod postgres;
mod queries;
mod shared;
pub mod sqlite;

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use secrecy::ExposeSecret;

use crate::config::Settings;
use crate::crypto::{Sealed, SealedReportKey};
use crate::domain::report::{ReportId, Status};

pub use console::*;
pub use model::*;

/// Which database a store runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl std::fmt::Display for Backend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        })
    }
}

/// Storage failures, with meaning attached where a caller can act on it.
/// Messages name no personal data: only ids and the database's own words.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    #[error("conflict: {0}")]
    Conflict(&'static str),
    #[error("stored value is not valid: {0}")]
    Corrupt(String),
    #[error("invalid database URL: {0}")]
    BadUrl(String),
    #[error("cannot open the database at {target}: {reason}")]
    Connect { target: String, reason: String },
    #[error("cannot apply migrations: {0}")]
    Migrate(String),
    #[error("database error: {0}")]
    Database(#[source] sqlx::Error),
}

impl From<sqlx::Error> for StoreError {
    fn from(err: sqlx::Error) -> Self {
        match &err {
            sqlx::Error::RowNotFound => StoreError::NotFound,
            sqlx::Error::Database(db) if db.is_unique_violation() => {
                StoreError::Conflict("duplicate")
            }
            sqlx::Error::Database(db) if db.is_foreign_key_violation() => {
                StoreError::Conflict("missing reference")
            }
            _ => StoreError::Database(err),
        }
    }
}

/// Everything Suara keeps. Implemented once per database.
#[async_trait]
pub trait Store: console::ConsoleStore + Send + Sync + 'static {
    /// Which database this is.
    fn backend(&self) -> Backend;
    /// Applies pending migrations; running it again changes nothing.
    async fn migrate(&self) -> Result<(), StoreError>;
    /// Checks that the database answers.
    async fn ping(&self) -> Result<(), StoreError>;

    /// Stores a submitted report with its types and sealed keys in one
    /// transaction: once this returns, the report is durable.
    async fn insert_report(&self, report: &NewReport) -> Result<(), StoreError>;
    async fn report_meta(&self, id: &ReportId) -> Result<ReportMeta, StoreError>;
    async fn report_payload(&self, id: &ReportId) -> Result<Sealed<ReportPayload>, StoreError>;
    /// Her chat, sealed under the server key; `None` when she chose not to
    /// be contacted.
    async fn report_chat(&self, id: &ReportId) -> Result<Option<Sealed<ChatRef>>, StoreError>;
    async fn report_by_receipt(
        &self,
        receipt_hash: &[u8],
    ) -> Result<Option<ReportMeta>, StoreError>;
    /// Moves a report from `from` to `to`; fails with `Conflict` if someone
    /// else changed its status first.
    async fn set_report_status(
        &self,
        id: &ReportId,
        from: Status,
        to: Status,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError>;
    /// Crypto-shredding: its sealed keys, ciphertexts and rows go in one
    /// transaction.
    async fn delete_report(&self, id: &ReportId) -> Result<(), StoreError>;
    async fn count_reports(&self) -> Result<i64, StoreError>;
    /// Gives a stored report a new receipt hash (a code she never saw is
    /// replaced by one she will see).
    async fn replace_receipt_hash(
        &self,
        id: &ReportId,
        receipt_hash: &[u8],
    ) -> Result<(), StoreError>;
    /// Reports closed before `before`, oldest first: due for destruction.
    async fn reports_closed_before(
        &self,
        before: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<ReportId>, StoreError>;

    async fn grant_report_key(&self, grant: &KeyGrant) -> Result<(), StoreError>;
    async fn report_key(
        &self,
        id: &ReportId,
        recipient: &Recipient,
    ) -> Result<Option<SealedReportKey>, StoreError>;
    async fn report_keys_of(
        &self,
        recipient: &Recipient,
    ) -> Result<Vec<(ReportId, SealedReportKey)>, StoreError>;

    async fn insert_attachment(&self, attachment: &NewAttachment) -> Result<(), StoreError>;
    async fn attachments_of(&self, id: &ReportId) -> Result<Vec<AttachmentInfo>, StoreError>;
    async fn attachment_content(
        &self,
        attachment_id: &str,
    ) -> Result<Sealed<AttachmentBody>, StoreError>;
    async fn delete_attachments_of(&self, id: &ReportId) -> Result<u64, StoreError>;
    async fn delete_attachment(&self, attachment_id: &str) -> Result<(), StoreError>;
    /// Destroys files made before `before` that belong to neither a report
    /// nor a draft in progress; returns how many.
    async fn purge_orphan_attachments(&self, before: DateTime<Utc>) -> Result<u64, StoreError>;
    /// Reports sent from one chat, newest first (by the keyed hash of the chat).
    async fn reports_by_reporter(&self, reporter_ref: &[u8])
    -> Result<Vec<ReportMeta>, StoreError>;

    async fn load_dialogue(&self, chat_key: &[u8]) -> Result<Option<StoredDialogue>, StoreError>;
    async fn save_dialogue(&self, dialogue: &StoredDialogue) -> Result<(), StoreError>;
    async fn delete_dialogue(&self, chat_key: &[u8]) -> Result<(), StoreError>;
    /// Destroys drafts untouched past their expiry; returns how many.
    async fn purge_expired_dialogues(&self, now: DateTime<Utc>) -> Result<u64, StoreError>;

    async fn insert_worker(&self, worker: &NewWorker) -> Result<(), StoreError>;
    async fn worker_by_username(&self, username: &str) -> Result<Option<Worker>, StoreError>;
    async fn workers(&self) -> Result<Vec<Worker>, StoreError>;
    /// Replaces a worker's password hash and key pair (password change or
    /// reset) and, in the same transaction, their sealed report keys.
    async fn replace_worker_credentials(&self, update: &CredentialUpdate)
    -> Result<(), StoreError>;

    async fn insert_message(&self, message: &NewMessage) -> Result<(), StoreError>;
    async fn messages_of(&self, id: &ReportId) -> Result<Vec<StoredMessage>, StoreError>;

    /// Appends to the hash chain, serialised against other appenders.
    async fn append_audit(&self, entry: &AuditDraft) -> Result<AuditEntry, StoreError>;
    async fn audit_entries(
        &self,
        after_seq: i64,
        limit: i64,
    ) -> Result<Vec<AuditEntry>, StoreError>;

    /// Queues an outgoing Telegram call. A repeated `dedup_key` is a no-op
    /// that returns `None`.
    async fn enqueue_outbox(&self, message: &NewOutbox) -> Result<Option<i64>, StoreError>;
    /// Leases up to `limit` due messages for `lease`; another worker (or
    /// replica) sees them again only when the lease runs out.
    async fn claim_outbox(
        &self,
        now: DateTime<Utc>,
        lease: Duration,
        limit: i64,
    ) -> Result<Vec<OutboxItem>, StoreError>;
    async fn finish_outbox(&self, id: i64, outcome: &OutboxOutcome) -> Result<(), StoreError>;

    /// Records a Telegram update id; `false` means it was seen before.
    async fn mark_update_processed(
        &self,
        update_id: i64,
        at: DateTime<Utc>,
    ) -> Result<bool, StoreError>;

    /// Counts one hit in a fixed window; returns the count including it.
    async fn hit_rate_limit(
        &self,
        bucket: &str,
        now: DateTime<Utc>,
        window: Duration,
    ) -> Result<i64, StoreError>;

    // Re-sealing under a new server key (rotation), a page at a time.
    async fn dialogues_after(
        &self,
        after: &[u8],
        limit: i64,
    ) -> Result<Vec<StoredDialogue>, StoreError>;
    async fn report_chats_after(
        &self,
        after: &str,
        limit: i64,
    ) -> Result<Vec<(ReportId, Sealed<ChatRef>)>, StoreError>;
    async fn set_report_chat(
        &self,
        id: &ReportId,
        chat: &Sealed<ChatRef>,
    ) -> Result<(), StoreError>;
    /// Outbox rows not yet sent, whatever their lease.
    async fn unsent_outbox(&self) -> Result<Vec<OutboxItem>, StoreError>;
    async fn reseal_outbox(
        &self,
        id: i64,
        chat: &Sealed<ChatRef>,
        payload: &Sealed<OutboxPayload>,
    ) -> Result<(), StoreError>;
    /// Messages in both directions (to and from reporters), in id order.
    async fn messages_after(
        &self,
        after: &str,
        limit: i64,
    ) -> Result<Vec<StoredMessage>, StoreError>;
    async fn set_message_body(
        &self,
        id: &str,
        body: &Sealed<MessageBody>,
    ) -> Result<(), StoreError>;

    /// Forgets processed update ids and rate-limit windows older than
    /// `before`; returns how many rows went.
    async fn purge_housekeeping(&self, before: DateTime<Utc>) -> Result<u64, StoreError>;

    async fn setting(&self, key: &str) -> Result<Option<String>, StoreError>;
    async fn put_setting(&self, key: &str, value: &str) -> Result<(), StoreError>;
    /// Stores a setting only if it is absent; `false` means one was there.
    async fn insert_setting(&self, key: &str, value: &str) -> Result<bool, StoreError>;
}

/// Opens the configured database, creating the data directory for SQLite.
pub async fn connect(settings: &Settings) -> Result<Arc<dyn Store>, StoreError> {
    let url = settings
        .database_url()
        .map_err(|e| StoreError::BadUrl(e.to_string()))?;
    connect_url(url.expose_secret(), settings.database.max_connections).await
}

/// Opens a database by URL: `sqlite://path` or `postgres://…`.
pub async fn connect_url(url: &str, max_connections: u32) -> Result<Arc<dyn Store>, StoreError> {
    if url.starts_with("sqlite:") {
        Ok(Arc::new(
            sqlite::SqliteStore::open(url, max_connections).await?,
        ))
    } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
        Ok(Arc::new(
            postgres::PgStore::open(url, max_connections).await?,
        ))
    } else {
        Err(StoreError::BadUrl(format!(
            "unsupported scheme in {} (use sqlite:// or postgres://)",
            redact_url(url)
        )))
    }
}

/// A database URL with its password removed, fit for messages and logs.
pub fn redact_url(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            let _ = parsed.set_password(Some("***"));
            parsed.to_string()
        }
        Ok(parsed) => parsed.to_string(),
        Err(_) => url.split('@').next_back().unwrap_or_default().to_owned(),
    }
}

pub(crate) fn millis(at: DateTime<Utc>) -> i64 {
    at.timestamp_millis()
}

pub(crate) fn from_millis(ms: i64) -> Result<DateTime<Utc>, StoreError> {
    DateTime::from_timestamp_millis(ms)
        .ok_or_else(|| StoreError::Corrupt(format!("timestamp {ms}")))
}
