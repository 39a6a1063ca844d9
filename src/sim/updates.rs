//! Update delivery: getUpdates long polling with Telegram's offset rules,
//! webhook registration, and the background task that POSTs updates to the
//! webhook in order, retrying with backoff until they are accepted.

use std::sync::Arc;
use std::time::Duration;

use serde_json::{Value, json};
use tokio::sync::watch;
use tokio::time::Instant;

use super::error::ApiError;
use super::methods::MethodResult;
use super::params::Params;
use super::state::{Inner, SimState, Webhook};
use super::validate;

/// The update's kind, i.e. its one field besides `update_id`.
pub fn update_kind(u: &Value) -> &str {
    u.as_object()
        .and_then(|o| o.keys().find(|k| *k != "update_id"))
        .map(String::as_str)
        .unwrap_or("")
}

fn allowed(list: &Option<Vec<String>>, kind: &str) -> bool {
    match list {
        Some(list) if !list.is_empty() => list.iter().any(|k| k == kind),
        _ => !matches!(
            kind,
            "chat_member" | "message_reaction" | "message_reaction_count"
        ),
    }
}

/// Drops updates the bot has not subscribed to (Telegram never creates them).
fn drop_unwanted(inner: &mut Inner) {
    let list = inner.allowed_updates.clone();
    inner.updates.retain(|u| allowed(&list, update_kind(u)));
}

fn parse_allowed(p: &Params) -> Result<Option<Vec<String>>, ApiError> {
    Ok(p.json("allowed_updates")?.map(|v| {
        v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|s| s.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    }))
}

/// getUpdates: confirms updates below `offset`, then waits up to `timeout`
/// seconds for at least one update. `limit` is clamped to 1–100 as Telegram
/// does.
pub async fn get_updates(state: &SimState, p: &Params) -> Result<Value, ApiError> {
    let limit = p.i64("limit").unwrap_or(100).clamp(1, 100) as usize;
    let timeout = p.i64("timeout").unwrap_or(0).clamp(0, 3600) as u64;
    let deadline = Instant::now() + Duration::from_secs(timeout);
    let offset = p.i64("offset").unwrap_or(0);
    let new_allowed = parse_allowed(p)?;
    {
        let mut inner = state.lock();
        if inner.webhook.is_some() {
            return Err(ApiError::webhook_conflict());
        }
        if let Some(list) = new_allowed {
            inner.allowed_updates = Some(list);
        }
        if offset > 0 {
            inner
                .updates
                .retain(|u| u["update_id"].as_i64().unwrap_or(0) >= offset);
        } else if offset < 0 {
            let keep = offset.unsigned_abs() as usize;
            let excess = inner.updates.len().saturating_sub(keep);
            inner.updates.drain(..excess);
        }
    }
    loop {
        let notified = state.update_notify.notified();
        tokio::pin!(notified);
        notified.as_mut().enable();
        {
            let mut inner = state.lock();
            if inner.webhook.is_some() {
                return Err(ApiError::webhook_conflict());
            }
            drop_unwanted(&mut inner);
            if !inner.updates.is_empty() || Instant::now() >= deadline {
                let out: Vec<Value> = inner.updates.iter().take(limit).cloned().collect();
                return Ok(Value::Array(out));
            }
        }
        if tokio::time::timeout_at(deadline, notified).await.is_err() {
            return Ok(json!([]));
        }
    }
}

/// setWebhook (plain `http://` URLs are accepted so tests can receive).
pub fn set_webhook(state: &SimState, p: &Params) -> MethodResult {
    let url = p.str("url").unwrap_or_default();
    let secret = p.str("secret_token");
    if let Some(s) = &secret {
        validate::secret_token(s)?;
    }
    let new_allowed = parse_allowed(p)?;
    let mut inner = state.lock();
    if p.bool("drop_pending_updates") {
        inner.updates.clear();
    }
    if url.is_empty() {
        inner.webhook = None;
        return Ok((json!(true), Some("Webhook was deleted")));
    }
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        return Err(ApiError::bad(
            "bad webhook: An HTTPS URL must be provided for webhook",
        ));
    }
    if let Some(list) = new_allowed {
        inner.allowed_updates = Some(list);
    }
    inner.webhook = Some(Webhook {
        url,
        secret_token: secret,
        ..Default::default()
    });
    drop(inner);
    state.update_notify.notify_waiters();
    Ok((json!(true), Some("Webhook was set")))
}

/// deleteWebhook.
pub fn delete_webhook(state: &SimState, p: &Params) -> MethodResult {
    let mut inner = state.lock();
    if p.bool("drop_pending_updates") {
        inner.updates.clear();
    }
    let had = inner.webhook.take().is_some();
    drop(inner);
    state.update_notify.notify_waiters();
    Ok((
        json!(true),
        Some(if had {
            "Webhook was deleted"
        } else {
            "Webhook is already deleted"
        }),
    ))
}

/// getWebhookInfo.
pub fn webhook_info(state: &SimState) -> Value {
    let inner = state.lock();
    let pending = inner.updates.len();
    let Some(w) = &inner.webhook else {
        return json!({"url": "", "has_custom_certificate": false, "pending_update_count": pending});
    };
    let mut v = json!({"url": w.url, "has_custom_certificate": false,
        "pending_update_count": pending, "max_connections": 40});
    if let Some(d) = w.last_error_date {
        v["last_error_date"] = json!(d);
        v["last_error_message"] = json!(w.last_error_message);
    }
    if let Some(list) = inner.allowed_updates.as_ref().filter(|l| !l.is_empty()) {
        v["allowed_updates"] = json!(list);
    }
    v
}

/// Background webhook delivery until `shutdown` flips or its sender drops.
pub async fn webhook_loop(state: Arc<SimState>, mut shutdown: watch::Receiver<bool>) {
    let client = reqwest::Client::new();
    let mut backoff = Duration::from_millis(50);
    loop {
        let notified = state.update_notify.notified();
        tokio::pin!(notified);
        notified.as_mut().enable();
        let job = {
            let mut inner = state.lock();
            drop_unwanted(&mut inner);
            inner.webhook.clone().zip(inner.updates.front().cloned())
        };
        let Some((hook, update)) = job else {
            tokio::select! {
                _ = &mut notified => continue,
                _ = shutdown.changed() => return,
            }
        };
        let mut req = client
            .post(&hook.url)
            .json(&update)
            .timeout(Duration::from_secs(10));
        if let Some(s) = &hook.secret_token {
            req = req.header("X-Telegram-Bot-Api-Secret-Token", s);
        }
        let outcome = tokio::select! {
            r = req.send() => r,
            _ = shutdown.changed() => return,
        };
        let error = match outcome {
            Ok(r) if r.status().is_success() => None,
            Ok(r) => Some(format!("Wrong response from the webhook: {}", r.status())),
            Err(e) => Some(format!("Connection failed: {e}")),
        };
        let failed = {
            let mut inner = state.lock();
            match error {
                None => {
                    if inner.updates.front().map(|u| &u["update_id"]) == Some(&update["update_id"])
                    {
                        inner.updates.pop_front();
                    }
                    false
                }
                Some(msg) => {
                    let now = state.now_with(&inner);
                    if let Some(w) = inner.webhook.as_mut() {
                        w.last_error_date = Some(now);
                        w.last_error_message = Some(msg);
                    }
                    true
                }
            }
        };
        if failed {
            tokio::select! {
                _ = tokio::time::sleep(backoff) => {},
                _ = shutdown.changed() => return,
            }
            backoff = (backoff * 2).min(Duration::from_secs(2));
        } else {
            backoff = Duration::from_millis(50);
            state.touch();
        }
    }
}
