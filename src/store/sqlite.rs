//! The SQLite store: the default, one file in the data directory.
//!
//! WAL lets the console read while the bot writes; `synchronous = FULL`
//! makes a commit survive a power cut, which is what "your report was sent"
//! promises.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::ConnectOptions;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

use super::sql::{Dialect, SqlStore};
use super::{Backend, StoreError, redact_url};

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("migrations/sqlite");

static DIALECT: Dialect = Dialect {
    backend: Backend::Sqlite,
    begin_write: "BEGIN IMMEDIATE",
    skip_locked: "",
    month_of_created: "strftime('%Y-%m', r.created_at / 1000, 'unixepoch')",
    stats_from: "reports r INDEXED BY reports_stats",
    lock_links: "",
    migrator: &MIGRATOR,
};

/// Suara's store on an SQLite file.
pub type SqliteStore = SqlStore<sqlx::Sqlite>;

/// Opens (creating if needed) the database file and its directory.
pub async fn open(url: &str, max_connections: u32) -> Result<SqliteStore, StoreError> {
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
        .busy_timeout(Duration::from_secs(10))
        // A statement waiting for the one writer is not slow SQL; say so
        // only when it is really long.
        .log_slow_statements(log::LevelFilter::Warn, Duration::from_secs(5));
    let pool = SqlitePoolOptions::new()
        .max_connections(max_connections)
        .acquire_timeout(Duration::from_secs(10))
        .connect_with(options)
        .await
        .map_err(|e| connect_error(&path, e))?;
    Ok(SqlStore::new(pool, &DIALECT))
}

/// A lock file beside the database file (`<file>.poller.lock`): a process
/// on this machine holding it is the one that polls this database's bot.
pub fn lock_path(url: &str) -> Option<std::path::PathBuf> {
    let options = SqliteConnectOptions::from_str(url).ok()?;
    let file = options.get_filename();
    let mut name = file.file_name()?.to_owned();
    name.push(".poller.lock");
    Some(file.with_file_name(name))
}

fn connect_error(path: &Path, err: impl std::fmt::Display) -> StoreError {
    StoreError::Connect {
        target: path.display().to_string(),
        reason: format!("{err} (is the data directory writable?)"),
    }
}
