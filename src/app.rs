//! Wires the store and the bot together. [`App::start`] runs them in the
//! background, so `serve`, `demo` and the tests start the same thing.

use std::sync::Arc;

use teloxide::dispatching::ShutdownToken;
use teloxide::prelude::*;
use tokio::task::JoinHandle;

use crate::bot::{self, BotContext};
use crate::config::{ConfigError, Settings};
use crate::i18n::Locales;
use crate::store::Store;

/// The running service.
pub struct App {
    shutdown: ShutdownToken,
    bot: Option<JoinHandle<()>>,
}

impl App {
    /// Starts the bot, polling the configured Bot API.
    pub async fn start(settings: &Settings, store: Arc<dyn Store>) -> Result<Self, ConfigError> {
        let token = settings.require_token()?;
        let api_url = settings.telegram_api_url()?;
        let locales = Arc::new(Locales::load().map_err(|e| ConfigError::Invalid {
            key: "locales".into(),
            reason: e.to_string(),
        })?);
        let ctx = BotContext {
            locales,
            contacts: Arc::new(settings.contacts.clone()),
        };
        let bot = Bot::new(secrecy::ExposeSecret::expose_secret(token)).set_api_url(api_url);
        let mut dispatcher = Dispatcher::builder(bot, bot::schema())
            .dependencies(dptree::deps![ctx, store])
            .default_handler(|_| async {})
            .build();
        let shutdown = dispatcher.shutdown_token();
        let bot = tokio::spawn(async move { dispatcher.dispatch().await });
        tracing::info!("bot started");
        Ok(Self {
            shutdown,
            bot: Some(bot),
        })
    }

    /// Stops taking updates, lets handlers in flight finish, and returns.
    pub async fn stop(mut self) {
        if let Ok(done) = self.shutdown.shutdown() {
            done.await;
        }
        if let Some(bot) = self.bot.take() {
            let _ = bot.await;
        }
    }
}

/// A dropped app (a test that panicked, say) leaves no task behind.
impl Drop for App {
    fn drop(&mut self) {
        if let Some(bot) = self.bot.take() {
            bot.abort();
        }
    }
}

/// Runs until Ctrl-C or SIGTERM.
pub async fn serve(
    settings: Settings,
    store: Arc<dyn Store>,
) -> Result<(), crate::commands::CommandError> {
    let app = App::start(&settings, store).await?;
    wait_for_signal().await;
    tracing::info!("stopping");
    app.stop().await;
    Ok(())
}

/// Resolves on Ctrl-C, or SIGTERM where there is one.
pub async fn wait_for_signal() {
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(s) => s,
                Err(_) => {
                    let _ = tokio::signal::ctrl_c().await;
                    return;
                }
            };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = tokio::signal::ctrl_c().await;
}
