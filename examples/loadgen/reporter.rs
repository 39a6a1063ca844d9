//! One reporter's choices. She reads the buttons the bot sent and presses
//! the one whose label names her intended answer; a question she does not
//! know is answered with "Lewati" or its first button, and where only
//! navigation is offered she types. Nothing depends on callback data, so
//! new or reworded questions do not break her.
//!
//! Against the no-op ceiling bot a reporter replays a recorded [`Step`]
//! script instead, pressing the first button each time, so both bots get
//! the same updates.

use std::collections::VecDeque;
use std::hash::{Hash, Hasher};

use crate::hub::Shown;
use crate::updates::{Action, PLEA, story};

/// Labels she presses whenever they are offered, in this order.
const PREFER: &[&str] = &[
    "Kirim ke petugas",
    "Mulai",
    "Setuju, lanjut",
    "Saya sendiri",
    "Minggu ini",
    "Kalimantan Timur",
    "Samarinda",
    "Suami atau istri",
    "25–44 tahun",
    "Perempuan",
    "Lewat bot ini saja",
];
/// What she picks in a question with several answers.
const MULTI: &[&str] = &["Dipukul atau disakiti", "Konseling"];
const DONE_CHOOSING: &str = "Selesai memilih";
const STORY_DONE: &str = "Selesai";
const SAFE: &str = "Ya, saya aman";
const NOT_SAFE: &str = "Tidak aman";
const SKIP: &str = "Lewati";
/// Never pressed: they leave, go back, or change the language.
const NEVER: &[&str] = &[
    "Keluar cepat",
    "Kembali",
    "Batal",
    "Hapus cerita",
    "English",
    "Bahasa Indonesia",
];
/// More updates than this in one flow means she is going round in circles.
const MAX_STEPS: u32 = 80;

/// An update kind, as recorded for the ceiling bot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Start,
    Press,
    Text(String),
    Voice,
    Photo,
}

/// What she does in danger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Danger {
    None,
    /// Answers "are you safe now?" with "Tidak aman".
    NotSafe,
    /// Types a plea right after the welcome.
    Plea,
}

pub enum Decision {
    /// Send this; `trigger` when it should bring the emergency numbers.
    Act {
        action: Action,
        trigger: bool,
    },
    /// A scripted flow has no step left.
    Finished,
    Stuck(&'static str),
}

enum Mode {
    Adaptive {
        danger: Danger,
        story: VecDeque<Step>,
        toggled_on: Option<i64>,
        plea_sent: bool,
    },
    Scripted(VecDeque<Step>),
}

pub struct Flow {
    mode: Mode,
    last_sig: u64,
    repeats: u32,
    /// What she sent, for replaying against the ceiling bot.
    pub script: Vec<Step>,
}

impl Flow {
    /// A reporter of Suara: `n` varies her story; `media` adds a voice
    /// note and a photo to it.
    pub fn adaptive(n: u64, danger: Danger, media: bool) -> Self {
        let mut parts = VecDeque::from([Step::Text(story(n))]);
        if media {
            parts.extend([Step::Voice, Step::Photo]);
        }
        Self::new(Mode::Adaptive {
            danger,
            story: parts,
            toggled_on: None,
            plea_sent: false,
        })
    }

    /// A reporter replaying `script` (which starts with `Step::Start`).
    pub fn scripted(script: &[Step]) -> Self {
        Self::new(Mode::Scripted(script.iter().skip(1).cloned().collect()))
    }

    fn new(mode: Mode) -> Self {
        Self {
            mode,
            last_sig: 0,
            repeats: 0,
            script: vec![Step::Start],
        }
    }

    /// Her next update, given the message with buttons she was just shown.
    pub fn next(&mut self, prompt: &Shown) -> Decision {
        if self.script.len() as u32 >= MAX_STEPS {
            return Decision::Stuck("too many steps");
        }
        let decision = self.choose(prompt);
        if let Decision::Act { action, .. } = &decision {
            self.script.push(match action {
                Action::Start => Step::Start,
                Action::Press { .. } => Step::Press,
                Action::Text(t) => Step::Text(t.clone()),
                Action::Voice => Step::Voice,
                Action::Photo => Step::Photo,
            });
        }
        decision
    }

    fn choose(&mut self, p: &Shown) -> Decision {
        let buttons = buttons(p);
        let press = |label: &str| find(&buttons, label).map(|data| act(p, data, false));
        if let Mode::Scripted(script) = &mut self.mode {
            return match script.pop_front() {
                None => Decision::Finished,
                Some(Step::Press) => match buttons.first() {
                    Some((_, data)) => act(p, data, false),
                    None => Decision::Stuck("the ceiling bot sent no button"),
                },
                Some(step) => plain(step, false),
            };
        }
        let sig = signature(p);
        self.repeats = if sig == self.last_sig {
            self.repeats + 1
        } else {
            0
        };
        self.last_sig = sig;
        if self.repeats >= 6 {
            return Decision::Stuck("the same question six times");
        }
        if self.repeats >= 3 {
            return fallback(p, &buttons);
        }
        let Mode::Adaptive {
            danger,
            story,
            toggled_on,
            plea_sent,
        } = &mut self.mode
        else {
            unreachable!("scripted flows returned above");
        };
        if *danger == Danger::Plea && !*plea_sent {
            *plea_sent = true;
            return plain(Step::Text(PLEA.to_owned()), true);
        }
        if find(&buttons, NOT_SAFE).is_some() || find(&buttons, SAFE).is_some() {
            let not_safe = *danger == Danger::NotSafe;
            let label = if not_safe { NOT_SAFE } else { SAFE };
            if let Some(data) = find(&buttons, label) {
                return act(p, data, not_safe);
            }
        }
        if let Some(done) = find(&buttons, DONE_CHOOSING) {
            if *toggled_on == Some(p.message_id) {
                return act(p, done, false);
            }
            *toggled_on = Some(p.message_id);
            let choice = MULTI.iter().find_map(|l| find(&buttons, l));
            let first = (pressable(&buttons).find(|(_, d)| d != done)).map(|(_, d)| d.as_str());
            if let Some(data) = choice.or(first) {
                return act(p, data, false);
            }
        }
        if let Some(done) = find(&buttons, STORY_DONE) {
            return match story.pop_front() {
                Some(step) => plain(step, false),
                None => act(p, done, false),
            };
        }
        PREFER
            .iter()
            .find_map(|l| press(l))
            .unwrap_or_else(|| fallback(p, &buttons))
    }
}

/// "Lewati", else the first button that is not navigation, else typing.
fn fallback(p: &Shown, buttons: &[(String, String)]) -> Decision {
    if let Some(data) = find(buttons, SKIP) {
        return act(p, data, false);
    }
    match pressable(buttons).next() {
        Some((_, data)) => act(p, data, false),
        None => plain(Step::Text("tidak tahu".to_owned()), false),
    }
}

fn act(p: &Shown, data: &str, trigger: bool) -> Decision {
    Decision::Act {
        action: Action::Press {
            message: p.clone(),
            data: data.to_owned(),
        },
        trigger,
    }
}

fn plain(step: Step, trigger: bool) -> Decision {
    let action = match step {
        Step::Start => Action::Start,
        Step::Text(t) => Action::Text(t),
        Step::Voice => Action::Voice,
        Step::Photo => Action::Photo,
        Step::Press => unreachable!("a press needs a message"),
    };
    Decision::Act { action, trigger }
}

/// The (label, callback data) of every button of `p`.
fn buttons(p: &Shown) -> Vec<(String, String)> {
    let rows = p.keyboard.as_ref().and_then(|k| k.as_array());
    rows.into_iter()
        .flatten()
        .filter_map(|row| row.as_array())
        .flatten()
        .filter_map(|b| {
            let label = b["text"].as_str()?;
            let data = b["callback_data"].as_str()?;
            Some((label.to_owned(), data.to_owned()))
        })
        .collect()
}

fn same(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

fn find<'b>(buttons: &'b [(String, String)], label: &str) -> Option<&'b str> {
    buttons
        .iter()
        .find(|(l, _)| same(l, label))
        .map(|(_, d)| d.as_str())
}

fn pressable(buttons: &[(String, String)]) -> impl Iterator<Item = &(String, String)> {
    buttons
        .iter()
        .filter(|(l, _)| !NEVER.iter().any(|n| same(l, n)))
}

fn signature(p: &Shown) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    p.text.hash(&mut h);
    p.keyboard.as_ref().map(|k| k.to_string()).hash(&mut h);
    h.finish()
}

/// Whether `text` names an emergency number (129, 110 or 112) on its own,
/// not inside a longer number or code.
pub fn has_emergency_number(text: &str) -> bool {
    ["129", "110", "112"].iter().any(|n| {
        text.match_indices(n).any(|(i, _)| {
            let before = text[..i].chars().next_back();
            let after = text[i + n.len()..].chars().next();
            let apart = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
            apart(before) && apart(after)
        })
    })
}

/// Whether `text` shows a receipt code: five groups of four of 0-9, A-Z.
pub fn is_receipt(text: &str) -> bool {
    text.split_whitespace().any(|word| {
        let groups: Vec<&str> = word
            .trim_matches(|c: char| !c.is_alphanumeric())
            .split('-')
            .collect();
        groups.len() == 5
            && groups.iter().all(|g| {
                g.len() == 4
                    && g.chars()
                        .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
            })
    })
}
