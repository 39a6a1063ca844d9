//! Builders for Bot API objects (User, Chat, Message, PhotoSize, ...) and
//! the single place where messages are stored in a chat.

use serde_json::{Map, Value, json};

use super::error::ApiError;
use super::state::{ChatKind, FileRec, Inner, MsgRec, SimState, SimUser};

/// Bot API `User` for a simulated user.
pub fn user_json(u: &SimUser) -> Value {
    let mut v = json!({"id": u.id, "is_bot": false, "first_name": u.first_name});
    if let Some(x) = &u.last_name {
        v["last_name"] = json!(x);
    }
    if let Some(x) = &u.username {
        v["username"] = json!(x);
    }
    if let Some(x) = &u.language_code {
        v["language_code"] = json!(x);
    }
    v
}

/// Bot API `Chat` for a stored chat.
pub fn chat_json(inner: &Inner, chat_id: i64) -> Value {
    match inner.chats.get(&chat_id) {
        Some(c) if c.kind == ChatKind::Group => {
            json!({"id": chat_id, "type": "group", "title": c.title.clone().unwrap_or_default()})
        }
        _ => {
            let mut v = json!({"id": chat_id, "type": "private"});
            if let Some(u) = inner.users.get(&chat_id) {
                v["first_name"] = json!(u.first_name);
                if let Some(x) = &u.last_name {
                    v["last_name"] = json!(x);
                }
                if let Some(x) = &u.username {
                    v["username"] = json!(x);
                }
            }
            v
        }
    }
}

/// Options recorded alongside a stored message.
#[derive(Debug, Clone, Default)]
pub struct StoreOpts {
    /// Content kind (text, photo, ...).
    pub kind: String,
    /// protect_content requested.
    pub protect_content: bool,
    /// disable_notification requested.
    pub disable_notification: bool,
}

/// Creates and stores a message in `chat_id`; `content` holds the
/// kind-specific fields (text, entities, photo, reply_markup, ...).
pub fn store_message(
    state: &SimState,
    inner: &mut Inner,
    chat_id: i64,
    from: Value,
    from_bot: bool,
    content: Map<String, Value>,
    opts: StoreOpts,
) -> Result<Value, ApiError> {
    let date = state.now_with(inner);
    let chat = chat_json(inner, chat_id);
    let Some(rec) = inner.chats.get_mut(&chat_id) else {
        return Err(ApiError::bad("chat not found"));
    };
    let message_id = rec.next_message_id;
    rec.next_message_id += 1;
    let mut msg = Map::new();
    msg.insert("message_id".into(), json!(message_id));
    msg.insert("from".into(), from);
    msg.insert("chat".into(), chat);
    msg.insert("date".into(), json!(date));
    if opts.protect_content {
        msg.insert("has_protected_content".into(), json!(true));
    }
    msg.extend(content);
    let json = Value::Object(msg);
    if from_bot {
        rec.action_until = None;
    }
    rec.messages.push(MsgRec {
        message_id,
        from_bot,
        json: json.clone(),
        date,
        deleted: false,
        edited: false,
        protect_content: opts.protect_content,
        disable_notification: opts.disable_notification,
        kind: opts.kind,
        callback_answers: Vec::new(),
    });
    Ok(json)
}

/// Finds a live (not deleted) message.
pub fn live_message(inner: &Inner, chat_id: i64, message_id: i64) -> Option<&MsgRec> {
    inner
        .chats
        .get(&chat_id)?
        .messages
        .iter()
        .find(|m| m.message_id == message_id && !m.deleted)
}

/// Mutable access to a live message.
pub fn live_message_mut(inner: &mut Inner, chat_id: i64, message_id: i64) -> Option<&mut MsgRec> {
    inner
        .chats
        .get_mut(&chat_id)?
        .messages
        .iter_mut()
        .find(|m| m.message_id == message_id && !m.deleted)
}

/// `PhotoSize` array of three sizes, all served from the same bytes.
pub fn photo_sizes(inner: &mut Inner, file: &FileRec) -> Value {
    let size = file.bytes.len();
    let mut out = Vec::new();
    for (i, dim) in [(90, 68), (320, 240), (800, 600)].into_iter().enumerate() {
        let (id, uid) = if i == 2 {
            (file.file_id.clone(), file.file_unique_id.clone())
        } else {
            let copy =
                inner.store_file(file.bytes.to_vec(), None, file.mime_type.clone(), "photos");
            (copy.file_id, copy.file_unique_id)
        };
        let scaled = (size * (i + 1)) / 3;
        out.push(json!({"file_id": id, "file_unique_id": uid,
            "width": dim.0, "height": dim.1, "file_size": scaled.max(1)}));
    }
    Value::Array(out)
}

/// Bot API `Document`.
pub fn document_json(file: &FileRec) -> Value {
    let mut v = json!({"file_id": file.file_id, "file_unique_id": file.file_unique_id,
        "file_size": file.bytes.len()});
    if let Some(n) = &file.file_name {
        v["file_name"] = json!(n);
    }
    if let Some(m) = &file.mime_type {
        v["mime_type"] = json!(m);
    }
    v
}

/// Bot API `Voice`.
pub fn voice_json(file: &FileRec, duration: i64) -> Value {
    json!({"file_id": file.file_id, "file_unique_id": file.file_unique_id,
        "duration": duration, "mime_type": file.mime_type.clone().unwrap_or_else(|| "audio/ogg".into()),
        "file_size": file.bytes.len()})
}

/// Generated sample bytes that start like the real format.
pub fn sample_bytes(kind: &str, len: usize) -> Vec<u8> {
    let head: &[u8] = match kind {
        "voice" => b"OggS\x00\x02\x00\x00\x00\x00\x00\x00\x00\x00OpusHead",
        "photo" => b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00",
        "sticker" => b"RIFF\x00\x00\x00\x00WEBPVP8 ",
        _ => b"%PDF-1.4\n",
    };
    let mut v = head.to_vec();
    v.extend((0..len.saturating_sub(head.len())).map(|i| (i % 251) as u8));
    v
}
