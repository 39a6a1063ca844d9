//! What a reporter does, as Bot API update JSON: `/start` and other text,
//! a voice note, a photo, and pressing a button of a message the bot sent.
//! Also the generated content: the story text and the files' bytes.

use axum::body::Bytes;
use serde_json::{Value, json};

use crate::fake::BOT_ID;
use crate::hub::Shown;

/// One thing a reporter sends.
#[derive(Debug, Clone)]
pub enum Action {
    Start,
    Text(String),
    Voice,
    Photo,
    /// Presses the button with `data` on `message`.
    Press {
        message: Shown,
        data: String,
    },
}

impl Action {
    /// Whether Telegram makes a new message of it (a press is not one).
    pub fn is_message(&self) -> bool {
        !matches!(self, Action::Press { .. })
    }
}

fn user(chat: i64) -> Value {
    json!({"id": chat, "is_bot": false, "first_name": "Pelapor", "language_code": "id"})
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

/// The update's field for `action` (`"message":{…}` or
/// `"callback_query":{…}`); `serial` makes file and query ids unique.
pub fn body(chat: i64, action: &Action, message_id: i64, serial: u64, files: &Files) -> String {
    let mut m = json!({"message_id": message_id, "from": user(chat), "chat": chat_json(chat),
        "date": now_unix()});
    match action {
        Action::Start => {
            m["text"] = json!("/start");
            m["entities"] = json!([{"type": "bot_command", "offset": 0, "length": 6}]);
        }
        Action::Text(text) => m["text"] = json!(text),
        Action::Voice => {
            let id = format!("voice-{chat}-{serial}");
            m["voice"] = json!({"file_id": id, "file_unique_id": format!("u{id}"),
                "duration": 15, "mime_type": "audio/ogg", "file_size": files.voice.len()});
        }
        Action::Photo => {
            let id = format!("photo-{chat}-{serial}");
            m["photo"] = json!([
                {"file_id": format!("{id}-s"), "file_unique_id": format!("u{id}-s"),
                    "width": 90, "height": 68, "file_size": 2048},
                {"file_id": id, "file_unique_id": format!("u{id}"),
                    "width": 1280, "height": 960, "file_size": files.photo.len()},
            ]);
        }
        Action::Press { message, data } => {
            let mut pressed = json!({"message_id": message.message_id,
                "from": {"id": BOT_ID, "is_bot": true, "first_name": "Suara"},
                "chat": chat_json(chat), "date": now_unix(), "text": message.text});
            if let Some(rows) = &message.keyboard {
                pressed["reply_markup"] = json!({"inline_keyboard": rows});
            }
            let q = json!({"id": format!("{chat}-{serial}"), "from": user(chat),
                "message": pressed, "chat_instance": chat.to_string(), "data": data});
            return format!("\"callback_query\":{q}");
        }
    }
    format!("\"message\":{m}")
}

/// The files every reporter with media sends.
#[derive(Clone)]
pub struct Files {
    pub voice: Bytes,
    pub photo: Bytes,
}

impl Files {
    pub fn new(voice_len: usize, photo_len: usize) -> Self {
        let mut head = b"OggS\x00\x02".to_vec();
        head.extend(noise(voice_len.saturating_sub(6), 1));
        let mut photo = b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00".to_vec();
        photo.extend(noise(photo_len.saturating_sub(11), 2));
        Self {
            voice: Bytes::from(head),
            photo: Bytes::from(photo),
        }
    }
}

/// Incompressible bytes, like a real recording or JPEG.
fn noise(len: usize, seed: u64) -> Vec<u8> {
    let mut rng = Rng::new(seed);
    (0..len).map(|_| rng.next() as u8).collect()
}

/// The story, about 280 characters of plain Indonesian, varied a little
/// per reporter so no two are the same.
pub fn story(n: u64) -> String {
    let text = format!(
        "Saya mau cerita. Sudah {} bulan suami saya sering memukul saya kalau dia marah, \
         biasanya malam hari setelah pulang kerja. Minggu lalu saya didorong sampai jatuh \
         dan tangan saya memar. Saya takut melapor ke keluarga. Anak saya dua, masih kecil. \
         Saya butuh bantuan.",
        3 + n % 9
    );
    debug_assert!((260..=300).contains(&text.chars().count()));
    text
}

/// A plea typed instead of answering: the bot should answer it with the
/// emergency numbers before anything else.
pub const PLEA: &str = "tolong saya dipukul";

/// xorshift64*: deterministic, tiny, good enough for think times.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `lo..=hi`.
    pub fn between(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }
}
