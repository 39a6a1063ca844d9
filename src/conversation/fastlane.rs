//! The danger fast lane. "Tidak aman", a yes to "the person is near you",
//! a child in danger, or a plea typed at any step gets one short message:
//! the numbers for where she is, "if that person is near you, press Keluar
//! cepat; you can come back later", and three buttons:
//!
//! - **Kirim pesan singkat**: a short message: consent, place and how to
//!   reach her (each only if not answered yet), then sent as urgent with
//!   whatever she already told;
//! - **Lanjut bercerita**: back to where she was;
//! - **Keluar cepat**.
//!
//! A plea never blocks an answer: where the step takes free text (her
//! story, a recruiter's details), the text is kept first.

use super::Context;
use super::dialogue::Dialogue;
use super::flow::{advance, next_target, short_from};
use super::helplines::with_contacts;
use super::io::Output;
use super::questions::ask;
use super::questions_more::fast_lane;
use super::render::{Kb, Prompt, t};
use super::sending::submit;
use super::steps::Step;

/// Shows the fast lane; "Lanjut bercerita" leads to `resume`.
fn enter(d: &mut Dialogue, ctx: &Context, resume: Step) -> Vec<Output> {
    d.push_history(resume);
    d.step = Step::FastLane;
    d.danger_shown = true;
    d.fast_lane_shown = true;
    vec![fast_lane(d, ctx).send_urgent()]
}

/// After an answer that means danger now: the fast lane, then the next
/// question when she goes on.
pub(super) fn after_answer(d: &mut Dialogue, ctx: &Context) -> Vec<Output> {
    let next = next_target(d, ctx);
    let here = d.step.clone();
    d.push_history(here);
    enter(d, ctx, next)
}

/// A plea typed where it answers nothing: the fast lane, then the same
/// question again (on a resting step, the first question of a report).
pub(super) fn on_plea(d: &mut Dialogue, ctx: &Context) -> Vec<Output> {
    match d.step {
        Step::Welcome | Step::Done | Step::Stopped => {
            let here = d.step.clone();
            d.push_history(here);
            enter(d, ctx, Step::SafeNow)
        }
        Step::FastLane => vec![fast_lane(d, ctx).send_urgent()],
        // A result is owed to these steps: the numbers, nothing moves.
        Step::Submitting | Step::Reply => {
            vec![numbers(d, ctx, "conv-fast-lane")]
        }
        _ => {
            let here = d.step.clone();
            enter(d, ctx, here)
        }
    }
}

/// A plea inside a free-text answer that was kept: `kept` (her answer's
/// confirmation) stands, and the fast lane follows, once per report so a
/// long story does not bring it at every message.
pub(super) fn after_kept(d: &mut Dialogue, ctx: &Context, kept: Vec<Output>) -> Vec<Output> {
    if d.fast_lane_shown {
        return kept;
    }
    let here = d.step.clone();
    let note = t(ctx, d.lang, "conv-kept-then-help");
    let mut out = enter(d, ctx, here);
    if let Some(Output::Send { text, .. }) = out.first_mut() {
        *text = format!("{note}\n\n{text}");
    }
    out
}

/// "Lanjut bercerita": back to where she was, as a full report.
pub(super) fn go_on(d: &mut Dialogue, ctx: &Context) -> Vec<Output> {
    d.short = false;
    d.answers.short_message = false;
    d.step = d.history.pop().unwrap_or(Step::SafeNow);
    vec![ask(d, ctx).send()]
}

/// "Kirim pesan singkat": what is missing of consent, place and contact,
/// then sent as urgent.
pub(super) fn short_message(d: &mut Dialogue, ctx: &Context) -> Vec<Output> {
    d.short = true;
    d.answers.short_message = true;
    match short_from(d, 0) {
        Step::Summary => submit(d, ctx),
        first => advance(d, ctx, first),
    }
}

/// The urgent numbers for where she is under `key`'s text, with quick
/// exit; the step does not change.
pub(super) fn numbers(d: &Dialogue, ctx: &Context, key: &str) -> Output {
    let text = format!(
        "{}\n\n{}",
        with_contacts(d, ctx, key, true),
        t(ctx, d.lang, "conv-fast-lane-near")
    );
    Prompt {
        keyboard: Kb::new(ctx, d.lang, &d.step).exit().build(),
        ..Prompt::plain(text)
    }
    .send_urgent()
}
