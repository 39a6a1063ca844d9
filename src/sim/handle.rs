//! Starting the simulator and the handle tests use to drive it.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use super::error::SimError;
use super::faults::{FaultKind, FaultPlan, FloodLimit};
use super::log::RequestRecord;
use super::server::router;
use super::state::{BotIdentity, SimState, SimUser};
use super::transcript::{Transcript, TranscriptEntry};
use super::updates::webhook_loop;
use super::users::{ButtonRef, NewUser, UserMessage};

/// Simulator settings.
#[derive(Debug, Clone)]
pub struct SimConfig {
    /// Address to bind; port 0 picks a free port.
    pub addr: SocketAddr,
    /// Accepted bot token; its numeric prefix becomes the bot's user id.
    pub token: String,
    /// Bot display name.
    pub bot_first_name: String,
    /// Bot username without @.
    pub bot_username: String,
    /// Flood limit (off when `None`, the default).
    pub flood: Option<FloodLimit>,
}

impl Default for SimConfig {
    fn default() -> Self {
        Self {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            token: "7000000001:AAsimulatorTOKENsimulatorTOKEN000".into(),
            bot_first_name: "Suara".into(),
            bot_username: "suara_sim_bot".into(),
            flood: None,
        }
    }
}

/// Name-space type for the simulator; see [`start`].
#[derive(Debug)]
pub struct Simulator;

impl Simulator {
    /// Same as [`start`].
    pub async fn start(config: SimConfig) -> Result<SimHandle, SimError> {
        start(config).await
    }
}

/// A running simulator. Dropping it shuts the server down as well.
#[derive(Debug)]
pub struct SimHandle {
    state: Arc<SimState>,
    addr: SocketAddr,
    shutdown: watch::Sender<bool>,
    server: Option<JoinHandle<()>>,
}

/// Binds the listener and serves the Bot API, control API and chat page.
pub async fn start(config: SimConfig) -> Result<SimHandle, SimError> {
    let bot_id = config
        .token
        .split(':')
        .next()
        .and_then(|p| p.parse().ok())
        .ok_or_else(|| SimError::Invalid("token must look like <digits>:<secret>".into()))?;
    let bot = BotIdentity {
        id: bot_id,
        first_name: config.bot_first_name,
        username: config.bot_username,
    };
    let state = Arc::new(SimState::new(config.token, bot));
    state.lock().flood = config.flood;
    let listener = tokio::net::TcpListener::bind(config.addr).await?;
    let addr = listener.local_addr()?;
    let (tx, rx) = watch::channel(false);
    tokio::spawn(webhook_loop(state.clone(), rx.clone()));
    let app = router(state.clone());
    let mut srv_rx = rx;
    let server = tokio::spawn(async move {
        let stop = async move {
            let _ = srv_rx.changed().await;
        };
        if let Err(e) = axum::serve(listener, app)
            .with_graceful_shutdown(stop)
            .await
        {
            tracing::warn!(error = %e, "simulator server stopped with an error");
        }
    });
    Ok(SimHandle {
        state,
        addr,
        shutdown: tx,
        server: Some(server),
    })
}

impl SimHandle {
    /// Base URL for `Bot::set_api_url`, e.g. `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Bound socket address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The accepted bot token.
    pub fn token(&self) -> &str {
        &self.state.token
    }

    /// Direct access to the state.
    pub fn state(&self) -> &Arc<SimState> {
        &self.state
    }

    /// Stops accepting connections and waits for in-flight requests.
    /// Long polls still waiting are cut off by the graceful shutdown only
    /// when they end, so the server task is aborted after a short grace.
    pub async fn shutdown(mut self) {
        let _ = self.shutdown.send(true);
        if let Some(server) = self.server.take() {
            let abort = server.abort_handle();
            if tokio::time::timeout(Duration::from_secs(2), server)
                .await
                .is_err()
            {
                abort.abort();
            }
        }
    }

    /// Creates a user (and her private chat).
    pub async fn create_user(&self, new: NewUser) -> Result<SimUser, SimError> {
        self.state.create_user(new)
    }

    /// Creates a user with just a first name and language.
    pub async fn create_user_named(
        &self,
        first_name: &str,
        language_code: &str,
    ) -> Result<SimUser, SimError> {
        let new = NewUser {
            first_name: first_name.into(),
            language_code: Some(language_code.into()),
            ..Default::default()
        };
        self.state.create_user(new)
    }

    /// All users.
    pub async fn users(&self) -> Vec<SimUser> {
        self.state.users()
    }

    /// The user sends text to the bot in her private chat.
    pub async fn send_text(&self, user_id: i64, text: &str) -> Result<Value, SimError> {
        self.state
            .user_send(user_id, None, UserMessage::Text(text.into()))
    }

    /// The user sends any message, to her private chat or group `chat_id`.
    pub async fn send(
        &self,
        user_id: i64,
        chat_id: Option<i64>,
        msg: UserMessage,
    ) -> Result<Value, SimError> {
        self.state.user_send(user_id, chat_id, msg)
    }

    /// Presses the inline button labelled `label` on the newest bot message
    /// in her private chat that has one.
    pub async fn press_button(&self, user_id: i64, label: &str) -> Result<Value, SimError> {
        let which = ButtonRef {
            label: Some(label.into()),
            ..Default::default()
        };
        self.state.press_button(user_id, None, which)
    }

    /// Presses a button chosen by message id, label and/or callback_data.
    pub async fn press(
        &self,
        user_id: i64,
        chat_id: Option<i64>,
        which: ButtonRef,
    ) -> Result<Value, SimError> {
        self.state.press_button(user_id, chat_id, which)
    }

    /// The user edits one of her text messages.
    pub async fn edit_message(
        &self,
        user_id: i64,
        message_id: i64,
        text: &str,
    ) -> Result<Value, SimError> {
        self.state.user_edit(user_id, None, message_id, text)
    }

    /// Marks the user as having blocked the bot (or not).
    pub async fn set_blocked(&self, user_id: i64, blocked: bool) -> Result<(), SimError> {
        self.state.set_blocked(user_id, blocked)
    }

    /// Creates a group with these members and the bot; returns its chat id.
    pub async fn create_group(&self, title: &str, member_ids: &[i64]) -> Result<i64, SimError> {
        self.state.create_group(title, member_ids)
    }

    /// A chat's transcript.
    pub async fn transcript(&self, chat_id: i64) -> Result<Transcript, SimError> {
        self.state.transcript(chat_id)
    }

    /// Waits (on state-change notifications) for the newest bot message in
    /// `chat_id` that satisfies `pred`.
    pub async fn wait_for_bot_message(
        &self,
        chat_id: i64,
        pred: impl Fn(&TranscriptEntry) -> bool,
        timeout: Duration,
    ) -> Result<TranscriptEntry, SimError> {
        self.state
            .wait_for_bot_message(chat_id, pred, timeout)
            .await
    }

    /// Waits until `method` (canonical name) has been called `n` times.
    pub async fn wait_for_requests(
        &self,
        method: &str,
        n: u64,
        timeout: Duration,
    ) -> Result<(), SimError> {
        self.state
            .wait_until(&format!("{n} {method} calls"), timeout, |s| {
                (s.lock().counts.get(method).copied().unwrap_or(0) >= n).then_some(())
            })
            .await
    }

    /// Advances the simulated clock; returns the new unix time.
    pub async fn advance_clock(&self, seconds: i64) -> i64 {
        self.state.advance_clock(seconds)
    }

    /// Simulated unix time.
    pub fn now(&self) -> i64 {
        self.state.now()
    }

    /// Injects `kind` for the next `count` calls of `method` (`*` = all).
    pub async fn inject_fault(&self, method: &str, kind: FaultKind, count: u32) {
        self.state
            .lock()
            .add_fault(method, FaultPlan { kind, count });
    }

    /// Removes all pending faults.
    /// Random faults from now on (`None` stops them).
    pub async fn set_chaos(&self, chaos: Option<super::faults::Chaos>) {
        self.state.lock().chaos = chaos;
    }

    pub async fn clear_faults(&self) {
        self.state.lock().faults.clear();
    }

    /// Sets or clears the flood limit.
    pub async fn set_flood_limit(&self, limit: Option<FloodLimit>) {
        self.state.lock().flood = limit;
    }

    /// The request log.
    pub fn requests(&self) -> Vec<RequestRecord> {
        self.state.lock().requests.clone()
    }

    /// Request counts per canonical method name.
    pub fn request_counts(&self) -> BTreeMap<String, u64> {
        self.state.lock().counts.clone()
    }
}

impl Drop for SimHandle {
    fn drop(&mut self) {
        let _ = self.shutdown.send(true);
        if let Some(server) = self.server.take() {
            server.abort();
        }
    }
}
