//! The state the fake Bot API and the reporters share: the update queue
//! the bot polls, each chat's message counter and unanswered update, the
//! optional Telegram send limits, and the counters a run reports.
//!
//! One mutex guards it; every critical section is a few map operations.
//! The bot's chat-visible calls are handed to the driver as [`BotEvent`]s
//! over a channel, outside the lock.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use serde_json::Value;
use tokio::sync::{Notify, mpsc};

use crate::limits::Limiter;
use crate::updates::Files;

/// What the bot did in a reporter's chat.
#[derive(Debug)]
pub struct BotEvent {
    pub chat: i64,
    pub at: Instant,
    pub kind: EventKind,
}

#[derive(Debug)]
pub enum EventKind {
    /// A new message (sendMessage).
    Sent(Shown),
    /// An edited message (editMessageText, editMessageReplyMarkup).
    Edited(Shown),
    /// deleteMessage(s).
    Deleted,
}

/// A message as the reporter sees it.
#[derive(Debug, Clone)]
pub struct Shown {
    pub message_id: i64,
    pub text: String,
    /// The `inline_keyboard` rows, if the message has buttons.
    pub keyboard: Option<Value>,
}

/// Counters of one phase, taken and reset with [`Hub::take_stats`].
#[derive(Debug, Default)]
pub struct Stats {
    /// Update available → the bot's first chat-visible call, one per update.
    pub latencies: Vec<Duration>,
    pub updates: u64,
    pub calls: BTreeMap<String, u64>,
    pub unknown_methods: BTreeMap<String, u64>,
    pub too_many_requests: u64,
    /// A new update arrived for a chat whose previous update had no answer yet.
    pub overlapping_updates: u64,
}

#[derive(Default)]
struct ChatState {
    next_message_id: i64,
    /// When the oldest unanswered update of this chat became available.
    pending: Option<Instant>,
}

struct Inner {
    next_update_id: i64,
    queue: VecDeque<(i64, String)>,
    chats: HashMap<i64, ChatState>,
    limiter: Option<Limiter>,
    stats: Stats,
    first_get_updates: Option<Instant>,
}

/// Shared between the fake's thread and the driver's.
pub struct Hub {
    inner: Mutex<Inner>,
    /// Woken whenever an update is queued (a long poll may be waiting).
    pub queued: Notify,
    events: mpsc::UnboundedSender<BotEvent>,
    pub token: String,
    /// The voice note and the photo reporters send.
    pub files: Files,
}

impl Hub {
    pub fn new(token: String, files: Files) -> (Arc<Self>, mpsc::UnboundedReceiver<BotEvent>) {
        let (tx, rx) = mpsc::unbounded_channel();
        let hub = Self {
            inner: Mutex::new(Inner {
                next_update_id: 1,
                queue: VecDeque::new(),
                chats: HashMap::new(),
                limiter: None,
                stats: Stats::default(),
                first_get_updates: None,
            }),
            queued: Notify::new(),
            events: tx,
            token,
            files,
        };
        (Arc::new(hub), rx)
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Queues one update for `chat`. `body` gets a fresh message id (for
    /// updates that are messages) and returns the update's field, e.g.
    /// `"message":{…}`. Returns the moment the update became available.
    pub fn enqueue(
        &self,
        chat: i64,
        new_message: bool,
        body: impl FnOnce(i64) -> String,
    ) -> Instant {
        let mut inner = self.lock();
        let id = inner.next_update_id;
        inner.next_update_id += 1;
        let now = Instant::now();
        let state = inner.chats.entry(chat).or_default();
        let message_id = if new_message {
            state.next_message_id += 1;
            state.next_message_id
        } else {
            0
        };
        let overlapping = state.pending.is_some();
        state.pending.get_or_insert(now);
        let json = format!("{{\"update_id\":{id},{}}}", body(message_id));
        inner.queue.push_back((id, json));
        inner.stats.updates += 1;
        inner.stats.overlapping_updates += u64::from(overlapping);
        drop(inner);
        self.queued.notify_waiters();
        now
    }

    /// getUpdates without waiting: confirms updates below `offset` and
    /// returns the JSON array of up to `limit` pending ones, or `None`.
    pub fn poll(&self, offset: i64, limit: usize) -> Option<String> {
        let mut inner = self.lock();
        inner.first_get_updates.get_or_insert_with(Instant::now);
        while inner.queue.front().is_some_and(|(id, _)| *id < offset) {
            inner.queue.pop_front();
        }
        if inner.queue.is_empty() {
            return None;
        }
        let mut out = String::from("[");
        for (n, (_, json)) in inner.queue.iter().take(limit).enumerate() {
            if n > 0 {
                out.push(',');
            }
            out.push_str(json);
        }
        out.push(']');
        Some(out)
    }

    /// Counts one call of `method`.
    pub fn count(&self, method: &str, known: bool) {
        let mut inner = self.lock();
        let map = if known {
            &mut inner.stats.calls
        } else {
            &mut inner.stats.unknown_methods
        };
        match map.get_mut(method) {
            Some(n) => *n += 1,
            None => {
                map.insert(method.to_owned(), 1);
            }
        }
    }

    /// A send to `chat`: under the send limits, `Err(retry_after)` when
    /// over them; otherwise the new message's id.
    pub fn admit_send(&self, chat: i64) -> Result<i64, u32> {
        let mut inner = self.lock();
        if let Some(limiter) = inner.limiter.as_mut()
            && let Err(retry_after) = limiter.admit(chat, Instant::now())
        {
            inner.stats.too_many_requests += 1;
            return Err(retry_after);
        }
        let state = inner.chats.entry(chat).or_default();
        state.next_message_id += 1;
        Ok(state.next_message_id)
    }

    /// A chat-visible call succeeded: the first after an update is that
    /// update's answer. Then tells the driver.
    pub fn answered(&self, chat: i64, kind: EventKind) {
        let now = Instant::now();
        {
            let mut inner = self.lock();
            if let Some(since) = inner.chats.get_mut(&chat).and_then(|c| c.pending.take()) {
                inner.stats.latencies.push(now - since);
            }
        }
        let _ = self.events.send(BotEvent {
            chat,
            at: now,
            kind,
        });
    }

    /// Turns Telegram's send limits on or off.
    pub fn set_limits(&self, limiter: Option<Limiter>) {
        self.lock().limiter = limiter;
    }

    /// The phase's counters, resetting them.
    pub fn take_stats(&self) -> Stats {
        std::mem::take(&mut self.lock().stats)
    }

    /// When the bot first called getUpdates since the last reset.
    pub fn first_get_updates(&self) -> Option<Instant> {
        self.lock().first_get_updates
    }

    /// Forgets everything of the previous bot: queue, chats, first poll.
    pub fn reset(&self) {
        let mut inner = self.lock();
        inner.queue.clear();
        inner.chats.clear();
        inner.first_get_updates = None;
        inner.stats = Stats::default();
    }

    /// Updates queued and not yet confirmed by the bot.
    pub fn backlog(&self) -> usize {
        self.lock().queue.len()
    }
}
