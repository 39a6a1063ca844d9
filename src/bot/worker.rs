//! Applies the inbox: each waiting update is opened, read, and applied in
//! one transaction by the service; its replies then go out at once. A
//! chat's updates are applied one at a time and in order, different chats
//! side by side, on any number of processes.

use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use teloxide::payloads::{LeaveChat, SendMessage};
use teloxide::types::{ChatId, Update};
use tokio::sync::{Semaphore, watch};

use super::Telegram;
use super::inputs::{Read, read};
use crate::crypto::fields::InboxUpdate;
use crate::service::apply::{ApplyError, apply};
use crate::service::outbox::{Destination, OutAction, sealed_row};
use crate::store::{Applied, Batch, InboxItem};

/// A claimed update is someone else's to retry after this long.
const LEASE: Duration = Duration::from_secs(30);
const PARALLEL: usize = 16;
/// After this many failed attempts an update is given up, so that one
/// update that cannot be applied does not hold her chat forever.
const MAX_ATTEMPTS: i64 = 12;

/// Applies waiting updates until `stop` turns true.
pub async fn run(tg: Arc<Telegram>, mut stop: watch::Receiver<bool>, shutdown: Duration) {
    let slots = Arc::new(Semaphore::new(PARALLEL));
    while !*stop.borrow() {
        let free = slots.available_permits().max(1) as i64;
        let claimed = match tg
            .reporting
            .store
            .claim_inbox(Utc::now(), LEASE, free)
            .await
        {
            Ok(items) => items,
            Err(err) => {
                tracing::warn!(error = %err, "cannot claim the inbox");
                Vec::new()
            }
        };
        let idle = claimed.is_empty();
        for item in claimed {
            let Ok(permit) = slots.clone().acquire_owned().await else {
                return;
            };
            let tg = tg.clone();
            tokio::spawn(async move {
                handle(&tg, item).await;
                drop(permit);
                tg.work.notify_one();
            });
        }
        if idle {
            tokio::select! {
                _ = tg.work.notified() => {}
                _ = tokio::time::sleep(Duration::from_millis(500)) => {}
                _ = stop.changed() => {}
            }
        }
    }
    // Let what is being applied finish: its transaction is short.
    let _ = tokio::time::timeout(shutdown, slots.acquire_many(PARALLEL as u32)).await;
}

async fn handle(tg: &Telegram, item: InboxItem) {
    let store = tg.reporting.store.as_ref();
    let context = format!("{}/{}", item.channel, item.update_id);
    let update: Option<Update> = tg
        .reporting
        .server_key
        .open::<InboxUpdate>(&context, &item.payload)
        .ok()
        .and_then(|json| serde_json::from_slice(&json).ok());
    let applied = Applied {
        inbox_id: item.id,
        channel: item.channel.clone(),
        update_id: item.update_id,
        at: Utc::now(),
    };
    let Some(update) = update else {
        tracing::error!(
            update.id = item.update_id,
            "an update cannot be opened; skipped"
        );
        let _ = store.write(&done(applied)).await;
        return;
    };
    match read(&update, item.id) {
        Read::Private(incoming) => {
            let (chat, lang) = (incoming.chat_id, incoming.lang);
            let started = std::time::Instant::now();
            match apply(&tg.reporting, *incoming, &tg.files, Utc::now()).await {
                Ok(done) => {
                    metrics::histogram!("suara_apply_seconds").record(started.elapsed());
                    metrics::counter!("suara_updates_applied_total", "result" => "ok").increment(1);
                    tg.sender.flush(done.chat.as_bytes().to_vec(), done.urgent);
                }
                Err(err) => failed(tg, &item, applied, err, chat, lang).await,
            }
        }
        Read::Group {
            chat,
            lang,
            message,
        } => {
            // The task force's own alert group: the bot stays, and reads
            // nothing. Any other group: it says so once and leaves.
            if tg.reporting.alert_chat != Some(chat) && message {
                let text = tg.reporting.locales.text(lang, "group-private-only");
                let _ = tg
                    .api
                    .call(
                        &SendMessage::new(ChatId(chat), text),
                        Duration::from_secs(10),
                    )
                    .await;
                let _ = tg
                    .api
                    .call(&LeaveChat::new(ChatId(chat)), Duration::from_secs(10))
                    .await;
            }
            let _ = store.write(&done(applied)).await;
        }
        Read::Ignore => {
            let _ = store.write(&done(applied)).await;
        }
    }
}

fn done(applied: Applied) -> Batch {
    Batch {
        applied: Some(applied),
        ..Batch::default()
    }
}

/// The update stays in the inbox and is tried again, sooner at first; after
/// many attempts it is given up and she is asked to try again.
async fn failed(
    tg: &Telegram,
    item: &InboxItem,
    applied: Applied,
    err: ApplyError,
    chat: i64,
    lang: crate::i18n::Lang,
) {
    let store = tg.reporting.store.as_ref();
    if matches!(err, ApplyError::Store(crate::store::StoreError::Stale)) {
        // Applied by another worker meanwhile: nothing is left to do.
        return;
    }
    if matches!(
        err,
        ApplyError::Store(crate::store::StoreError::Database(_))
    ) {
        metrics::counter!("suara_database_errors_total").increment(1);
    }
    if item.attempts < MAX_ATTEMPTS {
        metrics::counter!("suara_updates_applied_total", "result" => "retry").increment(1);
        tracing::warn!(update.id = item.update_id, attempts = item.attempts, error = %err,
            "update not applied; trying again");
        let wait = (250i64 << item.attempts.clamp(1, 8)).min(30_000);
        let at = Utc::now() + chrono::Duration::milliseconds(wait);
        if let Err(err) = store.retry_inbox(item.id, at).await {
            tracing::warn!(error = %err, "cannot reschedule an update");
        }
        return;
    }
    metrics::counter!("suara_updates_applied_total", "result" => "given_up").increment(1);
    tracing::error!(update.id = item.update_id, error = %err, "update given up");
    let text = tg.reporting.locales.text(lang, "error-generic");
    let to = Destination {
        channel: &item.channel,
        chat,
        chat_key: &item.chat_key,
        priority: 0,
    };
    let mut batch = done(applied);
    let action = OutAction::Send {
        text,
        keyboard: None,
        protect: false,
    };
    let key = format!("{}:{}:failed", item.channel, item.update_id);
    if let Ok(row) = sealed_row(&tg.reporting.server_key, key, &to, &action, Utc::now()) {
        batch.outbox.push(row);
    }
    if store.write(&batch).await.is_ok() {
        tg.sender.flush(item.chat_key.clone(), false);
    }
}
