//! The SQLite store: the default, one file in the data directory.
//!
//! WAL lets the console read while the bot writes; `synchronous = FULL`
//! makes a commit survive a power cut, which is what "your report was sent"
//! promises.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use chrono::{DateTime, Utc};
use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

use super::console_queries::{bind_args, impl_console_store};
use super::console_rows::*;
use super::queries::impl_store;
use super::shared::*;
use super::*;
use crate::crypto::SealedReportKey;
use crate::domain::attachment::AttachmentKind;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("migrations/sqlite");

/// Suara's store on an SQLite file.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
}

impl SqliteStore {
    /// Opens (creating if needed) the database file and its directory.
    pub async fn open(url: &str, max_connections: u32) -> Result<Self, StoreError> {
        let options = SqliteConnectOptions::from_str(url)
            .map_err(|e| StoreError::BadUrl(format!("{}: {e}", redact_url(url))))?;
        let path = options.get_filename().to_owned();
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| connect_error(dir, e))?;
        }
        let options = options
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            // Deleted rows (a shredded report, a destroyed draft) are
            // overwritten, not left in free pages.
            .pragma("secure_delete", "ON")
            .busy_timeout(Duration::from_secs(10));
        let pool = SqlitePoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options)
            .await
            .map_err(|e| connect_error(&path, e))?;
        Ok(Self { pool })
    }

    /// The pool, for the dialogue storage and tests.
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }
}

fn connect_error(path: &Path, err: impl std::fmt::Display) -> StoreError {
    StoreError::Connect {
        target: path.display().to_string(),
        reason: format!("{err} (is the data directory writable?)"),
    }
}

impl_store!(SqliteStore, sqlx::Sqlite, {
    fn backend(&self) -> Backend {
        Backend::Sqlite
    }

    async fn migrate(&self) -> Result<(), StoreError> {
        MIGRATOR
            .run(&self.pool)
            .await
            .map_err(|e| StoreError::Migrate(e.to_string()))
    }

    async fn claim_outbox(
        &self,
        now: DateTime<Utc>,
        lease: Duration,
        limit: i64,
    ) -> Result<Vec<OutboxItem>, StoreError> {
        // SQLite has one writer at a time, so a single UPDATE … RETURNING
        // is already exclusive; PostgreSQL needs SKIP LOCKED instead.
        let now_ms = millis(now);
        let until = now_ms.saturating_add(i64::try_from(lease.as_millis()).unwrap_or(i64::MAX));
        let rows: Vec<OutboxRow> = sqlx::query_as(&claim_outbox_sql(""))
            .bind(until)
            .bind(now_ms)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        outbox_items(rows)
    }
});

impl_console_store!(
    SqliteStore,
    sqlx::Sqlite,
    "strftime('%Y-%m', r.created_at / 1000, 'unixepoch')"
);
