//! Shared simulator state: users, chats, messages, pending updates, files,
//! the request log and fault plans, behind one mutex that is never held
//! across an `.await`.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde::Serialize;
use serde_json::{Value, json};
use tokio::sync::Notify;

use super::faults::{Chaos, FaultPlan, FloodLimit, FloodWindow};
use super::log::RequestRecord;

/// A simulated Telegram user (a person talking to the bot).
#[derive(Debug, Clone, Serialize)]
pub struct SimUser {
    /// Telegram user id; also the id of her private chat with the bot.
    pub id: i64,
    /// First name shown in the chat.
    pub first_name: String,
    /// Optional last name.
    pub last_name: Option<String>,
    /// Optional @username (without the @).
    pub username: Option<String>,
    /// IETF language tag of her Telegram client, e.g. `id` or `en`.
    pub language_code: Option<String>,
    /// Id of her private chat with the bot (equal to `id`, as in Telegram).
    pub chat_id: i64,
    /// Whether she has blocked the bot (sends then fail with 403).
    pub blocked: bool,
}

/// Kind of a simulated chat.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChatKind {
    /// One-to-one chat between a user and the bot.
    Private,
    /// Basic group (negative id).
    Group,
}

/// One message stored in a chat, in either direction.
#[derive(Debug, Clone)]
pub struct MsgRec {
    /// Telegram message id (per chat).
    pub message_id: i64,
    /// True when the bot sent it.
    pub from_bot: bool,
    /// The full Bot API `Message` object as last returned / delivered.
    pub json: Value,
    /// Simulated unix time of sending.
    pub date: i64,
    /// Deleted by the bot.
    pub deleted: bool,
    /// Edited after sending.
    pub edited: bool,
    /// `protect_content` was requested.
    pub protect_content: bool,
    /// `disable_notification` was requested.
    pub disable_notification: bool,
    /// Short content kind: text, photo, voice, document, sticker, ...
    pub kind: String,
    /// Answers to callback queries raised from this message's buttons.
    pub callback_answers: Vec<Value>,
}

/// A chat and its history.
#[derive(Debug, Clone)]
pub struct ChatRec {
    /// Chat id (user id for private chats, negative for groups).
    pub id: i64,
    /// Private or group.
    pub kind: ChatKind,
    /// Group title.
    pub title: Option<String>,
    /// Messages in sending order.
    pub messages: Vec<MsgRec>,
    /// Next message id to hand out.
    pub next_message_id: i64,
    /// Real-time instant until which a chat action is shown.
    pub action_until: Option<(Instant, String)>,
    /// Current reply keyboard (`ReplyKeyboardMarkup`) shown to the user.
    pub reply_keyboard: Option<Value>,
    /// The bot has left the group.
    pub bot_left: bool,
}

/// A stored file (uploaded by the bot or sent by a user).
#[derive(Debug, Clone)]
pub struct FileRec {
    /// Bot API file_id.
    pub file_id: String,
    /// Bot API file_unique_id.
    pub file_unique_id: String,
    /// Path under `/file/bot<token>/`.
    pub file_path: String,
    /// Original file name, if known.
    pub file_name: Option<String>,
    /// MIME type, if known.
    pub mime_type: Option<String>,
    /// Content.
    pub bytes: Arc<Vec<u8>>,
}

/// A callback query raised by a button press.
#[derive(Debug, Clone)]
pub struct CallbackRec {
    /// Chat of the message carrying the button.
    pub chat_id: i64,
    /// Message carrying the button.
    pub message_id: i64,
    /// Whether answerCallbackQuery has been called.
    pub answered: bool,
}

/// Webhook registration.
#[derive(Debug, Clone, Default)]
pub struct Webhook {
    /// Target URL.
    pub url: String,
    /// Value of `X-Telegram-Bot-Api-Secret-Token`.
    pub secret_token: Option<String>,
    /// Unix time of the last delivery error.
    pub last_error_date: Option<i64>,
    /// Message of the last delivery error.
    pub last_error_message: Option<String>,
}

/// Everything guarded by the state mutex.
#[derive(Debug)]
pub struct Inner {
    /// Clock offset in seconds added to real time.
    pub clock_offset: i64,
    /// Next user id to hand out.
    pub next_user_id: i64,
    /// Next group id to hand out (negative, decreasing).
    pub next_group_id: i64,
    /// Users by id.
    pub users: BTreeMap<i64, SimUser>,
    /// Chats by id.
    pub chats: BTreeMap<i64, ChatRec>,
    /// Unconfirmed updates, oldest first.
    pub updates: VecDeque<Value>,
    /// Next update id.
    pub next_update_id: i64,
    /// `allowed_updates` last set via getUpdates or setWebhook.
    pub allowed_updates: Option<Vec<String>>,
    /// Files by file_id.
    pub files: HashMap<String, FileRec>,
    /// Counter for file ids and callback ids.
    pub next_serial: u64,
    /// Callback queries by id.
    pub callbacks: HashMap<String, CallbackRec>,
    /// Active webhook.
    pub webhook: Option<Webhook>,
    /// Bot commands keyed by (scope JSON, language code).
    pub commands: BTreeMap<(String, String), Value>,
    /// Every request received with a valid token.
    pub requests: Vec<RequestRecord>,
    /// Request counts per canonical method name.
    pub counts: BTreeMap<String, u64>,
    /// Pending faults per lowercase method name (`*` = any).
    pub faults: HashMap<String, VecDeque<FaultPlan>>,
    /// Flood limit, off when `None`.
    pub flood: Option<FloodLimit>,
    /// Random faults, when on.
    pub chaos: Option<Chaos>,
    /// Recent sends for the flood limit.
    pub flood_window: FloodWindow,
}

/// Bot identity.
#[derive(Debug, Clone, Serialize)]
pub struct BotIdentity {
    /// Bot user id (the numeric prefix of the token).
    pub id: i64,
    /// Display name.
    pub first_name: String,
    /// @username without the @.
    pub username: String,
}

/// The simulator state shared between the HTTP server and the handle.
#[derive(Debug)]
pub struct SimState {
    inner: Mutex<Inner>,
    /// Bot token accepted on `/bot<token>/...`.
    pub token: String,
    /// Bot identity returned by getMe.
    pub bot: BotIdentity,
    started_real: SystemTime,
    started_instant: Instant,
    /// Woken whenever a new update is queued.
    pub update_notify: Notify,
    /// Woken on every state change (messages, edits, requests, ...).
    pub changed: Notify,
}

impl SimState {
    /// Creates an empty state for the given token and bot identity.
    pub fn new(token: String, bot: BotIdentity) -> Self {
        Self {
            inner: Mutex::new(Inner {
                clock_offset: 0,
                next_user_id: 700_000_001,
                next_group_id: -4_000_000_001,
                users: BTreeMap::new(),
                chats: BTreeMap::new(),
                updates: VecDeque::new(),
                next_update_id: 100_000_001,
                allowed_updates: None,
                files: HashMap::new(),
                next_serial: 1,
                callbacks: HashMap::new(),
                webhook: None,
                commands: BTreeMap::new(),
                requests: Vec::new(),
                counts: BTreeMap::new(),
                faults: HashMap::new(),
                flood: None,
                chaos: None,
                flood_window: FloodWindow::default(),
            }),
            token,
            bot,
            started_real: SystemTime::now(),
            started_instant: Instant::now(),
            update_notify: Notify::new(),
            changed: Notify::new(),
        }
    }

    /// Locks the state; a poisoned lock is recovered because the data stays
    /// consistent between statements.
    pub fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Simulated unix time in seconds: real start + elapsed + offset.
    pub fn now_with(&self, inner: &Inner) -> i64 {
        let start = self
            .started_real
            .duration_since(UNIX_EPOCH)
            .unwrap_or(Duration::from_secs(1_700_000_000));
        let secs = (start + self.started_instant.elapsed()).as_secs() as i64;
        (secs + inner.clock_offset).max(1)
    }

    /// Simulated unix time in seconds.
    pub fn now(&self) -> i64 {
        let inner = self.lock();
        self.now_with(&inner)
    }

    /// Bot `User` object.
    pub fn bot_user_json(&self) -> Value {
        json!({
            "id": self.bot.id,
            "is_bot": true,
            "first_name": self.bot.first_name,
            "username": self.bot.username,
        })
    }

    /// Moves the simulated clock forward (or back) and returns the new time.
    pub fn advance_clock(&self, seconds: i64) -> i64 {
        let mut inner = self.lock();
        inner.clock_offset += seconds;
        let now = self.now_with(&inner);
        drop(inner);
        self.touch();
        now
    }

    /// Wakes everybody waiting for any state change.
    pub fn touch(&self) {
        self.changed.notify_waiters();
    }
}

impl Inner {
    /// Hands out a fresh serial number (file ids, callback ids).
    pub fn serial(&mut self) -> u64 {
        let s = self.next_serial;
        self.next_serial += 1;
        s
    }

    /// Queues an update of the given kind (e.g. `message`) and returns its id.
    pub fn push_update(&mut self, kind: &str, payload: Value) -> i64 {
        let id = self.next_update_id;
        self.next_update_id += 1;
        let mut update = serde_json::Map::new();
        update.insert("update_id".into(), json!(id));
        update.insert(kind.into(), payload);
        self.updates.push_back(Value::Object(update));
        id
    }

    /// Stores a file and returns its record.
    pub fn store_file(
        &mut self,
        bytes: Vec<u8>,
        file_name: Option<String>,
        mime_type: Option<String>,
        folder: &str,
    ) -> FileRec {
        let n = self.serial();
        let ext = file_name
            .as_deref()
            .and_then(|n| n.rsplit_once('.').map(|(_, e)| e.to_owned()))
            .unwrap_or_else(|| default_ext(folder).to_owned());
        let rec = FileRec {
            file_id: format!("SIMFILE{n:08}{}", folder.to_uppercase()),
            file_unique_id: format!("SIMU{n:08}"),
            file_path: format!("{folder}/file_{n}.{ext}"),
            file_name,
            mime_type,
            bytes: Arc::new(bytes),
        };
        self.files.insert(rec.file_id.clone(), rec.clone());
        rec
    }
}

fn default_ext(folder: &str) -> &'static str {
    match folder {
        "photos" => "jpg",
        "voice" => "oga",
        "stickers" => "webp",
        _ => "bin",
    }
}
