//! Bot identity, commands, callback answers, chat actions and chat info.

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::error::ApiError;
use super::objects::chat_json;
use super::params::Params;
use super::state::{ChatKind, SimState};
use super::validate;

/// Methods without a better home; unknown names answer 404 like Telegram.
pub fn dispatch(state: &SimState, method: &str, p: &Params) -> Result<Value, ApiError> {
    match method {
        "getMe" => Ok(get_me(state)),
        "logOut" | "close" => Ok(json!(true)),
        "setMyCommands" => set_my_commands(state, p),
        "getMyCommands" => get_my_commands(state, p),
        "deleteMyCommands" => delete_my_commands(state, p),
        "setMyDescription" => set_description(p, "description", 512),
        "setMyShortDescription" => set_description(p, "short_description", 120),
        "answerCallbackQuery" => answer_callback_query(state, p),
        "sendChatAction" => send_chat_action(state, p),
        "leaveChat" => leave_chat(state, p),
        "getChat" => get_chat(state, p),
        _ => Err(ApiError::status(404, "Not Found")),
    }
}

fn get_me(state: &SimState) -> Value {
    let mut me = state.bot_user_json();
    for (k, v) in [
        ("can_join_groups", true),
        ("can_read_all_group_messages", false),
        ("supports_inline_queries", false),
        ("can_connect_to_business", false),
        ("has_main_web_app", false),
    ] {
        me[k] = json!(v);
    }
    me
}

fn commands_key(p: &Params) -> Result<(String, String), ApiError> {
    let scope = p
        .json("scope")?
        .unwrap_or_else(|| json!({"type": "default"}));
    let lang = p.str("language_code").unwrap_or_default();
    if !(lang.is_empty() || (lang.len() == 2 && lang.bytes().all(|b| b.is_ascii_lowercase()))) {
        return Err(ApiError::bad("invalid language code specified"));
    }
    Ok((scope.to_string(), lang))
}

fn set_my_commands(state: &SimState, p: &Params) -> Result<Value, ApiError> {
    let commands = p
        .json("commands")?
        .ok_or_else(|| ApiError::bad("commands is empty"))?;
    validate::commands(&commands)?;
    let key = commands_key(p)?;
    state.lock().commands.insert(key, commands);
    Ok(json!(true))
}

/// The bot's (short) description: checked against Telegram's length limit
/// and accepted; the chat page does not show it.
fn set_description(p: &Params, field: &str, max: usize) -> Result<Value, ApiError> {
    if let Some(text) = p.str(field)
        && text.chars().count() > max
    {
        return Err(ApiError::bad(format!("{field} is too long")));
    }
    Ok(json!(true))
}

fn get_my_commands(state: &SimState, p: &Params) -> Result<Value, ApiError> {
    let key = commands_key(p)?;
    Ok(state
        .lock()
        .commands
        .get(&key)
        .cloned()
        .unwrap_or_else(|| json!([])))
}

fn delete_my_commands(state: &SimState, p: &Params) -> Result<Value, ApiError> {
    let key = commands_key(p)?;
    state.lock().commands.remove(&key);
    Ok(json!(true))
}

fn answer_callback_query(state: &SimState, p: &Params) -> Result<Value, ApiError> {
    let id = p.str("callback_query_id").unwrap_or_default();
    let text = p.str("text");
    if text.as_deref().is_some_and(|t| t.chars().count() > 200) {
        return Err(ApiError::bad("MESSAGE_TOO_LONG"));
    }
    let mut inner = state.lock();
    let expired =
        || ApiError::bad("query is too old and response timeout expired or query ID is invalid");
    let Some(cb) = inner.callbacks.get_mut(&id) else {
        return Err(expired());
    };
    if cb.answered {
        return Err(expired());
    }
    cb.answered = true;
    let (chat_id, message_id) = (cb.chat_id, cb.message_id);
    let answer = json!({
        "callback_query_id": id,
        "text": text,
        "show_alert": p.bool("show_alert"),
        "url": p.str("url"),
        "cache_time": p.i64("cache_time").unwrap_or(0),
    });
    if let Some(chat) = inner.chats.get_mut(&chat_id)
        && let Some(m) = chat
            .messages
            .iter_mut()
            .find(|m| m.message_id == message_id)
    {
        m.callback_answers.push(answer);
    }
    state.touch();
    Ok(json!(true))
}

fn send_chat_action(state: &SimState, p: &Params) -> Result<Value, ApiError> {
    let chat_id = p.chat_id("chat_id")?;
    let action = p
        .str("action")
        .ok_or_else(|| ApiError::bad("action is empty"))?;
    validate::chat_action(&action)?;
    let mut inner = state.lock();
    super::methods::writable_chat(&inner, chat_id)?;
    if let Some(chat) = inner.chats.get_mut(&chat_id) {
        chat.action_until = Some((Instant::now() + Duration::from_secs(5), action));
    }
    state.touch();
    Ok(json!(true))
}

fn leave_chat(state: &SimState, p: &Params) -> Result<Value, ApiError> {
    let chat_id = p.chat_id("chat_id")?;
    let mut inner = state.lock();
    let Some(chat) = inner.chats.get_mut(&chat_id) else {
        return Err(ApiError::bad("chat not found"));
    };
    if chat.kind == ChatKind::Private {
        return Err(ApiError::bad(
            "chat member status can't be changed in private chats",
        ));
    }
    chat.bot_left = true;
    state.touch();
    Ok(json!(true))
}

fn get_chat(state: &SimState, p: &Params) -> Result<Value, ApiError> {
    let chat_id = p.chat_id("chat_id")?;
    let inner = state.lock();
    if !inner.chats.contains_key(&chat_id) {
        return Err(ApiError::bad("chat not found"));
    }
    let mut v = chat_json(&inner, chat_id);
    v["accent_color_id"] = json!(0);
    v["max_reaction_count"] = json!(11);
    v["accepted_gift_types"] = json!({"unlimited_gifts": true, "limited_gifts": true,
        "unique_gifts": true, "premium_subscription": true});
    Ok(v)
}
