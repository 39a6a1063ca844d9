//! Spec conformance: every request the bot sends through the simulator is
//! checked against the machine-readable Bot API 9.1 description (the level
//! teloxide 0.17 implements). A request fails when it uses a method or
//! parameter the spec lacks, omits a required one, has the wrong JSON type,
//! or breaks a documented limit.
//!
//! The spec is read from `$SUARA_TEST_BOT_API_SPEC`, else from
//! `../shared/telegram/bot-api-9.1.json` next to the crate; it is never
//! copied into the repository. When it is absent the checks say so on
//! stderr and pass, except under `CI=true`, where absence is a failure.

mod check;
mod guard;
mod limits;
mod load;

use serde_json::{Value, json};
use suara::sim::{RequestRecord, SimConfig, start};
use teloxide::prelude::*;
use teloxide::types::{
    BotCommand, InlineKeyboardButton, InlineKeyboardMarkup, InputFile, UpdateKind,
};

use crate::sim::{ok, sari};

pub use guard::Checked;
use load::{Spec, spec};

/// Whether the spec is there to check against.
pub fn available() -> bool {
    spec().is_some()
}

/// Every way the `requests` break the spec, one line each, naming the
/// method, the parameter path and the rule. Empty when the spec is absent.
pub fn violations(requests: &[RequestRecord]) -> Vec<String> {
    let Some(spec) = spec() else {
        return Vec::new();
    };
    requests
        .iter()
        .flat_map(|r| check::request(spec, r))
        .collect()
}

/// A JSON request as teloxide would send it.
fn record(method: &str, params: Value) -> RequestRecord {
    RequestRecord {
        seq: 1,
        method: method.to_owned(),
        raw_method: method.to_owned(),
        known: true,
        transport: "json".into(),
        param_names: params
            .as_object()
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default(),
        params,
        uploads: Vec::new(),
        date: 1_700_000_000,
        status: 200,
        error: None,
    }
}

/// Asserts that one request of `method` with `params` is reported with a
/// violation containing `want` (skipped when the spec is absent).
fn assert_reported(method: &str, params: Value, want: &str) {
    if !available() {
        return;
    }
    let found = violations(&[record(method, params)]);
    assert!(
        found.iter().any(|v| v.contains(want)),
        "expected a violation containing {want:?}, got {found:#?}"
    );
}

fn keyboard(data: &str) -> Value {
    json!({"inline_keyboard": [[{"text": "Ya, lapor", "callback_data": data}]]})
}

#[test]
fn a_correct_send_message_with_an_inline_keyboard_has_no_violations() {
    let params = json!({"chat_id": 5, "text": "Lapor?", "reply_markup": keyboard("report"),
        "link_preview_options": {"is_disabled": true}, "reply_parameters": {"message_id": 3}});
    assert_eq!(
        violations(&[record("SendMessage", params)]),
        Vec::<String>::new()
    );
}

#[test]
fn an_unknown_method_is_reported() {
    assert_reported("fooBar", json!({}), "fooBar: method is not in Bot API");
}

#[test]
fn an_unknown_parameter_is_reported() {
    let params = json!({"chat_id": 5, "text": "x", "colour": "red"});
    assert_reported("sendMessage", params, "sendMessage.colour: not a parameter");
}

#[test]
fn a_missing_required_parameter_is_reported() {
    assert_reported(
        "sendMessage",
        json!({"text": "x"}),
        "sendMessage.chat_id: required",
    );
}

#[test]
fn a_text_of_4097_characters_is_reported() {
    let params = json!({"chat_id": 5, "text": "a".repeat(4097)});
    assert_reported("sendMessage", params, "sendMessage.text: length 4097");
}

#[test]
fn text_length_counts_utf16_units_and_ignores_html_markup() {
    // 2049 emoji are 2049 characters but 4098 UTF-16 units, as Telegram counts.
    let params = json!({"chat_id": 5, "text": "😀".repeat(2049)});
    assert_reported("sendMessage", params, "length 4098 UTF-16 units");
    let text = format!("<b>{}</b>&amp;", "a".repeat(4095));
    let params = json!({"chat_id": 5, "text": text, "parse_mode": "HTML"});
    assert_eq!(
        violations(&[record("sendMessage", params)]),
        Vec::<String>::new()
    );
}

#[test]
fn a_65_byte_callback_data_is_reported() {
    let params = json!({"chat_id": 5, "text": "x", "reply_markup": keyboard(&"d".repeat(65))});
    let want = "sendMessage.reply_markup.inline_keyboard[0][0].callback_data: length 65 bytes";
    assert_reported("sendMessage", params, want);
}

#[test]
fn a_bad_command_name_is_reported() {
    let params = json!({"commands": [{"command": "Start!", "description": "Mulai"}]});
    assert_reported("setMyCommands", params, "setMyCommands.commands[0].command");
}

#[test]
fn a_string_where_an_integer_is_declared_is_reported() {
    let params = json!({"chat_id": 5, "message_id": "7"});
    let want = "deleteMessage.message_id: expected Integer, got string";
    assert_reported("deleteMessage", params, want);
}

#[test]
fn the_other_documented_limits_are_each_reported() {
    let button = json!({"text": "x", "callback_data": "a", "url": "https://example.org"});
    let cases = [
        (
            "answerCallbackQuery",
            json!({"callback_query_id": "1", "text": "x".repeat(201)}),
            "text: length 201",
        ),
        (
            "setMyCommands",
            json!({"commands": [{"command": "a", "description": ""}]}),
            "description: length 0",
        ),
        (
            "setMyCommands",
            json!({"commands": vec![json!({"command": "a", "description": "b"}); 101]}),
            "commands: 101 items",
        ),
        (
            "getUpdates",
            json!({"limit": 101}),
            "limit: 101 is outside 1-100",
        ),
        (
            "getUpdates",
            json!({"timeout": -1}),
            "timeout: -1 is negative",
        ),
        (
            "setWebhook",
            json!({"url": "https://x", "secret_token": "bad secret!"}),
            "secret_token: only",
        ),
        (
            "sendMessage",
            json!({"chat_id": 5, "text": "x", "parse_mode": "html"}),
            "parse_mode: \"html\"",
        ),
        (
            "deleteMessages",
            json!({"chat_id": 5, "message_ids": []}),
            "message_ids: 0 items",
        ),
        (
            "sendPhoto",
            json!({"chat_id": 5, "photo": "id", "caption": "c".repeat(1025)}),
            "caption: length 1025",
        ),
        (
            "sendMessage",
            json!({"chat_id": 5, "text": "x", "reply_markup": {"inline_keyboard": [[button]]}}),
            "needs exactly one optional field",
        ),
    ];
    for (method, params, want) in cases {
        assert_reported(method, params, want);
    }
}

#[tokio::test]
async fn a_teloxide_session_over_the_simulator_sends_only_conformant_requests() {
    let handle = ok(start(SimConfig::default()).await);
    let bot = Bot::new(handle.token()).set_api_url(ok(reqwest::Url::parse(&handle.base_url())));
    let user = sari(&handle).await;
    let chat = ChatId(user.id);
    let kb = InlineKeyboardMarkup::new(vec![vec![InlineKeyboardButton::callback("Ya", "yes")]]);
    let m = ok(bot.send_message(chat, "Lapor?").reply_markup(kb).await);
    ok(handle.press_button(user.id, "Ya").await);
    let updates = ok(bot.get_updates().timeout(0).limit(100).await);
    let Some(UpdateKind::CallbackQuery(q)) = updates.first().map(|u| &u.kind) else {
        panic!("no callback query in {updates:?}")
    };
    ok(bot
        .answer_callback_query(q.id.clone())
        .text("Terima kasih")
        .await);
    ok(bot.edit_message_text(chat, m.id, "Laporan diterima").await);
    for (lang, start, help) in [
        ("id", "Mulai laporan", "Bantuan"),
        ("en", "Start a report", "Help"),
    ] {
        let commands = vec![
            BotCommand::new("start", start),
            BotCommand::new("bantuan", help),
        ];
        ok(bot.set_my_commands(commands).language_code(lang).await);
    }
    let photo = InputFile::memory(b"\xFF\xD8\xFFjpeg".to_vec()).file_name("bukti.jpg");
    ok(bot.send_photo(chat, photo).caption("Bukti").await);
    ok(bot.delete_message(chat, m.id).await);
    let requests = handle.requests();
    assert!(
        requests
            .iter()
            .any(|r| r.method == "sendPhoto" && r.transport == "multipart"),
        "the upload must go through multipart: {requests:#?}"
    );
    assert!(requests.iter().all(|r| r.status == 200), "{requests:#?}");
    assert_eq!(violations(&requests), Vec::<String>::new());
}

#[tokio::test]
async fn a_checked_handle_reports_unexpected_violations_and_unmet_expectations() {
    let h = Checked::new(ok(start(SimConfig::default()).await));
    let url = format!("{}/bot{}/sendMessage", h.base_url(), h.token());
    let body = json!({"chat_id": 1, "text": ""});
    ok(reqwest::Client::new().post(url).json(&body).send().await);
    if !available() {
        return;
    }
    assert_eq!(h.problems().len(), 1, "{:?}", h.problems());
    h.expect_violations(&["sendMessage.text: length 0", "getMe"]);
    let problems = h.problems();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].contains("\"getMe\", found none"),
        "{problems:?}"
    );
    // Dropping `h` now would fail this test; meet the expectation instead.
    ok(reqwest::get(format!("{}/bot{}/getMe?x=1", h.base_url(), h.token())).await);
    assert!(h.problems().iter().all(|p| !p.contains("found none")));
    h.expect_violations(&["getMe.x: not a parameter"]);
    assert_eq!(h.problems(), Vec::<String>::new());
}
