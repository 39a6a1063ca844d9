//! The command menu Telegram shows next to the text field, in Indonesian
//! (the default for every language) and English.

use teloxide::prelude::*;
use teloxide::types::BotCommand;

use super::with_retry;
use crate::i18n::{Lang, Locales};

/// Commands in menu order. Descriptions are neutral: the menu is visible
/// to anyone who looks at her screen.
const COMMANDS: &[&str] = &[
    "start", "darurat", "hapus", "status", "pesan", "tambah", "bahasa", "batal", "bantuan",
];

/// Registers the menu: Indonesian as the default, English for `en` clients.
pub async fn set_commands(bot: &Bot, locales: &Locales) -> ResponseResult<()> {
    for lang in Lang::ALL {
        let commands: Vec<BotCommand> = COMMANDS
            .iter()
            .map(|c| BotCommand::new(*c, locales.text(*lang, &format!("command-{c}"))))
            .collect();
        match lang {
            Lang::Id => with_retry(|| bot.set_my_commands(commands.clone())).await?,
            Lang::En => {
                with_retry(|| bot.set_my_commands(commands.clone()).language_code("en")).await?
            }
        };
    }
    Ok(())
}

/// The bot's description (shown before /start) and short description (its
/// profile), in both languages: neutral words that name the service.
pub async fn set_descriptions(bot: &Bot, locales: &Locales) -> ResponseResult<()> {
    for lang in Lang::ALL {
        let long = locales.text(*lang, "bot-description");
        let short = locales.text(*lang, "bot-short-description");
        let code = match lang {
            Lang::Id => None,
            Lang::En => Some("en".to_owned()),
        };
        let mut d = bot.set_my_description();
        d.description = Some(long);
        d.language_code = code.clone();
        with_retry(|| d.clone()).await?;
        let mut s = bot.set_my_short_description();
        s.short_description = Some(short);
        s.language_code = code;
        with_retry(|| s.clone()).await?;
    }
    Ok(())
}
