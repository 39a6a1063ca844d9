//! One phase's reporters and their turns: firing an update, reading what
//! the bot sent (a note, the buttons of her turn, a receipt, the emergency
//! numbers after a danger trigger), and the end of a flow.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, VecDeque};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::driver::Phase;
use crate::hub::{BotEvent, EventKind, Hub};
use crate::outcome::{Outcome, Shape};
use crate::reporter::{Danger, Decision, Flow, has_emergency_number, is_receipt};
use crate::updates::{self, Action, Rng};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Her update is out; she waits for the bot's buttons.
    Waiting,
    /// She has her next update ready and waits for her turn.
    Idle,
    Done,
    Failed,
}

/// One reporter of the phase.
pub struct Rep {
    pub n: u64,
    pub chat: i64,
    pub danger: Danger,
    pub media: bool,
    pub flow: Flow,
    pub state: State,
    pub since: Instant,
    pub next: Option<(Action, bool)>,
    /// An unanswered danger trigger: when it became available, and whether
    /// a message without numbers came since.
    pub trigger: Option<(Instant, bool)>,
    /// A danger persona whose trigger has not had its answer yet.
    pub awaiting_danger: bool,
    pub last_prompt: String,
}

/// A phase in progress: its reporters, whose turn is next, and the books.
pub struct Run<'a> {
    pub phase: &'a Phase<'a>,
    pub hub: Arc<Hub>,
    pub reps: Vec<Rep>,
    pub by_chat: HashMap<i64, usize>,
    pub ready: VecDeque<usize>,
    pub timers: BinaryHeap<Reverse<(Instant, usize)>>,
    pub active: usize,
    /// Danger personas started, and those still awaiting their answer.
    pub danger_started: usize,
    pub danger_open: usize,
    pub rng: Rng,
    pub out: Outcome,
}

impl Run<'_> {
    pub fn fire(&mut self, i: usize) {
        let rep = &mut self.reps[i];
        let Some((action, trigger)) = rep.next.take() else {
            return;
        };
        if rep.trigger.take().is_some() {
            if let Some(d) = self.out.danger_mut(rep.danger) {
                d.missing += 1;
            }
            self.settle_danger(i);
        }
        let rep = &mut self.reps[i];
        let (chat, serial) = (rep.chat, rep.flow.script.len() as u64);
        let files = &self.hub.files;
        let at = self.hub.enqueue(chat, action.is_message(), |message_id| {
            updates::body(chat, &action, message_id, serial, files)
        });
        rep.state = State::Waiting;
        rep.since = at;
        if trigger {
            rep.trigger = Some((at, false));
            if let Some(d) = self.out.danger_mut(rep.danger) {
                d.triggers += 1;
            }
        }
        self.out.updates += 1;
    }

    pub fn on_event(&mut self, ev: BotEvent) {
        let Some(&i) = self.by_chat.get(&ev.chat) else {
            return;
        };
        let shown = match ev.kind {
            EventKind::Sent(s) | EventKind::Edited(s) => s,
            EventKind::Deleted => return,
        };
        let rep = &mut self.reps[i];
        if matches!(rep.state, State::Done | State::Failed) {
            return;
        }
        if let Some((at, seen_other)) = rep.trigger {
            if has_emergency_number(&shown.text) {
                rep.trigger = None;
                if let Some(d) = self.out.danger_mut(rep.danger) {
                    d.latencies.push(ev.at - at);
                    if seen_other {
                        d.not_first += 1;
                    } else {
                        d.first += 1;
                    }
                }
                self.settle_danger(i);
            } else {
                rep.trigger = Some((at, true));
            }
        }
        let rep = &mut self.reps[i];
        if rep.state == State::Idle {
            self.out.order_violations += 1;
            return;
        }
        if is_receipt(&shown.text) {
            self.out.receipts += 1;
            self.out.scripts.push(rep.flow.script.clone());
            return self.end(i, None);
        }
        if shown.keyboard.is_none() {
            return;
        }
        rep.last_prompt = shown
            .text
            .lines()
            .next()
            .unwrap_or_default()
            .chars()
            .take(60)
            .collect();
        if let Shape::Surge {
            max_updates: Some(max),
            ..
        } = self.phase.shape
            && rep.flow.script.len() as u32 >= max
        {
            return self.end(i, None);
        }
        match rep.flow.next(&shown) {
            Decision::Act { action, trigger } => {
                rep.next = Some((action, trigger));
                rep.state = State::Idle;
                match self.phase.shape {
                    Shape::Saturation { .. } => self.fire(i),
                    Shape::Open { .. } => self.ready.push_back(i),
                    Shape::Surge { think_ms, .. } => {
                        let think = self.rng.between(think_ms.0, think_ms.1);
                        let at = ev.at + Duration::from_millis(think);
                        self.timers.push(Reverse((at, i)));
                    }
                }
            }
            Decision::Finished => self.end(i, None),
            Decision::Stuck(why) => self.end(i, Some(why)),
        }
    }

    /// Her danger trigger has had its answer, or will not have one.
    fn settle_danger(&mut self, i: usize) {
        if std::mem::take(&mut self.reps[i].awaiting_danger) {
            self.danger_open -= 1;
        }
    }

    pub fn end(&mut self, i: usize, failure: Option<&str>) {
        self.settle_danger(i);
        let rep = &mut self.reps[i];
        self.active -= 1;
        match failure {
            None => {
                rep.state = State::Done;
                self.out.completed += 1;
            }
            Some(why) => {
                rep.state = State::Failed;
                let who = match (rep.danger, rep.media) {
                    (Danger::None, false) => "plain",
                    (Danger::None, true) => "media",
                    (Danger::NotSafe, _) => "not safe",
                    (Danger::Plea, _) => "plea",
                };
                self.out.failures.push(format!(
                    "reporter #{} ({who}): {why} after {} updates; last question: {:?}",
                    rep.n,
                    rep.flow.script.len(),
                    rep.last_prompt
                ));
            }
        }
    }

    pub fn time_out(&mut self, now: Instant) {
        let limit = self.phase.step_timeout;
        let late: Vec<usize> = (self.reps.iter().enumerate())
            .filter(|(_, r)| r.state == State::Waiting && now - r.since > limit)
            .map(|(i, _)| i)
            .collect();
        for i in late {
            self.end(i, Some("no answer in time"));
        }
    }

    pub fn finish(mut self, t0: Instant) -> Outcome {
        for rep in &self.reps {
            if rep.trigger.is_some()
                && let Some(d) = self.out.danger_mut(rep.danger)
            {
                d.pending += 1;
            }
        }
        self.out.unfinished = (self.reps.iter())
            .filter(|r| matches!(r.state, State::Waiting | State::Idle))
            .count();
        self.out.unanswered_at_end = (self.reps.iter())
            .filter(|r| r.state == State::Waiting)
            .count();
        self.out.elapsed = t0.elapsed();
        self.out
    }
}
