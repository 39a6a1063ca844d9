//! Webhook mode: updates posted by Telegram go into the same inbox; a
//! missing or wrong secret is refused, an oversized body too.

use suara::sim::SimConfig;

use crate::app::{spawn_app_with, test_server_key};

/// A free port on loopback (bound and released: the webhook's URL must
/// name its port before the app binds it).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[tokio::test]
async fn a_webhook_refuses_a_wrong_secret_and_an_oversized_body_and_applies_the_rest() {
    let port = free_port();
    let app = spawn_app_with(SimConfig::default(), |s| {
        s.telegram.webhook_url = Some(format!("http://127.0.0.1:{port}/telegram"));
        s.telegram.webhook_secret = Some("rahasia-webhook_1".to_owned().into());
        s.telegram.webhook_listen = format!("127.0.0.1:{port}");
    })
    .await;
    let _ = test_server_key;
    let url = format!("http://127.0.0.1:{port}/telegram");
    let client = reqwest::Client::new();
    let update = serde_json::json!({"update_id": 1, "message": {"message_id": 1, "date": 1, "chat": {"id": 5, "type": "private"}, "text": "hi"}});
    let missing = client.post(&url).json(&update).send().await.unwrap();
    assert_eq!(missing.status(), 401);
    let wrong = client
        .post(&url)
        .header("X-Telegram-Bot-Api-Secret-Token", "rahasia-webhook_2")
        .json(&update)
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 401);
    let huge = client
        .post(&url)
        .header("X-Telegram-Bot-Api-Secret-Token", "rahasia-webhook_1")
        .header("content-type", "application/json")
        .body(vec![b' '; 2 * 1024 * 1024])
        .send()
        .await
        .unwrap();
    assert_eq!(huge.status(), 413);

    // The simulator posts her messages to the webhook with the secret.
    let sari = app.reporter("Sari", "id").await;
    sari.says("/start").await;
    sari.expects(&["Halo"]).await;
}
