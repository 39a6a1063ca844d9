//! Background upkeep: the liveness mark that key rotation checks, and the
//! destruction of what has outlived its time.

use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;

use crate::service::keys;
use crate::store::Store;

/// How often expired drafts are destroyed.
const PURGE_EVERY: Duration = Duration::from_secs(15 * 60);

/// Notes every 30 s that the bot is running, so that a key rotation can
/// refuse to run under it.
pub async fn heartbeat(store: Arc<dyn Store>) {
    let mut tick = tokio::time::interval(Duration::from_secs(30));
    loop {
        tick.tick().await;
        let now = Utc::now().timestamp_millis().to_string();
        if let Err(err) = store.put_setting(keys::SERVE_HEARTBEAT, &now).await {
            tracing::warn!(error = %err, "cannot write the heartbeat");
        }
    }
}

/// Destroys what has outlived its time: drafts, their files, and reports
/// past the retention limit.
pub async fn purge_expired(store: Arc<dyn Store>, retention_days: u32, idle: chrono::Duration) {
    let mut tick = tokio::time::interval(PURGE_EVERY);
    loop {
        tick.tick().await;
        match store.purge_sessions(Utc::now(), Utc::now() - idle).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(sessions = n, "ended console sessions removed"),
            Err(err) => tracing::warn!(error = %err, "purging console sessions failed"),
        }
        match store.purge_expired_dialogues(Utc::now()).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(drafts = n, "expired drafts destroyed"),
            Err(err) => tracing::warn!(error = %err, "purging expired drafts failed"),
        }
        // Files of no report and no draft in progress; the hour of grace
        // covers a file sealed just before its draft is saved.
        match store
            .purge_orphan_attachments(Utc::now() - chrono::Duration::hours(1))
            .await
        {
            Ok(0) => {}
            Ok(n) => tracing::info!(files = n, "files of abandoned drafts destroyed"),
            Err(err) => tracing::warn!(error = %err, "purging draft files failed"),
        }
        // Telegram update ids are unique for about a week; a day of memory
        // covers redeliveries. Rate-limit windows are minutes long.
        if let Err(err) = store
            .purge_housekeeping(Utc::now() - chrono::Duration::days(1))
            .await
        {
            tracing::warn!(error = %err, "housekeeping failed");
        }
        match crate::service::retention::destroy_expired_reports(
            store.as_ref(),
            retention_days,
            Utc::now(),
        )
        .await
        {
            Ok(0) => {}
            Ok(n) => tracing::info!(reports = n, "reports past the retention limit destroyed"),
            Err(err) => tracing::warn!(error = %err, "retention run failed"),
        }
    }
}

/// A clean stop clears the liveness mark, so `keys rotate-server` can run
/// at once.
pub async fn not_running(store: &dyn Store) {
    if let Err(err) = store.put_setting(keys::SERVE_HEARTBEAT, "0").await {
        tracing::warn!(error = %err, "cannot clear the heartbeat");
    }
}
