//! Applying the answer a button carries to her draft.

use std::collections::BTreeSet;

use super::Context;
use super::answers::WhereAnswer;
use super::callback::Action;
use super::commands::stop;
use super::dialogue::Dialogue;
use super::flow::{advance, forward, leave_safe_word, prepend};
use super::io::Output;
use super::questions::{ask, story};
use super::render::{Prompt, t};
use super::sending::submit;
use super::steps::Step;
use super::summary::with_contacts;
use crate::domain::{
    AgeBand, Behaviour, ContactPreference, HelpWanted, IndicatorTier, Region, RegionCode, Relation,
    ReporterRole, Sex, TraffickingIndicator, WhenHappened,
};

/// Urgent means "show the emergency numbers now" (PRODUCT.md): when her
/// answers so far make the report urgent — a child at risk — the numbers
/// come before the next question, once.
fn danger_if_urgent(d: &mut Dialogue, ctx: &Context, out: Vec<Output>) -> Vec<Output> {
    let urgent =
        crate::domain::assess(&d.answers.urgency_input()).urgency == crate::domain::Urgency::Urgent;
    if !urgent || d.danger_shown {
        return out;
    }
    d.danger_shown = true;
    let mut first = vec![danger(d, ctx, "conv-danger-sign")];
    first.extend(out);
    first
}

/// Applies an answer to the current step; `None` if the action makes no
/// sense here (then nothing changed).
pub(super) fn answer(d: &mut Dialogue, action: Action, ctx: &Context) -> Option<Vec<Output>> {
    use Action::{Clear, Decline, Done, Edit, Go, No, Skip, SkipRest, Value, Yes};
    let yes_no = |a: &Action| match a {
        Yes => Some(true),
        No => Some(false),
        _ => None,
    };
    let a = &mut d.answers;
    let out = match (d.step.clone(), action) {
        (Step::Welcome, Go) => advance(d, ctx, Step::SafeNow),
        (Step::SafeNow, act @ (Yes | No | Skip)) => {
            a.safe_now = yes_no(&act);
            if act == No {
                d.danger_shown = true;
                let mut out = vec![danger(d, ctx, "conv-not-safe")];
                out.extend(forward(d, ctx));
                out
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
            let urgent = act == Yes && indicator.tier() == IndicatorTier::Urgent;
            let mut out = Vec::new();
            if urgent && !d.danger_shown {
                d.danger_shown = true;
                out.push(danger(d, ctx, "conv-danger-sign"));
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
            forward(d, ctx)
        }
        (Step::Regency(province), Value(code)) => {
            let code = RegionCode::parse(&code).ok()?;
            let inside = matches!(ctx.regions.lookup(&code), Some(Region::Regency { .. }));
            (inside && province.contains(&code)).then_some(())?;
            a.location = Some(WhereAnswer::Region(code));
            forward(d, ctx)
        }
        (Step::Regency(province), Skip) => {
            a.location = Some(WhereAnswer::Region(province));
            forward(d, ctx)
        }
        (Step::Country, Skip) => {
            a.location = Some(WhereAnswer::Abroad { country: None });
            forward(d, ctx)
        }
        (Step::Where, Skip) => {
            a.location = None;
            forward(d, ctx)
        }
        (Step::Relation, act) => {
            a.relation = value(&act, Relation::parse)?;
            forward(d, ctx)
        }
        (Step::Age, act) => {
            a.age_band = value(&act, AgeBand::parse)?;
            a.victim_is_child = None;
            let out = forward(d, ctx);
            danger_if_urgent(d, ctx, out)
        }
        (Step::ChildOrAdult, act @ (Yes | No | Skip)) => {
            a.victim_is_child = yes_no(&act);
            let out = forward(d, ctx);
            danger_if_urgent(d, ctx, out)
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
            }
            forward(d, ctx)
        }
        (Step::SafeWordOffer, Yes) => advance(d, ctx, Step::SafeWord),
        (Step::SafeWordOffer, Skip) => forward(d, ctx),
        (Step::SafeWord, Skip) => leave_safe_word(d, ctx),
        (Step::Summary, Go) => submit(d, ctx),
        (Step::Summary, Edit(part)) => {
            d.push_history(Step::Summary);
            d.step = part.first_step();
            vec![ask(d, ctx).send()]
        }
        _ => return None,
    };
    Some(out)
}

/// A value button parsed with `parse`, or skip (`Some(None)`); `None` for
/// anything else.
fn value<T, E>(action: &Action, parse: fn(&str) -> Result<T, E>) -> Option<Option<T>> {
    match action {
        Action::Value(code) => parse(code).ok().map(Some),
        Action::Skip => Some(None),
        _ => None,
    }
}

fn toggle<T: Ord>(set: &mut BTreeSet<T>, item: T) {
    if !set.remove(&item) {
        set.insert(item);
    }
}

/// The emergency contacts, sent before anything else.
fn danger(d: &Dialogue, ctx: &Context, key: &str) -> Output {
    Prompt::plain(with_contacts(d, ctx, key, true)).send()
}
