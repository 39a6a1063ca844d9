//! Wires the store, the keys and the bot together. [`App::start`] runs
//! them in the background, so `serve`, `demo` and the tests start the same
//! thing.

use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use teloxide::dispatching::ShutdownToken;
use teloxide::prelude::*;
use tokio::task::JoinHandle;

use std::net::SocketAddr;

use crate::bot::{self, BotContext};
use crate::commands::CommandError;
use crate::config::{ConfigError, Settings};
use crate::console::{self, ConsoleState};
use crate::crypto::PasswordKdf;
use crate::i18n::Locales;
use crate::service::keys;
use crate::store::Store;

/// How often expired drafts are destroyed.
const PURGE_EVERY: Duration = Duration::from_secs(15 * 60);

/// The running service.
pub struct App {
    shutdown: ShutdownToken,
    tasks: Vec<JoinHandle<()>>,
    console_addr: SocketAddr,
}

impl App {
    /// Starts the bot, polling the configured Bot API. Refuses to start
    /// without a recovery key: a report sealed to nobody who can recover it
    /// could be lost with one forgotten password.
    pub async fn start(settings: &Settings, store: Arc<dyn Store>) -> Result<Self, CommandError> {
        Self::start_with_kdf(settings, store, PasswordKdf::production()).await
    }

    /// Like [`App::start`], with the Argon2 cost of accounts created in the
    /// console chosen by the caller (the tests use a cheap one).
    pub async fn start_with_kdf(
        settings: &Settings,
        store: Arc<dyn Store>,
        kdf: PasswordKdf,
    ) -> Result<Self, CommandError> {
        let token = settings.require_token()?;
        let api_url = settings.telegram_api_url()?;
        let locales = Arc::new(Locales::load().map_err(|e| ConfigError::Invalid {
            key: "locales".into(),
            reason: e.to_string(),
        })?);
        let server_key = Arc::new(keys::load_server_key(settings)?);
        keys::check_server_key(store.as_ref(), &server_key).await?;
        keys::recovery_public_key(store.as_ref()).await?;
        let ctx = Arc::new(BotContext::new(
            settings,
            store.clone(),
            server_key.clone(),
            locales.clone(),
        ));

        let token = secrecy::ExposeSecret::expose_secret(token)
            .trim()
            .to_owned();
        let bot = Bot::new(token).set_api_url(api_url);
        // Fail now, with a clear line, rather than leave a process that
        // looks alive while its bot task has died.
        let me = bot::with_retry(|| bot.get_me())
            .await
            .map_err(|e| CommandError::Telegram(bot::redacted(&e)))?;
        tracing::info!(bot.id = me.id.0, "connected to the Bot API");
        if let Err(err) = bot::set_commands(&bot, &locales).await {
            tracing::warn!(error = %err, "could not set the command menu");
        }
        let console = ConsoleState::new(
            settings,
            store.clone(),
            server_key.clone(),
            locales.clone(),
            kdf,
        );
        let listen = settings.console_listen()?;
        let console_listener = tokio::net::TcpListener::bind(listen)
            .await
            .map_err(CommandError::Io)?;
        let console_addr = console_listener.local_addr().map_err(CommandError::Io)?;
        tracing::info!(console.addr = %console_addr, "console listening");
        let console_task = tokio::spawn(async move {
            if let Err(err) =
                console::serve(console_listener, console, std::future::pending()).await
            {
                tracing::error!(error = %err, "console stopped");
            }
        });
        let outbox_task = tokio::spawn(bot::outbox::run(
            bot.clone(),
            store.clone(),
            server_key,
            locales.clone(),
        ));
        let bot_for_listener = bot.clone();
        let mut dispatcher = Dispatcher::builder(bot, bot::schema())
            .dependencies(dptree::deps![ctx])
            .default_handler(|_| async {})
            .build();
        let shutdown = dispatcher.shutdown_token();
        let listener = teloxide::update_listeners::polling_default(bot_for_listener).await;
        let bot_task = tokio::spawn(async move {
            dispatcher
                .dispatch_with_listener(listener, Arc::new(bot::ListenerErrors))
                .await
        });
        let retention = settings.retention.days_after_close;
        let heartbeat_task = tokio::spawn(heartbeat(store.clone()));
        let idle = chrono::Duration::minutes(i64::from(settings.console.idle_minutes.max(1)));
        let purge_task = tokio::spawn(purge_expired(store, retention, idle));
        tracing::info!("bot started");
        Ok(Self {
            shutdown,
            tasks: vec![
                bot_task,
                purge_task,
                outbox_task,
                heartbeat_task,
                console_task,
            ],
            console_addr,
        })
    }

    /// Where the console listens (useful when configured with port 0).
    pub fn console_addr(&self) -> SocketAddr {
        self.console_addr
    }

    /// Stops taking updates, lets handlers in flight finish, and returns.
    pub async fn stop(mut self) {
        if let Ok(done) = self.shutdown.shutdown() {
            done.await;
        }
        for task in self.tasks.drain(..) {
            task.abort();
            let _ = task.await;
        }
    }
}

/// A dropped app (a test that panicked, say) leaves no task behind.
impl Drop for App {
    fn drop(&mut self) {
        for task in &self.tasks {
            task.abort();
        }
    }
}

/// Notes every 30 s that the bot is running, so that a key rotation can
/// refuse to run under it.
async fn heartbeat(store: Arc<dyn Store>) {
    let mut tick = tokio::time::interval(Duration::from_secs(30));
    loop {
        tick.tick().await;
        let now = Utc::now().timestamp_millis().to_string();
        if let Err(err) = store.put_setting(keys::SERVE_HEARTBEAT, &now).await {
            tracing::warn!(error = %err, "cannot write the heartbeat");
        }
    }
}

/// Destroys what has outlived its time: drafts, their files, and reports
/// past the retention limit.
async fn purge_expired(store: Arc<dyn Store>, retention_days: u32, idle: chrono::Duration) {
    let mut tick = tokio::time::interval(PURGE_EVERY);
    loop {
        tick.tick().await;
        match store.purge_sessions(Utc::now(), Utc::now() - idle).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(sessions = n, "ended console sessions removed"),
            Err(err) => tracing::warn!(error = %err, "purging console sessions failed"),
        }
        match store.purge_expired_dialogues(Utc::now()).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(drafts = n, "expired drafts destroyed"),
            Err(err) => tracing::warn!(error = %err, "purging expired drafts failed"),
        }
        // Files of no report and no draft in progress; the hour of grace
        // covers a file sealed just before its draft is saved.
        match store
            .purge_orphan_attachments(Utc::now() - chrono::Duration::hours(1))
            .await
        {
            Ok(0) => {}
            Ok(n) => tracing::info!(files = n, "files of abandoned drafts destroyed"),
            Err(err) => tracing::warn!(error = %err, "purging draft files failed"),
        }
        // Telegram update ids are unique for about a week; a day of memory
        // covers redeliveries. Rate-limit windows are minutes long.
        if let Err(err) = store
            .purge_housekeeping(Utc::now() - chrono::Duration::days(1))
            .await
        {
            tracing::warn!(error = %err, "housekeeping failed");
        }
        match crate::service::retention::destroy_expired_reports(
            store.as_ref(),
            retention_days,
            Utc::now(),
        )
        .await
        {
            Ok(0) => {}
            Ok(n) => tracing::info!(reports = n, "reports past the retention limit destroyed"),
            Err(err) => tracing::warn!(error = %err, "retention run failed"),
        }
    }
}

/// Runs until Ctrl-C or SIGTERM, or until the bot stops by itself (which
/// is an error: the process must not linger without a bot).
pub async fn serve(settings: Settings, store: Arc<dyn Store>) -> Result<(), CommandError> {
    let mut app = App::start(&settings, store).await?;
    let bot_ended = match app.tasks.first_mut() {
        Some(task) => {
            tokio::select! {
                _ = wait_for_signal() => false,
                _ = task => true,
            }
        }
        None => false,
    };
    tracing::info!("stopping");
    app.stop().await;
    if bot_ended {
        return Err(CommandError::Telegram(
            "the bot stopped unexpectedly".into(),
        ));
    }
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
