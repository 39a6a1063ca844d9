//! Runs the reporters of one phase in a load [`Shape`]: starts them, turns
//! each message with buttons into her next update, fires updates when the
//! shape says so, and keeps the danger and ordering books.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, VecDeque};
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::mpsc::UnboundedReceiver;

use crate::hub::{BotEvent, Hub};
use crate::outcome::{Mix, Outcome, Shape};
use crate::reporter::{Danger, Flow, Step};
use crate::turns::{Rep, Run, State};
use crate::updates::{Action, Rng};
/// Lives across phases, so chats are never reused within one bot.
pub struct Driver {
    pub hub: Arc<Hub>,
    pub events: UnboundedReceiver<BotEvent>,
    next_chat: i64,
    next_n: u64,
}

/// One phase's parameters.
pub struct Phase<'a> {
    pub shape: Shape,
    pub mix: Mix,
    /// Replay these (cycled) instead of reading the buttons: the ceiling.
    pub scripts: Option<&'a [Vec<Step>]>,
    pub step_timeout: Duration,
}
impl Driver {
    pub fn new(hub: Arc<Hub>, events: UnboundedReceiver<BotEvent>) -> Self {
        Self {
            hub,
            events,
            next_chat: 5_100_000_000,
            next_n: 0,
        }
    }

    /// Runs `phase` to its end and returns what the driver saw.
    pub async fn run(&mut self, phase: &Phase<'_>) -> Outcome {
        while self.events.try_recv().is_ok() {}
        let mut run = Run {
            phase,
            hub: self.hub.clone(),
            reps: Vec::new(),
            by_chat: HashMap::new(),
            ready: VecDeque::new(),
            timers: BinaryHeap::new(),
            active: 0,
            danger_started: 0,
            danger_open: 0,
            rng: Rng::new(self.next_chat as u64),
            out: Outcome::default(),
        };
        let t0 = Instant::now();
        let (total, concurrency) = match phase.shape {
            Shape::Saturation {
                reporters,
                concurrency,
            } => (reporters, concurrency),
            Shape::Open { concurrency, .. } => (usize::MAX, concurrency),
            Shape::Surge { reporters, .. } => (reporters, usize::MAX),
        };
        let (end, period, window) = match phase.shape {
            Shape::Open { rate, duration, .. } => (t0 + duration, 1.0 / rate, Duration::ZERO),
            Shape::Surge {
                deadline, window, ..
            } => (t0 + deadline, 0.0, window),
            Shape::Saturation { .. } => (t0 + Duration::from_secs(86_400), 0.0, Duration::ZERO),
        };
        let open = matches!(phase.shape, Shape::Open { .. });
        let mut ticks: u64 = 0;
        let mut next_check = t0 + Duration::from_secs(1);
        loop {
            let now = Instant::now();
            // Starts and turns that are due.
            match phase.shape {
                Shape::Saturation { .. } => {
                    while run.active < concurrency && run.reps.len() < total {
                        self.start(&mut run);
                    }
                }
                Shape::Surge { .. } => {
                    while run.reps.len() < total
                        && t0 + window.mul_f64(run.reps.len() as f64 / total as f64) <= now
                    {
                        self.start(&mut run);
                    }
                }
                Shape::Open { .. } => {
                    let mut due = t0 + Duration::from_secs_f64(ticks as f64 * period);
                    while now < end && due <= now {
                        run.out.max_tick_lag = run.out.max_tick_lag.max(now - due);
                        while (run.ready.front()).is_some_and(|&i| run.reps[i].state != State::Idle)
                        {
                            run.ready.pop_front();
                        }
                        match run.ready.front() {
                            Some(&i) if run.active >= concurrency => {
                                run.ready.pop_front();
                                run.fire(i);
                            }
                            _ => self.start(&mut run),
                        }
                        ticks += 1;
                        due = t0 + Duration::from_secs_f64(ticks as f64 * period);
                    }
                }
            }
            while let Some(&Reverse((at, i))) = run.timers.peek() {
                if at > now {
                    break;
                }
                run.timers.pop();
                run.fire(i);
            }
            if now >= next_check {
                run.time_out(now);
                next_check = now + Duration::from_secs(1);
            }
            run.out.peak_active = run.out.peak_active.max(run.active);
            let finished = match phase.shape {
                Shape::Saturation { .. } => run.reps.len() >= total && run.active == 0,
                Shape::Open { .. } => {
                    now >= end && !run.reps.iter().any(|r| r.state == State::Waiting)
                }
                Shape::Surge {
                    until_danger_answered,
                    ..
                } => {
                    let answered =
                        until_danger_answered && run.danger_started > 0 && run.danger_open == 0;
                    run.reps.len() >= total && (run.active == 0 || now >= end || answered)
                }
            };
            if finished {
                break;
            }
            let mut wake = next_check;
            if open && now < end {
                wake = wake.min(t0 + Duration::from_secs_f64(ticks as f64 * period));
            }
            if run.reps.len() < total && !window.is_zero() {
                wake = wake.min(t0 + window.mul_f64(run.reps.len() as f64 / total as f64));
            }
            if let Some(Reverse((at, _))) = run.timers.peek() {
                wake = wake.min(*at);
            }
            tokio::select! {
                biased;
                ev = self.events.recv() => {
                    let Some(ev) = ev else { break };
                    run.on_event(ev);
                    while let Ok(ev) = self.events.try_recv() {
                        run.on_event(ev);
                    }
                }
                _ = tokio::time::sleep_until(wake.into()) => {}
            }
        }
        run.finish(t0)
    }

    fn start(&mut self, run: &mut Run) {
        let n = self.next_n;
        self.next_n += 1;
        let chat = self.next_chat;
        self.next_chat += 1;
        let (danger, media) = run.phase.mix.persona(n);
        let (flow, danger) = match run.phase.scripts {
            Some(s) if !s.is_empty() => (Flow::scripted(&s[n as usize % s.len()]), Danger::None),
            _ => (Flow::adaptive(n, danger, media), danger),
        };
        let i = run.reps.len();
        run.reps.push(Rep {
            n,
            chat,
            danger,
            media,
            flow,
            state: State::Idle,
            since: Instant::now(),
            next: Some((Action::Start, false)),
            trigger: None,
            awaiting_danger: danger != Danger::None,
            last_prompt: String::new(),
        });
        if danger != Danger::None {
            run.danger_started += 1;
            run.danger_open += 1;
        }
        run.by_chat.insert(chat, i);
        run.active += 1;
        run.out.started += 1;
        run.fire(i);
    }
}
