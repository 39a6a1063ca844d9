//! Moving through the questions: which step comes next, "back", and
//! returning to the summary after editing one part.

use super::Context;
use super::answers::WhereAnswer;
use super::callback::{self, Action, EXIT, LANG_PREFIX, REPLY};
use super::choices;
use super::commands::{erase, set_lang, stale};
use super::dialogue::Dialogue;
use super::io::Output;
use super::questions::ask;
use super::replies;
use super::steps::Step;
use crate::domain::{Behaviour, ContactPreference, Region, RegionCode, TraffickingIndicator};
use crate::i18n::Lang;

/// Handles the callback data of a pressed button.
pub(super) fn on_button(d: &mut Dialogue, data: &str, ctx: &Context) -> Vec<Output> {
    if data == EXIT {
        return erase(d, ctx);
    }
    if data == REPLY {
        return replies::begin(d, ctx);
    }
    if let Some(code) = data.strip_prefix(LANG_PREFIX) {
        return match Lang::parse(code) {
            Ok(lang) => set_lang(d, lang, ctx, true),
            Err(_) => stale(d, ctx),
        };
    }
    let Some((tag, action)) = callback::parse(data) else {
        return stale(d, ctx);
    };
    if tag != d.step.tag() {
        return stale(d, ctx);
    }
    match action {
        Action::Back if d.step == Step::Reply => replies::cancel(d, ctx),
        Action::Back => back(d, ctx),
        Action::Resume => vec![ask(d, ctx).send()],
        action => choices::answer(d, action, ctx).unwrap_or_else(|| stale(d, ctx)),
    }
}

/// Puts `note` in front of the first message of `out`.
pub(super) fn prepend(mut out: Vec<Output>, note: &str) -> Vec<Output> {
    if let Some(Output::Send { text, .. }) = out.first_mut() {
        *text = format!("{note}\n\n{text}");
    }
    out
}

/// The step after the current one, given the answers so far.
fn next_step(d: &Dialogue, ctx: &Context) -> Step {
    let a = &d.answers;
    let after_contact = || match d.safe_word {
        Some(_) => Step::Summary,
        None => Step::SafeWordOffer,
    };
    match &d.step {
        Step::Welcome => Step::SafeNow,
        Step::SafeNow => Step::Consent,
        Step::Consent => Step::Reporter,
        Step::Reporter => Step::Behaviours,
        Step::Behaviours if a.behaviours.iter().any(Behaviour::is_trafficking_like) => {
            Step::Indicator(0)
        }
        Step::Indicator(i) if i + 1 < TraffickingIndicator::ALL.len() => Step::Indicator(i + 1),
        Step::Behaviours | Step::Indicator(_) => Step::When,
        Step::When => Step::Where,
        Step::Where => match &a.location {
            Some(WhereAnswer::Region(code)) if has_regencies(ctx, code) => {
                Step::Regency(code.clone())
            }
            Some(WhereAnswer::Abroad { .. }) => Step::Country,
            _ => Step::Relation,
        },
        Step::Regency(_) | Step::Country => Step::Relation,
        Step::Relation => Step::Age,
        Step::Age if a.age_band.is_none() => Step::ChildOrAdult,
        Step::Age | Step::ChildOrAdult => Step::Sex,
        Step::Sex => Step::Story,
        Step::Story => Step::Help,
        Step::Help => Step::Contact,
        Step::Contact if a.contact == Some(ContactPreference::Phone) => Step::Phone,
        Step::Contact | Step::Phone => after_contact(),
        Step::SafeWordOffer | Step::SafeWord => Step::Summary,
        other => other.clone(),
    }
}

fn has_regencies(ctx: &Context, code: &RegionCode) -> bool {
    matches!(ctx.regions.lookup(code), Some(Region::Province(p)) if !p.regencies.is_empty())
}

/// Goes on to the next step.
pub(super) fn forward(d: &mut Dialogue, ctx: &Context) -> Vec<Output> {
    let next = next_step(d, ctx);
    advance(d, ctx, next)
}

/// Goes to `to` and asks it; while editing from the summary, leaving the
/// edited part goes back to the summary instead.
pub(super) fn advance(d: &mut Dialogue, ctx: &Context, to: Step) -> Vec<Output> {
    let to = if d.editing() && to.part() != d.step.part() {
        Step::Summary
    } else {
        to
    };
    let from = std::mem::replace(&mut d.step, to);
    d.push_history(from);
    vec![ask(d, ctx).send()]
}

/// The previous question again (the answer given is kept until changed).
fn back(d: &mut Dialogue, ctx: &Context) -> Vec<Output> {
    if d.step == Step::SafeWord && d.detour.is_some() {
        return leave_safe_word(d, ctx);
    }
    if let Some(previous) = d.history.pop() {
        d.step = previous;
    }
    vec![ask(d, ctx).send()]
}

/// After the safe word step: back to where `/kataaman` was typed, or on to
/// the summary.
pub(super) fn leave_safe_word(d: &mut Dialogue, ctx: &Context) -> Vec<Output> {
    match d.detour.take() {
        Some(back) if back != Step::SafeWordOffer => {
            d.step = back;
            vec![ask(d, ctx).send()]
        }
        _ => advance(d, ctx, Step::Summary),
    }
}

/// Whether `text` is her safe word: the same after trimming, ignoring case.
pub(super) fn is_safe_word(d: &Dialogue, text: &str) -> bool {
    d.safe_word
        .as_deref()
        .is_some_and(|w| w.to_lowercase() == text.trim().to_lowercase())
}
