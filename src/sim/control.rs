//! Control API under `/control/...`: JSON in and out, errors as
//! `{"error": "..."}` with a 4xx status.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Json, Response};
use axum::routing::{get, post};
use base64::Engine;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::json;

use super::error::SimError;
use super::faults::{FaultPlan, FloodLimit, list_faults};
use super::server::AppState;
use super::users::{ButtonRef, NewUser, UserMessage};

type Res = Result<Response, SimError>;

/// Control routes (merged into the main router).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/control/users", get(list_users).post(create_user))
        .route("/control/users/{id}/messages", post(user_message))
        .route("/control/users/{id}/press", post(press))
        .route("/control/users/{id}/edit", post(edit))
        .route("/control/users/{id}/block", post(block))
        .route("/control/groups", post(create_group))
        .route("/control/chats/{id}/transcript", get(transcript))
        .route("/control/clock", get(clock))
        .route("/control/clock/advance", post(advance))
        .route(
            "/control/faults",
            get(faults).post(add_fault).delete(clear_faults),
        )
        .route("/control/flood", post(set_flood).delete(clear_flood))
        .route("/control/requests", get(requests))
        .route("/control/requests/counts", get(counts))
        .route("/control/files/{file_id}", get(file))
}

fn parse<T: DeserializeOwned>(body: &Bytes) -> Result<T, SimError> {
    serde_json::from_slice(body).map_err(|e| SimError::Invalid(format!("invalid JSON body: {e}")))
}

fn id(raw: &str) -> Result<i64, SimError> {
    raw.parse()
        .map_err(|_| SimError::Invalid(format!("invalid id {raw:?}")))
}

fn ok(v: impl serde::Serialize) -> Res {
    Ok(Json(v).into_response())
}

async fn list_users(State(s): State<AppState>) -> Res {
    ok(s.users())
}

async fn create_user(State(s): State<AppState>, body: Bytes) -> Res {
    ok(s.create_user(parse::<NewUser>(&body)?)?)
}

/// A user message as JSON; files travel as base64 (absent = sample bytes).
#[derive(Debug, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum ControlMessage {
    Text {
        text: String,
    },
    Voice {
        bytes_base64: Option<String>,
        duration: Option<u32>,
    },
    Photo {
        bytes_base64: Option<String>,
        caption: Option<String>,
    },
    Document {
        file_name: String,
        mime_type: Option<String>,
        bytes_base64: Option<String>,
        caption: Option<String>,
    },
    Sticker {
        emoji: Option<String>,
    },
    Location {
        latitude: f64,
        longitude: f64,
    },
    Contact {
        phone_number: String,
        first_name: String,
    },
    Forwarded {
        text: String,
        sender_name: String,
    },
}

fn decode(b64: Option<String>) -> Result<Option<Vec<u8>>, SimError> {
    let Some(b) = b64 else { return Ok(None) };
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(b.as_bytes())
        .map_err(|e| SimError::Invalid(format!("bytes_base64 is not valid base64: {e}")))?;
    Ok(Some(bytes))
}

impl TryFrom<ControlMessage> for UserMessage {
    type Error = SimError;
    fn try_from(m: ControlMessage) -> Result<Self, SimError> {
        Ok(match m {
            ControlMessage::Text { text } => UserMessage::Text(text),
            ControlMessage::Voice {
                bytes_base64,
                duration,
            } => UserMessage::Voice {
                bytes: decode(bytes_base64)?,
                duration: duration.unwrap_or(3),
            },
            ControlMessage::Photo {
                bytes_base64,
                caption,
            } => UserMessage::Photo {
                bytes: decode(bytes_base64)?,
                caption,
            },
            ControlMessage::Document {
                file_name,
                mime_type,
                bytes_base64,
                caption,
            } => UserMessage::Document {
                file_name,
                mime_type,
                bytes: decode(bytes_base64)?,
                caption,
            },
            ControlMessage::Sticker { emoji } => UserMessage::Sticker {
                emoji: emoji.unwrap_or_else(|| "🙂".into()),
            },
            ControlMessage::Location {
                latitude,
                longitude,
            } => UserMessage::Location {
                latitude,
                longitude,
            },
            ControlMessage::Contact {
                phone_number,
                first_name,
            } => UserMessage::Contact {
                phone_number,
                first_name,
            },
            ControlMessage::Forwarded { text, sender_name } => {
                UserMessage::Forwarded { text, sender_name }
            }
        })
    }
}

#[derive(Debug, Deserialize)]
struct ChatTarget {
    chat_id: Option<i64>,
}

async fn user_message(State(s): State<AppState>, Path(uid): Path<String>, body: Bytes) -> Res {
    let uid = id(&uid)?;
    let target: ChatTarget = parse(&body)?;
    let msg: ControlMessage = parse(&body)?;
    ok(s.user_send(uid, target.chat_id, msg.try_into()?)?)
}

async fn press(State(s): State<AppState>, Path(uid): Path<String>, body: Bytes) -> Res {
    let uid = id(&uid)?;
    let target: ChatTarget = parse(&body)?;
    let which: ButtonRef = parse(&body)?;
    if which.label.is_none() && which.data.is_none() {
        return Err(SimError::Invalid("missing field `label` or `data`".into()));
    }
    ok(s.press_button(uid, target.chat_id, which)?)
}

#[derive(Debug, Deserialize)]
struct EditBody {
    message_id: i64,
    text: String,
    chat_id: Option<i64>,
}

async fn edit(State(s): State<AppState>, Path(uid): Path<String>, body: Bytes) -> Res {
    let b: EditBody = parse(&body)?;
    ok(s.user_edit(id(&uid)?, b.chat_id, b.message_id, &b.text)?)
}

#[derive(Debug, Deserialize)]
struct BlockBody {
    blocked: bool,
}

async fn block(State(s): State<AppState>, Path(uid): Path<String>, body: Bytes) -> Res {
    let b: BlockBody = parse(&body)?;
    s.set_blocked(id(&uid)?, b.blocked)?;
    ok(json!({"ok": true}))
}

#[derive(Debug, Deserialize)]
struct GroupBody {
    title: String,
    member_ids: Vec<i64>,
}

async fn create_group(State(s): State<AppState>, body: Bytes) -> Res {
    let b: GroupBody = parse(&body)?;
    ok(json!({"chat_id": s.create_group(&b.title, &b.member_ids)?}))
}

async fn transcript(State(s): State<AppState>, Path(chat): Path<String>) -> Res {
    ok(s.transcript(id(&chat)?)?)
}

async fn clock(State(s): State<AppState>) -> Res {
    let offset = s.lock().clock_offset;
    ok(json!({"now": s.now(), "offset_seconds": offset}))
}

#[derive(Debug, Deserialize)]
struct AdvanceBody {
    seconds: i64,
}

async fn advance(State(s): State<AppState>, body: Bytes) -> Res {
    let b: AdvanceBody = parse(&body)?;
    ok(json!({"now": s.advance_clock(b.seconds)}))
}

async fn faults(State(s): State<AppState>) -> Res {
    ok(list_faults(&s.lock()))
}

#[derive(Debug, Deserialize)]
struct FaultBody {
    method: String,
    #[serde(flatten)]
    plan: FaultPlan,
}

async fn add_fault(State(s): State<AppState>, body: Bytes) -> Res {
    let b: FaultBody = parse(&body)?;
    s.lock().add_fault(&b.method, b.plan);
    ok(json!({"ok": true}))
}

async fn clear_faults(State(s): State<AppState>) -> Res {
    s.lock().faults.clear();
    ok(json!({"ok": true}))
}

async fn set_flood(State(s): State<AppState>, body: Bytes) -> Res {
    let limit: FloodLimit = parse(&body)?;
    s.lock().flood = Some(limit);
    ok(json!({"ok": true}))
}

async fn clear_flood(State(s): State<AppState>) -> Res {
    s.lock().flood = None;
    ok(json!({"ok": true}))
}

async fn requests(State(s): State<AppState>) -> Res {
    ok(s.lock().requests.clone())
}

async fn counts(State(s): State<AppState>) -> Res {
    ok(s.lock().counts.clone())
}

async fn file(State(s): State<AppState>, Path(file_id): Path<String>) -> Res {
    let f = s.lock().files.get(&file_id).cloned();
    let f = f.ok_or_else(|| SimError::Invalid(format!("unknown file {file_id}")))?;
    let mime = f
        .mime_type
        .unwrap_or_else(|| "application/octet-stream".into());
    Ok(([(header::CONTENT_TYPE, mime)], f.bytes.to_vec()).into_response())
}
