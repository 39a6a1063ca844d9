//! Bot API method dispatch and the text-message methods (send, edit,
//! delete). Media and chat/misc methods live in `media.rs` and `misc.rs`.

use serde_json::{Map, Value, json};

use super::entities;
use super::error::ApiError;
use super::objects::{StoreOpts, live_message, live_message_mut, store_message};
use super::params::Params;
use super::state::{ChatKind, Inner, SimState};
use super::validate;
use super::{media, misc, updates};

/// Successful result plus an optional `description` (setWebhook has one).
pub type MethodResult = Result<(Value, Option<&'static str>), ApiError>;

/// Runs one Bot API method by canonical name.
pub async fn dispatch(state: &SimState, method: &str, p: &Params) -> MethodResult {
    let plain = |r: Result<Value, ApiError>| r.map(|v| (v, None));
    match method {
        "getUpdates" => plain(updates::get_updates(state, p).await),
        "setWebhook" => updates::set_webhook(state, p),
        "deleteWebhook" => updates::delete_webhook(state, p),
        "getWebhookInfo" => plain(Ok(updates::webhook_info(state))),
        "sendMessage" => plain(send_message(state, p)),
        "editMessageText" | "editMessageCaption" | "editMessageReplyMarkup" => {
            plain(edit_message(state, method, p))
        }
        "deleteMessage" => plain(delete_message(state, p)),
        "deleteMessages" => plain(delete_messages(state, p)),
        "sendPhoto" | "sendDocument" | "sendVoice" => plain(media::send_media(state, method, p)),
        "getFile" => plain(media::get_file(state, p)),
        "copyMessage" | "forwardMessage" => plain(media::copy_message(state, method, p)),
        _ => plain(misc::dispatch(state, method, p)),
    }
}

/// Checks that the bot may write to `chat_id`.
pub fn writable_chat(inner: &Inner, chat_id: i64) -> Result<(), ApiError> {
    let Some(chat) = inner.chats.get(&chat_id) else {
        return Err(ApiError::bad("chat not found"));
    };
    if chat.bot_left {
        return Err(ApiError::forbidden("bot is not a member of the group chat"));
    }
    if inner.users.get(&chat_id).is_some_and(|u| u.blocked) {
        return Err(ApiError::forbidden("bot was blocked by the user"));
    }
    Ok(())
}

/// Parses text/caption with `parse_mode` or explicit entities.
pub fn formatted(
    p: &Params,
    text_key: &str,
    entities_key: &str,
) -> Result<Option<entities::Parsed>, ApiError> {
    let Some(raw) = p.str(text_key) else {
        return Ok(None);
    };
    let mode = p.str("parse_mode");
    let mut parsed = entities::parse(&raw, mode.as_deref())
        .map_err(|e| ApiError::bad(format!("can't parse entities: {e}")))?;
    if mode.is_none()
        && let Some(Value::Array(list)) = p.json(entities_key)?
    {
        parsed.entities = list;
    }
    Ok(Some(parsed))
}

/// Adds reply_markup / reply_to_message to `content` and remembers reply
/// keyboards on the chat (Telegram echoes only inline keyboards).
pub fn apply_common(
    inner: &mut Inner,
    chat_id: i64,
    p: &Params,
    content: &mut Map<String, Value>,
) -> Result<(), ApiError> {
    if let Some(markup) = p.json("reply_markup")? {
        validate::reply_markup(&markup)?;
        if markup.get("inline_keyboard").is_some() {
            content.insert("reply_markup".into(), markup);
        } else if let Some(chat) = inner.chats.get_mut(&chat_id) {
            chat.reply_keyboard = markup.get("keyboard").map(|_| markup.clone());
        }
    }
    let reply = p.json("reply_parameters")?;
    let reply_id = reply
        .as_ref()
        .and_then(|r| r.get("message_id"))
        .and_then(Value::as_i64)
        .or_else(|| p.i64("reply_to_message_id"));
    if let Some(id) = reply_id {
        let lenient = reply
            .as_ref()
            .and_then(|r| r.get("allow_sending_without_reply"))
            .and_then(Value::as_bool)
            .unwrap_or(false)
            || p.bool("allow_sending_without_reply");
        match live_message(inner, chat_id, id) {
            Some(m) => {
                let mut quoted = m.json.clone();
                if let Some(o) = quoted.as_object_mut() {
                    o.remove("reply_to_message");
                }
                content.insert("reply_to_message".into(), quoted);
            }
            None if lenient => {}
            None => return Err(ApiError::bad("message to be replied not found")),
        }
    }
    Ok(())
}

/// Stores a bot message with the common options and returns it.
pub fn store_bot_message(
    state: &SimState,
    inner: &mut Inner,
    chat_id: i64,
    p: &Params,
    content: Map<String, Value>,
    kind: &str,
) -> Result<Value, ApiError> {
    let opts = StoreOpts {
        kind: kind.into(),
        protect_content: p.bool("protect_content"),
        disable_notification: p.bool("disable_notification"),
    };
    let msg = store_message(
        state,
        inner,
        chat_id,
        state.bot_user_json(),
        true,
        content,
        opts,
    )?;
    state.touch();
    Ok(msg)
}

fn send_message(state: &SimState, p: &Params) -> Result<Value, ApiError> {
    let chat_id = p.chat_id("chat_id")?;
    let parsed =
        formatted(p, "text", "entities")?.ok_or_else(|| ApiError::bad("message text is empty"))?;
    validate::text(&parsed.text)?;
    let mut inner = state.lock();
    writable_chat(&inner, chat_id)?;
    let mut content = Map::new();
    content.insert("text".into(), json!(parsed.text));
    if !parsed.entities.is_empty() {
        content.insert("entities".into(), Value::Array(parsed.entities));
    }
    apply_common(&mut inner, chat_id, p, &mut content)?;
    store_bot_message(state, &mut inner, chat_id, p, content, "text")
}

fn edit_message(state: &SimState, method: &str, p: &Params) -> Result<Value, ApiError> {
    if p.map.contains_key("inline_message_id") {
        return Err(ApiError::bad("MESSAGE_ID_INVALID"));
    }
    let chat_id = p.chat_id("chat_id")?;
    let message_id = p.req_i64("message_id")?;
    let new_text = match method {
        "editMessageText" => {
            let t = formatted(p, "text", "entities")?
                .ok_or_else(|| ApiError::bad("text must be non-empty"))?;
            validate::text(&t.text)?;
            Some(("text", "entities", t))
        }
        "editMessageCaption" => {
            let t = formatted(p, "caption", "caption_entities")?.unwrap_or(entities::Parsed {
                text: String::new(),
                entities: Vec::new(),
            });
            validate::caption(&t.text)?;
            Some(("caption", "caption_entities", t))
        }
        _ => None,
    };
    let markup = p.json("reply_markup")?;
    if let Some(m) = &markup {
        validate::reply_markup(m)?;
    }
    let mut inner = state.lock();
    if !inner.chats.contains_key(&chat_id) {
        return Err(ApiError::bad("chat not found"));
    }
    let now = state.now_with(&inner);
    let Some(msg) = live_message_mut(&mut inner, chat_id, message_id) else {
        return Err(ApiError::bad("message to edit not found"));
    };
    if !msg.from_bot {
        return Err(ApiError::bad("message can't be edited"));
    }
    let Some(obj) = msg.json.as_object_mut() else {
        return Err(ApiError::status(500, "Internal Server Error"));
    };
    let before = Value::Object(obj.clone());
    if let Some((key, ekey, parsed)) = new_text {
        if key == "text" && !obj.contains_key("text") {
            return Err(ApiError::bad("there is no text in the message to edit"));
        }
        if key == "caption" && obj.contains_key("text") {
            return Err(ApiError::bad("there is no caption in the message to edit"));
        }
        obj.insert(key.into(), json!(parsed.text));
        if parsed.entities.is_empty() {
            obj.remove(ekey);
        } else {
            obj.insert(ekey.into(), Value::Array(parsed.entities));
        }
    }
    match markup.filter(|m| m.get("inline_keyboard").is_some()) {
        Some(m) => obj.insert("reply_markup".into(), m),
        None => obj.remove("reply_markup"),
    };
    if Value::Object(obj.clone()) == before {
        return Err(ApiError::bad(
            "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
        ));
    }
    obj.insert("edit_date".into(), json!(now));
    msg.edited = true;
    let out = msg.json.clone();
    state.touch();
    Ok(out)
}

/// Whether the bot may delete `message_id` in `chat_id` right now.
fn check_delete(
    state: &SimState,
    inner: &Inner,
    chat_id: i64,
    message_id: i64,
) -> Result<(), ApiError> {
    let Some(chat) = inner.chats.get(&chat_id) else {
        return Err(ApiError::bad("chat not found"));
    };
    let Some(msg) = live_message(inner, chat_id, message_id) else {
        return Err(ApiError::bad("message to delete not found"));
    };
    let too_old = state.now_with(inner) - msg.date >= 48 * 3600;
    let foreign_in_group = chat.kind == ChatKind::Group && !msg.from_bot;
    if too_old || foreign_in_group {
        return Err(ApiError::bad("message can't be deleted"));
    }
    Ok(())
}

fn mark_deleted(inner: &mut Inner, chat_id: i64, message_id: i64) {
    if let Some(m) = live_message_mut(inner, chat_id, message_id) {
        m.deleted = true;
    }
}

fn delete_message(state: &SimState, p: &Params) -> Result<Value, ApiError> {
    let chat_id = p.chat_id("chat_id")?;
    let message_id = p.req_i64("message_id")?;
    let mut inner = state.lock();
    check_delete(state, &inner, chat_id, message_id)?;
    mark_deleted(&mut inner, chat_id, message_id);
    state.touch();
    Ok(json!(true))
}

fn delete_messages(state: &SimState, p: &Params) -> Result<Value, ApiError> {
    let chat_id = p.chat_id("chat_id")?;
    let ids: Vec<i64> = match p.json("message_ids")? {
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_i64).collect(),
        _ => Vec::new(),
    };
    if ids.is_empty() {
        return Err(ApiError::bad("message identifiers are not specified"));
    }
    if ids.len() > 100 {
        return Err(ApiError::bad("too many messages to delete"));
    }
    let mut inner = state.lock();
    if !inner.chats.contains_key(&chat_id) {
        return Err(ApiError::bad("chat not found"));
    }
    let deletable: Vec<i64> = ids
        .into_iter()
        .filter(|id| check_delete(state, &inner, chat_id, *id).is_ok())
        .collect();
    if deletable.is_empty() {
        return Err(ApiError::bad("message to delete not found"));
    }
    for id in deletable {
        mark_deleted(&mut inner, chat_id, id);
    }
    state.touch();
    Ok(json!(true))
}
