//! `suara audit verify`: walks the audit chain from its first entry and
//! checks it against the stored head.
//!
//! The chain alone shows an edited, removed or reordered row, but not rows
//! cut off its end: the last remaining entry still verifies. The head row
//! (`audit_head`, written in the same transaction as every append) records
//! the latest sequence number and hash, so comparing it catches that too.
//! No store method reads the head, so it is read here through the pool.

use secrecy::ExposeSecret;

use super::CommandError;
use crate::config::Settings;
use crate::domain::audit;
use crate::store::postgres::PgStore;
use crate::store::sqlite::SqliteStore;
use crate::store::{AuditEntry, Store, StoreError, redact_url};

/// Entries read per query.
const PAGE: i64 = 500;

const HEAD: &str = "SELECT seq, hash FROM audit_head WHERE id = 1";

/// Verifies the whole chain; prints the count, or fails naming the first
/// wrong entry.
pub async fn verify(settings: &Settings) -> Result<(), CommandError> {
    let db = Db::open(settings).await?;
    let store = db.store();
    store.migrate().await?;
    let head = db.head().await?;
    if head.0 == 0 && !head.1.is_empty() {
        return Err(broken(
            "the chain head records no entries but carries a hash",
        ));
    }

    let mut tail = (0, String::new());
    loop {
        let page = store.audit_entries(tail.0, PAGE).await?;
        if page.is_empty() {
            break;
        }
        tail = audit::verify(tail, page.iter().map(AuditEntry::link))
            .map_err(|e| broken(&e.to_string()))?;
        if let Some(entry) = page.iter().find(|e| e.seq == head.0 && e.hash != head.1) {
            return Err(broken(&format!(
                "entry {}: its hash is not the one the chain head records",
                entry.seq
            )));
        }
    }

    if tail.0 < head.0 {
        return Err(broken(&format!(
            "entry {}: missing; the chain ends at entry {} but its head records {}",
            tail.0 + 1,
            tail.0,
            head.0
        )));
    }
    if tail.0 > head.0 {
        // Entries appended while this ran are fine; rows the head never
        // recorded were not appended through it.
        let now = db.head().await?;
        if now.0 < tail.0 || (now.0 == tail.0 && now.1 != tail.1) {
            return Err(broken(&format!(
                "entry {}: beyond the chain head (entry {}), so it was not appended through it",
                now.0 + 1,
                now.0
            )));
        }
    }
    println!(
        "audit chain intact: {} {} verified against the head",
        tail.0,
        if tail.0 == 1 { "entry" } else { "entries" }
    );
    Ok(())
}

fn broken(why: &str) -> CommandError {
    CommandError::AuditChain(why.to_owned())
}

/// The configured store, concrete, so the head row can be read.
enum Db {
    Sqlite(SqliteStore),
    Postgres(PgStore),
}

impl Db {
    async fn open(settings: &Settings) -> Result<Self, CommandError> {
        let url = settings.database_url()?;
        let url = url.expose_secret();
        let max = settings.database.max_connections;
        if url.starts_with("sqlite:") {
            Ok(Db::Sqlite(SqliteStore::open(url, max).await?))
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Ok(Db::Postgres(PgStore::open(url, max).await?))
        } else {
            Err(StoreError::BadUrl(format!(
                "unsupported scheme in {} (use sqlite:// or postgres://)",
                redact_url(url)
            ))
            .into())
        }
    }

    fn store(&self) -> &dyn Store {
        match self {
            Db::Sqlite(s) => s,
            Db::Postgres(s) => s,
        }
    }

    /// The latest sequence number and hash, as the head row records them.
    async fn head(&self) -> Result<(i64, String), StoreError> {
        Ok(match self {
            Db::Sqlite(s) => sqlx::query_as(HEAD).fetch_one(s.pool()).await?,
            Db::Postgres(s) => sqlx::query_as(HEAD).fetch_one(s.pool()).await?,
        })
    }
}
