//! HTTP front: routing, token check, request logging, fault injection, the
//! flood limit and file downloads.

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{DefaultBodyLimit, Path, RawQuery, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Json, Response};
use axum::routing::get;
use serde_json::json;

use super::error::ApiError;
use super::faults::FaultKind;
use super::log::{RequestRecord, canonical_method};
use super::methods::dispatch;
use super::params::Params;
use super::state::SimState;
use super::{control, page};

/// Shared state as seen by handlers.
pub type AppState = Arc<SimState>;

/// The full router: Bot API, file downloads, control API and chat page.
pub fn router(state: AppState) -> Router {
    Router::new()
        .merge(page::routes())
        .merge(control::routes())
        .route("/file/{bot}/{*path}", get(download))
        .route("/{bot}/{method}", get(bot_api).post(bot_api))
        // Uploads may be up to 50 MB; control JSON carries base64 files.
        .layer(DefaultBodyLimit::max(100 * 1024 * 1024))
        .with_state(state)
}

fn not_found() -> Response {
    ApiError::status(404, "Not Found").into_response()
}

fn unauthorized() -> Response {
    ApiError::status(401, "Unauthorized").into_response()
}

/// A response whose head is sent and whose body then fails, so the client
/// sees the connection drop mid-response.
fn dropped_connection() -> Response {
    let stream = futures::stream::once(async {
        Err::<Bytes, std::io::Error>(std::io::Error::new(
            std::io::ErrorKind::ConnectionAborted,
            "connection dropped by simulator fault",
        ))
    });
    Response::builder()
        .status(StatusCode::OK)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from_stream(stream))
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

fn log_request(state: &SimState, raw: &str, params: &Params) -> usize {
    let method = canonical_method(raw);
    let mut inner = state.lock();
    let name = method.map(str::to_owned).unwrap_or_else(|| raw.to_owned());
    *inner.counts.entry(name.clone()).or_default() += 1;
    let seq = inner.requests.len() as u64 + 1;
    let date = state.now_with(&inner);
    inner.requests.push(RequestRecord {
        seq,
        method: name,
        raw_method: raw.to_owned(),
        known: method.is_some(),
        transport: params.transport.to_owned(),
        param_names: params.names.clone(),
        params: serde_json::Value::Object(params.map.clone()),
        uploads: params.upload_records(),
        date,
        status: 0,
        error: None,
    });
    drop(inner);
    state.touch();
    (seq - 1) as usize
}

fn finish(state: &SimState, idx: usize, result: &Result<serde_json::Value, ApiError>) {
    let mut inner = state.lock();
    if let Some(r) = inner.requests.get_mut(idx) {
        match result {
            Ok(_) => r.status = 200,
            Err(e) => {
                r.status = e.code;
                r.error = Some(e.description.clone());
            }
        }
    }
    drop(inner);
    state.touch();
}

fn is_send(method: &str) -> bool {
    matches!(
        method,
        "sendMessage"
            | "sendPhoto"
            | "sendDocument"
            | "sendVoice"
            | "copyMessage"
            | "forwardMessage"
    )
}

async fn bot_api(
    State(state): State<AppState>,
    Path((bot, raw_method)): Path<(String, String)>,
    RawQuery(query): RawQuery,
    req: Request,
) -> Response {
    let Some(token) = bot.strip_prefix("bot") else {
        return not_found();
    };
    if token != state.token {
        return unauthorized();
    }
    let params = match Params::decode(req, query.as_deref()).await {
        Ok(p) => p,
        Err(e) => {
            let idx = log_request(&state, &raw_method, &Params::default());
            finish(&state, idx, &Err(e.clone()));
            return e.into_response();
        }
    };
    let idx = log_request(&state, &raw_method, &params);
    let fault = state.lock().take_fault(&raw_method.to_ascii_lowercase());
    let injected = match fault {
        Some(FaultKind::Delay { ms }) => {
            tokio::time::sleep(Duration::from_millis(ms)).await;
            None
        }
        Some(FaultKind::TooManyRequests { retry_after }) => Some(ApiError::too_many(retry_after)),
        Some(FaultKind::ServerError { status }) => {
            let code = if (500..=599).contains(&status) {
                status
            } else {
                500
            };
            Some(ApiError::status(code, "Internal Server Error"))
        }
        Some(FaultKind::Drop) => {
            finish(
                &state,
                idx,
                &Err(ApiError::status(499, "connection dropped")),
            );
            return dropped_connection();
        }
        Some(FaultKind::DropAfter) => {
            if let Some(m) = canonical_method(&raw_method) {
                let done = dispatch(&state, m, &params)
                    .await
                    .map(|(v, _)| json!({"ok": true, "result": v}));
                finish(&state, idx, &done);
            }
            return dropped_connection();
        }
        Some(FaultKind::Late { ms }) => {
            let done = match canonical_method(&raw_method) {
                Some(m) => dispatch(&state, m, &params)
                    .await
                    .map(|(v, _)| json!({"ok": true, "result": v})),
                None => Err(ApiError::status(404, "Not Found")),
            };
            finish(&state, idx, &done);
            tokio::time::sleep(Duration::from_millis(ms)).await;
            return match done {
                Ok(body) => Json(body).into_response(),
                Err(e) => e.into_response(),
            };
        }
        None => None,
    };
    let result = match (injected, canonical_method(&raw_method)) {
        (Some(e), _) => Err(e),
        (None, None) => Err(ApiError::status(404, "Not Found")),
        (None, Some(m)) => {
            let flood = match params.i64("chat_id") {
                Some(chat) if is_send(m) => state.lock().flood_check(chat),
                _ => None,
            };
            match flood {
                Some(retry) => Err(ApiError::too_many(retry)),
                None => dispatch(&state, m, &params).await.map(|(v, d)| {
                    let mut body = json!({"ok": true, "result": v});
                    if let Some(d) = d {
                        body["description"] = json!(d);
                    }
                    body
                }),
            }
        }
    };
    finish(&state, idx, &result);
    match result {
        Ok(body) => Json(body).into_response(),
        Err(e) => e.into_response(),
    }
}

async fn download(
    State(state): State<AppState>,
    Path((bot, path)): Path<(String, String)>,
) -> Response {
    if bot.strip_prefix("bot") != Some(state.token.as_str()) {
        return unauthorized();
    }
    let file = {
        let inner = state.lock();
        inner.files.values().find(|f| f.file_path == path).cloned()
    };
    match file {
        Some(f) => {
            let mime = f
                .mime_type
                .clone()
                .unwrap_or_else(|| "application/octet-stream".into());
            ([(header::CONTENT_TYPE, mime)], f.bytes.to_vec()).into_response()
        }
        None => not_found(),
    }
}
