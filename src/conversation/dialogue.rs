//! The state of one conversation: the step she is at, the way back, the
//! answers given so far, and whether her messages are locked. Stored
//! sealed by the adapter between updates.

use serde::{Deserialize, Serialize};

use super::answers::Answers;
use super::helplines::HelpPlace;
use super::steps::Step;
use crate::i18n::Lang;

/// One conversation in progress. Create it with [`Dialogue::new`], advance
/// it with [`super::step`], store it sealed.
///
/// Every field added after the first release has a serde default, so a
/// dialogue stored by an older version still opens (and opens locked).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dialogue {
    pub(super) lang: Lang,
    pub(super) step: Step,
    /// Steps behind her, for "back"; the last is the previous question.
    pub(super) history: Vec<Step>,
    /// Where to go after the safe word, when she asked for it by command.
    pub(super) detour: Option<Step>,
    pub(super) answers: Answers,
    pub(super) consented: bool,
    pub(super) safe_word: Option<String>,
    /// Whether the emergency contacts were already shown for an urgent
    /// indicator, so they are not repeated at every "yes".
    pub(super) danger_shown: bool,
    /// Whether `/pesan`, "Balas" and `/tambah` need her code or PIN first:
    /// someone else may be holding her phone.
    #[serde(default = "locked_by_default")]
    pub(super) locked: bool,
    /// Whether typing the safe word also alerts petugas, silently.
    #[serde(default)]
    pub(super) silent_alarm: bool,
    /// Whether she is sending the short message of the danger fast lane:
    /// only consent, place and contact are asked, then it is sent.
    #[serde(default)]
    pub(super) short: bool,
    /// Whether a typed plea in a free-text answer already brought the fast
    /// lane, so a long story does not bring it at every message.
    #[serde(default)]
    pub(super) fast_lane_shown: bool,
    /// Odd inputs in a row (stickers, words that answer nothing): after the
    /// first, only a short line is sent, never the whole question again.
    #[serde(default)]
    pub(super) odd: u8,
    /// Whether her last sent report may be answered (she chose a way to be
    /// reached): then the receipt offers a PIN and mentions `/pesan`.
    #[serde(default)]
    pub(super) contactable: bool,
    /// Where her last sent report placed her, for the help contacts after
    /// the draft is gone.
    #[serde(default)]
    pub(super) help_place: Option<HelpPlace>,
}

/// A dialogue read from a store that did not record the lock is locked:
/// when in doubt, ask for the code.
fn locked_by_default() -> bool {
    true
}

impl Dialogue {
    /// Longest "back" history kept; older steps are forgotten.
    pub(super) const MAX_HISTORY: usize = 64;

    /// A fresh conversation at the welcome. It is locked: a fresh dialogue
    /// follows a quick exit, `/hapus`, or an expired session, and whoever
    /// holds the phone now must show her code or PIN to read her messages.
    pub fn new(lang: Lang) -> Self {
        Self {
            lang,
            step: Step::Welcome,
            history: Vec::new(),
            detour: None,
            answers: Answers::default(),
            consented: false,
            safe_word: None,
            danger_shown: false,
            locked: true,
            silent_alarm: false,
            short: false,
            fast_lane_shown: false,
            odd: 0,
            contactable: false,
            help_place: None,
        }
    }

    /// Locks her messages, for the adapter to call when the session was
    /// idle too long. A message to petugas she had begun is abandoned, so
    /// nobody can finish it in her name.
    pub fn lock(&mut self) {
        self.locked = true;
        if matches!(self.step, Step::Reply | Step::Unlock(_) | Step::Pin) {
            self.step = self.history.pop().unwrap_or(Step::Welcome);
        }
    }

    /// Whether `/pesan`, "Balas" and `/tambah` need her code or PIN.
    pub fn is_locked(&self) -> bool {
        self.locked
    }

    /// Her language.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The current step.
    pub fn step(&self) -> &Step {
        &self.step
    }

    /// The answers so far.
    pub fn answers(&self) -> &Answers {
        &self.answers
    }

    /// Whether a file she sends now would be kept, so the adapter can skip
    /// downloading it otherwise: only after consent and before sending.
    pub fn accepts_attachments(&self) -> bool {
        self.consented
            && !matches!(
                self.step,
                Step::Submitting
                    | Step::Done
                    | Step::Stopped
                    | Step::Reply
                    | Step::Unlock(_)
                    | Step::Pin
            )
    }

    /// Whether a report is being told or sent here: anything but a resting
    /// step (welcome, sent, stopped) with nothing answered yet.
    pub(super) fn has_draft(&self) -> bool {
        let resting = matches!(self.step, Step::Welcome | Step::Done | Step::Stopped);
        !resting || self.consented || self.answers != Answers::default()
    }

    /// Whether a report is being stored and the adapter owes a result.
    pub fn is_submitting(&self) -> bool {
        self.step == Step::Submitting
    }

    /// Whether she is editing a part from the summary (never while
    /// sending the short message, which has no summary).
    pub(super) fn editing(&self) -> bool {
        !self.short && self.step != Step::Summary && self.history.contains(&Step::Summary)
    }

    pub(super) fn push_history(&mut self, step: Step) {
        if self.history.len() >= Self::MAX_HISTORY {
            self.history.remove(0);
        }
        self.history.push(step);
    }
}
