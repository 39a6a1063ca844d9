//! The request log: every Bot API call with its fully decoded parameters,
//! kept for spec-conformance checks in tests.

use serde::Serialize;
use serde_json::Value;

/// Bot API methods the simulator implements, in canonical spelling.
pub const METHODS: &[&str] = &[
    "getMe",
    "logOut",
    "close",
    "getUpdates",
    "getWebhookInfo",
    "setWebhook",
    "deleteWebhook",
    "setMyCommands",
    "getMyCommands",
    "deleteMyCommands",
    "setMyDescription",
    "setMyShortDescription",
    "sendMessage",
    "editMessageText",
    "editMessageCaption",
    "editMessageReplyMarkup",
    "deleteMessage",
    "deleteMessages",
    "answerCallbackQuery",
    "sendChatAction",
    "getFile",
    "sendPhoto",
    "sendDocument",
    "sendVoice",
    "copyMessage",
    "forwardMessage",
    "leaveChat",
    "getChat",
];

/// Canonical name of a method (Telegram matches case-insensitively).
pub fn canonical_method(raw: &str) -> Option<&'static str> {
    METHODS
        .iter()
        .copied()
        .find(|m| m.eq_ignore_ascii_case(raw))
}

/// A file part received in a multipart request.
#[derive(Debug, Clone, Serialize)]
pub struct UploadRecord {
    /// Multipart field name (teloxide uses a random id referenced by
    /// `attach://<id>` in the parameter itself).
    pub field: String,
    /// File name from the part header.
    pub file_name: Option<String>,
    /// Content type from the part header.
    pub content_type: Option<String>,
    /// Size in bytes.
    pub size: usize,
}

/// One received Bot API request.
#[derive(Debug, Clone, Serialize)]
pub struct RequestRecord {
    /// Sequence number, from 1.
    pub seq: u64,
    /// Canonical method name (`sendMessage`), or the raw name if unknown.
    pub method: String,
    /// Method name exactly as sent (`SendMessage`).
    pub raw_method: String,
    /// Whether the simulator implements the method.
    pub known: bool,
    /// Body encoding: `json`, `form`, `multipart`, `query` or `empty`.
    pub transport: String,
    /// Parameter names in the order received.
    pub param_names: Vec<String>,
    /// Decoded parameters as a JSON object. Multipart/form values are
    /// decoded: JSON objects/arrays are parsed back, `true`/`false` become
    /// booleans and canonical integers become numbers unless the field is a
    /// known string field (text, caption, ...). Uploaded files appear as
    /// `"attach://<field>"` strings, with details in `uploads`.
    pub params: Value,
    /// File parts of a multipart request.
    pub uploads: Vec<UploadRecord>,
    /// Simulated unix time of arrival.
    pub date: i64,
    /// HTTP status answered (0 until answered, e.g. while long-polling).
    pub status: u16,
    /// Error description when the call failed.
    pub error: Option<String>,
}
