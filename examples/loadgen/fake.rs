//! The lean fake Bot API: just what a bot under load calls, answered from
//! the [`Hub`]. getUpdates long-polls with Telegram's offset rules; sends,
//! edits and deletions become [`EventKind`]s for the reporters; getFile
//! and the file download serve generated voice notes and photos.
//!
//! It runs on its own thread and single-threaded runtime, so its CPU time
//! is that thread's (see `proc::thread_cpu`).

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::{Value, json};

use crate::hub::{EventKind, Hub, Shown};

pub const BOT_ID: i64 = 7_000_000_001;

/// Serves until the process ends.
pub async fn serve(listener: tokio::net::TcpListener, hub: Arc<Hub>) {
    let app = Router::new()
        .route("/file/{bot}/{*path}", get(download))
        .route("/{bot}/{method}", post(api).get(api))
        .with_state(hub);
    let _ = axum::serve(listener, app).await;
}

fn reply(status: StatusCode, body: String) -> Response {
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

fn ok(result: Value) -> Response {
    reply(
        StatusCode::OK,
        json!({"ok": true, "result": result}).to_string(),
    )
}

fn error(code: u16, description: &str) -> Response {
    let body = json!({"ok": false, "error_code": code, "description": description});
    reply(
        StatusCode::from_u16(code).unwrap_or(StatusCode::BAD_REQUEST),
        body.to_string(),
    )
}

fn too_many(retry_after: u32) -> Response {
    let body = json!({"ok": false, "error_code": 429,
        "description": format!("Too Many Requests: retry after {retry_after}"),
        "parameters": {"retry_after": retry_after}});
    reply(StatusCode::TOO_MANY_REQUESTS, body.to_string())
}

fn bot_user() -> Value {
    json!({"id": BOT_ID, "is_bot": true, "first_name": "Suara", "username": "suara_load_bot"})
}

fn chat_json(chat: i64) -> Value {
    json!({"id": chat, "type": "private", "first_name": "Pelapor"})
}

fn now_unix() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

async fn api(
    State(hub): State<Arc<Hub>>,
    Path((bot, method)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    if bot.strip_prefix("bot") != Some(hub.token.as_str()) {
        return error(401, "Unauthorized");
    }
    let p: Value = if body.is_empty() {
        json!({})
    } else {
        match serde_json::from_slice(&body) {
            Ok(v) => v,
            Err(_) => return error(400, "Bad Request: the fake takes JSON bodies only"),
        }
    };
    // Method names are case-insensitive (teloxide sends "GetMe").
    let Some(method) = KNOWN.iter().find(|m| m.eq_ignore_ascii_case(&method)) else {
        hub.count(&method, false);
        return error(404, "Not Found: method not found");
    };
    hub.count(method, true);
    match *method {
        "getUpdates" => get_updates(&hub, &p).await,
        "getMe" => {
            let mut me = bot_user();
            for flag in [
                "can_join_groups",
                "can_read_all_group_messages",
                "supports_inline_queries",
                "can_connect_to_business",
                "has_main_web_app",
            ] {
                me[flag] = json!(false);
            }
            ok(me)
        }
        "getWebhookInfo" => ok(json!({"url": "", "has_custom_certificate": false,
            "pending_update_count": hub.backlog()})),
        "getMyCommands" => ok(json!([])),
        "sendMessage" => send_message(&hub, &p),
        "editMessageText" | "editMessageReplyMarkup" => edit(&hub, &p),
        "deleteMessage" | "deleteMessages" => match p["chat_id"].as_i64() {
            Some(chat) => {
                hub.answered(chat, EventKind::Deleted);
                ok(json!(true))
            }
            None => error(400, "Bad Request: chat_id is required"),
        },
        "getFile" => get_file(&p),
        // deleteWebhook, setMyCommands, answerCallbackQuery, leaveChat, …
        _ => ok(json!(true)),
    }
}

/// Everything the fake answers; any other method is a 404 and is listed
/// in the run's report, so a bot calling something new is noticed.
const KNOWN: &[&str] = &[
    "getUpdates",
    "getMe",
    "getWebhookInfo",
    "deleteWebhook",
    "setMyCommands",
    "getMyCommands",
    "deleteMyCommands",
    "sendMessage",
    "editMessageText",
    "editMessageReplyMarkup",
    "deleteMessage",
    "deleteMessages",
    "answerCallbackQuery",
    "sendChatAction",
    "getFile",
    "leaveChat",
    "close",
];

async fn get_updates(hub: &Hub, p: &Value) -> Response {
    let offset = p["offset"].as_i64().unwrap_or(0);
    let limit = p["limit"].as_u64().unwrap_or(100).clamp(1, 100) as usize;
    let timeout = Duration::from_secs(p["timeout"].as_u64().unwrap_or(0).min(60));
    let deadline = tokio::time::Instant::now() + timeout;
    loop {
        let queued = hub.queued.notified();
        tokio::pin!(queued);
        queued.as_mut().enable();
        if let Some(list) = hub.poll(offset, limit) {
            return reply(StatusCode::OK, format!("{{\"ok\":true,\"result\":{list}}}"));
        }
        if tokio::time::timeout_at(deadline, queued).await.is_err() {
            return reply(StatusCode::OK, "{\"ok\":true,\"result\":[]}".to_owned());
        }
    }
}

fn inline_keyboard(p: &Value) -> Option<Value> {
    let markup = match &p["reply_markup"] {
        Value::String(s) => serde_json::from_str(s).ok()?,
        other => other.clone(),
    };
    markup.get("inline_keyboard").cloned()
}

fn message_json(chat: i64, message_id: i64, text: &str, keyboard: &Option<Value>) -> Value {
    let mut m = json!({"message_id": message_id, "from": bot_user(), "chat": chat_json(chat),
        "date": now_unix(), "text": text});
    if let Some(rows) = keyboard {
        m["reply_markup"] = json!({"inline_keyboard": rows});
    }
    m
}

fn send_message(hub: &Hub, p: &Value) -> Response {
    let (Some(chat), Some(text)) = (p["chat_id"].as_i64(), p["text"].as_str()) else {
        return error(400, "Bad Request: chat_id and text are required");
    };
    if text.is_empty() {
        return error(400, "Bad Request: message text is empty");
    }
    let message_id = match hub.admit_send(chat) {
        Ok(id) => id,
        Err(retry_after) => return too_many(retry_after),
    };
    let keyboard = inline_keyboard(p);
    let protected = p["protect_content"].as_bool().unwrap_or(false);
    let mut m = message_json(chat, message_id, text, &keyboard);
    if protected {
        m["has_protected_content"] = json!(true);
    }
    let shown = Shown {
        message_id,
        text: text.to_owned(),
        keyboard,
    };
    hub.answered(chat, EventKind::Sent(shown));
    ok(m)
}

fn edit(hub: &Hub, p: &Value) -> Response {
    let (Some(chat), Some(message_id)) = (p["chat_id"].as_i64(), p["message_id"].as_i64()) else {
        return error(400, "Bad Request: chat_id and message_id are required");
    };
    let text = p["text"].as_str().unwrap_or_default();
    let keyboard = inline_keyboard(p);
    let mut m = message_json(chat, message_id, text, &keyboard);
    m["edit_date"] = json!(now_unix());
    let shown = Shown {
        message_id,
        text: text.to_owned(),
        keyboard,
    };
    hub.answered(chat, EventKind::Edited(shown));
    ok(m)
}

/// File ids are `voice-…` or `photo-…`; the path keeps the kind.
fn get_file(p: &Value) -> Response {
    let Some(id) = p["file_id"].as_str() else {
        return error(400, "Bad Request: file_id is required");
    };
    let ext = if id.starts_with("voice") {
        "oga"
    } else {
        "jpg"
    };
    ok(json!({"file_id": id, "file_unique_id": format!("u{id}"),
        "file_path": format!("files/{id}.{ext}")}))
}

async fn download(
    State(hub): State<Arc<Hub>>,
    Path((bot, path)): Path<(String, String)>,
) -> Response {
    if bot.strip_prefix("bot") != Some(hub.token.as_str()) {
        return error(401, "Unauthorized");
    }
    hub.count("file download", true);
    let bytes = if path.ends_with(".oga") {
        hub.files.voice.clone()
    } else {
        hub.files.photo.clone()
    };
    ([(header::CONTENT_TYPE, "application/octet-stream")], bytes).into_response()
}
