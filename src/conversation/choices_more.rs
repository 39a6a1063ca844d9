//! Applying the answers of the steps about the police, place, the
//! perpetrator, the child branch, phone contact and the safe word.

use super::Context;
use super::callback::Action;
use super::choices::{regency_in, toggle, value, yes_no};
use super::dialogue::Dialogue;
use super::fastlane;
use super::flow::{advance, forward, leave_safe_word};
use super::io::Output;
use super::lock;
use super::questions::ask;
use super::steps::Step;
use crate::domain::{
    PhoneVia, Place, RecruiterField, Region, RegionCode, SafeTime, Sex, TraffickingIndicator,
};

/// Applies an answer to one of these steps; `None` if the action makes no
/// sense here (then nothing changed).
pub(super) fn answer(d: &mut Dialogue, action: Action, ctx: &Context) -> Option<Vec<Output>> {
    use Action::{Done, No, Skip, SkipRest, Value, Yes};
    let a = &mut d.answers;
    let out = match (d.step.clone(), action) {
        (Step::Police, act @ (Yes | No | Skip)) => {
            a.police_ok = yes_no(&act);
            forward(d, ctx)
        }
        (Step::NowWhere, act @ (Yes | No | Skip)) => {
            a.still_abroad = yes_no(&act);
            forward(d, ctx)
        }
        (Step::Origin, Value(code)) => {
            let code = RegionCode::parse(&code).ok()?;
            matches!(ctx.regions.lookup(&code), Some(Region::Province(_))).then_some(())?;
            a.origin = Some(code);
            forward(d, ctx)
        }
        (Step::Origin, Skip) => {
            a.origin = None;
            forward(d, ctx)
        }
        (Step::OriginRegency(province), Value(code)) => {
            a.origin = Some(regency_in(ctx, &province, &code)?);
            forward(d, ctx)
        }
        (Step::OriginRegency(province), Skip) => {
            a.origin = Some(province);
            forward(d, ctx)
        }
        (Step::PlaceType, act) => {
            a.place = value(&act, Place::parse)?;
            forward(d, ctx)
        }
        (Step::Recruiter(_), Done) => forward(d, ctx),
        (Step::Recruiter(field), Skip) => {
            a.recruiter.clear(field);
            forward(d, ctx)
        }
        (Step::Recruiter(field), SkipRest) => {
            let rest = RecruiterField::ALL.iter().skip_while(|f| **f != field);
            for f in rest {
                a.recruiter.clear(*f);
            }
            advance(d, ctx, Step::PerpetratorSex)
        }
        (Step::PerpetratorSex, act) => {
            a.perpetrator_sex = value(&act, Sex::parse)?;
            forward(d, ctx)
        }
        (Step::Disability, act @ (Yes | No | Skip)) => {
            a.disability = yes_no(&act);
            forward(d, ctx)
        }
        (Step::ChildDanger, act @ (Yes | No | Skip)) => {
            let sign = TraffickingIndicator::ChildInDanger;
            match yes_no(&act) {
                Some(v) => a.indicators.insert(sign, v),
                None => a.indicators.remove(&sign),
            };
            if act == Yes {
                return Some(fastlane::after_answer(d, ctx));
            }
            forward(d, ctx)
        }
        (Step::Subdistrict, Skip) => {
            a.subdistrict = None;
            forward(d, ctx)
        }
        (Step::PhoneVia, act) => {
            a.phone_via = value(&act, PhoneVia::parse)?;
            forward(d, ctx)
        }
        (Step::SafeTimes, Value(code)) => {
            toggle(&mut a.safe_times, SafeTime::parse(&code).ok()?);
            vec![ask(d, ctx).replace()]
        }
        (Step::SafeTimes, Done | Skip) => forward(d, ctx),
        (Step::SafeWordOffer, Yes) => advance(d, ctx, Step::SafeWord),
        (Step::SafeWordOffer, Skip) => forward(d, ctx),
        (Step::SafeWord, Skip) => leave_safe_word(d, ctx),
        (Step::SilentAlarm, act @ (Yes | No)) => {
            d.silent_alarm = act == Yes;
            leave_safe_word(d, ctx)
        }
        (Step::Done, Value(code)) if code == "pin" => lock::begin_pin(d, ctx),
        _ => return None,
    };
    Some(out)
}
