//! The JSON control API and the chat page.

use serde_json::{Value, json};

use super::{ok, sari, setup};

async fn post(url: String, body: Value) -> (u16, Value) {
    let r = ok(reqwest::Client::new().post(url).json(&body).send().await);
    let status = r.status().as_u16();
    (status, ok(r.json().await))
}

#[tokio::test]
async fn a_user_created_over_http_can_send_text_and_read_her_transcript() {
    let (h, _bot) = setup().await;
    let base = h.base_url();
    let (status, user) = post(
        format!("{base}/control/users"),
        json!({"first_name": "Dewi", "language_code": "id"}),
    )
    .await;
    assert_eq!(status, 200);
    let id = user["id"].as_i64().unwrap_or_default();
    assert_eq!(user["chat_id"], id);
    let (status, msg) = post(
        format!("{base}/control/users/{id}/messages"),
        json!({"kind": "text", "text": "tolong /help"}),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(msg["entities"][0]["type"], "bot_command");
    assert_eq!(msg["entities"][0]["offset"], 7);
    let t: Value = ok(
        ok(reqwest::get(format!("{base}/control/chats/{id}/transcript")).await)
            .json()
            .await,
    );
    assert_eq!(t["entries"][0]["direction"], "from_user");
    assert_eq!(t["entries"][0]["text"], "tolong /help");
}

#[tokio::test]
async fn unknown_user_gets_404_with_a_json_error() {
    let (h, _bot) = setup().await;
    let (status, body) = post(
        format!("{}/control/users/999/messages", h.base_url()),
        json!({"kind": "text", "text": "x"}),
    )
    .await;
    assert_eq!(status, 404);
    assert!(
        body["error"]
            .as_str()
            .is_some_and(|e| e.contains("unknown user"))
    );
}

#[tokio::test]
async fn malformed_json_and_missing_fields_get_400() {
    let (h, _bot) = setup().await;
    let r = ok(reqwest::Client::new()
        .post(format!("{}/control/users", h.base_url()))
        .body("{nope")
        .send()
        .await);
    assert_eq!(r.status(), 400);
    let body: Value = ok(r.json().await);
    assert!(body["error"].is_string());
    let (status, _) = post(
        format!("{}/control/users", h.base_url()),
        json!({"language_code": "id"}),
    )
    .await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn a_file_over_20_mb_is_refused_with_413() {
    let (h, _bot) = setup().await;
    let user = sari(&h).await;
    use base64::Engine;
    let big = base64::engine::general_purpose::STANDARD.encode(vec![0u8; 20 * 1024 * 1024 + 1]);
    let url = format!("{}/control/users/{}/messages", h.base_url(), user.id);
    let (status, body) = post(
        url,
        json!({"kind": "document", "file_name": "big.bin", "bytes_base64": big}),
    )
    .await;
    assert_eq!(status, 413);
    assert!(body["error"].as_str().is_some_and(|e| e.contains("20 MB")));
}

#[tokio::test]
async fn faults_and_counts_can_be_managed_over_http() {
    let (h, _bot) = setup().await;
    let base = h.base_url();
    let (status, _) = post(
        format!("{base}/control/faults"),
        json!({"method": "getMe", "kind": "server_error", "status": 502, "count": 1}),
    )
    .await;
    assert_eq!(status, 200);
    let client = reqwest::Client::new();
    let r = ok(client
        .post(format!("{base}/bot{}/getMe", h.token()))
        .send()
        .await);
    assert_eq!(r.status(), 502);
    let r = ok(client
        .post(format!("{base}/bot{}/getMe", h.token()))
        .send()
        .await);
    assert_eq!(r.status(), 200);
    let counts: Value = ok(
        ok(reqwest::get(format!("{base}/control/requests/counts")).await)
            .json()
            .await,
    );
    assert_eq!(counts["getMe"], 2);
}

#[tokio::test]
async fn the_chat_page_is_served_without_inline_script() {
    let (h, _bot) = setup().await;
    let html = ok(ok(reqwest::get(format!("{}/", h.base_url())).await)
        .text()
        .await);
    assert!(html.contains("<script src=\"/static/chat.js\" defer></script>"));
    assert_eq!(html.matches("<script").count(), 1);
    let js = ok(reqwest::get(format!("{}/static/chat.js", h.base_url())).await);
    assert_eq!(js.status(), 200);
    let js = ok(js.text().await);
    assert!(!js.contains("innerHTML"));
    let page = ok(reqwest::get(format!("{}/chat/5", h.base_url())).await);
    assert_eq!(page.status(), 200);
}
