//! Writing to petugas after sending: an answer to their messages ("Balas"
//! under `/pesan`) or more information for her newest sent report
//! (`/tambah`). Both lead to [`Step::Reply`], where her next text is handed
//! to the adapter as [`Output::StoreReply`].
//!
//! Only possible with no draft in progress, so a draft is never lost or
//! mixed with a message to petugas. The step she came from is kept in the
//! history, and she returns to it when the message is stored, refused or
//! cancelled.

use super::Context;
use super::callback::REPLY;
use super::commands::hint;
use super::dialogue::Dialogue;
use super::io::{Button, Output, ReplyFailure};
use super::questions::ask;
use super::render::{Kb, Prompt, t};
use super::steps::Step;

/// The output of `/pesan`: the adapter shows her messages with "Balas"
/// and quick exit under them.
pub(super) fn show_messages(d: &Dialogue, ctx: &Context) -> Output {
    let reply = Button {
        label: t(ctx, d.lang, "conv-btn-reply"),
        data: REPLY.to_owned(),
    };
    let keyboard = Kb::new(ctx, d.lang, &d.step)
        .row(vec![reply])
        .exit()
        .build()
        .unwrap_or_default();
    Output::ShowMessages { keyboard }
}

/// "Balas" or `/tambah`: asks for her message, unless a draft is in
/// progress (then the draft is kept and she is asked to finish or stop it
/// first).
pub(super) fn begin(d: &mut Dialogue, ctx: &Context) -> Vec<Output> {
    match d.step {
        Step::Reply => return vec![ask(d, ctx).send()],
        Step::Submitting => return hint(d, ctx, "conv-sending"),
        _ => {}
    }
    if d.has_draft() {
        return hint(d, ctx, "conv-reply-finish-first");
    }
    let from = std::mem::replace(&mut d.step, Step::Reply);
    d.push_history(from);
    vec![ask(d, ctx).send()]
}

/// Her message at [`Step::Reply`]: handed to the adapter exactly as typed.
/// She stays at this step until the adapter answers, so a failed store
/// lets her simply send it again.
pub(super) fn on_text(d: &Dialogue, text: &str, ctx: &Context) -> Vec<Output> {
    if text.trim().is_empty() {
        return vec![ask(d, ctx).send()];
    }
    vec![Output::StoreReply {
        text: text.to_owned(),
    }]
}

/// "Batal", or `/batal`, at [`Step::Reply`]: nothing is sent.
pub(super) fn cancel(d: &mut Dialogue, ctx: &Context) -> Vec<Output> {
    leave(d);
    vec![
        ask(d, ctx)
            .after(&t(ctx, d.lang, "conv-reply-cancelled"))
            .send(),
    ]
}

/// The adapter stored her message.
pub(super) fn on_stored(d: &mut Dialogue, ctx: &Context) -> Vec<Output> {
    if d.step != Step::Reply {
        // Not expected here (she erased or started over meanwhile).
        return Vec::new();
    }
    leave(d);
    vec![note(d, ctx, "conv-reply-stored")]
}

/// The adapter did not store her message.
pub(super) fn on_failed(d: &mut Dialogue, reason: ReplyFailure, ctx: &Context) -> Vec<Output> {
    if d.step != Step::Reply {
        return Vec::new();
    }
    match reason {
        ReplyFailure::NoReport => {
            leave(d);
            vec![note(d, ctx, "conv-reply-no-report")]
        }
        ReplyFailure::NotStored => hint(d, ctx, "conv-reply-failed"),
    }
}

/// Back to the step she came from.
fn leave(d: &mut Dialogue) {
    // An empty history is only possible through a tampered store.
    d.step = d.history.pop().unwrap_or(Step::Stopped);
}

/// A short message with quick exit under it.
fn note(d: &Dialogue, ctx: &Context, key: &str) -> Output {
    Prompt {
        keyboard: Kb::new(ctx, d.lang, &d.step).exit().build(),
        ..Prompt::plain(t(ctx, d.lang, key))
    }
    .send()
}
