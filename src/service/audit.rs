//! Checking the audit chain: every entry links to the one before it, and
//! the last one is the head the database records.
//!
//! The chain alone shows an edited, removed or reordered row, but not rows
//! cut off its end: the last remaining entry still verifies. The head row
//! (`audit_head`, written in the same transaction as every append) records
//! the latest sequence number and hash, so comparing it catches that too.

use crate::domain::audit;
use crate::store::{AuditEntry, Store, StoreError};

/// Entries read per query.
const PAGE: i64 = 500;

#[derive(Debug, thiserror::Error)]
pub enum AuditError {
    /// The chain does not verify; the message names the first wrong entry.
    #[error("{0}")]
    Broken(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Verifies the whole chain; returns how many entries it holds, or fails
/// naming the first wrong entry.
pub async fn verify_chain(store: &dyn Store) -> Result<i64, AuditError> {
    let head = store.audit_head().await?;
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
        let now = store.audit_head().await?;
        if now.0 < tail.0 || (now.0 == tail.0 && now.1 != tail.1) {
            return Err(broken(&format!(
                "entry {}: beyond the chain head (entry {}), so it was not appended through it",
                now.0 + 1,
                now.0
            )));
        }
    }
    Ok(tail.0)
}

fn broken(why: &str) -> AuditError {
    AuditError::Broken(why.to_owned())
}
