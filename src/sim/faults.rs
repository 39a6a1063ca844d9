//! Injected faults (429, 5xx, delays, dropped connections) and the optional
//! flood limit that answers like Telegram's own rate limiter.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::state::Inner;

/// What an injected fault does to a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FaultKind {
    /// `429 Too Many Requests: retry after N` with `parameters.retry_after`.
    TooManyRequests {
        /// Seconds in `retry_after`.
        retry_after: u64,
    },
    /// A 5xx answer (default 500 "Internal Server Error").
    ServerError {
        /// HTTP status and `error_code` (500..=599).
        #[serde(default = "default_status")]
        status: u16,
    },
    /// Waits before handling the request normally.
    Delay {
        /// Delay in milliseconds.
        ms: u64,
    },
    /// Sends the response head, then aborts the body stream, so the client
    /// sees a connection closed mid-response (a network error in teloxide).
    /// The call is not carried out.
    Drop,
    /// Carries the call out, then cuts the connection before the answer:
    /// the client cannot know that it happened.
    DropAfter,
    /// Carries the call out, then answers only after `ms` milliseconds
    /// (longer than a client waits, to make its answer lost).
    Late {
        /// Delay in milliseconds.
        ms: u64,
    },
}

/// Faults at random: each call of a listed method (or every method, when
/// `methods` is empty) fails with probability `percent`, with one of
/// `kinds` chosen at random.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Chaos {
    /// 0 to 100.
    pub percent: u8,
    pub kinds: Vec<FaultKind>,
    /// Lowercase method names; empty for every method.
    #[serde(default)]
    pub methods: Vec<String>,
}

fn default_status() -> u16 {
    500
}

/// A fault applied to the next `count` calls of one method.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FaultPlan {
    /// The fault.
    #[serde(flatten)]
    pub kind: FaultKind,
    /// How many more calls it applies to.
    pub count: u32,
}

/// Flood limit configuration (off unless set).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FloodLimit {
    /// Messages per chat per second before 429 (Telegram: about 1).
    pub per_chat_per_sec: u32,
    /// Messages per second over all chats before 429 (Telegram: about 30).
    pub global_per_sec: u32,
}

impl Default for FloodLimit {
    fn default() -> Self {
        Self {
            per_chat_per_sec: 1,
            global_per_sec: 30,
        }
    }
}

/// Sliding one-second window of recent sends.
#[derive(Debug, Default)]
pub struct FloodWindow {
    sends: VecDeque<(Instant, i64)>,
}

impl Inner {
    /// Adds a fault for `method` (case-insensitive, `*` for every method).
    pub fn add_fault(&mut self, method: &str, plan: FaultPlan) {
        self.faults
            .entry(method.to_ascii_lowercase())
            .or_default()
            .push_back(plan);
    }

    /// Takes one application of the next fault planned for `method`, or a
    /// random one while chaos is on.
    pub fn take_fault(&mut self, method_lc: &str) -> Option<FaultKind> {
        if let Some(planned) = self.take_planned(method_lc) {
            return Some(planned);
        }
        let chaos = self.chaos.as_ref()?;
        if chaos.kinds.is_empty()
            || !(chaos.methods.is_empty() || chaos.methods.iter().any(|m| m == method_lc))
        {
            return None;
        }
        let [roll, pick] = random_bytes();
        if u32::from(roll) * 100 >= u32::from(chaos.percent) * 256 {
            return None;
        }
        Some(chaos.kinds[usize::from(pick) % chaos.kinds.len()].clone())
    }

    fn take_planned(&mut self, method_lc: &str) -> Option<FaultKind> {
        for key in [method_lc, "*"] {
            if let Some(queue) = self.faults.get_mut(key) {
                while let Some(front) = queue.front_mut() {
                    if front.count == 0 {
                        queue.pop_front();
                        continue;
                    }
                    front.count -= 1;
                    return Some(front.kind.clone());
                }
            }
        }
        None
    }

    /// Records a send to `chat_id` and returns `Some(retry_after)` when the
    /// flood limit is exceeded.
    pub fn flood_check(&mut self, chat_id: i64) -> Option<u64> {
        let limit = self.flood?;
        let now = Instant::now();
        let window = &mut self.flood_window.sends;
        while window
            .front()
            .is_some_and(|(t, _)| now.duration_since(*t) >= Duration::from_secs(1))
        {
            window.pop_front();
        }
        let in_chat = window.iter().filter(|(_, c)| *c == chat_id).count() as u32;
        if in_chat >= limit.per_chat_per_sec || window.len() as u32 >= limit.global_per_sec {
            return Some(1);
        }
        window.push_back((now, chat_id));
        None
    }
}

fn random_bytes() -> [u8; 2] {
    let mut out = [0u8; 2];
    getrandom::fill(&mut out).expect("operating system RNG");
    out
}

/// Per-method fault listing for the control API.
pub fn list_faults(inner: &Inner) -> HashMap<String, Vec<FaultPlan>> {
    inner
        .faults
        .iter()
        .map(|(k, v)| {
            (
                k.clone(),
                v.iter().filter(|p| p.count > 0).cloned().collect(),
            )
        })
        .collect()
}
