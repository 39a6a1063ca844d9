//! Applying the answer a button carries to her draft. The steps added for
//! what the task force needs are in `choices_more`.

use std::collections::BTreeSet;

use super::Context;
use super::answers::WhereAnswer;
use super::callback::Action;
use super::choices_more;
use super::commands::stop;
use super::dialogue::Dialogue;
use super::fastlane;
use super::flow::{advance, forward, prepend};
use super::io::Output;
use super::questions::{ask, story};
use super::render::t;
use super::sending::submit;
use super::steps::Step;
use crate::domain::{
    AgeBand, Behaviour, ContactPreference, Destination, HelpWanted, Region, RegionCode, Relation,
    ReporterRole, Sex, TraffickingIndicator, WhenHappened,
};

/// Applies an answer to the current step; `None` if the action makes no
/// sense here (then nothing changed).
pub(super) fn answer(d: &mut Dialogue, action: Action, ctx: &Context) -> Option<Vec<Output>> {
    use Action::{Clear, Decline, Done, Edit, Go, No, Skip, SkipRest, Value, Yes};
    let a = &mut d.answers;
    let out = match (d.step.clone(), action) {
        (Step::Welcome, Go) => advance(d, ctx, Step::SafeNow),
        (Step::SafeNow, act @ (Yes | No | Skip)) => {
            a.safe_now = yes_no(&act);
            if act == No {
                // Danger first: the numbers and the fast lane, before
                // any consent text can push them off her screen.
                fastlane::after_answer(d, ctx)
            } else {
                forward(d, ctx)
            }
        }
        (Step::Consent, Go) => {
            d.consented = true;
            forward(d, ctx)
        }
        (Step::Consent, Decline) => stop(d, ctx),
        (Step::Reporter, act) => {
            a.reporter = value(&act, ReporterRole::parse)?;
            forward(d, ctx)
        }
        (Step::Behaviours, Value(code)) => {
            toggle(&mut a.behaviours, Behaviour::parse(&code).ok()?);
            vec![ask(d, ctx).replace()]
        }
        (Step::Behaviours | Step::Help, Done | Skip) => forward(d, ctx),
        (Step::Indicator(i), act @ (Yes | No | Skip)) => {
            let indicator = *TraffickingIndicator::ALL.get(i)?;
            match yes_no(&act) {
                Some(v) => a.indicators.insert(indicator, v),
                None => a.indicators.remove(&indicator),
            };
            if act == Yes && indicator == TraffickingIndicator::ControllerPresent {
                // The person is near her: the fast lane, not the next of
                // many questions.
                return Some(fastlane::after_answer(d, ctx));
            }
            let urgent = act == Yes && indicator.tier() == crate::domain::IndicatorTier::Urgent;
            let mut out = Vec::new();
            if urgent && !d.danger_shown {
                d.danger_shown = true;
                out.push(fastlane::numbers(d, ctx, "conv-danger-sign"));
            }
            out.extend(forward(d, ctx));
            out
        }
        (Step::Indicator(_), SkipRest) => advance(d, ctx, Step::When),
        (Step::When, act) => {
            a.when = value(&act, WhenHappened::parse)?;
            forward(d, ctx)
        }
        (Step::Where, Value(code)) if code == "abroad" => {
            let country = match a.location.take() {
                Some(WhereAnswer::Abroad { country }) => country,
                _ => None,
            };
            a.location = Some(WhereAnswer::Abroad { country });
            forward(d, ctx)
        }
        (Step::Where, Value(code)) => {
            let code = RegionCode::parse(&code).ok()?;
            matches!(ctx.regions.lookup(&code), Some(Region::Province(_))).then_some(())?;
            a.location = Some(WhereAnswer::Region(code));
            (a.still_abroad, a.origin) = (None, None);
            forward(d, ctx)
        }
        (Step::Regency(province), Value(code)) => {
            a.location = Some(WhereAnswer::Region(regency_in(ctx, &province, &code)?));
            forward(d, ctx)
        }
        (Step::Regency(province), Skip) => {
            a.location = Some(WhereAnswer::Region(province));
            forward(d, ctx)
        }
        (Step::Country, Value(code)) => {
            let country = Destination::parse(&code).ok()?.country();
            a.location = Some(WhereAnswer::Abroad {
                country: Some(country),
            });
            forward(d, ctx)
        }
        (Step::Country, Skip) => {
            a.location = Some(WhereAnswer::Abroad { country: None });
            forward(d, ctx)
        }
        (Step::Where, Skip) => {
            a.location = None;
            (a.still_abroad, a.origin) = (None, None);
            forward(d, ctx)
        }
        (Step::Relation, act) => {
            a.relation = value(&act, Relation::parse)?;
            forward(d, ctx)
        }
        (Step::Age, act) => {
            a.age_band = value(&act, AgeBand::parse)?;
            a.victim_is_child = None;
            forward(d, ctx)
        }
        (Step::ChildOrAdult, act @ (Yes | No | Skip)) => {
            a.victim_is_child = yes_no(&act);
            forward(d, ctx)
        }
        (Step::Sex, act) => {
            a.victim_sex = value(&act, Sex::parse)?;
            forward(d, ctx)
        }
        (Step::Story, Done | Skip) => {
            let told = !a.story.is_empty();
            let out = forward(d, ctx);
            if told {
                prepend(out, &t(ctx, d.lang, "conv-thanks-story"))
            } else {
                out
            }
        }
        (Step::Story, Clear) => {
            let ids = a.attachments().map(|f| f.id.clone()).collect::<Vec<_>>();
            a.story.clear();
            let prompt = story(d, ctx, t(ctx, d.lang, "conv-story-cleared"));
            let mut out = Vec::new();
            if !ids.is_empty() {
                out.push(Output::Discard {
                    attachment_ids: ids,
                });
            }
            out.push(prompt.send());
            out
        }
        (Step::Help, Value(code)) => {
            toggle(&mut a.help, HelpWanted::parse(&code).ok()?);
            vec![ask(d, ctx).replace()]
        }
        (Step::Contact | Step::Phone, Skip) => {
            a.contact = None;
            a.phone = None;
            forward(d, ctx)
        }
        (Step::Contact, act) => {
            a.contact = value(&act, ContactPreference::parse)?;
            if a.contact != Some(ContactPreference::Phone) {
                a.phone = None;
                a.phone_via = None;
                a.safe_times.clear();
            }
            forward(d, ctx)
        }
        (Step::Summary, Go) => submit(d, ctx),
        (Step::Summary, Edit(part)) => {
            d.push_history(Step::Summary);
            d.step = part.first_step();
            vec![ask(d, ctx).send()]
        }
        (_, action) => return choices_more::answer(d, action, ctx),
    };
    Some(out)
}

/// `true` for yes, `false` for no, `None` for skip.
pub(super) fn yes_no(action: &Action) -> Option<bool> {
    match action {
        Action::Yes => Some(true),
        Action::No => Some(false),
        _ => None,
    }
}

/// A value button parsed with `parse`, or skip (`Some(None)`); `None` for
/// anything else.
pub(super) fn value<T, E>(action: &Action, parse: fn(&str) -> Result<T, E>) -> Option<Option<T>> {
    match action {
        Action::Value(code) => parse(code).ok().map(Some),
        Action::Skip => Some(None),
        _ => None,
    }
}

pub(super) fn toggle<T: Ord>(set: &mut BTreeSet<T>, item: T) {
    if !set.remove(&item) {
        set.insert(item);
    }
}

/// `code` if it names a regency of the catalog inside `province`.
pub(super) fn regency_in(ctx: &Context, province: &RegionCode, code: &str) -> Option<RegionCode> {
    let code = RegionCode::parse(code).ok()?;
    let inside = matches!(ctx.regions.lookup(&code), Some(Region::Regency { .. }));
    (inside && province.contains(&code)).then_some(code)
}
