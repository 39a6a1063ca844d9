//! The PostgreSQL store, for deployments with several replicas.

use std::time::Duration;

use chrono::{DateTime, Utc};
use sqlx::PgPool;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use super::console_queries::{bind_args, impl_console_store};
use super::console_rows::*;
use super::queries::impl_store;
use super::shared::*;
use super::*;
use crate::crypto::SealedReportKey;
use crate::domain::attachment::AttachmentKind;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("migrations/postgres");

/// Suara's store on a PostgreSQL database.
#[derive(Debug, Clone)]
pub struct PgStore {
    pool: PgPool,
}

impl PgStore {
    /// Connects, failing within seconds when the server is unreachable.
    pub async fn open(url: &str, max_connections: u32) -> Result<Self, StoreError> {
        let options: PgConnectOptions = url
            .parse()
            .map_err(|e| StoreError::BadUrl(format!("{}: {e}", redact_url(url))))?;
        let pool = PgPoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(Duration::from_secs(5))
            .connect_with(options)
            .await
            .map_err(|e| StoreError::Connect {
                target: redact_url(url),
                reason: e.to_string(),
            })?;
        Ok(Self { pool })
    }

    /// The pool, for the dialogue storage and tests.
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }
}

impl_store!(PgStore, sqlx::Postgres, {
    fn backend(&self) -> Backend {
        Backend::Postgres
    }

    async fn migrate(&self) -> Result<(), StoreError> {
        // Replicas starting together would race on the migrations table;
        // sqlx takes an advisory lock around the run for us.
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
        let now_ms = millis(now);
        let until = now_ms.saturating_add(i64::try_from(lease.as_millis()).unwrap_or(i64::MAX));
        let rows: Vec<OutboxRow> = sqlx::query_as(&claim_outbox_sql("FOR UPDATE SKIP LOCKED"))
            .bind(until)
            .bind(now_ms)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        outbox_items(rows)
    }
});

impl_console_store!(
    PgStore,
    sqlx::Postgres,
    "to_char(to_timestamp(r.created_at / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM')"
);
