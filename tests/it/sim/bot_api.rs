//! Core Bot API behaviour as seen by teloxide.

use serde_json::Value;
use teloxide::prelude::*;
use teloxide::types::{
    InlineKeyboardButton, InlineKeyboardMarkup, MessageEntityKind, ParseMode, UpdateKind,
};

use super::{assert_api_error, ok, sari, setup};

fn keyboard(data: &str) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(vec![vec![InlineKeyboardButton::callback(
        "Ya, lapor",
        data,
    )]])
}

#[tokio::test]
async fn get_me_returns_the_bot_identity() {
    let (h, bot) = setup().await;
    let me = ok(bot.get_me().await);
    assert!(me.user.is_bot);
    assert_eq!(me.username(), "suara_sim_bot");
    assert_eq!(h.request_counts().get("getMe"), Some(&1));
}

#[tokio::test]
async fn a_users_start_command_arrives_through_get_updates_with_a_command_entity_and_a_real_date() {
    let (h, bot) = setup().await;
    let user = sari(&h).await;
    ok(h.send_text(user.id, "/start").await);
    let updates = ok(bot.get_updates().await);
    assert_eq!(updates.len(), 1);
    let UpdateKind::Message(msg) = &updates[0].kind else {
        panic!("not a message: {:?}", updates[0])
    };
    assert_eq!(msg.text(), Some("/start"));
    assert_eq!(msg.chat.id, ChatId(user.id));
    assert!(msg.date.timestamp() > 1_600_000_000);
    let entities = msg.entities().unwrap_or_default();
    assert_eq!(entities[0].kind, MessageEntityKind::BotCommand);
    assert_eq!(
        msg.from
            .as_ref()
            .and_then(|u| u.language_code.clone())
            .as_deref(),
        Some("id")
    );
    let next = ok(bot.get_updates().offset(updates[0].id.0 as i32 + 1).await);
    assert!(next.is_empty(), "confirmed updates must be dropped");
}

#[tokio::test]
async fn an_inline_button_press_produces_a_callback_query_that_can_be_answered() {
    let (h, bot) = setup().await;
    let user = sari(&h).await;
    let sent = ok(bot
        .send_message(ChatId(user.id), "Lapor?")
        .reply_markup(keyboard("report"))
        .await);
    assert!(sent.from.as_ref().is_some_and(|u| u.is_bot));
    ok(h.press_button(user.id, "Ya, lapor").await);
    let updates = ok(bot.get_updates().await);
    let UpdateKind::CallbackQuery(q) = &updates[0].kind else {
        panic!("not a callback: {updates:?}")
    };
    assert_eq!(q.data.as_deref(), Some("report"));
    assert_eq!(q.message.as_ref().map(|m| m.id()), Some(sent.id));
    ok(bot
        .answer_callback_query(q.id.clone())
        .text("Terima kasih")
        .await);
    assert_api_error(
        bot.answer_callback_query(q.id.clone()).await,
        "query is too old",
    );
    let t = ok(h.transcript(user.id).await);
    assert_eq!(t.entries[0].callback_answers[0]["text"], "Terima kasih");
}

#[tokio::test]
async fn edit_and_delete_work_and_the_transcript_marks_them() {
    let (h, bot) = setup().await;
    let user = sari(&h).await;
    let chat = ChatId(user.id);
    let m = ok(bot.send_message(chat, "v1").await);
    let edited = ok(bot.edit_message_text(chat, m.id, "v2").await);
    assert_eq!(edited.text(), Some("v2"));
    assert!(edited.edit_date().is_some());
    assert_api_error(
        bot.edit_message_text(chat, m.id, "v2").await,
        "message is not modified",
    );
    ok(bot.delete_message(chat, m.id).await);
    assert_api_error(
        bot.delete_message(chat, m.id).await,
        "message to delete not found",
    );
    assert_api_error(
        bot.edit_message_text(chat, m.id, "v3").await,
        "message to edit not found",
    );
    let t = ok(h.transcript(user.id).await);
    assert!(t.entries[0].edited && t.entries[0].deleted);
    assert_eq!(t.entries[0].text.as_deref(), Some("v2"));
}

#[tokio::test]
async fn deleting_a_message_older_than_48_hours_fails_like_telegram() {
    let (h, bot) = setup().await;
    let user = sari(&h).await;
    let m = ok(bot.send_message(ChatId(user.id), "old").await);
    h.advance_clock(48 * 3600 + 1).await;
    assert_api_error(
        bot.delete_message(ChatId(user.id), m.id).await,
        "message can't be deleted",
    );
    let fresh = ok(bot.send_message(ChatId(user.id), "new").await);
    assert!(fresh.date.timestamp() >= m.date.timestamp() + 48 * 3600);
}

#[tokio::test]
async fn text_of_4097_characters_is_refused_with_400_and_4096_is_accepted() {
    let (h, bot) = setup().await;
    h.expect_violations(&[
        "sendMessage.text: length 4097",
        "sendMessage.text: length 0",
    ]);
    let user = sari(&h).await;
    ok(bot.send_message(ChatId(user.id), "a".repeat(4096)).await);
    assert_api_error(
        bot.send_message(ChatId(user.id), "a".repeat(4097)).await,
        "message is too long",
    );
    assert_api_error(
        bot.send_message(ChatId(user.id), "").await,
        "message text is empty",
    );
    let last = h.requests().pop().unwrap_or_else(|| panic!("no requests"));
    assert_eq!(last.status, 400);
}

#[tokio::test]
async fn callback_data_of_65_bytes_is_refused() {
    let (h, bot) = setup().await;
    h.expect_violations(&["callback_data: length 65 bytes"]);
    let user = sari(&h).await;
    let r = bot
        .send_message(ChatId(user.id), "x")
        .reply_markup(keyboard(&"d".repeat(65)))
        .await;
    assert_api_error(r, "BUTTON_DATA_INVALID");
    ok(bot
        .send_message(ChatId(user.id), "x")
        .reply_markup(keyboard(&"d".repeat(64)))
        .await);
}

#[tokio::test]
async fn unknown_chats_and_broken_html_are_refused_like_telegram() {
    let (h, bot) = setup().await;
    let user = sari(&h).await;
    assert_api_error(bot.send_message(ChatId(42), "hi").await, "chat not found");
    let r = bot
        .send_message(ChatId(user.id), "<b>tebal")
        .parse_mode(ParseMode::Html)
        .await;
    assert_api_error(r, "can't parse entities");
    let r = bot
        .send_message(ChatId(user.id), "Halo.")
        .parse_mode(ParseMode::MarkdownV2)
        .await;
    assert_api_error(r, "can't parse entities");
    let m = ok(bot
        .send_message(ChatId(user.id), "<b>tebal</b> &amp; ok")
        .parse_mode(ParseMode::Html)
        .await);
    assert_eq!(m.text(), Some("tebal & ok"));
    assert_eq!(m.entities().map(|e| e.len()), Some(1));
}

#[tokio::test]
async fn wrong_token_gets_401_and_unknown_method_gets_404() {
    let (h, _bot) = setup().await;
    h.expect_violations(&["fooBar: method is not in"]);
    let client = reqwest::Client::new();
    let r = ok(client
        .post(format!("{}/bot1:wrong/getMe", h.base_url()))
        .send()
        .await);
    assert_eq!(r.status(), 401);
    let body: Value = ok(r.json().await);
    assert_eq!(body["description"], "Unauthorized");
    let r = ok(client
        .post(format!("{}/bot{}/fooBar", h.base_url(), h.token()))
        .send()
        .await);
    assert_eq!(r.status(), 404);
    let r = ok(client
        .post(format!("{}/bot{}/GETME", h.base_url(), h.token()))
        .send()
        .await);
    assert_eq!(r.status(), 200, "method names are case-insensitive");
}

#[tokio::test]
async fn commands_are_validated_and_stored() {
    let (h, bot) = setup().await;
    h.expect_violations(&["setMyCommands.commands[0].command"]);
    use teloxide::types::BotCommand;
    ok(bot
        .set_my_commands(vec![BotCommand::new("start", "Mulai")])
        .await);
    assert_eq!(ok(bot.get_my_commands().await).len(), 1);
    assert_api_error(
        bot.set_my_commands(vec![BotCommand::new("Start!", "x")])
            .await,
        "BOT_COMMAND_INVALID",
    );
}
