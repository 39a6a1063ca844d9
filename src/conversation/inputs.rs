//! Typed text, files and the messages the conversation cannot use. None
//! of them ever loses the draft, and typed text never gets only "choose a
//! button": it is understood (a typed button, a plea, an answer), kept as
//! part of her story (and she is told), or answered with a help line and
//! the question again.

use super::Context;
use super::answers::{StoryPart, WhereAnswer};
use super::commands::{hint, odd, odd_note};
use super::dialogue::Dialogue;
use super::flow::{forward, is_safe_word, on_button};
use super::helplines::{contacts_prompt, first_line};
use super::io::{AttachmentRef, Output, RejectReason, UnsupportedKind};
use super::questions::{ask, story};
use super::render::{t, ta};
use super::steps::Step;
use super::{fastlane, lock, replies, typed};
use crate::domain::distress::is_plea;
use crate::domain::{ContactPreference, Country};

/// Longest safe word, in characters.
pub const MAX_SAFE_WORD_CHARS: usize = 32;

/// Longest kecamatan or desa, in characters.
const MAX_SUBDISTRICT_CHARS: usize = 60;

/// Handles a text message.
pub(super) fn on_text(d: &mut Dialogue, text: &str, ctx: &Context) -> Vec<Output> {
    // Checked first, everywhere: the one thing she must be able to rely on.
    if is_safe_word(d, text) {
        let mut out = vec![contacts_prompt(d, ctx).send_urgent()];
        if d.silent_alarm {
            // Nothing on screen says that petugas were told.
            out.push(Output::SilentAlarm);
        }
        return out;
    }
    let plea = is_plea(text);
    match d.step.clone() {
        Step::Story => {
            let (out, kept) = add_story_text(d, text, ctx);
            if plea && kept {
                fastlane::after_kept(d, ctx, out)
            } else {
                out
            }
        }
        Step::Reply => {
            let mut out = replies::on_text(d, text, ctx);
            if plea {
                out.push(fastlane::numbers(d, ctx, "conv-fast-lane"));
            }
            out
        }
        Step::Unlock(_) | Step::Pin => lock::on_text(d, text, ctx),
        Step::Recruiter(field) => {
            if !d.answers.recruiter.add(field, text) {
                return hint(d, ctx, "conv-recruiter-not-kept");
            }
            let out = vec![ask(d, ctx).send()];
            if plea {
                fastlane::after_kept(d, ctx, out)
            } else {
                out
            }
        }
        Step::Country => match typed::button_for(d, text, ctx) {
            Some(data) => on_button(d, &data, ctx),
            None if plea => fastlane::on_plea(d, ctx),
            None => match Country::parse(text) {
                Ok(country) => {
                    d.answers.location = Some(WhereAnswer::Abroad {
                        country: Some(country),
                    });
                    forward(d, ctx)
                }
                Err(_) => hint(d, ctx, "conv-bad-country"),
            },
        },
        Step::Phone => match parse_phone(text) {
            Some(phone) => {
                d.answers.contact = Some(ContactPreference::Phone);
                d.answers.phone = Some(phone);
                forward(d, ctx)
            }
            None if plea => fastlane::on_plea(d, ctx),
            None => hint(d, ctx, "conv-bad-phone"),
        },
        Step::Subdistrict if !plea => {
            let place = text.trim();
            if place.is_empty() || place.chars().count() > MAX_SUBDISTRICT_CHARS {
                return hint(d, ctx, "conv-bad-subdistrict");
            }
            d.answers.subdistrict = Some(place.to_owned());
            forward(d, ctx)
        }
        Step::SafeWord => match parse_safe_word(text) {
            Some(word) => {
                d.safe_word = Some(word);
                // Asked at once whether it should also alert petugas; the
                // step after that is decided by `leave_safe_word`.
                d.step = Step::SilentAlarm;
                let set = t(ctx, d.lang, "conv-safe-word-set");
                vec![ask(d, ctx).after(&set).send()]
            }
            None => hint(d, ctx, "conv-bad-safe-word"),
        },
        Step::Submitting if !plea => vec![ask(d, ctx).send()],
        _ => match typed::button_for(d, text, ctx) {
            Some(data) => on_button(d, &data, ctx),
            None if plea => fastlane::on_plea(d, ctx),
            None => not_understood(d, text, ctx),
        },
    }
}

/// Free text at a button question. After consent, a sentence or more is
/// kept as part of her story (she meant to tell it); anything else gets
/// the help line and the question again.
fn not_understood(d: &mut Dialogue, text: &str, ctx: &Context) -> Vec<Output> {
    let resting = matches!(d.step, Step::Done | Step::Stopped | Step::Welcome);
    let sentence = text.split_whitespace().count() >= 3;
    let room = d.answers.story_chars() + text.chars().count() <= ctx.limits.max_story_chars;
    if d.consented && !resting && sentence && room && d.step != Step::Submitting {
        d.answers.story.push(StoryPart::Text(text.to_owned()));
        return hint(d, ctx, "conv-kept-as-story");
    }
    let note = ta(
        ctx,
        d.lang,
        "conv-not-understood",
        &[("help", first_line(d, ctx))],
    );
    odd_note(d, ctx, &note)
}

/// Adds a text to the story, up to [`super::Limits::max_story_chars`] in
/// total; "selesai"/"done" alone finishes the story. Also says whether the
/// text was kept.
fn add_story_text(d: &mut Dialogue, text: &str, ctx: &Context) -> (Vec<Output>, bool) {
    let word = text.trim().to_lowercase();
    if matches!(word.as_str(), "selesai" | "done") {
        return (forward(d, ctx), false);
    }
    if word.is_empty() {
        return (odd(d, ctx, "conv-story-empty"), false);
    }
    let total = d.answers.story_chars() + text.chars().count();
    if total > ctx.limits.max_story_chars {
        let full = story(d, ctx, t(ctx, d.lang, "conv-story-full")).send();
        return (vec![full], false);
    }
    // Kept exactly as typed: emoji, right-to-left text, zero-width
    // characters and markup are all her words.
    d.answers.story.push(StoryPart::Text(text.to_owned()));
    let saved = story(d, ctx, t(ctx, d.lang, "conv-story-saved")).send();
    (vec![saved], true)
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
        if d.step == Step::Reply {
            // Her files go with a report under its own key, which the bot
            // no longer holds once it is sent.
            out.extend(hint(d, ctx, "conv-reply-text-only"));
        } else {
            out.extend(odd(d, ctx, "conv-file-not-now"));
        }
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
pub(super) fn on_unsupported(
    d: &mut Dialogue,
    kind: UnsupportedKind,
    ctx: &Context,
) -> Vec<Output> {
    let key = match kind {
        UnsupportedKind::Sticker => "conv-unsupported-sticker",
        UnsupportedKind::Location => "conv-unsupported-location",
        UnsupportedKind::Contact => "conv-unsupported-contact",
        UnsupportedKind::Poll => "conv-unsupported-poll",
        UnsupportedKind::Forward => "conv-unsupported-forward",
        UnsupportedKind::Other => "conv-unsupported-other",
    };
    odd(d, ctx, key)
}

/// The text shown when she edits an old message.
pub(super) fn on_edited(d: &mut Dialogue, ctx: &Context) -> Vec<Output> {
    odd(d, ctx, "conv-edited")
}
