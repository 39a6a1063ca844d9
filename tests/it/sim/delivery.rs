//! Update delivery: long polling, webhooks, faults on the wire.

use axum::http::HeaderMap;
use serde_json::Value;
use suara::sim::FaultKind;
use teloxide::RequestError;
use teloxide::prelude::*;
use tokio::sync::mpsc;

use super::{WAIT, assert_api_error, ok, sari, setup};

#[tokio::test]
async fn get_updates_long_poll_returns_early_when_an_update_arrives() {
    let (h, bot) = setup().await;
    let user = sari(&h).await;
    let poll = tokio::spawn({
        let bot = bot.clone();
        async move { bot.get_updates().timeout(30).await }
    });
    h.wait_for_requests("getUpdates", 1, WAIT)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    ok(h.send_text(user.id, "halo").await);
    let updates = tokio::time::timeout(WAIT, poll).await;
    let updates = ok(ok(ok(updates)));
    assert_eq!(updates.len(), 1);
}

#[tokio::test]
async fn negative_offset_keeps_only_the_newest_updates() {
    let (h, bot) = setup().await;
    let user = sari(&h).await;
    for t in ["a", "b", "c"] {
        ok(h.send_text(user.id, t).await);
    }
    let last = ok(bot.get_updates().offset(-1).await);
    assert_eq!(last.len(), 1);
    assert_eq!(ok(bot.get_updates().await).len(), 1);
}

#[tokio::test]
async fn injected_429_is_returned_with_retry_after() {
    let (h, bot) = setup().await;
    let user = sari(&h).await;
    h.inject_fault(
        "sendMessage",
        FaultKind::TooManyRequests { retry_after: 7 },
        1,
    )
    .await;
    match bot.send_message(ChatId(user.id), "x").await {
        Err(RequestError::RetryAfter(s)) => assert_eq!(s.seconds(), 7),
        other => panic!("expected RetryAfter, got {other:?}"),
    }
    h.inject_fault(
        "sendMessage",
        FaultKind::TooManyRequests { retry_after: 3 },
        1,
    )
    .await;
    let url = format!("{}/bot{}/sendMessage", h.base_url(), h.token());
    let body = serde_json::json!({"chat_id": user.id, "text": "x"});
    let r = ok(reqwest::Client::new().post(url).json(&body).send().await);
    assert_eq!(r.status(), 429);
    let v: Value = ok(r.json().await);
    assert_eq!(
        v,
        serde_json::json!({"ok": false, "error_code": 429,
        "description": "Too Many Requests: retry after 3", "parameters": {"retry_after": 3}})
    );
    ok(bot.send_message(ChatId(user.id), "after").await);
}

#[tokio::test]
async fn the_flood_limit_answers_429_for_a_second_message_in_the_same_second() {
    let (h, bot) = setup().await;
    let user = sari(&h).await;
    h.set_flood_limit(Some(suara::sim::FloodLimit {
        per_chat_per_sec: 1,
        global_per_sec: 30,
    }))
    .await;
    ok(bot.send_message(ChatId(user.id), "1").await);
    assert!(matches!(
        bot.send_message(ChatId(user.id), "2").await,
        Err(RequestError::RetryAfter(_))
    ));
}

#[tokio::test]
async fn a_dropped_connection_is_a_network_error_for_teloxide() {
    let (h, bot) = setup().await;
    h.inject_fault("getMe", FaultKind::Drop, 1).await;
    let r = bot.get_me().await;
    assert!(matches!(r, Err(RequestError::Network(_))), "got {r:?}");
    ok(bot.get_me().await);
}

#[tokio::test]
async fn webhook_mode_delivers_updates_with_the_secret_header() {
    let (h, bot) = setup().await;
    h.expect_violations(&["setWebhook.secret_token"]);
    let user = sari(&h).await;
    let (tx, mut rx) = mpsc::unbounded_channel::<(Option<String>, Value)>();
    let app = axum::Router::new().route(
        "/hook",
        axum::routing::post(
            move |headers: HeaderMap, axum::Json(body): axum::Json<Value>| {
                let tx = tx.clone();
                async move {
                    let secret = headers
                        .get("X-Telegram-Bot-Api-Secret-Token")
                        .and_then(|v| v.to_str().ok())
                        .map(str::to_owned);
                    let _ = tx.send((secret, body));
                    "ok"
                }
            },
        ),
    );
    let listener = ok(tokio::net::TcpListener::bind("127.0.0.1:0").await);
    let addr = ok(listener.local_addr());
    let server = tokio::spawn(async move { axum::serve(listener, app).await });
    let url = ok(reqwest::Url::parse(&format!("http://{addr}/hook")));
    ok(bot.set_webhook(url).secret_token("s3cret_-X").await);
    assert_api_error(bot.get_updates().await, "Conflict");
    ok(h.send_text(user.id, "/start").await);
    let (secret, update) =
        ok(tokio::time::timeout(WAIT, rx.recv()).await).unwrap_or_else(|| panic!("closed"));
    assert_eq!(secret.as_deref(), Some("s3cret_-X"));
    assert_eq!(update["message"]["text"], "/start");
    let info = ok(bot.get_webhook_info().await);
    assert_eq!(info.pending_update_count, 0);
    assert_api_error(
        bot.set_webhook(ok(reqwest::Url::parse("http://x/")))
            .secret_token("bad secret!")
            .await,
        "secret token",
    );
    ok(bot.delete_webhook().await);
    server.abort();
}

#[tokio::test]
async fn a_failing_webhook_is_retried_until_it_accepts_the_update() {
    let (h, bot) = setup().await;
    let user = sari(&h).await;
    let (tx, mut rx) = mpsc::unbounded_channel::<u16>();
    let calls = std::sync::Arc::new(std::sync::atomic::AtomicU32::new(0));
    let app = axum::Router::new().route(
        "/hook",
        axum::routing::post(move || {
            let n = calls.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            let status = if n == 0 { 500 } else { 200 };
            let _ = tx.send(status);
            async move { axum::http::StatusCode::from_u16(status).unwrap_or_default() }
        }),
    );
    let listener = ok(tokio::net::TcpListener::bind("127.0.0.1:0").await);
    let addr = ok(listener.local_addr());
    let server = tokio::spawn(async move { axum::serve(listener, app).await });
    ok(bot
        .set_webhook(ok(reqwest::Url::parse(&format!("http://{addr}/hook"))))
        .await);
    ok(h.send_text(user.id, "halo").await);
    let first = ok(tokio::time::timeout(WAIT, rx.recv()).await);
    let second = ok(tokio::time::timeout(WAIT, rx.recv()).await);
    assert_eq!((first, second), (Some(500), Some(200)));
    let info = ok(bot.get_webhook_info().await);
    assert!(info.last_error_message.is_some());
    server.abort();
}
