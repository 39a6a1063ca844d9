//! Telegram's documented limits, answered with Telegram's error texts.
//!
//! Text lengths are counted in UTF-16 code units after entity parsing; that
//! is what Telegram's "characters" means in practice (an emoji outside the
//! BMP counts as 2).

use serde_json::Value;

use super::entities::utf16_len;
use super::error::ApiError;

/// Message text: 1–4096 characters after entity parsing.
pub fn text(text: &str) -> Result<(), ApiError> {
    if text.trim().is_empty() {
        return Err(ApiError::bad("message text is empty"));
    }
    if utf16_len(text) > 4096 {
        return Err(ApiError::bad("message is too long"));
    }
    Ok(())
}

/// Media caption: at most 1024 characters after entity parsing.
pub fn caption(caption: &str) -> Result<(), ApiError> {
    if utf16_len(caption) > 1024 {
        return Err(ApiError::bad("message caption is too long"));
    }
    Ok(())
}

const BUTTON_ACTIONS: &[&str] = &[
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
];

/// Validates any reply_markup: inline keyboards strictly, reply keyboards
/// for shape only.
pub fn reply_markup(markup: &Value) -> Result<(), ApiError> {
    if !markup.is_object() {
        return Err(ApiError::bad(
            "can't parse reply keyboard markup JSON object",
        ));
    }
    if let Some(rows) = markup.get("inline_keyboard") {
        return inline_keyboard(rows);
    }
    if let Some(rows) = markup.get("keyboard") {
        let ok = rows.as_array().is_some_and(|r| {
            r.iter().all(|row| {
                row.as_array().is_some_and(|b| {
                    b.iter()
                        .all(|b| b.is_string() || b.get("text").is_some_and(Value::is_string))
                })
            })
        });
        if !ok {
            return Err(ApiError::bad(
                "field \"keyboard\" must be an Array of Array of KeyboardButton",
            ));
        }
        return Ok(());
    }
    if markup.get("remove_keyboard").is_some() || markup.get("force_reply").is_some() {
        return Ok(());
    }
    Err(ApiError::bad(
        "can't parse reply keyboard markup JSON object",
    ))
}

fn inline_keyboard(rows: &Value) -> Result<(), ApiError> {
    let Some(rows) = rows.as_array() else {
        return Err(ApiError::bad(
            "field \"inline_keyboard\" of the InlineKeyboardMarkup should be an Array of Arrays",
        ));
    };
    for row in rows {
        let Some(buttons) = row.as_array() else {
            return Err(ApiError::bad(
                "field \"inline_keyboard\" of the InlineKeyboardMarkup should be an Array of Arrays",
            ));
        };
        for b in buttons {
            if !b.get("text").is_some_and(Value::is_string) {
                return Err(ApiError::bad("can't find field \"text\""));
            }
            let actions = BUTTON_ACTIONS
                .iter()
                .filter(|a| b.get(**a).is_some())
                .count();
            if actions != 1 {
                return Err(ApiError::bad("BUTTON_TYPE_INVALID"));
            }
            if let Some(data) = b.get("callback_data") {
                let len = data.as_str().map(str::len).unwrap_or(0);
                if !(1..=64).contains(&len) {
                    return Err(ApiError::bad("BUTTON_DATA_INVALID"));
                }
            }
            if let Some(url) = b.get("url")
                && !url.as_str().is_some_and(|u| u.contains(':'))
            {
                return Err(ApiError::bad("inline keyboard button URL is invalid"));
            }
        }
    }
    Ok(())
}

/// setMyCommands list: ≤ 100 commands of `[a-z0-9_]{1,32}`, description 1–256.
pub fn commands(commands: &Value) -> Result<(), ApiError> {
    let Some(list) = commands.as_array() else {
        return Err(ApiError::bad("can't parse commands JSON object"));
    };
    if list.len() > 100 {
        return Err(ApiError::bad("too many commands specified"));
    }
    for c in list {
        let name = c.get("command").and_then(Value::as_str).unwrap_or("");
        let ok = (1..=32).contains(&name.len())
            && name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if !ok {
            return Err(ApiError::bad("BOT_COMMAND_INVALID"));
        }
        let desc = c.get("description").and_then(Value::as_str).unwrap_or("");
        if !(1..=256).contains(&utf16_len(desc)) {
            return Err(ApiError::bad("BOT_COMMAND_DESCRIPTION_INVALID"));
        }
    }
    Ok(())
}

/// Webhook secret token: 1–256 of `[A-Za-z0-9_-]`.
pub fn secret_token(secret: &str) -> Result<(), ApiError> {
    let ok = (1..=256).contains(&secret.len())
        && secret
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if ok {
        Ok(())
    } else {
        Err(ApiError::bad("secret token contains unallowed characters"))
    }
}

/// Chat actions accepted by sendChatAction.
pub fn chat_action(action: &str) -> Result<(), ApiError> {
    const ACTIONS: &[&str] = &[
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    ];
    if ACTIONS.contains(&action) {
        Ok(())
    } else {
        Err(ApiError::bad("wrong parameter action in request"))
    }
}
