//! Long polling, by one process at a time. The poller holds a lease in the
//! database (renewed every few seconds); a second `serve` on the same
//! database waits as a hot standby (its console and workers run) and takes
//! over within half a minute of the first one dying. A clean stop gives
//! the lease up at once.
//!
//! On SQLite (one machine) a lock file decides first: the process holding
//! it is the only one on the machine that may poll, so it takes the lease
//! at once, even from a process that was killed holding it; the lock dies
//! with its process.
//!
//! The offset moves past an update only after the update is stored in the
//! inbox: an update that reached the process is never lost.

use std::time::Duration;

use chrono::Utc;
use teloxide::payloads::{DeleteWebhook, GetUpdates};
use teloxide::types::{AllowedUpdate, Update};
use tokio::sync::watch;

use super::Telegram;
use super::api::CallError;

/// The lease's name: one poller per database (and so per bot token).
pub const LEASE: &str = "poller:telegram";
/// How long a lease lasts unless renewed, and how often it is renewed.
const LEASE_FOR: chrono::Duration = chrono::Duration::seconds(20);
const RENEW_EVERY: Duration = Duration::from_secs(5);
/// Telegram holds a getUpdates call open this long when there is nothing.
const LONG_POLL_SECONDS: u32 = 20;

/// Polls until `stop` turns true; then releases the lease.
pub async fn run(tg: std::sync::Arc<Telegram>, mut stop: watch::Receiver<bool>) {
    let mut held = false;
    let mut offset: Option<i32> = None;
    let mut last_renewal = tokio::time::Instant::now() - RENEW_EVERY;
    let mut failures: u32 = 0;
    let mut standing_by_said = false;
    let mut lock_file: Option<std::fs::File> = None;
    while !*stop.borrow() {
        if let (Some(path), None) = (&tg.poller_lock, &lock_file) {
            lock_file = try_lock(path);
            if let Some(_file) = &lock_file {
                let now = Utc::now();
                if let Err(err) = tg
                    .reporting
                    .store
                    .force_lease(LEASE, &tg.holder, now + LEASE_FOR)
                    .await
                {
                    tracing::warn!(error = %err, "cannot take the poller lease");
                    lock_file = None;
                }
            } else {
                tg.liveness.mark(super::Liveness::STANDBY);
                if !standing_by_said {
                    tracing::info!("another process on this machine polls this bot; standing by");
                    standing_by_said = true;
                }
                wait(&mut stop, Duration::from_secs(1)).await;
                continue;
            }
        }
        if !held || last_renewal.elapsed() >= RENEW_EVERY {
            let now = Utc::now();
            match tg
                .reporting
                .store
                .take_lease(LEASE, &tg.holder, now, now + LEASE_FOR)
                .await
            {
                Ok(true) => {
                    if !held {
                        tracing::info!("polling the Bot API (this process holds the poller lease)");
                        let _ = tg
                            .api
                            .call(&DeleteWebhook::new(), Duration::from_secs(10))
                            .await;
                        offset = None;
                    }
                    held = true;
                    standing_by_said = false;
                    last_renewal = tokio::time::Instant::now();
                }
                Ok(false) => {
                    tg.liveness.mark(super::Liveness::STANDBY);
                    if held || !standing_by_said {
                        tracing::info!("another process polls this bot; standing by");
                        standing_by_said = true;
                    }
                    held = false;
                }
                Err(err) => tracing::warn!(error = %err, "cannot take the poller lease"),
            }
        }
        if !held {
            wait(&mut stop, RENEW_EVERY).await;
            continue;
        }
        let mut call = GetUpdates::new();
        call.offset = offset;
        call.timeout = Some(LONG_POLL_SECONDS);
        call.allowed_updates = Some(vec![
            AllowedUpdate::Message,
            AllowedUpdate::EditedMessage,
            AllowedUpdate::CallbackQuery,
        ]);
        let timeout = Duration::from_secs(u64::from(LONG_POLL_SECONDS) + 10);
        let polled: Result<Vec<Update>, CallError> = tokio::select! {
            r = tg.api.call(&call, timeout) => r,
            _ = stop.changed() => break,
        };
        match polled {
            Ok(updates) if updates.is_empty() => {
                failures = 0;
                tg.liveness.mark(super::Liveness::POLLING);
            }
            Ok(updates) => match tg.receive(&updates).await {
                Ok(_) => {
                    tg.liveness.mark(super::Liveness::POLLING);
                    failures = 0;
                    let last = updates.iter().map(|u| u.id.0).max().unwrap_or_default();
                    offset = Some(i32::try_from(last).unwrap_or(i32::MAX).saturating_add(1));
                }
                Err(err) => {
                    // Not confirmed: Telegram keeps them for the next call.
                    tracing::warn!(error = %err, "cannot store updates; they stay with Telegram");
                    tg.during_outage(&updates);
                    wait(&mut stop, Duration::from_secs(2)).await;
                }
            },
            Err(CallError::RetryAfter(after)) => wait(&mut stop, after).await,
            Err(err)
                if err.refused_with("terminated by other getUpdates")
                    || err.refused_with("Conflict") =>
            {
                tracing::error!(
                    "another process polls this bot token (Telegram answered 409 Conflict); \
                     run one `suara serve` per token, or use the webhook"
                );
                wait(&mut stop, Duration::from_secs(10)).await;
            }
            Err(err) => {
                failures += 1;
                let backoff = Duration::from_millis((250u64 << failures.min(4)).min(3000));
                if failures == 1 || failures.is_multiple_of(20) {
                    tracing::warn!(error = %err, failures, "polling failed; trying again");
                }
                wait(&mut stop, backoff).await;
            }
        }
    }
    if held {
        let _ = tg.reporting.store.release_lease(LEASE, &tg.holder).await;
        tracing::info!("poller lease released");
    }
}

/// The lock file, if this process could lock it (dropped, it unlocks).
fn try_lock(path: &std::path::Path) -> Option<std::fs::File> {
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .map_err(|e| tracing::warn!(error = %e, "cannot open the poller lock file"))
        .ok()?;
    file.try_lock().ok()?;
    Some(file)
}

async fn wait(stop: &mut watch::Receiver<bool>, d: Duration) {
    let _ = tokio::time::timeout(d, stop.changed()).await;
}
