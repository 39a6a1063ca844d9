//! Typed text, files and the messages the conversation cannot use. None
//! of them ever loses the draft.

use super::Context;
use super::answers::{StoryPart, WhereAnswer};
use super::commands::hint;
use super::dialogue::Dialogue;
use super::flow::{forward, is_safe_word, leave_safe_word, prepend};
use super::io::{AttachmentRef, Output, RejectReason, UnsupportedKind};
use super::questions::{ask, story};
use super::render::t;
use super::replies;
use super::steps::Step;
use super::summary::contacts_prompt;
use crate::domain::{ContactPreference, Country};

/// Longest safe word, in characters.
pub const MAX_SAFE_WORD_CHARS: usize = 32;

/// Handles a text message.
pub(super) fn on_text(d: &mut Dialogue, text: &str, ctx: &Context) -> Vec<Output> {
    // Checked first, everywhere: the one thing she must be able to rely on.
    if is_safe_word(d, text) {
        return vec![contacts_prompt(d, ctx).send()];
    }
    match d.step {
        Step::Story => add_story_text(d, text, ctx),
        Step::Reply => replies::on_text(d, text, ctx),
        Step::Country => match Country::parse(text) {
            Ok(country) => {
                d.answers.location = Some(WhereAnswer::Abroad {
                    country: Some(country),
                });
                forward(d, ctx)
            }
            Err(_) => hint(d, ctx, "conv-bad-country"),
        },
        Step::Phone => match parse_phone(text) {
            Some(phone) => {
                d.answers.contact = Some(ContactPreference::Phone);
                d.answers.phone = Some(phone);
                forward(d, ctx)
            }
            None => hint(d, ctx, "conv-bad-phone"),
        },
        Step::SafeWord => match parse_safe_word(text) {
            Some(word) => {
                d.safe_word = Some(word);
                prepend(
                    leave_safe_word(d, ctx),
                    &t(ctx, d.lang, "conv-safe-word-set"),
                )
            }
            None => hint(d, ctx, "conv-bad-safe-word"),
        },
        Step::Welcome => match super::typed::button_for(d, text, ctx) {
            Some(data) => super::flow::on_button(d, &data, ctx),
            None => vec![ask(d, ctx).send()],
        },
        Step::Submitting | Step::Done | Step::Stopped => {
            vec![ask(d, ctx).send()]
        }
        _ => match super::typed::button_for(d, text, ctx) {
            Some(data) => super::flow::on_button(d, &data, ctx),
            None => hint(d, ctx, "conv-use-buttons"),
        },
    }
}

/// Adds a text to the story, up to [`super::Limits::max_story_chars`] in
/// total; "selesai"/"done" alone finishes the story.
fn add_story_text(d: &mut Dialogue, text: &str, ctx: &Context) -> Vec<Output> {
    let word = text.trim().to_lowercase();
    if matches!(word.as_str(), "selesai" | "done") {
        return forward(d, ctx);
    }
    if word.is_empty() {
        return hint(d, ctx, "conv-use-buttons");
    }
    let total = d.answers.story_chars() + text.chars().count();
    if total > ctx.limits.max_story_chars {
        return vec![story(d, ctx, t(ctx, d.lang, "conv-story-full")).send()];
    }
    // Kept exactly as typed: emoji, right-to-left text, zero-width
    // characters and markup are all her words.
    d.answers.story.push(StoryPart::Text(text.to_owned()));
    vec![story(d, ctx, t(ctx, d.lang, "conv-story-saved")).send()]
}

/// A phone number: digits with the usual separators, 8 to 15 digits.
fn parse_phone(text: &str) -> Option<String> {
    let number = text.trim();
    let allowed = |c: char| c.is_ascii_digit() || " +-().".contains(c);
    let digits = number.chars().filter(char::is_ascii_digit).count();
    (number.chars().all(allowed) && (8..=15).contains(&digits) && number.len() <= 25)
        .then(|| number.to_owned())
}

/// A safe word: 1 to 32 characters, no command, no control characters.
fn parse_safe_word(text: &str) -> Option<String> {
    let word = text.trim();
    let ok = !word.is_empty()
        && word.chars().count() <= MAX_SAFE_WORD_CHARS
        && !word.starts_with('/')
        && !word.chars().any(char::is_control);
    ok.then(|| word.to_owned())
}

/// Handles a file the adapter sealed.
pub(super) fn on_attachment(d: &mut Dialogue, file: AttachmentRef, ctx: &Context) -> Vec<Output> {
    let discard = |id: String| Output::Discard {
        attachment_ids: vec![id],
    };
    if !d.accepts_attachments() {
        let mut out = vec![discard(file.id)];
        let key = if d.step == Step::Reply {
            // Her files go with a report under its own key, which the bot
            // no longer holds once it is sent.
            "conv-reply-text-only"
        } else {
            "conv-file-not-now"
        };
        out.extend(hint(d, ctx, key));
        return out;
    }
    if d.answers.attachments().count() >= ctx.limits.max_attachments {
        let mut out = vec![discard(file.id)];
        out.extend(hint(d, ctx, "conv-file-too-many"));
        return out;
    }
    d.answers.story.push(StoryPart::Attachment(file));
    if d.step == Step::Story {
        vec![story(d, ctx, t(ctx, d.lang, "conv-story-saved")).send()]
    } else {
        // A voice note or photo is part of her story whenever she sends it.
        hint(d, ctx, "conv-file-kept")
    }
}

/// Handles a file the adapter refused.
pub(super) fn on_rejected(d: &Dialogue, reason: RejectReason, ctx: &Context) -> Vec<Output> {
    let key = match reason {
        RejectReason::TooLarge => "conv-file-too-large",
        RejectReason::TooMany => "conv-file-too-many",
    };
    hint(d, ctx, key)
}

/// Handles a sticker, location, contact, poll, forward...
pub(super) fn on_unsupported(d: &Dialogue, kind: UnsupportedKind, ctx: &Context) -> Vec<Output> {
    let key = match kind {
        UnsupportedKind::Sticker => "conv-unsupported-sticker",
        UnsupportedKind::Location => "conv-unsupported-location",
        UnsupportedKind::Contact => "conv-unsupported-contact",
        UnsupportedKind::Poll => "conv-unsupported-poll",
        UnsupportedKind::Forward => "conv-unsupported-forward",
        UnsupportedKind::Other => "conv-unsupported-other",
    };
    hint(d, ctx, key)
}

/// The text shown when she edits an old message.
pub(super) fn on_edited(d: &Dialogue, ctx: &Context) -> Vec<Output> {
    hint(d, ctx, "conv-edited")
}
