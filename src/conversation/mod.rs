//! The reporting conversation as a pure state machine.
//!
//! [`step`] takes the stored [`Dialogue`], one [`Input`] (a Telegram event
//! reduced to plain values by the adapter) and a [`Context`], and returns
//! the new dialogue and the [`Output`]s to perform, in order. Texts are
//! already rendered in her language, so the adapter only sends them. No
//! I/O, no clock, no randomness: the same inputs give the same outputs.
//!
//! The flow: welcome → safe now? → consent → police? → who → what
//! happened → danger signs (three for everyone, then those that fit) →
//! when → where (abroad: country, where now, where from) → kind of place →
//! who did it (a recruiter's details) → their sex → victim (age, sex,
//! disability; a child: in danger now? kecamatan/desa) → story → help →
//! contact (phone: WhatsApp or call, safe times) → (safe word, silent
//! alarm) → summary with edits → send → receipt code (and a PIN). Later, with no draft in progress, she can write
//! to petugas about her newest sent report ("Balas" under `/pesan`, or
//! `/tambah`) once her code or PIN unlocked them (`lock`). Every question
//! can be skipped or answered again with "back"; quick exit, `/hapus`,
//! `/batal`, `/darurat` and the safe word work at every step, and a typed
//! plea brings the danger fast lane (`fastlane`). Callback data formats
//! are listed in the `callback` module.

mod answers;
mod callback;
mod choices;
mod choices_more;
mod commands;
mod dialogue;
mod fastlane;
mod flow;
mod helplines;
mod inputs;
mod io;
mod lock;
mod questions;
mod questions_more;
mod render;
mod replies;
mod sending;
mod sharing;
mod steps;
mod summary;
mod typed;

#[cfg(test)]
mod tests;

use crate::domain::{Contact, RegionCatalog};
use crate::i18n::Locales;

pub use answers::{Answers, StoryPart, SubmitRequest, WhereAnswer};
pub use dialogue::Dialogue;
pub use helplines::HelpPlace;
pub use inputs::MAX_SAFE_WORD_CHARS;
pub use io::{
    AttachmentRef, Button, Input, Keyboard, Output, RejectReason, ReplyFailure, UnlockRefusal,
    UnsupportedKind,
};
pub use lock::{MAX_PIN_DIGITS, MIN_PIN_DIGITS};
pub use render::MAX_LABEL_CHARS;
pub use steps::{Step, UnlockFor};

/// Bounds on what one report may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Files (voice notes, photos, documents) per story.
    pub max_attachments: usize,
    /// Characters of story text in total, over all her messages. The
    /// default, 20 000, is about five full Telegram messages (4 096 each)
    /// or eight pages: enough for a long account, while keeping one sealed
    /// report small. Beyond it she is told to send a voice note or finish.
    pub max_story_chars: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_attachments: 10,
            max_story_chars: 20_000,
        }
    }
}

/// What a step may read besides the dialogue.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// All texts.
    pub locales: &'a Locales,
    /// Provinces and regencies offered at "where".
    pub regions: &'a RegionCatalog,
    /// Help contacts; the `emergency` ones are shown first and when she is
    /// not safe.
    pub contacts: &'a [Contact],
    /// Bounds on the story.
    pub limits: Limits,
    /// Days a report is kept after its case is closed, as she is told at
    /// consent (`retention.days_after_close`; 0: until deleted by hand).
    pub retention_days: u32,
}

/// Advances the conversation by one input.
pub fn step(mut dialogue: Dialogue, input: Input, ctx: &Context) -> (Dialogue, Vec<Output>) {
    let d = &mut dialogue;
    // Handlers of odd input count it up; anything else ends the streak.
    let odd_before = d.odd;
    let out = match input {
        Input::Start => commands::start_over(d, ctx),
        Input::Command { name, args } => commands::on_command(d, &name, &args, ctx),
        Input::Text(text) => inputs::on_text(d, &text, ctx),
        Input::Button(data) => flow::on_button(d, &data, ctx),
        Input::Attachment(file) => inputs::on_attachment(d, file, ctx),
        Input::AttachmentRejected { reason } => inputs::on_rejected(d, reason, ctx),
        Input::Unsupported(kind) => inputs::on_unsupported(d, kind, ctx),
        Input::Edited => inputs::on_edited(d, ctx),
        Input::Submitted { receipt_code } => sending::on_submitted(d, &receipt_code, ctx),
        Input::SubmitFailed => sending::on_submit_failed(d, ctx),
        Input::ReplyStored => replies::on_stored(d, ctx),
        Input::ReplyFailed { reason } => replies::on_failed(d, reason, ctx),
        Input::Unlocked => lock::on_unlocked(d, ctx),
        Input::UnlockRefused { reason } => lock::on_refused(d, reason, ctx),
    };
    if d.odd == odd_before {
        d.odd = 0;
    }
    (dialogue, out)
}

/// The neutral notice the adapter sends, unprompted, when petugas wrote to
/// her or her status changed. It names nothing sensitive and no command,
/// because lock screens show it and anyone may hold her phone; she knows
/// from her receipt that `/pesan` and her code or PIN open it.
pub fn update_notice(locales: &Locales, lang: crate::i18n::Lang) -> String {
    locales.text(lang, "notice-update")
}

/// Whether callback data is the quick-exit button's: the adapter acts on it
/// even when nothing else can be done (the database is down).
pub fn is_quick_exit(data: &str) -> bool {
    data == callback::EXIT
}
