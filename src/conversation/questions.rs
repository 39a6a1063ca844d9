//! The message that asks each step: its text and keyboard.

use super::Context;
use super::callback::Action;
use super::dialogue::Dialogue;
use super::io::{Button, Keyboard};
use super::render::{Kb, Prompt, fit, language_row, region_name, t, ta, who};
use super::steps::Step;
use super::summary;
use crate::domain::{
    AgeBand, Behaviour, ContactPreference, HelpWanted, Region, Relation, ReporterRole, Sex,
    TraffickingIndicator, WhenHappened,
};
use crate::i18n::Lang;

/// The message that asks the current step.
pub(super) fn ask(d: &Dialogue, ctx: &Context) -> Prompt {
    let lang = d.lang;
    let step = &d.step;
    let kb = Kb::new(ctx, lang, step);
    let q = |key: &str| t(ctx, lang, key);
    let (text, keyboard) = match step {
        Step::Welcome => {
            let start = kb.button("conv-btn-start", Action::Go);
            let kb = kb.row(language_row(ctx)).row(vec![start]).exit();
            (q("conv-welcome"), kb.build())
        }
        Step::SafeNow => {
            let row = vec![
                kb.button("conv-btn-safe-yes", Action::Yes),
                kb.button("conv-btn-safe-no", Action::No),
            ];
            (q("conv-ask-safe-now"), kb.row(row).nav(true).build())
        }
        Step::Consent => {
            let row = vec![
                kb.button("conv-btn-agree", Action::Go),
                kb.button("conv-btn-not-now", Action::Decline),
            ];
            (q("conv-ask-consent"), kb.row(row).nav(false).build())
        }
        Step::Reporter => {
            let kb = kb.values(
                ReporterRole::ALL,
                ReporterRole::label_key,
                ReporterRole::as_str,
            );
            (q("conv-ask-reporter"), kb.nav(true).build())
        }
        Step::Behaviours => {
            let chosen = d.answers.behaviours.iter().map(|b| b.label_key());
            let text = format!(
                "{}\n\n{}",
                q("conv-ask-behaviours"),
                chosen_line(ctx, lang, chosen)
            );
            let kb = kb.values(Behaviour::ALL, Behaviour::label_key, Behaviour::as_str);
            let done = kb.button("conv-btn-done-choosing", Action::Done);
            (text, kb.row(vec![done]).nav(true).build())
        }
        Step::Indicator(i) => indicator(d, ctx, *i, kb),
        Step::When => {
            let kb = kb.values(
                WhenHappened::ALL,
                WhenHappened::label_key,
                WhenHappened::as_str,
            );
            (q("conv-ask-when"), kb.nav(true).build())
        }
        Step::Where => {
            let mut buttons: Vec<Button> = (ctx.regions.provinces.iter())
                .map(|p| {
                    let name = fit(region_name(ctx, lang, &p.code));
                    kb.labelled(name, Action::Value(p.code.as_str().to_owned()))
                })
                .collect();
            buttons.push(kb.button("location-abroad", Action::Value("abroad".to_owned())));
            (q("conv-ask-where"), kb.pairs(buttons).nav(true).build())
        }
        Step::Regency(province) => {
            let regencies = (ctx.regions.lookup(province).into_iter())
                .flat_map(|r| match r {
                    Region::Province(p) => p.regencies.as_slice(),
                    Region::Regency { .. } => &[],
                })
                .map(|r| {
                    let name = fit(region_name(ctx, lang, &r.code));
                    kb.labelled(name, Action::Value(r.code.as_str().to_owned()))
                })
                .collect();
            (q("conv-ask-regency"), kb.pairs(regencies).nav(true).build())
        }
        Step::Country => (q("conv-ask-country"), kb.nav(true).build()),
        Step::Relation => {
            let kb = kb.values(Relation::ALL, Relation::label_key, Relation::as_str);
            (q("conv-ask-relation"), kb.nav(true).build())
        }
        Step::Age => {
            let kb = kb.values(AgeBand::ALL, AgeBand::label_key, AgeBand::as_str);
            (
                ta(ctx, lang, "conv-ask-age", &[("who", who(d))]),
                kb.nav(true).build(),
            )
        }
        Step::ChildOrAdult => {
            let row = vec![
                kb.button("conv-btn-child", Action::Yes),
                kb.button("conv-btn-adult", Action::No),
            ];
            let text = ta(ctx, lang, "conv-ask-child", &[("who", who(d))]);
            (text, kb.row(row).nav(true).build())
        }
        Step::Sex => {
            let kb = kb.values(Sex::ALL, Sex::label_key, Sex::as_str);
            (
                ta(ctx, lang, "conv-ask-sex", &[("who", who(d))]),
                kb.nav(true).build(),
            )
        }
        Step::Story => return story(d, ctx, q("conv-ask-story")),
        Step::Help => {
            let chosen = d.answers.help.iter().map(|h| h.label_key());
            let text = format!(
                "{}\n\n{}",
                q("conv-ask-help"),
                chosen_line(ctx, lang, chosen)
            );
            let kb = kb.values(HelpWanted::ALL, HelpWanted::label_key, HelpWanted::as_str);
            let done = kb.button("conv-btn-done-choosing", Action::Done);
            (text, kb.row(vec![done]).nav(true).build())
        }
        Step::Contact => {
            let kb = kb.values(
                ContactPreference::ALL,
                ContactPreference::label_key,
                ContactPreference::as_str,
            );
            (q("conv-ask-contact"), kb.nav(true).build())
        }
        Step::Phone => (q("conv-ask-phone"), kb.nav(true).build()),
        Step::SafeWordOffer => {
            let set = kb.button("conv-btn-set-safe-word", Action::Yes);
            (
                q("conv-ask-safe-word-offer"),
                kb.row(vec![set]).nav(true).build(),
            )
        }
        Step::SafeWord => (q("conv-ask-safe-word"), kb.nav(true).build()),
        Step::Summary => return summary::summary(d, ctx),
        Step::Submitting => (q("conv-sending"), None),
        Step::Done => (q("conv-done-hint"), kb.exit().build()),
        Step::Stopped => (q("conv-stopped-hint"), kb.exit().build()),
        Step::Reply => {
            let cancel = kb.button("conv-btn-cancel", Action::Back);
            (q("conv-ask-reply"), kb.row(vec![cancel]).exit().build())
        }
    };
    Prompt {
        text,
        keyboard,
        protect: false,
    }
}

/// "Sudah dipilih: …" or "Belum ada yang dipilih."
fn chosen_line<'k>(ctx: &Context, lang: Lang, keys: impl Iterator<Item = &'k str>) -> String {
    let items: Vec<String> = keys.map(|k| t(ctx, lang, k)).collect();
    if items.is_empty() {
        t(ctx, lang, "conv-chosen-none")
    } else {
        ta(ctx, lang, "conv-chosen", &[("items", items.join(", "))])
    }
}

fn indicator(d: &Dialogue, ctx: &Context, index: usize, kb: Kb) -> (String, Option<Keyboard>) {
    let lang = d.lang;
    let all = TraffickingIndicator::ALL;
    let Some(indicator) = all.get(index) else {
        // Only reachable through a tampered store; the next answer moves on.
        return (t(ctx, lang, "conv-use-buttons"), kb.nav(true).build());
    };
    let mut text = ta(
        ctx,
        lang,
        "conv-ask-indicator",
        &[
            ("question", t(ctx, lang, indicator.question_key())),
            ("number", (index + 1).to_string()),
            ("total", all.len().to_string()),
        ],
    );
    if index == 0 {
        text = format!("{}\n\n{text}", t(ctx, lang, "conv-indicators-intro"));
    }
    let answers = vec![
        kb.button("answer-yes", Action::Yes),
        kb.button("answer-no", Action::No),
    ];
    let skips = vec![
        kb.button("answer-skip", Action::Skip),
        kb.button("conv-btn-skip-rest", Action::SkipRest),
    ];
    let back = vec![kb.button("conv-btn-back", Action::Back)];
    (text, kb.row(answers).row(skips).row(back).exit().build())
}

/// The story step with `text` on top: "Selesai", "Hapus cerita" once
/// something was sent, and the usual navigation.
pub(super) fn story(d: &Dialogue, ctx: &Context, text: String) -> Prompt {
    let kb = Kb::new(ctx, d.lang, &Step::Story);
    let mut row = vec![kb.button("conv-btn-done", Action::Done)];
    if !d.answers.story.is_empty() {
        row.push(kb.button("conv-btn-clear-story", Action::Clear));
    }
    Prompt {
        text,
        keyboard: kb.row(row).nav(true).build(),
        protect: false,
    }
}
