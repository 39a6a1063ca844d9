//! Wires the store and the bot together and runs them until Ctrl-C.
//!
//! The conversation itself lives in `conversation/` (a later issue); until
//! then the bot answers every private message with the neutral welcome and
//! the emergency contacts, so a deployment is never silent.

use std::sync::Arc;

use secrecy::ExposeSecret;
use teloxide::prelude::*;
use teloxide::types::ChatKind;

use crate::commands::CommandError;
use crate::config::{ConfigError, Settings};
use crate::domain::Contact;
use crate::i18n::{FluentArgs, Lang, Locales};
use crate::store::Store;

/// Runs the bot against the configured Bot API until interrupted.
pub async fn serve(settings: Settings, store: Arc<dyn Store>) -> Result<(), CommandError> {
    let token = settings.require_token()?.expose_secret().to_owned();
    let api_url = settings
        .telegram
        .api_url
        .parse()
        .map_err(|e| ConfigError::Invalid {
            key: "telegram.api_url".into(),
            reason: format!("{e}"),
        })?;
    let locales = Arc::new(Locales::load().map_err(|e| ConfigError::Invalid {
        key: "locales".into(),
        reason: e.to_string(),
    })?);
    let bot = Bot::new(token).set_api_url(api_url);
    let contacts = Arc::new(settings.contacts.clone());
    let handler = Update::filter_message().endpoint(welcome);
    tracing::info!("bot starting");
    Dispatcher::builder(bot, handler)
        .dependencies(dptree::deps![locales, store, contacts])
        .enable_ctrlc_handler()
        .build()
        .dispatch()
        .await;
    Ok(())
}

async fn welcome(
    bot: Bot,
    msg: Message,
    locales: Arc<Locales>,
    contacts: Arc<Vec<Contact>>,
) -> ResponseResult<()> {
    if !matches!(msg.chat.kind, ChatKind::Private(_)) {
        return Ok(());
    }
    let lang = Lang::from_telegram_code(msg.from.as_ref().and_then(|u| u.language_code.as_deref()));
    let mut text = locales.text(lang, "welcome-interim");
    for contact in contacts.iter().filter(|c| c.emergency) {
        text.push_str(&format!("\n• {}", contact_line(&locales, lang, contact)));
    }
    bot.send_message(msg.chat.id, text).await?;
    Ok(())
}

/// "SAPA 129: Telepon 129, WhatsApp 08111-129-129".
fn contact_line(locales: &Locales, lang: Lang, contact: &Contact) -> String {
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
