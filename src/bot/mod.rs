//! The Telegram channel: updates come in by long polling ([`poller`]) or
//! webhook ([`webhook`]) and are stored in the inbox ([`receive`]); the
//! [`worker`] reads each ([`inputs`]) and has the service apply it in one
//! transaction; the [`sender`] delivers the outbox. The conversation and
//! every rule live in `service` and `conversation`; this module only
//! carries.

pub mod api;
mod deliver;
pub mod files;
mod inputs;
mod menu;
pub mod pacer;
pub mod poller;
mod receive;
pub mod sender;
pub mod webhook;
pub mod worker;

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use chrono::Utc;

use tokio::sync::Notify;

use crate::service::apply::Reporting;
use api::Api;
use files::TelegramFiles;
use sender::Sender;

pub use deliver::{redacted, with_retry};
pub use inputs::CHANNEL;
pub use menu::{set_commands, set_descriptions};

/// How updates arrive, and when they last did (or, standing by, when this
/// process last checked that another one polls).
#[derive(Debug, Default)]
pub struct Liveness {
    /// Unix ms of the last successful poll or standby check; 0 before.
    pub last_seen: AtomicI64,
    /// 1 polling, 2 standing by, 3 webhook.
    pub mode: AtomicI64,
}

impl Liveness {
    pub const POLLING: i64 = 1;
    pub const STANDBY: i64 = 2;
    pub const WEBHOOK: i64 = 3;

    pub fn mark(&self, mode: i64) {
        self.mode.store(mode, Ordering::Relaxed);
        self.last_seen
            .store(Utc::now().timestamp_millis(), Ordering::Relaxed);
    }
}

/// The Telegram channel of one process.
pub struct Telegram {
    pub api: Api,
    pub reporting: Arc<Reporting>,
    pub sender: Arc<Sender>,
    pub files: TelegramFiles,
    /// Wakes the workers: updates arrived.
    pub work: Notify,
    /// This process, as leases name it.
    pub holder: String,
    /// On SQLite, the lock file that makes this process the machine's one
    /// poller (see `poller`).
    pub poller_lock: Option<std::path::PathBuf>,
    /// For `/readyz`: how updates arrive and when they last did.
    pub liveness: Arc<Liveness>,
    outage: receive::Outage,
}

impl Telegram {
    pub fn new(api: Api, reporting: Arc<Reporting>, pace: pacer::Pace) -> Self {
        let sender = Arc::new(Sender::new(
            api.clone(),
            reporting.store.clone(),
            reporting.server_key.clone(),
            reporting.locales.clone(),
            pace,
        ));
        Self {
            files: TelegramFiles {
                api: api.clone(),
                max_bytes: reporting.max_attachment_bytes,
            },
            api,
            reporting,
            sender,
            work: Notify::new(),
            holder: uuid::Uuid::new_v4().to_string(),
            poller_lock: None,
            liveness: Arc::new(Liveness::default()),
            outage: receive::Outage::default(),
        }
    }
}
