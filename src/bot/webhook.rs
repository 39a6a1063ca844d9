//! Receiving updates by webhook, behind a TLS proxy: Telegram posts each
//! update with the secret it was given; the update is stored in the inbox
//! like a polled one, and the answer is immediate (applying comes after),
//! so Telegram's retries are rare and harmless.

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use teloxide::types::Update;

use super::Telegram;

/// The header Telegram puts the secret in.
const SECRET_HEADER: &str = "x-telegram-bot-api-secret-token";
/// An update is a few kilobytes; files arrive by reference.
const MAX_BODY: usize = 1024 * 1024;

#[derive(Clone)]
struct Hook {
    tg: Arc<Telegram>,
    secret: Arc<String>,
}

/// The webhook's routes: `POST /` and `POST /telegram`.
pub fn router(tg: Arc<Telegram>, secret: String) -> Router {
    let hook = Hook {
        tg,
        secret: Arc::new(secret),
    };
    Router::new()
        .route("/", post(receive))
        .route("/telegram", post(receive))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .with_state(hook)
}

async fn receive(State(hook): State<Hook>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let given = headers
        .get(SECRET_HEADER)
        .map(|v| v.as_bytes())
        .unwrap_or_default();
    if !crate::crypto::ct_eq_padded(given, hook.secret.as_bytes()) {
        return StatusCode::UNAUTHORIZED;
    }
    let Ok(update) = serde_json::from_slice::<Update>(&body) else {
        return StatusCode::BAD_REQUEST;
    };
    match hook.tg.receive(std::slice::from_ref(&update)).await {
        Ok(_) => StatusCode::OK,
        Err(err) => {
            // Telegram tries again later; nothing was confirmed.
            tracing::warn!(error = %err, "cannot store a webhook update");
            hook.tg.during_outage(std::slice::from_ref(&update));
            StatusCode::SERVICE_UNAVAILABLE
        }
    }
}
