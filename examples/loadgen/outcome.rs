//! What one phase of a run found, as the driver counts it (the fake's own
//! counters are in [`crate::hub::Stats`]), and the load shapes.

use std::time::Duration;

use crate::reporter::{Danger, Step};

/// How the updates are offered.
#[derive(Debug, Clone)]
pub enum Shape {
    /// No think time: `concurrency` reporters at once, each sending her
    /// next update as soon as the bot has asked, `reporters` in all.
    Saturation {
        reporters: usize,
        concurrency: usize,
    },
    /// Open loop: one update every 1/`rate` s for `duration`, whatever the
    /// bot does. Each tick sends the next update of the reporter who has
    /// waited longest for her turn, or starts a new reporter when fewer
    /// than `concurrency` are in a flow or none is ready, so a slow bot
    /// gets more reporters at once, not fewer updates.
    Open {
        rate: f64,
        duration: Duration,
        concurrency: usize,
    },
    /// `reporters` start evenly within `window`, each thinking
    /// `think_ms` (uniform) before every answer; the phase ends when all
    /// are done, at `deadline`, or (with `until_danger_answered`) when
    /// every reporter in danger has had her answer. `max_updates` cuts
    /// flows short.
    Surge {
        reporters: usize,
        window: Duration,
        think_ms: (u64, u64),
        deadline: Duration,
        max_updates: Option<u32>,
        until_danger_answered: bool,
    },
}

/// Which reporters do what: every `media_every`-th sends a voice note and
/// a photo, every `not_safe_every`-th answers "Tidak aman", every
/// `plea_every`-th types a plea (0 = nobody).
#[derive(Debug, Clone, Copy)]
pub struct Mix {
    pub media_every: u64,
    pub not_safe_every: u64,
    pub plea_every: u64,
}

impl Mix {
    pub fn persona(&self, n: u64) -> (Danger, bool) {
        let every = |k: u64, at: u64| k > 0 && n % k == at % k;
        let danger = if every(self.not_safe_every, 3) {
            Danger::NotSafe
        } else if every(self.plea_every, 7) {
            Danger::Plea
        } else {
            Danger::None
        };
        (danger, every(self.media_every, 1))
    }
}

/// Danger replies for one kind of trigger.
#[derive(Debug, Default, Clone)]
pub struct DangerStats {
    pub triggers: u64,
    /// The first message after the trigger named an emergency number.
    pub first: u64,
    /// A message without one came before it.
    pub not_first: u64,
    /// No message named one before her next update: the bot answered
    /// without the numbers, or gave up.
    pub missing: u64,
    /// The phase ended before a message named one (under the send
    /// limits: mostly the bot gave up sending).
    pub pending: u64,
    /// Trigger → the message with the numbers.
    pub latencies: Vec<Duration>,
}

/// The driver's view of one phase.
#[derive(Debug, Default)]
pub struct Outcome {
    pub elapsed: Duration,
    pub updates: u64,
    pub started: usize,
    pub completed: usize,
    /// Flows that ended with a receipt code (a report stored).
    pub receipts: usize,
    /// Open loop and surge: flows still in progress when the phase ended,
    /// and those of them whose last update had no answer yet.
    pub unfinished: usize,
    pub unanswered_at_end: usize,
    pub failures: Vec<String>,
    pub not_safe: DangerStats,
    pub plea: DangerStats,
    /// A message came for a reporter after the bot had already shown her
    /// the buttons of that turn (the buttons come last in every turn).
    pub order_violations: u64,
    /// Open loop: how late the latest tick fired.
    pub max_tick_lag: Duration,
    /// Reporters in a flow at once, at most.
    pub peak_active: usize,
    /// The scripts of flows that ended with a receipt, for the ceiling.
    pub scripts: Vec<Vec<Step>>,
}

impl Outcome {
    pub fn danger_mut(&mut self, danger: Danger) -> Option<&mut DangerStats> {
        match danger {
            Danger::NotSafe => Some(&mut self.not_safe),
            Danger::Plea => Some(&mut self.plea),
            Danger::None => None,
        }
    }
}
