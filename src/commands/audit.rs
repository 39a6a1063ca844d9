//! `suara audit verify`: walks the audit chain and checks it against the
//! stored head (see `service::audit`).

use super::CommandError;
use crate::config::Settings;
use crate::service::audit::{AuditError, verify_chain};
use crate::store;

/// Verifies the whole chain; prints the count, or fails naming the first
/// wrong entry.
pub async fn verify(settings: &Settings) -> Result<(), CommandError> {
    let store = store::connect(settings).await?;
    store.migrate().await?;
    let count = verify_chain(store.as_ref()).await.map_err(|e| match e {
        AuditError::Broken(why) => CommandError::AuditChain(why),
        AuditError::Store(e) => e.into(),
    })?;
    println!(
        "audit chain intact: {count} {} verified against the head",
        if count == 1 { "entry" } else { "entries" }
    );
    Ok(())
}
