//! The state of one conversation: the step she is at, the way back, and
//! the answers given so far. Stored sealed by the adapter between updates.

use serde::{Deserialize, Serialize};

use super::answers::Answers;
use super::steps::Step;
use crate::i18n::Lang;

/// One conversation in progress. Create it with [`Dialogue::new`], advance
/// it with [`super::step`], store it sealed.
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
}

impl Dialogue {
    /// Longest "back" history kept; older steps are forgotten.
    pub(super) const MAX_HISTORY: usize = 64;

    /// A fresh conversation at the welcome.
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
        }
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
                Step::Submitting | Step::Done | Step::Stopped | Step::Reply
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

    /// Whether she is editing a part from the summary.
    pub(super) fn editing(&self) -> bool {
        self.step != Step::Summary && self.history.contains(&Step::Summary)
    }

    pub(super) fn push_history(&mut self, step: Step) {
        if self.history.len() >= Self::MAX_HISTORY {
            self.history.remove(0);
        }
        self.history.push(step);
    }
}
