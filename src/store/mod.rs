//! Storage: one [`Store`] trait, implemented for SQLite ([`sqlite`]) and
//! PostgreSQL ([`postgres`]). The URL scheme picks the backend.
//!
//! Queries are runtime `sqlx::query` calls with `$1` placeholders, and the
//! SQL text that both databases understand is written once, in
//! [`shared`]. Methods that carry report content take [`Sealed`] values, so
//! plaintext cannot reach a table by accident.

mod account_changes;
mod account_model;
mod accounts;
mod audit;
mod batch;
mod build;
mod casework;
mod clusters;
pub mod console;
mod console_rows;
mod drafts;
mod files;
mod inbox;
mod keys;
mod links;
mod logins;
mod messages;
mod model;
mod outbox;
pub mod postgres;
mod queue;
mod reports;
mod rows;
mod sessions;
pub mod sql;
pub mod sqlite;
mod stats;
mod summaries;
mod upkeep;
mod watchlist;

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use secrecy::ExposeSecret;

use crate::config::Settings;
use crate::crypto::{Sealed, SealedReportKey};
use crate::domain::attachment::AttachmentKind;
use crate::domain::report::{ReportId, Status};
use sqlx::{ColumnIndex, Decode, Encode, Executor, IntoArguments, Type};

pub use account_model::*;
pub use accounts::Accounts;
pub use audit::Audit;
pub use batch::{Applied, Assignment, Batch, DialogueWrite, NewReferral, StatusMove, Write};
pub use casework::Casework;
pub use console::*;
pub use drafts::Drafts;
pub use files::Files;
pub use inbox::Inbox;
pub use keys::ReportKeys;
pub use links::{
    CLUSTERING, ClusterEdge, ClusterMember, ClusterSummary, LinkStats, Links, NewLinks,
    RelatedReport,
};
pub use logins::Logins;
pub use messages::Messages;
pub use model::*;
pub use outbox::Outbox;
pub use queue::Queue;
pub use reports::Reports;
pub use sessions::Sessions;
pub use sql::{SqlDb, SqlStore};
pub use stats::Statistics;
pub use upkeep::Upkeep;
pub use watchlist::{NewWatch, WatchMatch, WatchRow, Watchlist};

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
    /// A unique or foreign-key constraint refused the write; `constraint`
    /// names it as `table.column` on both databases.
    #[error("conflict on {constraint}")]
    Conflict { constraint: String },
    /// A guarded change found the row changed by someone else first (a
    /// report's status no longer what the form showed).
    #[error("changed concurrently")]
    Stale,
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
    #[error("{0}")]
    Unsupported(&'static str),
}

impl From<sqlx::Error> for StoreError {
    fn from(err: sqlx::Error) -> Self {
        match &err {
            sqlx::Error::RowNotFound => StoreError::NotFound,
            sqlx::Error::Database(db)
                if db.is_unique_violation() || db.is_foreign_key_violation() =>
            {
                StoreError::Conflict {
                    constraint: constraint_of(db.as_ref()),
                }
            }
            _ => StoreError::Database(err),
        }
    }
}

/// Everything Suara keeps: one trait per area, each implemented once for
/// both databases in its own file (see [`sql`]). Callers hold a
/// `dyn Store` and call any area's methods on it.
#[async_trait]
pub trait Store:
    Write
    + Reports
    + ReportKeys
    + Files
    + Drafts
    + Accounts
    + Logins
    + Messages
    + Audit
    + Outbox
    + Inbox
    + Upkeep
    + Sessions
    + Casework
    + Queue
    + Statistics
    + Links
    + Watchlist
    + Send
    + Sync
    + 'static
{
    /// Which database this is.
    fn backend(&self) -> Backend;
    /// Applies pending migrations; running it again changes nothing.
    async fn migrate(&self) -> Result<(), StoreError>;
    /// Writes a consistent copy of the database to `path` while others
    /// keep writing (SQLite's `VACUUM INTO`); PostgreSQL has pg_dump.
    async fn backup_into(&self, path: &std::path::Path) -> Result<(), StoreError>;
    /// Whether the database holds anything yet (a report, an account, a
    /// key): restore refuses to overwrite one that does.
    async fn is_empty(&self) -> Result<bool, StoreError>;
    /// The database's own consistency check (`ok`, or what is wrong).
    async fn integrity_check(&self) -> Result<String, StoreError>;
    /// Closes every connection (before the file is replaced).
    async fn close_pool(&self);
}

#[async_trait]
impl<DB> Store for SqlStore<DB>
where
    DB: SqlDb,
    DB::Connection: sqlx::migrate::Migrate,
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
    fn backend(&self) -> Backend {
        self.dialect.backend
    }

    async fn backup_into(&self, path: &std::path::Path) -> Result<(), StoreError> {
        if self.dialect.backend != Backend::Sqlite {
            return Err(StoreError::Unsupported(
                "suara backup copies SQLite; for PostgreSQL use pg_dump (docs/operations.md)",
            ));
        }
        let target = path.to_str().ok_or(StoreError::Unsupported(
            "the backup path is not valid UTF-8",
        ))?;
        sqlx::query("VACUUM INTO $1")
            .bind(target)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn is_empty(&self) -> Result<bool, StoreError> {
        let (n,): (i64,) = sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM reports) + (SELECT COUNT(*) FROM case_workers) \
             + (SELECT COUNT(*) FROM settings)",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok(n == 0)
    }

    async fn close_pool(&self) {
        self.pool.close().await;
    }

    async fn integrity_check(&self) -> Result<String, StoreError> {
        if self.dialect.backend != Backend::Sqlite {
            return Ok("ok".to_owned());
        }
        let (result,): (String,) = sqlx::query_as("PRAGMA integrity_check")
            .fetch_one(&self.pool)
            .await?;
        Ok(result)
    }

    async fn migrate(&self) -> Result<(), StoreError> {
        // On PostgreSQL, sqlx holds an advisory lock around the run, so
        // replicas starting together do not race.
        self.dialect
            .migrator
            .run(&self.pool)
            .await
            .map_err(|e| StoreError::Migrate(e.to_string()))
    }
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
    Ok(match backend_of(url)? {
        Backend::Sqlite => Arc::new(sqlite::open(url, max_connections).await?),
        Backend::Postgres => Arc::new(postgres::open(url, max_connections).await?),
    })
}

/// The backend a database URL names: the one place the scheme is read.
pub fn backend_of(url: &str) -> Result<Backend, StoreError> {
    if url.starts_with("sqlite:") {
        Ok(Backend::Sqlite)
    } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
        Ok(Backend::Postgres)
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

/// `table.column` of a violated constraint. SQLite says it in its message
/// ("UNIQUE constraint failed: case_workers.username"); PostgreSQL names the
/// table, and the key's columns in its detail ("Key (username)=(…)"). Only
/// the names are taken, never the values.
fn constraint_of(db: &dyn sqlx::error::DatabaseError) -> String {
    if let Some(pg) = db.try_downcast_ref::<sqlx::postgres::PgDatabaseError>() {
        let columns = pg
            .detail()
            .and_then(|d| d.strip_prefix("Key ("))
            .and_then(|d| d.split_once(")="))
            .map(|(cols, _)| cols.replace(", ", ","));
        return match (pg.table(), columns) {
            (Some(table), Some(cols)) => format!("{table}.{cols}"),
            _ => pg.constraint().unwrap_or("unknown").to_owned(),
        };
    }
    let message = db.message();
    match message.split_once("constraint failed: ") {
        Some((_, names)) => names.replace(", ", ","),
        None if db.is_foreign_key_violation() => "foreign key".to_owned(),
        None => "unknown".to_owned(),
    }
}

pub(crate) fn millis(at: DateTime<Utc>) -> i64 {
    at.timestamp_millis()
}

pub(crate) fn from_millis(ms: i64) -> Result<DateTime<Utc>, StoreError> {
    DateTime::from_timestamp_millis(ms)
        .ok_or_else(|| StoreError::Corrupt(format!("timestamp {ms}")))
}
