//! The messages of the steps about place, the perpetrator, the child
//! branch, phone contact, the lock and the danger fast lane.

use super::Context;
use super::callback::Action;
use super::dialogue::Dialogue;
use super::helplines::with_contacts;
use super::io::Button;
use super::questions::{button_row, chosen_line, no_label, yes_label};
use super::render::{Kb, Prompt, fit, region_name, t, ta, ticked, who};
use super::steps::{Step, UnlockFor};
use crate::domain::{
    Destination, PhoneVia, Place, RecruiterField, Region, RegionCode, SafeTime, Sex,
};

/// The message that asks a step not asked in `questions`.
pub(super) fn ask(d: &Dialogue, ctx: &Context) -> Prompt {
    let lang = d.lang;
    let a = &d.answers;
    let kb = Kb::new(ctx, lang, &d.step);
    let q = |key: &str| t(ctx, lang, key);
    let w = |key: &str| ta(ctx, lang, key, &[("who", who(d))]);
    let yes_no = |kb: Kb, v: Option<bool>| {
        let row = vec![
            kb.labelled(yes_label(ctx, lang, v == Some(true)), Action::Yes),
            kb.labelled(no_label(ctx, lang, v == Some(false)), Action::No),
        ];
        kb.row(row).nav(true).build()
    };
    let (text, keyboard) = match &d.step {
        Step::Police => {
            let row = vec![
                kb.labelled(
                    ticked(q("conv-btn-police-yes"), a.police_ok == Some(true)),
                    Action::Yes,
                ),
                kb.labelled(
                    ticked(q("conv-btn-police-no"), a.police_ok == Some(false)),
                    Action::No,
                ),
            ];
            (q("conv-ask-police"), kb.row(row).nav(true).build())
        }
        Step::Where => {
            let chosen = a.region().map(RegionCode::province);
            let mut buttons = provinces(d, ctx, &kb, chosen.as_ref());
            let abroad = matches!(a.location, Some(super::WhereAnswer::Abroad { .. }));
            let label = ticked(q("location-abroad"), abroad);
            buttons.push(kb.labelled(label, Action::Value("abroad".to_owned())));
            (q("conv-ask-where"), kb.pairs(buttons).nav(true).build())
        }
        Step::Regency(p) => {
            let buttons = regencies(d, ctx, &kb, p, a.region());
            (q("conv-ask-regency"), kb.pairs(buttons).nav(true).build())
        }
        Step::Country => {
            let current = match &a.location {
                Some(super::WhereAnswer::Abroad { country: Some(c) }) => Destination::of(c),
                _ => None,
            };
            let kb = kb.values(
                Destination::ALL,
                Destination::label_key,
                Destination::as_str,
                |c| current == Some(c),
            );
            (q("conv-ask-country"), kb.nav(true).build())
        }
        Step::NowWhere => {
            let now = a.still_abroad;
            let row = vec![
                kb.labelled(
                    ticked(q("conv-btn-still-abroad"), now == Some(true)),
                    Action::Yes,
                ),
                kb.labelled(
                    ticked(q("conv-btn-back-home"), now == Some(false)),
                    Action::No,
                ),
            ];
            (w("conv-ask-now-where"), kb.row(row).nav(true).build())
        }
        Step::Origin => {
            let chosen = a.origin.as_ref().map(RegionCode::province);
            let buttons = provinces(d, ctx, &kb, chosen.as_ref());
            (w("conv-ask-origin"), kb.pairs(buttons).nav(true).build())
        }
        Step::OriginRegency(p) => {
            let buttons = regencies(d, ctx, &kb, p, a.origin.as_ref());
            (q("conv-ask-regency"), kb.pairs(buttons).nav(true).build())
        }
        Step::PlaceType => {
            let buttons = (Place::ALL.iter())
                .map(|p| {
                    let label = ticked(q(&p.question_label_key()), a.place == Some(*p));
                    kb.labelled(label, Action::Value(p.as_str().to_owned()))
                })
                .collect();
            (q("conv-ask-place"), kb.pairs(buttons).nav(true).build())
        }
        Step::Recruiter(field) => {
            let mut text = q(&format!("conv-ask-recruiter-{}", field.as_str()));
            let kept = a.recruiter.field(*field).len();
            if kept > 0 {
                let n = ta(
                    ctx,
                    lang,
                    "conv-recruiter-kept",
                    &[("count", kept.to_string())],
                );
                text = format!("{text}\n\n{n}");
            } else if *field == RecruiterField::Names {
                text = format!("{}\n\n{text}", q("conv-recruiter-intro"));
            }
            let row = button_row(
                &kb,
                &[
                    ("conv-btn-next", Action::Done),
                    ("conv-btn-skip-rest", Action::SkipRest),
                ],
            );
            (text, kb.row(row).nav(true).build())
        }
        Step::PerpetratorSex => {
            let kb = kb.values(Sex::ALL, Sex::label_key, Sex::as_str, |v| {
                a.perpetrator_sex == Some(v)
            });
            (q("conv-ask-perpetrator-sex"), kb.nav(true).build())
        }
        Step::Disability => (w("conv-ask-disability"), yes_no(kb, a.disability)),
        Step::ChildDanger => {
            let answer = (a.indicators)
                .get(&crate::domain::TraffickingIndicator::ChildInDanger)
                .copied();
            let text = format!(
                "{}\n\n{}",
                w("conv-child-intro"),
                w("conv-ask-child-danger")
            );
            (text, yes_no(kb, answer))
        }
        Step::Subdistrict => (q("conv-ask-subdistrict"), kb.nav(true).build()),
        Step::PhoneVia => {
            let kb = kb.values(PhoneVia::ALL, PhoneVia::label_key, PhoneVia::as_str, |v| {
                a.phone_via == Some(v)
            });
            (q("conv-ask-phone-via"), kb.nav(true).build())
        }
        Step::SafeTimes => {
            let chosen = a.safe_times.iter().map(|s| s.label_key());
            let text = format!(
                "{}\n\n{}",
                q("conv-ask-safe-times"),
                chosen_line(ctx, lang, chosen)
            );
            let kb = kb.values(SafeTime::ALL, SafeTime::label_key, SafeTime::as_str, |s| {
                a.safe_times.contains(&s)
            });
            let done = kb.button("conv-btn-done-choosing", Action::Done);
            (text, kb.row(vec![done]).nav(true).build())
        }
        Step::SilentAlarm => {
            let row = vec![
                kb.labelled(ticked(q("conv-btn-alarm-yes"), d.silent_alarm), Action::Yes),
                kb.button("conv-btn-alarm-no", Action::No),
            ];
            let kb = kb.row(row).row(vec![kb_back(ctx, d)]).exit();
            (q("conv-ask-silent-alarm"), kb.build())
        }
        Step::Unlock(purpose) => {
            let key = match purpose {
                UnlockFor::Messages => "conv-ask-unlock-messages",
                UnlockFor::Reply => "conv-ask-unlock-reply",
            };
            let cancel = kb.button("conv-btn-cancel", Action::Back);
            (q(key), kb.row(vec![cancel]).exit().build())
        }
        Step::Pin => {
            let cancel = kb.button("conv-btn-cancel", Action::Back);
            (q("conv-ask-pin"), kb.row(vec![cancel]).exit().build())
        }
        Step::FastLane => return fast_lane(d, ctx),
        // The steps of `questions` never reach here.
        _ => (q("conv-not-understood"), kb.exit().build()),
    };
    Prompt {
        text,
        keyboard,
        protect: false,
    }
}

fn kb_back(ctx: &Context, d: &Dialogue) -> Button {
    Kb::new(ctx, d.lang, &d.step).button("conv-btn-back", Action::Back)
}

/// The provinces of the catalog, the chosen one ticked.
fn provinces(d: &Dialogue, ctx: &Context, kb: &Kb, chosen: Option<&RegionCode>) -> Vec<Button> {
    (ctx.regions.provinces.iter())
        .map(|p| {
            let name = ticked(
                fit(region_name(ctx, d.lang, &p.code)),
                chosen == Some(&p.code),
            );
            kb.labelled(name, Action::Value(p.code.as_str().to_owned()))
        })
        .collect()
}

/// The regencies of `province`, the chosen one ticked.
fn regencies(
    d: &Dialogue,
    ctx: &Context,
    kb: &Kb,
    province: &RegionCode,
    chosen: Option<&RegionCode>,
) -> Vec<Button> {
    (ctx.regions.lookup(province).into_iter())
        .flat_map(|r| match r {
            Region::Province(p) => p.regencies.as_slice(),
            Region::Regency { .. } => &[],
        })
        .map(|r| {
            let name = ticked(
                fit(region_name(ctx, d.lang, &r.code)),
                chosen == Some(&r.code),
            );
            kb.labelled(name, Action::Value(r.code.as_str().to_owned()))
        })
        .collect()
}

/// After sending: what she can do now, and "Buat PIN" while her messages
/// are open and petugas may answer her.
pub(super) fn done(d: &Dialogue, ctx: &Context) -> Prompt {
    let kb = Kb::new(ctx, d.lang, &Step::Done);
    let reachable = if d.contactable { "yes" } else { "no" };
    let text = ta(
        ctx,
        d.lang,
        "conv-done-hint",
        &[("contact", reachable.to_owned())],
    );
    let kb = if d.contactable && !d.locked {
        let pin = kb.button("conv-btn-set-pin", Action::Value("pin".to_owned()));
        kb.row(vec![pin])
    } else {
        kb
    };
    Prompt {
        text,
        keyboard: kb.exit().build(),
        protect: false,
    }
}

/// The danger fast lane: the numbers for where she is, the line about
/// the person near her, and three ways on.
pub(super) fn fast_lane(d: &Dialogue, ctx: &Context) -> Prompt {
    let kb = Kb::new(ctx, d.lang, &Step::FastLane);
    let text = format!(
        "{}\n\n{}",
        with_contacts(d, ctx, "conv-fast-lane", true),
        t(ctx, d.lang, "conv-fast-lane-near")
    );
    let row = button_row(
        &kb,
        &[
            ("conv-btn-short-message", Action::Go),
            ("conv-btn-go-on", Action::Resume),
        ],
    );
    Prompt {
        text,
        keyboard: kb.row(row).exit().build(),
        protect: false,
    }
}
