//! Delivers the outbox: messages the bot sends unprompted (notices to a
//! reporter). Each is claimed with a lease, sent, and marked; a crash
//! mid-send means it is sent again after the lease, never lost. Several
//! replicas can run this loop at once: claims never overlap.

use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use teloxide::prelude::*;
use teloxide::{ApiError, RequestError};

use crate::crypto::ServerKey;
use crate::crypto::fields::{OutboxChat, OutboxPayload};
use crate::i18n::Locales;
use crate::service::alerts::alert_text;
use crate::service::outbox::{AlertPayload, KIND_ALERT, KIND_NOTICE, NoticePayload};
use crate::store::{OutboxItem, OutboxOutcome, Store};

const LEASE: Duration = Duration::from_secs(60);
const BATCH: i64 = 20;
const IDLE: Duration = Duration::from_millis(500);
const MAX_ATTEMPTS: i64 = 12;

/// Runs until the task is aborted.
pub async fn run(bot: Bot, store: Arc<dyn Store>, key: Arc<ServerKey>, locales: Arc<Locales>) {
    loop {
        let claimed = match store.claim_outbox(Utc::now(), LEASE, BATCH).await {
            Ok(items) => items,
            Err(err) => {
                tracing::warn!(error = %err, "cannot claim outbox");
                Vec::new()
            }
        };
        if claimed.is_empty() {
            tokio::time::sleep(IDLE).await;
            continue;
        }
        for item in claimed {
            let outcome = deliver(&bot, &key, &locales, &item).await;
            if let Err(err) = store.finish_outbox(item.id, &outcome).await {
                tracing::warn!(outbox.id = item.id, error = %err, "cannot record delivery");
            }
        }
    }
}

async fn deliver(
    bot: &Bot,
    key: &ServerKey,
    locales: &Locales,
    item: &OutboxItem,
) -> OutboxOutcome {
    let context = item.dedup_key.clone().unwrap_or_default();
    let chat = key
        .open::<OutboxChat>(&context, &item.chat)
        .ok()
        .and_then(|chat| std::str::from_utf8(&chat).ok()?.parse::<i64>().ok());
    let payload = key.open::<OutboxPayload>(&context, &item.payload).ok();
    // The text is made here, from the locales and the kind's clear fields:
    // nothing a case worker typed is ever in it.
    let text = match (item.kind.as_str(), &payload) {
        (KIND_NOTICE, Some(p)) => serde_json::from_slice::<NoticePayload>(p)
            .ok()
            .map(|n| crate::conversation::update_notice(locales, n.lang)),
        (KIND_ALERT, Some(p)) => serde_json::from_slice::<AlertPayload>(p)
            .ok()
            .map(|a| alert_text(locales, &a)),
        _ => None,
    };
    let (Some(chat), Some(text)) = (chat, text) else {
        return OutboxOutcome::Failed {
            error: format!("cannot open outbox row of kind {}", item.kind),
        };
    };
    match bot.send_message(ChatId(chat), text).await {
        Ok(_) => OutboxOutcome::Sent { at: Utc::now() },
        Err(RequestError::RetryAfter(after)) => OutboxOutcome::Retry {
            at: Utc::now() + after.duration(),
            error: "flood control".into(),
        },
        // She blocked the bot or deleted her account: retrying cannot help.
        Err(RequestError::Api(
            ApiError::BotBlocked | ApiError::ChatNotFound | ApiError::UserDeactivated,
        )) => OutboxOutcome::Failed {
            error: "chat unreachable".into(),
        },
        Err(err) if item.attempts < MAX_ATTEMPTS => OutboxOutcome::Retry {
            at: Utc::now() + backoff(item.attempts),
            error: err.to_string(),
        },
        Err(err) => OutboxOutcome::Failed {
            error: err.to_string(),
        },
    }
}

/// 5 s, 20 s, 45 s … capped at one hour.
fn backoff(attempts: i64) -> chrono::Duration {
    let secs = (attempts.max(1).pow(2) * 5).min(3600);
    chrono::Duration::seconds(secs)
}
