//! The PostgreSQL store, for deployments with several replicas.

use std::time::Duration;

use sqlx::ConnectOptions;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use super::sql::{Dialect, SqlStore};
use super::{Backend, StoreError, redact_url};

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("migrations/postgres");

static DIALECT: Dialect = Dialect {
    backend: Backend::Postgres,
    begin_write: "BEGIN",
    skip_locked: "FOR UPDATE SKIP LOCKED",
    month_of_created: "to_char(to_timestamp(r.created_at / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM')",
    stats_from: "reports r",
    lock_links: "SELECT pg_advisory_xact_lock(7316016)",
    migrator: &MIGRATOR,
};

/// Suara's store on a PostgreSQL database.
pub type PgStore = SqlStore<sqlx::Postgres>;

/// Connects, failing within seconds when the server is unreachable.
pub async fn open(url: &str, max_connections: u32) -> Result<PgStore, StoreError> {
    let options: PgConnectOptions = url
        .parse()
        .map_err(|e| StoreError::BadUrl(format!("{}: {e}", redact_url(url))))?;
    let options = options.log_slow_statements(log::LevelFilter::Warn, Duration::from_secs(5));
    let pool = PgPoolOptions::new()
        .max_connections(max_connections)
        .acquire_timeout(Duration::from_secs(5))
        .connect_with(options)
        .await
        .map_err(|e| StoreError::Connect {
            target: redact_url(url),
            reason: e.to_string(),
        })?;
    Ok(SqlStore::new(pool, &DIALECT))
}
