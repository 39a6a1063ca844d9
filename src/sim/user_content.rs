//! Content of what simulated users send (text, voice, photo, document,
//! sticker, location, contact, forward) turned into Message fields.

use serde_json::{Map, Value, json};

use super::entities::command_entities;
use super::error::SimError;
use super::media::DOWNLOAD_LIMIT;
use super::objects::{document_json, photo_sizes, sample_bytes, voice_json};
use super::state::Inner;

/// Something a user sends.
#[derive(Debug, Clone, PartialEq)]
pub enum UserMessage {
    /// Plain text; `/commands` get bot_command entities.
    Text(String),
    /// Voice note; `None` bytes generates a sample OGG-like file.
    Voice {
        bytes: Option<Vec<u8>>,
        duration: u32,
    },
    /// Photo; `None` bytes generates a sample JPEG-like file.
    Photo {
        bytes: Option<Vec<u8>>,
        caption: Option<String>,
    },
    /// Document with name and MIME type.
    Document {
        file_name: String,
        mime_type: Option<String>,
        bytes: Option<Vec<u8>>,
        caption: Option<String>,
    },
    /// Sticker with an emoji.
    Sticker { emoji: String },
    /// Location.
    Location { latitude: f64, longitude: f64 },
    /// Shared contact.
    Contact {
        phone_number: String,
        first_name: String,
    },
    /// Text forwarded from someone with hidden identity.
    Forwarded { text: String, sender_name: String },
}

fn check_size(b: &Option<Vec<u8>>) -> Result<(), SimError> {
    match b {
        Some(b) if b.len() > DOWNLOAD_LIMIT => Err(SimError::FileTooLarge(b.len())),
        _ => Ok(()),
    }
}

/// Message fields and content kind for `msg`; stores any files.
pub fn content_for(
    inner: &mut Inner,
    date: i64,
    msg: UserMessage,
) -> Result<(Map<String, Value>, &'static str), SimError> {
    let mut c = Map::new();
    let kind = match msg {
        UserMessage::Text(text) => {
            if text.is_empty() {
                return Err(SimError::Invalid("text is empty".into()));
            }
            let ents = command_entities(&text);
            c.insert("text".into(), json!(text));
            if !ents.is_empty() {
                c.insert("entities".into(), Value::Array(ents));
            }
            "text"
        }
        UserMessage::Voice { bytes, duration } => {
            check_size(&bytes)?;
            let bytes =
                bytes.unwrap_or_else(|| sample_bytes("voice", 4000 + duration as usize * 1000));
            let f = inner.store_file(bytes, None, Some("audio/ogg".into()), "voice");
            c.insert("voice".into(), voice_json(&f, duration.into()));
            "voice"
        }
        UserMessage::Photo { bytes, caption } => {
            check_size(&bytes)?;
            let bytes = bytes.unwrap_or_else(|| sample_bytes("photo", 30_000));
            let f = inner.store_file(bytes, None, Some("image/jpeg".into()), "photos");
            c.insert("photo".into(), photo_sizes(inner, &f));
            if let Some(cap) = caption.filter(|c| !c.is_empty()) {
                c.insert("caption".into(), json!(cap));
            }
            "photo"
        }
        UserMessage::Document {
            file_name,
            mime_type,
            bytes,
            caption,
        } => {
            check_size(&bytes)?;
            let bytes = bytes.unwrap_or_else(|| sample_bytes("document", 10_000));
            let mime = mime_type.unwrap_or_else(|| "application/octet-stream".into());
            let f = inner.store_file(bytes, Some(file_name), Some(mime), "documents");
            c.insert("document".into(), document_json(&f));
            if let Some(cap) = caption.filter(|c| !c.is_empty()) {
                c.insert("caption".into(), json!(cap));
            }
            "document"
        }
        UserMessage::Sticker { emoji } => {
            let f = inner.store_file(
                sample_bytes("sticker", 8000),
                None,
                Some("image/webp".into()),
                "stickers",
            );
            c.insert(
                "sticker".into(),
                json!({"file_id": f.file_id, "file_unique_id": f.file_unique_id,
                "type": "regular", "width": 512, "height": 512, "is_animated": false,
                "is_video": false, "emoji": emoji, "file_size": f.bytes.len()}),
            );
            "sticker"
        }
        UserMessage::Location {
            latitude,
            longitude,
        } => {
            c.insert(
                "location".into(),
                json!({"latitude": latitude, "longitude": longitude}),
            );
            "location"
        }
        UserMessage::Contact {
            phone_number,
            first_name,
        } => {
            c.insert(
                "contact".into(),
                json!({"phone_number": phone_number, "first_name": first_name}),
            );
            "contact"
        }
        UserMessage::Forwarded { text, sender_name } => {
            c.insert(
                "forward_origin".into(),
                json!({"type": "hidden_user",
                "sender_user_name": sender_name, "date": (date - 3600).max(1)}),
            );
            c.insert("text".into(), json!(text));
            "forwarded"
        }
    };
    Ok((c, kind))
}
