//! The ceiling for the load generator (`examples/loadgen`): a minimal
//! teloxide bot with the same transport as Suara (teloxide's dispatcher,
//! long polling, one multi-threaded Tokio runtime) and nothing else. It
//! answers every message with one text and an inline keyboard, and every
//! button press with `answerCallbackQuery` plus one such message. No
//! storage, no crypto, no conversation.
//!
//! ```text
//! SUARA_TELEGRAM_TOKEN=123456:ABC SUARA_TELEGRAM_API_URL=http://127.0.0.1:8081 \
//!     target/release/examples/noop_bot
//! ```
//!
//! The load generator starts it by itself; see docs/performance.md.

#![forbid(unsafe_code)]

use std::process::ExitCode;

use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

fn keyboard() -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new([[
        InlineKeyboardButton::callback("Ya", "noop:yes"),
        InlineKeyboardButton::callback("Tidak", "noop:no"),
    ]])
}

async fn on_message(bot: Bot, message: Message) -> ResponseResult<()> {
    bot.send_message(message.chat.id, "OK")
        .reply_markup(keyboard())
        .await?;
    Ok(())
}

async fn on_press(bot: Bot, q: CallbackQuery) -> ResponseResult<()> {
    bot.answer_callback_query(q.id.clone()).await?;
    if let Some(message) = q.regular_message() {
        bot.send_message(message.chat.id, "OK")
            .reply_markup(keyboard())
            .await?;
    }
    Ok(())
}

fn main() -> ExitCode {
    let Ok(token) = std::env::var("SUARA_TELEGRAM_TOKEN") else {
        eprintln!("noop_bot: set SUARA_TELEGRAM_TOKEN");
        return ExitCode::from(2);
    };
    let mut bot = Bot::new(token.trim());
    if let Ok(url) = std::env::var("SUARA_TELEGRAM_API_URL") {
        match url.parse() {
            Ok(url) => bot = bot.set_api_url(url),
            Err(_) => {
                eprintln!("noop_bot: SUARA_TELEGRAM_API_URL is not a URL");
                return ExitCode::from(2);
            }
        }
    }
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("noop_bot: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async {
        let handler = dptree::entry()
            .branch(Update::filter_message().endpoint(on_message))
            .branch(Update::filter_callback_query().endpoint(on_press));
        Dispatcher::builder(bot, handler)
            .default_handler(|_| async {})
            .build()
            .dispatch()
            .await;
    });
    ExitCode::SUCCESS
}
