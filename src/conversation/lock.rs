//! The lock on the two-way channel. Whoever holds her phone after a quick
//! exit, `/hapus` or a long pause must not read the messages of petugas or
//! answer as her: `/pesan`, "Balas" and `/tambah` first ask for her
//! receipt code, or the PIN she may set after the receipt.
//!
//! The conversation only asks and waits; the adapter checks the secret
//! ([`Output::VerifyUnlock`], against the limits of `/status` codes) and
//! answers with [`Input::Unlocked`] or [`Input::UnlockRefused`]. The
//! message she typed the secret in is deleted first
//! ([`Output::DeleteIncoming`]), so it does not stay on her screen.
//!
//! [`Input::Unlocked`]: super::Input::Unlocked
//! [`Input::UnlockRefused`]: super::Input::UnlockRefused

use super::Context;
use super::commands::hint;
use super::dialogue::Dialogue;
use super::fastlane;
use super::io::{Output, UnlockRefusal};
use super::questions::ask;
use super::render::{Kb, Prompt, t};
use super::replies;
use super::steps::{Step, UnlockFor};
use crate::domain::distress::is_plea;

/// Fewest digits of a PIN.
pub const MIN_PIN_DIGITS: usize = 4;
/// Most digits of a PIN.
pub const MAX_PIN_DIGITS: usize = 8;

/// `/pesan`: her messages, or first her code. A code typed after the
/// command (`/pesan KODE`) is taken at once, and its message deleted.
pub(super) fn messages(d: &mut Dialogue, args: &str, ctx: &Context) -> Vec<Output> {
    if !d.locked {
        let mut out = Vec::new();
        if !args.trim().is_empty() {
            // A code typed after the command must not stay on screen.
            out.push(Output::DeleteIncoming);
        }
        out.push(replies::show_messages(d, ctx));
        return out;
    }
    begin(d, UnlockFor::Messages, args, ctx)
}

/// "Balas" or `/tambah`: writing to petugas, or first her code.
pub(super) fn reply(d: &mut Dialogue, ctx: &Context) -> Vec<Output> {
    if matches!(d.step, Step::Unlock(_)) {
        // Asked for the code already: the code now opens writing instead.
        return begin(d, UnlockFor::Reply, "", ctx);
    }
    if !d.locked || d.has_draft() || d.step == Step::Submitting {
        // A draft in progress is answered first ("finish it first"),
        // without asking for a code that would not help.
        return replies::begin(d, ctx);
    }
    begin(d, UnlockFor::Reply, "", ctx)
}

fn begin(d: &mut Dialogue, purpose: UnlockFor, secret: &str, ctx: &Context) -> Vec<Output> {
    match d.step {
        Step::Submitting => return hint(d, ctx, "conv-sending"),
        Step::Unlock(_) => d.step = Step::Unlock(purpose),
        _ => {
            let from = std::mem::replace(&mut d.step, Step::Unlock(purpose));
            d.push_history(from);
        }
    }
    if secret.trim().is_empty() {
        vec![ask(d, ctx).send()]
    } else {
        verify(secret)
    }
}

fn verify(secret: &str) -> Vec<Output> {
    vec![
        Output::DeleteIncoming,
        Output::VerifyUnlock {
            secret: secret.trim().to_owned(),
        },
    ]
}

/// Text typed at [`Step::Unlock`] or [`Step::Pin`].
pub(super) fn on_text(d: &mut Dialogue, text: &str, ctx: &Context) -> Vec<Output> {
    // A receipt code is groups of four letters and digits and a PIN is
    // digits, so neither can read as a plea; a plea is not counted as a
    // wrong code (nor refused as a PIN), and she gets help instead.
    if is_plea(text) {
        leave(d);
        return fastlane::on_plea(d, ctx);
    }
    if d.step == Step::Pin {
        return set_pin(d, text, ctx);
    }
    verify(text)
}

/// "Batal" or `/batal` while asked for the code or a PIN.
pub(super) fn cancel(d: &mut Dialogue, ctx: &Context) -> Vec<Output> {
    leave(d);
    vec![ask(d, ctx).after(&t(ctx, d.lang, "conv-ok")).send()]
}

/// Back to the step she came from.
fn leave(d: &mut Dialogue) {
    d.step = d.history.pop().unwrap_or(Step::Welcome);
}

/// The adapter accepted her code or PIN: she gets what she asked for.
pub(super) fn on_unlocked(d: &mut Dialogue, ctx: &Context) -> Vec<Output> {
    let Step::Unlock(purpose) = d.step else {
        // Not waiting (she erased meanwhile): nothing opens.
        return Vec::new();
    };
    d.locked = false;
    leave(d);
    match purpose {
        UnlockFor::Messages => vec![replies::show_messages(d, ctx)],
        UnlockFor::Reply => replies::begin(d, ctx),
    }
}

/// The adapter refused her code or PIN.
pub(super) fn on_refused(d: &mut Dialogue, reason: UnlockRefusal, ctx: &Context) -> Vec<Output> {
    if !matches!(d.step, Step::Unlock(_)) {
        return Vec::new();
    }
    match reason {
        UnlockRefusal::NotMatching => hint(d, ctx, "conv-unlock-wrong"),
        UnlockRefusal::TooManyTries => note(d, ctx, "error-rate-limited"),
        UnlockRefusal::Unavailable => note(d, ctx, "error-generic"),
    }
}

fn note(d: &mut Dialogue, ctx: &Context, key: &str) -> Vec<Output> {
    leave(d);
    vec![ask(d, ctx).after(&t(ctx, d.lang, key)).send()]
}

/// "Buat PIN" after the receipt, only while her messages are open.
pub(super) fn begin_pin(d: &mut Dialogue, ctx: &Context) -> Vec<Output> {
    if d.locked || !d.contactable {
        return super::commands::stale(d, ctx);
    }
    let from = std::mem::replace(&mut d.step, Step::Pin);
    d.push_history(from);
    vec![ask(d, ctx).send()]
}

fn set_pin(d: &mut Dialogue, text: &str, ctx: &Context) -> Vec<Output> {
    // Whatever she typed here may be a PIN: it leaves her screen first.
    let mut out = vec![Output::DeleteIncoming];
    match parse_pin(text) {
        Some(pin) => {
            out.push(Output::SetPin { pin });
            leave(d);
            let prompt = Prompt {
                keyboard: Kb::new(ctx, d.lang, &d.step).exit().build(),
                ..Prompt::plain(t(ctx, d.lang, "conv-pin-set"))
            };
            out.push(prompt.send());
        }
        None => out.extend(hint(d, ctx, "conv-bad-pin")),
    }
    out
}

/// 4 to 8 digits, not all the same and not a plain run ("1234", "9876").
pub(super) fn parse_pin(text: &str) -> Option<String> {
    let pin = text.trim();
    let digits: Vec<u8> = pin.bytes().map(|b| b.wrapping_sub(b'0')).collect();
    let ok_len = (MIN_PIN_DIGITS..=MAX_PIN_DIGITS).contains(&pin.len());
    if !ok_len || !pin.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let steps: Vec<i16> = (digits.windows(2))
        .map(|w| i16::from(w[1]) - i16::from(w[0]))
        .collect();
    let run = steps.iter().all(|s| *s == steps[0]) && steps[0].abs() <= 1;
    (!run).then(|| pin.to_owned())
}
