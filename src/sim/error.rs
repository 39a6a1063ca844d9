//! Error types: `ApiError` is what the fake Bot API answers, `SimError` is
//! what the in-process and control APIs return.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

/// A Bot API error answer (`{"ok":false,"error_code":...}`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// HTTP status and `error_code`.
    pub code: u16,
    /// `description`, e.g. `Bad Request: chat not found`.
    pub description: String,
    /// `parameters.retry_after` for 429.
    pub retry_after: Option<u64>,
}

impl ApiError {
    /// 400 `Bad Request: <msg>`.
    pub fn bad(msg: impl std::fmt::Display) -> Self {
        Self {
            code: 400,
            description: format!("Bad Request: {msg}"),
            retry_after: None,
        }
    }

    /// 403 `Forbidden: <msg>`.
    pub fn forbidden(msg: &str) -> Self {
        Self {
            code: 403,
            description: format!("Forbidden: {msg}"),
            retry_after: None,
        }
    }

    /// 429 with `retry_after`.
    pub fn too_many(retry_after: u64) -> Self {
        Self {
            code: 429,
            description: format!("Too Many Requests: retry after {retry_after}"),
            retry_after: Some(retry_after),
        }
    }

    /// 409 Conflict while a webhook is active.
    pub fn webhook_conflict() -> Self {
        Self {
            code: 409,
            description: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first".into(),
            retry_after: None,
        }
    }

    /// Arbitrary status with a description.
    pub fn status(code: u16, description: &str) -> Self {
        Self {
            code,
            description: description.into(),
            retry_after: None,
        }
    }

    /// The JSON body Telegram sends.
    pub fn body(&self) -> Value {
        let mut v = json!({"ok": false, "error_code": self.code, "description": self.description});
        if let Some(s) = self.retry_after {
            v["parameters"] = json!({"retry_after": s});
        }
        v
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.code).unwrap_or(StatusCode::BAD_REQUEST);
        (status, Json(self.body())).into_response()
    }
}

/// Errors of the simulator's own APIs (start-up, control, in-process).
#[derive(Debug, thiserror::Error)]
pub enum SimError {
    /// Could not bind or serve.
    #[error("simulator I/O error: {0}")]
    Io(#[from] std::io::Error),
    /// No user with this id.
    #[error("unknown user {0}")]
    UnknownUser(i64),
    /// No chat with this id.
    #[error("unknown chat {0}")]
    UnknownChat(i64),
    /// No message with this id in the chat.
    #[error("unknown message {1} in chat {0}")]
    UnknownMessage(i64, i64),
    /// No matching inline button.
    #[error("no inline button matching {0:?}")]
    NoSuchButton(String),
    /// File above the 20 MB limit.
    #[error("file of {0} bytes exceeds the 20 MB limit")]
    FileTooLarge(usize),
    /// Invalid input.
    #[error("{0}")]
    Invalid(String),
    /// A wait timed out.
    #[error("timed out waiting for {0}")]
    Timeout(String),
}

impl SimError {
    /// HTTP status used by the control API.
    pub fn status(&self) -> StatusCode {
        match self {
            Self::UnknownUser(_) | Self::UnknownChat(_) | Self::UnknownMessage(..) => {
                StatusCode::NOT_FOUND
            }
            Self::NoSuchButton(_) => StatusCode::NOT_FOUND,
            Self::FileTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Self::Invalid(_) => StatusCode::BAD_REQUEST,
            Self::Timeout(_) => StatusCode::REQUEST_TIMEOUT,
            Self::Io(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl IntoResponse for SimError {
    fn into_response(self) -> Response {
        (self.status(), Json(json!({"error": self.to_string()}))).into_response()
    }
}
