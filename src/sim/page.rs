//! The chat page: server-rendered HTML shell plus a hand-written JS file and
//! CSS, all served by the simulator (no CDN, no build step, no inline
//! script). The JS renders transcripts with `textContent` only.

use axum::Router;
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;

use super::server::AppState;

const HTML: &str = include_str!("static/chat.html");
const JS: &str = include_str!("static/chat.js");
const CSS: &str = include_str!("static/chat.css");

/// Page routes (merged into the main router).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(index))
        .route("/chat/{user_id}", get(index))
        .route("/static/chat.js", get(js))
        .route("/static/chat.css", get(css))
}

async fn index() -> Response {
    (
        [(
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; img-src 'self' data:",
        )],
        Html(HTML),
    )
        .into_response()
}

async fn js() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        JS,
    )
        .into_response()
}

async fn css() -> Response {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], CSS).into_response()
}
