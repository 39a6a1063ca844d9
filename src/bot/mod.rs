//! The thin teloxide adapter: Telegram updates in, Bot API calls out.
//!
//! The reporting conversation proper lives in `conversation/` (its own
//! issue). Until it lands, the bot greets every private chat with the
//! neutral welcome and the emergency contacts, lets her switch language
//! (an edit in place), and offers the quick-exit button, which deletes the
//! bot's message and leaves one neutral line.

mod deliver;

use std::sync::Arc;

use teloxide::dispatching::UpdateHandler;
use teloxide::prelude::*;
use teloxide::types::{ChatKind, InlineKeyboardButton, InlineKeyboardMarkup, MessageId};

use crate::domain::Contact;
use crate::i18n::{FluentArgs, Lang, Locales};

pub use deliver::with_retry;

/// What every handler can reach, injected through `dptree::deps!`.
#[derive(Clone)]
pub struct BotContext {
    pub locales: Arc<Locales>,
    pub contacts: Arc<Vec<Contact>>,
}

/// The update tree: private messages and button presses.
pub fn schema() -> UpdateHandler<teloxide::RequestError> {
    dptree::entry()
        .branch(Update::filter_message().endpoint(on_message))
        .branch(Update::filter_callback_query().endpoint(on_button))
}

async fn on_message(bot: Bot, msg: Message, ctx: BotContext) -> ResponseResult<()> {
    if !matches!(msg.chat.kind, ChatKind::Private(_)) {
        return Ok(());
    }
    let lang = Lang::from_telegram_code(msg.from.as_ref().and_then(|u| u.language_code.as_deref()));
    let (text, keyboard) = welcome(&ctx, lang);
    with_retry(|| {
        bot.send_message(msg.chat.id, text.clone())
            .reply_markup(keyboard.clone())
    })
    .await?;
    Ok(())
}

async fn on_button(bot: Bot, query: CallbackQuery, ctx: BotContext) -> ResponseResult<()> {
    // Always answer, so her button stops spinning, even for data we never
    // issued (an old keyboard or a forged press): those change nothing.
    with_retry(|| bot.answer_callback_query(query.id.clone())).await?;
    let Some(message) = query.regular_message() else {
        return Ok(());
    };
    let chat = message.chat.id;
    match query.data.as_deref() {
        Some("exit") => quick_exit(&bot, &ctx, chat, message.id, lang_of(&query)).await,
        Some(data) => match data.strip_prefix("lang:").map(Lang::parse) {
            Some(Ok(lang)) => {
                let (text, keyboard) = welcome(&ctx, lang);
                let edit = || {
                    bot.edit_message_text(chat, message.id, text.clone())
                        .reply_markup(keyboard.clone())
                };
                match with_retry(edit).await {
                    // Pressing the language already shown is not an error.
                    Err(teloxide::RequestError::Api(teloxide::ApiError::MessageNotModified)) => {
                        Ok(())
                    }
                    other => other.map(drop),
                }
            }
            _ => Ok(()),
        },
        None => Ok(()),
    }
}

fn lang_of(query: &CallbackQuery) -> Lang {
    Lang::from_telegram_code(query.from.language_code.as_deref())
}

async fn quick_exit(
    bot: &Bot,
    ctx: &BotContext,
    chat: ChatId,
    message: MessageId,
    lang: Lang,
) -> ResponseResult<()> {
    // A message already gone is what she wanted; nothing to report.
    let _ = with_retry(|| bot.delete_message(chat, message)).await;
    with_retry(|| bot.send_message(chat, ctx.locales.text(lang, "quick-exit-done"))).await?;
    Ok(())
}

/// The welcome in `lang`, with the emergency contacts from the settings.
fn welcome(ctx: &BotContext, lang: Lang) -> (String, InlineKeyboardMarkup) {
    let mut text = ctx.locales.text(lang, "welcome-interim");
    for contact in ctx.contacts.iter().filter(|c| c.emergency) {
        text.push_str("\n• ");
        text.push_str(&contact_line(&ctx.locales, lang, contact));
    }
    let keyboard = InlineKeyboardMarkup::new([
        Lang::ALL
            .iter()
            .map(|l| {
                InlineKeyboardButton::callback(
                    ctx.locales.text(*l, l.label_key()),
                    format!("lang:{}", l.code()),
                )
            })
            .collect::<Vec<_>>(),
        vec![InlineKeyboardButton::callback(
            ctx.locales.text(lang, "button-quick-exit"),
            "exit",
        )],
    ]);
    (text, keyboard)
}

/// "SAPA 129: Telepon 129, WhatsApp 08111-129-129".
pub fn contact_line(locales: &Locales, lang: Lang, contact: &Contact) -> String {
    let ways: Vec<String> = [
        ("contact-call", &contact.phone),
        ("contact-whatsapp", &contact.whatsapp),
    ]
    .into_iter()
    .filter_map(|(key, number)| {
        let number = number.as_deref()?;
        Some(locales.text_args(lang, key, &FluentArgs::from_iter([("number", number)])))
    })
    .collect();
    format!("{}: {}", contact.name, ways.join(", "))
}
