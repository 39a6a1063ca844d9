//! Media methods: sendPhoto/sendDocument/sendVoice (uploads, file_ids or
//! URLs), getFile, copyMessage and forwardMessage.

use serde_json::{Map, Value, json};

use super::error::ApiError;
use super::methods::{apply_common, formatted, store_bot_message, writable_chat};
use super::objects::{document_json, live_message, photo_sizes, sample_bytes, voice_json};
use super::params::{Params, Upload};
use super::state::{FileRec, Inner, SimState};
use super::validate;

/// Bots may download files up to 20 MB.
pub const DOWNLOAD_LIMIT: usize = 20 * 1024 * 1024;
const UPLOAD_LIMIT: usize = 50 * 1024 * 1024;

fn guess_mime(name: Option<&str>, fallback: &str) -> String {
    let ext = name
        .and_then(|n| n.rsplit_once('.'))
        .map(|(_, e)| e.to_ascii_lowercase());
    match ext.as_deref() {
        Some("pdf") => "application/pdf",
        Some("txt") => "text/plain",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("png") => "image/png",
        Some("ogg" | "oga" | "opus") => "audio/ogg",
        Some("zip") => "application/zip",
        _ => fallback,
    }
    .to_owned()
}

/// Resolves the file parameter `key` to a stored file.
fn resolve_file(inner: &mut Inner, p: &Params, key: &str) -> Result<FileRec, ApiError> {
    let folder = match key {
        "photo" => "photos",
        "voice" => "voice",
        _ => "documents",
    };
    let store_upload = |inner: &mut Inner, u: &Upload| {
        if u.bytes.len() > UPLOAD_LIMIT {
            return Err(ApiError::status(413, "Request Entity Too Large"));
        }
        let fallback = if key == "voice" {
            "audio/ogg"
        } else {
            "application/octet-stream"
        };
        let mime = match u.content_type.as_deref() {
            Some(m) if m != "application/octet-stream" => m.to_owned(),
            _ => guess_mime(u.file_name.as_deref(), fallback),
        };
        Ok(inner.store_file(u.bytes.clone(), u.file_name.clone(), Some(mime), folder))
    };
    match p.str(key) {
        Some(v) if v.starts_with("attach://") => {
            let name = &v["attach://".len()..];
            let u = p
                .uploads
                .get(name)
                .ok_or_else(|| ApiError::bad(format!("file {name} not found in the request")))?;
            store_upload(inner, u)
        }
        Some(v) if v.starts_with("http://") || v.starts_with("https://") => {
            let name = v
                .rsplit('/')
                .next()
                .map(str::to_owned)
                .filter(|n| n.contains('.'));
            let mime = guess_mime(name.as_deref(), "application/octet-stream");
            Ok(inner.store_file(sample_bytes(key, 2048), name, Some(mime), folder))
        }
        Some(v) => inner
            .files
            .get(&v)
            .cloned()
            .ok_or_else(|| ApiError::bad("wrong file identifier/HTTP URL specified")),
        None => match p.uploads.get(key) {
            Some(u) => store_upload(inner, u),
            None => Err(ApiError::bad(format!("there is no {key} in the request"))),
        },
    }
}

/// sendPhoto, sendDocument, sendVoice.
pub fn send_media(state: &SimState, method: &str, p: &Params) -> Result<Value, ApiError> {
    let chat_id = p.chat_id("chat_id")?;
    let key = match method {
        "sendPhoto" => "photo",
        "sendVoice" => "voice",
        _ => "document",
    };
    let caption = formatted(p, "caption", "caption_entities")?;
    if let Some(c) = &caption {
        validate::caption(&c.text)?;
    }
    let mut inner = state.lock();
    writable_chat(&inner, chat_id)?;
    let file = resolve_file(&mut inner, p, key)?;
    let mut content = Map::new();
    let media = match key {
        "photo" => photo_sizes(&mut inner, &file),
        "voice" => voice_json(&file, p.i64("duration").unwrap_or(1).max(0)),
        _ => document_json(&file),
    };
    content.insert(key.into(), media);
    if let Some(c) = caption.filter(|c| !c.text.is_empty()) {
        content.insert("caption".into(), json!(c.text));
        if !c.entities.is_empty() {
            content.insert("caption_entities".into(), Value::Array(c.entities));
        }
    }
    apply_common(&mut inner, chat_id, p, &mut content)?;
    store_bot_message(state, &mut inner, chat_id, p, content, key)
}

/// getFile: metadata with `file_path` for downloads up to 20 MB.
pub fn get_file(state: &SimState, p: &Params) -> Result<Value, ApiError> {
    let id = p.str("file_id").unwrap_or_default();
    let inner = state.lock();
    let Some(f) = inner.files.get(&id) else {
        return Err(ApiError::bad("invalid file_id"));
    };
    if f.bytes.len() > DOWNLOAD_LIMIT {
        return Err(ApiError::bad("file is too big"));
    }
    Ok(
        json!({"file_id": f.file_id, "file_unique_id": f.file_unique_id,
        "file_size": f.bytes.len(), "file_path": f.file_path}),
    )
}

const COPIED_FIELDS: &[&str] = &[
    "text",
    "entities",
    "photo",
    "document",
    "voice",
    "sticker",
    "location",
    "contact",
    "caption",
    "caption_entities",
    "poll",
];

/// copyMessage (returns MessageId) and forwardMessage (returns Message).
pub fn copy_message(state: &SimState, method: &str, p: &Params) -> Result<Value, ApiError> {
    let chat_id = p.chat_id("chat_id")?;
    let from_chat_id = p.chat_id("from_chat_id")?;
    let message_id = p.req_i64("message_id")?;
    let caption = formatted(p, "caption", "caption_entities")?;
    let mut inner = state.lock();
    writable_chat(&inner, chat_id)?;
    if !inner.chats.contains_key(&from_chat_id) {
        return Err(ApiError::bad("chat not found"));
    }
    let verb = if method == "copyMessage" {
        "copy"
    } else {
        "forward"
    };
    let Some(src) = live_message(&inner, from_chat_id, message_id).cloned() else {
        return Err(ApiError::bad(format!("message to {verb} not found")));
    };
    if src.protect_content {
        return Err(ApiError::bad(format!("message can't be {verb}ed")));
    }
    let mut content = Map::new();
    for f in COPIED_FIELDS {
        if let Some(v) = src.json.get(*f) {
            content.insert((*f).into(), v.clone());
        }
    }
    if method == "forwardMessage" {
        let origin = json!({"type": "user", "sender_user": src.json.get("from").cloned().unwrap_or(Value::Null), "date": src.date});
        content.insert("forward_origin".into(), origin);
    } else if let Some(c) = caption {
        validate::caption(&c.text)?;
        content.insert("caption".into(), json!(c.text));
        content.remove("caption_entities");
        if !c.entities.is_empty() {
            content.insert("caption_entities".into(), Value::Array(c.entities));
        }
    }
    apply_common(&mut inner, chat_id, p, &mut content)?;
    let msg = store_bot_message(state, &mut inner, chat_id, p, content, &src.kind)?;
    if method == "copyMessage" {
        Ok(json!({"message_id": msg["message_id"]}))
    } else {
        Ok(msg)
    }
}
