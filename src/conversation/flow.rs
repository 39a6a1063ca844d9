//! Moving through the questions: which step comes next, "back", and
//! returning to the summary after editing one part.

use super::Context;
use super::answers::WhereAnswer;
use super::callback::{self, Action, EXIT, LANG_PREFIX, REPLY};
use super::commands::{erase, set_lang, stale};
use super::dialogue::Dialogue;
use super::io::Output;
use super::questions::ask;
use super::sending::submit;
use super::steps::Step;
use super::{choices, fastlane, lock, replies};
use crate::domain::screening::screening;
use crate::domain::{
    Behaviour, ContactPreference, RecruiterField, Region, RegionCode, TraffickingIndicator,
};
use crate::i18n::Lang;

/// Handles the callback data of a pressed button.
pub(super) fn on_button(d: &mut Dialogue, data: &str, ctx: &Context) -> Vec<Output> {
    if data == EXIT {
        return erase(d, ctx);
    }
    if data == REPLY {
        return lock::reply(d, ctx);
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
    match (&d.step, action) {
        (Step::Reply, Action::Back) => replies::cancel(d, ctx),
        (Step::Unlock(_) | Step::Pin, Action::Back) => lock::cancel(d, ctx),
        (Step::FastLane, Action::Resume) => fastlane::go_on(d, ctx),
        (Step::FastLane, Action::Go) => fastlane::short_message(d, ctx),
        (Step::SilentAlarm, Action::Back) => {
            d.step = Step::SafeWord;
            vec![ask(d, ctx).send()]
        }
        (_, Action::Back) => back(d, ctx),
        (_, Action::Resume) => vec![ask(d, ctx).send()],
        (_, action) => choices::answer(d, action, ctx).unwrap_or_else(|| stale(d, ctx)),
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
    if d.short {
        return next_short(d, ctx);
    }
    let a = &d.answers;
    let after_contact = || match d.safe_word {
        Some(_) => Step::Summary,
        None => Step::SafeWordOffer,
    };
    let child = a.urgency_input().is_child_victim();
    match &d.step {
        Step::Welcome => Step::SafeNow,
        Step::SafeNow => Step::Consent,
        Step::Consent => Step::Police,
        Step::Police => Step::Reporter,
        Step::Reporter => Step::Behaviours,
        Step::Behaviours | Step::Indicator(_) => next_sign(d),
        Step::When => Step::Where,
        Step::Where | Step::Regency(_) | Step::Country => after_where(d, ctx),
        Step::NowWhere => Step::Origin,
        Step::Origin => match &a.origin {
            Some(code) if code.is_province() && has_regencies(ctx, code) => {
                Step::OriginRegency(code.clone())
            }
            _ => Step::PlaceType,
        },
        Step::OriginRegency(_) => Step::PlaceType,
        Step::PlaceType => Step::Relation,
        Step::Relation if recruited(d) => Step::Recruiter(RecruiterField::ALL[0]),
        Step::Recruiter(f) => match RecruiterField::ALL.iter().skip_while(|x| *x != f).nth(1) {
            Some(next) => Step::Recruiter(*next),
            None => Step::PerpetratorSex,
        },
        Step::Relation => Step::PerpetratorSex,
        Step::PerpetratorSex => Step::Age,
        Step::Age if a.age_band.is_none() => Step::ChildOrAdult,
        Step::Age | Step::ChildOrAdult => Step::Sex,
        Step::Sex => Step::Disability,
        Step::Disability if child => Step::ChildDanger,
        Step::ChildDanger if a.region().is_some() => Step::Subdistrict,
        Step::Disability | Step::ChildDanger | Step::Subdistrict => Step::Story,
        Step::Story => Step::Help,
        Step::Help => Step::Contact,
        Step::Contact if a.contact == Some(ContactPreference::Phone) => Step::Phone,
        Step::Phone => Step::PhoneVia,
        Step::PhoneVia => Step::SafeTimes,
        Step::Contact | Step::SafeTimes => after_contact(),
        Step::SafeWordOffer | Step::SafeWord | Step::SilentAlarm => Step::Summary,
        other => other.clone(),
    }
}

/// The next danger sign to ask, or "when" after the last.
fn next_sign(d: &Dialogue) -> Step {
    let asked = screening(&d.answers.behaviours);
    let next = match &d.step {
        Step::Indicator(i) => {
            let current = TraffickingIndicator::ALL.get(*i);
            let at = asked.iter().position(|x| Some(x) == current);
            at.and_then(|p| asked.get(p + 1))
        }
        _ => asked.first(),
    };
    let index = next.and_then(|n| TraffickingIndicator::ALL.iter().position(|x| x == n));
    index.map_or(Step::When, Step::Indicator)
}

/// After the province, regency or country: the regency, the country,
/// where she is now (abroad), or the kind of place.
fn after_where(d: &Dialogue, ctx: &Context) -> Step {
    let a = &d.answers;
    match (&d.step, &a.location) {
        (Step::Where, Some(WhereAnswer::Region(code))) if has_regencies(ctx, code) => {
            Step::Regency(code.clone())
        }
        (Step::Where, Some(WhereAnswer::Abroad { .. })) => Step::Country,
        (Step::Country, _) if !d.short => Step::NowWhere,
        _ if d.short => short_from(d, 2),
        _ => Step::PlaceType,
    }
}

/// A recruiter or agency is involved: asked for their details.
fn recruited(d: &Dialogue) -> bool {
    let a = &d.answers;
    a.relation.is_some_and(|r| r.is_recruiter()) || a.behaviours.contains(&Behaviour::JobDeception)
}

/// The short message asks only consent, place and how to reach her, then
/// sends (the summary stands for "send").
fn next_short(d: &Dialogue, ctx: &Context) -> Step {
    match &d.step {
        Step::FastLane | Step::Welcome | Step::Done | Step::Stopped => short_from(d, 0),
        Step::Consent => short_from(d, 1),
        Step::Where | Step::Regency(_) | Step::Country => after_where(d, ctx),
        Step::Contact if d.answers.contact == Some(ContactPreference::Phone) => Step::Phone,
        _ => Step::Summary,
    }
}

/// The first of consent (0), place (1) and contact (2), from `from` on,
/// that is still unanswered; the summary (send) when none is.
pub(super) fn short_from(d: &Dialogue, from: u8) -> Step {
    let a = &d.answers;
    if from == 0 && !d.consented {
        Step::Consent
    } else if from <= 1 && a.location.is_none() {
        Step::Where
    } else if a.contact.is_none() {
        Step::Contact
    } else {
        Step::Summary
    }
}

fn has_regencies(ctx: &Context, code: &RegionCode) -> bool {
    matches!(ctx.regions.lookup(code), Some(Region::Province(p)) if !p.regencies.is_empty())
}

/// Where "next" leads from here: the next step, or back to the summary
/// when she is editing one part and leaves it.
pub(super) fn next_target(d: &Dialogue, ctx: &Context) -> Step {
    let to = next_step(d, ctx);
    if d.editing() && to.part() != d.step.part() {
        Step::Summary
    } else {
        to
    }
}

/// Goes on to the next step; the short message is sent instead of showing
/// the summary.
pub(super) fn forward(d: &mut Dialogue, ctx: &Context) -> Vec<Output> {
    let next = next_target(d, ctx);
    if d.short && next == Step::Summary {
        return submit(d, ctx);
    }
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
