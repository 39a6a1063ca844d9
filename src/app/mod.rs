//! Wires the store, the keys, the Telegram channel and the console.
//! [`App::start`] runs them in the background, so `serve`, `demo` and the
//! tests start the same thing; [`App::stop`] stops them in order.

pub mod ops;
mod services;
mod upkeep;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use teloxide::prelude::*;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::bot::{self, Telegram, api::Api};
use crate::config::{ConfigError, Settings};
use crate::console::{self, ConsoleState};
use crate::crypto::PasswordKdf;
use crate::service::keys::{self, KeyError};
use crate::store::{Store, StoreError};

pub use services::Services;

/// Why the service could not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Keys(#[from] KeyError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("Telegram Bot API: {0}")]
    Telegram(String),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("the {0} task stopped unexpectedly")]
    TaskEnded(&'static str),
}

/// A background task, by name.
struct Task {
    name: &'static str,
    handle: JoinHandle<()>,
    /// The service cannot go on without it.
    vital: bool,
}

/// The running service.
pub struct App {
    stop: watch::Sender<bool>,
    tasks: Vec<Task>,
    console_addr: SocketAddr,
    webhook_addr: Option<SocketAddr>,
    ops_addr: SocketAddr,
    services: Arc<Services>,
    shutdown: Duration,
}

impl App {
    /// Starts everything. Refuses to start without a recovery key: a
    /// report sealed to nobody who can recover it could be lost with one
    /// forgotten password.
    pub async fn start(settings: &Settings, store: Arc<dyn Store>) -> Result<Self, AppError> {
        Self::start_with_kdf(settings, store, PasswordKdf::production()).await
    }

    /// Like [`App::start`], with the Argon2 cost of accounts created in the
    /// console chosen by the caller (the tests use a cheap one).
    pub async fn start_with_kdf(
        settings: &Settings,
        store: Arc<dyn Store>,
        kdf: PasswordKdf,
    ) -> Result<Self, AppError> {
        let token = secrecy::ExposeSecret::expose_secret(settings.require_token()?)
            .trim()
            .to_owned();
        let api_url = settings.telegram_api_url()?;
        let services = Arc::new(Services::new(settings, store)?);
        keys::check_server_key(services.store.as_ref(), &services.server_key).await?;
        keys::recovery_public_key(services.store.as_ref()).await?;

        // Fail now, with a clear line, rather than leave a process that
        // looks alive while it cannot reach Telegram.
        let setup = Bot::new(token.clone()).set_api_url(api_url.clone());
        let me = bot::with_retry(|| setup.get_me())
            .await
            .map_err(|e| AppError::Telegram(bot::redacted(&e)))?;
        tracing::info!(bot.id = me.id.0, "connected to the Bot API");
        if let Err(err) = bot::set_commands(&setup, &services.locales).await {
            tracing::warn!(error = %err, "could not set the command menu");
        }
        if let Err(err) = bot::set_descriptions(&setup, &services.locales).await {
            tracing::warn!(error = %err, "could not set the bot's description");
        }

        let reporting = Arc::new(services.reporting(settings));
        let mut telegram = Telegram::new(
            Api::new(api_url, &token),
            reporting,
            crate::bot::pacer::Pace {
                overall: settings.telegram.max_sends_per_second,
                per_chat: settings.telegram.chat_sends_per_second,
            },
        );
        let url = settings.database_url()?;
        telegram.poller_lock =
            crate::store::sqlite::lock_path(secrecy::ExposeSecret::expose_secret(&url))
                .filter(|_| services.store.backend() == crate::store::Backend::Sqlite);
        let telegram = Arc::new(telegram);
        let (stop, stopped) = watch::channel(false);
        let mut tasks = Vec::new();
        let mut spawn = |name, vital, handle| {
            tasks.push(Task {
                name,
                handle,
                vital,
            })
        };

        let console = ConsoleState::new(
            settings,
            services.store.clone(),
            services.server_key.clone(),
            services.locales.clone(),
            kdf,
        );
        let listener = tokio::net::TcpListener::bind(settings.console_listen()?).await?;
        let console_addr = listener.local_addr()?;
        tracing::info!(console.addr = %console_addr, "console listening");
        let mut until = stopped.clone();
        spawn(
            "console",
            true,
            tokio::spawn(async move {
                let shutdown = async move {
                    let _ = until.wait_for(|s| *s).await;
                };
                if let Err(err) = console::serve(listener, console, shutdown).await {
                    tracing::error!(error = %err, "console stopped");
                }
            }),
        );

        let ops_listener = tokio::net::TcpListener::bind(settings.ops_listen()?).await?;
        let ops_addr = ops_listener.local_addr()?;
        let metrics = settings.ops.metrics.then(ops::metrics_handle).flatten();
        if metrics.is_some() {
            spawn(
                "gauges",
                false,
                tokio::spawn(ops::gauges(services.store.clone())),
            );
        }
        let ops_router = ops::router(ops::Ops {
            store: services.store.clone(),
            liveness: telegram.liveness.clone(),
            max_outbox_age: Duration::from_secs(u64::from(settings.ops.max_outbox_age_seconds)),
            metrics,
        });
        let mut until = stopped.clone();
        spawn(
            "ops",
            false,
            tokio::spawn(async move {
                let _ = axum::serve(ops_listener, ops_router)
                    .with_graceful_shutdown(async move {
                        let _ = until.wait_for(|s| *s).await;
                    })
                    .await;
            }),
        );
        tracing::info!(ops.addr = %ops_addr, "health checks listening");

        let webhook_addr = match settings.webhook()? {
            Some((url, secret, listen)) => {
                let listener = tokio::net::TcpListener::bind(listen).await?;
                let addr = listener.local_addr()?;
                let mut hook = setup.set_webhook(url);
                hook.secret_token = Some(secret.clone());
                hook.allowed_updates = Some(vec![
                    teloxide::types::AllowedUpdate::Message,
                    teloxide::types::AllowedUpdate::EditedMessage,
                    teloxide::types::AllowedUpdate::CallbackQuery,
                ]);
                bot::with_retry(|| hook.clone())
                    .await
                    .map_err(|e| AppError::Telegram(bot::redacted(&e)))?;
                tracing::info!(webhook.addr = %addr, "receiving updates by webhook");
                telegram.liveness.mark(bot::Liveness::WEBHOOK);
                let router = bot::webhook::router(telegram.clone(), secret);
                let mut until = stopped.clone();
                spawn(
                    "webhook",
                    true,
                    tokio::spawn(async move {
                        let _ = axum::serve(listener, router)
                            .with_graceful_shutdown(async move {
                                let _ = until.wait_for(|s| *s).await;
                            })
                            .await;
                    }),
                );
                Some(addr)
            }
            None => {
                spawn(
                    "poller",
                    true,
                    tokio::spawn(bot::poller::run(telegram.clone(), stopped.clone())),
                );
                None
            }
        };
        spawn(
            "worker",
            true,
            tokio::spawn(bot::worker::run(
                telegram.clone(),
                stopped.clone(),
                Duration::from_secs(u64::from(settings.ops.shutdown_seconds)),
            )),
        );
        spawn("sender", true, tokio::spawn(telegram.sender.clone().run()));
        spawn(
            "heartbeat",
            false,
            tokio::spawn(upkeep::heartbeat(services.store.clone())),
        );
        let retention = settings.retention.days_after_close;
        let idle = chrono::Duration::minutes(i64::from(settings.console.idle_minutes.max(1)));
        spawn(
            "purge",
            false,
            tokio::spawn(upkeep::purge_expired(
                services.store.clone(),
                retention,
                idle,
            )),
        );
        tracing::info!("bot started");
        Ok(Self {
            stop,
            tasks,
            console_addr,
            webhook_addr,
            ops_addr,
            services,
            shutdown: Duration::from_secs(u64::from(settings.ops.shutdown_seconds)),
        })
    }

    /// Where the console listens (useful when configured with port 0).
    pub fn console_addr(&self) -> SocketAddr {
        self.console_addr
    }

    /// Where the health checks (and metrics) answer.
    pub fn ops_addr(&self) -> SocketAddr {
        self.ops_addr
    }

    /// Where the webhook listens, in webhook mode.
    pub fn webhook_addr(&self) -> Option<SocketAddr> {
        self.webhook_addr
    }

    /// Resolves when a vital task ends (it should not), naming it.
    async fn vital_ended(&mut self) -> &'static str {
        let watched: Vec<_> = (self.tasks.iter_mut())
            .filter(|t| t.vital)
            .map(|t| {
                Box::pin(async {
                    (&mut t.handle).await.ok();
                    t.name
                })
            })
            .collect();
        if watched.is_empty() {
            return std::future::pending().await;
        }
        futures::future::select_all(watched).await.0
    }

    /// Stops taking updates, lets what is being applied finish (within a
    /// bound; the rest stays in the inbox for the next start), gives up the
    /// poller lease and the liveness mark at once, and returns.
    pub async fn stop(mut self) {
        let _ = self.stop.send(true);
        for task in self.tasks.iter_mut() {
            if matches!(task.name, "poller" | "worker" | "webhook" | "console") {
                let _ = tokio::time::timeout(self.shutdown, &mut task.handle).await;
            }
        }
        for task in self.tasks.drain(..) {
            if !task.handle.is_finished() {
                task.handle.abort();
                let _ = task.handle.await;
            }
        }
        upkeep::not_running(self.services.store.as_ref()).await;
    }
}

/// A dropped app (a test that panicked, say) leaves no task behind.
impl Drop for App {
    fn drop(&mut self) {
        for task in &self.tasks {
            task.handle.abort();
        }
    }
}

/// Runs until Ctrl-C or SIGTERM, or until a vital task stops by itself
/// (which is an error: the process must not linger half alive).
pub async fn serve(settings: Settings, store: Arc<dyn Store>) -> Result<(), AppError> {
    let mut app = App::start(&settings, store).await?;
    let ended = tokio::select! {
        _ = wait_for_signal() => None,
        name = app.vital_ended() => Some(name),
    };
    tracing::info!("stopping");
    app.stop().await;
    match ended {
        Some(name) => Err(AppError::TaskEnded(name)),
        None => Ok(()),
    }
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
