//! The message that asks each step: its text and keyboard. The steps added
//! for what the task force needs are in `questions_more`.

use super::Context;
use super::callback::Action;
use super::dialogue::Dialogue;
use super::io::{Button, Keyboard};
use super::render::{Kb, Prompt, language_row, t, ta, tn, who};
use super::steps::Step;
use super::{questions_more, summary};
use crate::domain::screening::screening;
use crate::domain::{
    AgeBand, Behaviour, ContactPreference, HelpWanted, Relation, ReporterRole, Sex, WhenHappened,
};
use crate::i18n::Lang;

/// The message that asks the current step.
pub(super) fn ask(d: &Dialogue, ctx: &Context) -> Prompt {
    let lang = d.lang;
    let step = &d.step;
    let kb = Kb::new(ctx, lang, step);
    let q = |key: &str| t(ctx, lang, key);
    let w = |key: &str| ta(ctx, lang, key, &[("who", who(d))]);
    let a = &d.answers;
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
            let key = if d.short {
                "conv-ask-consent-short"
            } else {
                "conv-ask-consent"
            };
            let text = tn(ctx, lang, key, "days", ctx.retention_days);
            (text, kb.row(row).nav(false).build())
        }
        Step::Reporter => {
            let kb = kb.values(
                ReporterRole::ALL,
                ReporterRole::label_key,
                ReporterRole::as_str,
                |r| a.reporter == Some(r),
            );
            (q("conv-ask-reporter"), kb.nav(true).build())
        }
        Step::Behaviours => {
            let chosen = a.behaviours.iter().map(|b| b.label_key());
            let text = format!(
                "{}\n\n{}",
                q("conv-ask-behaviours"),
                chosen_line(ctx, lang, chosen)
            );
            let kb = kb.values(
                Behaviour::ALL,
                Behaviour::label_key,
                Behaviour::as_str,
                |b| a.behaviours.contains(&b),
            );
            let done = kb.button("conv-btn-done-choosing", Action::Done);
            (text, kb.row(vec![done]).nav(true).build())
        }
        Step::Indicator(i) => indicator(d, ctx, *i, kb),
        Step::When => {
            let kb = kb.values(
                WhenHappened::ALL,
                WhenHappened::label_key,
                WhenHappened::as_str,
                |v| a.when == Some(v),
            );
            (q("conv-ask-when"), kb.nav(true).build())
        }
        Step::Relation => {
            let kb = kb.values(Relation::ALL, Relation::label_key, Relation::as_str, |r| {
                a.relation == Some(r)
            });
            (q("conv-ask-relation"), kb.nav(true).build())
        }
        Step::Age => {
            let kb = kb.values(AgeBand::ALL, AgeBand::label_key, AgeBand::as_str, |v| {
                a.age_band == Some(v)
            });
            (w("conv-ask-age"), kb.nav(true).build())
        }
        Step::ChildOrAdult => {
            let row = vec![
                kb.button("conv-btn-child", Action::Yes),
                kb.button("conv-btn-adult", Action::No),
            ];
            (w("conv-ask-child"), kb.row(row).nav(true).build())
        }
        Step::Sex => {
            let kb = kb.values(Sex::ALL, Sex::label_key, Sex::as_str, |v| {
                a.victim_sex == Some(v)
            });
            (w("conv-ask-sex"), kb.nav(true).build())
        }
        Step::Story => return story(d, ctx, q("conv-ask-story")),
        Step::Help => {
            let chosen = a.help.iter().map(|h| h.label_key());
            let text = format!(
                "{}\n\n{}",
                q("conv-ask-help"),
                chosen_line(ctx, lang, chosen)
            );
            let kb = kb.values(
                HelpWanted::ALL,
                HelpWanted::label_key,
                HelpWanted::as_str,
                |h| a.help.contains(&h),
            );
            let done = kb.button("conv-btn-done-choosing", Action::Done);
            (text, kb.row(vec![done]).nav(true).build())
        }
        Step::Contact => {
            let kb = kb.values(
                ContactPreference::ALL,
                ContactPreference::label_key,
                ContactPreference::as_str,
                |c| a.contact == Some(c),
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
        Step::Done => return questions_more::done(d, ctx),
        Step::Stopped => (q("conv-stopped-hint"), kb.exit().build()),
        Step::Reply => {
            let cancel = kb.button("conv-btn-cancel", Action::Back);
            (q("conv-ask-reply"), kb.row(vec![cancel]).exit().build())
        }
        _ => return questions_more::ask(d, ctx),
    };
    Prompt {
        text,
        keyboard,
        protect: false,
    }
}

/// "Sudah dipilih: …" or "Belum ada yang dipilih."
pub(super) fn chosen_line<'k>(
    ctx: &Context,
    lang: Lang,
    keys: impl Iterator<Item = &'k str>,
) -> String {
    let items: Vec<String> = keys.map(|k| t(ctx, lang, k)).collect();
    if items.is_empty() {
        t(ctx, lang, "conv-chosen-none")
    } else {
        ta(ctx, lang, "conv-chosen", &[("items", items.join(", "))])
    }
}

/// A danger sign, worded for her or for the person she tells about, with
/// where it stands among the signs asked of her.
fn indicator(d: &Dialogue, ctx: &Context, index: usize, kb: Kb) -> (String, Option<Keyboard>) {
    let lang = d.lang;
    let asked = screening(&d.answers.behaviours);
    let all = crate::domain::TraffickingIndicator::ALL;
    let Some(indicator) = all.get(index) else {
        // Only reachable through a tampered store; the next answer moves on.
        return (t(ctx, lang, "conv-not-understood"), kb.nav(true).build());
    };
    let position = asked.iter().position(|i| i == indicator);
    let number = position.map_or(1, |p| p + 1);
    let question = ta(ctx, lang, indicator.question_key(), &[("who", who(d))]);
    let mut text = ta(
        ctx,
        lang,
        "conv-ask-indicator",
        &[
            ("question", question),
            ("number", number.to_string()),
            ("total", asked.len().max(number).to_string()),
        ],
    );
    if position == Some(0) {
        text = format!("{}\n\n{text}", t(ctx, lang, "conv-indicators-intro"));
    }
    let chosen = d.answers.indicators.get(indicator).copied();
    let answers = vec![
        kb.labelled(yes_label(ctx, lang, chosen == Some(true)), Action::Yes),
        kb.labelled(no_label(ctx, lang, chosen == Some(false)), Action::No),
    ];
    let skips = vec![
        kb.button("answer-skip", Action::Skip),
        kb.button("conv-btn-skip-rest", Action::SkipRest),
    ];
    let back = vec![kb.button("conv-btn-back", Action::Back)];
    (text, kb.row(answers).row(skips).row(back).exit().build())
}

/// "Ya", ticked if that was her answer.
pub(super) fn yes_label(ctx: &Context, lang: Lang, chosen: bool) -> String {
    super::render::ticked(t(ctx, lang, "answer-yes"), chosen)
}

/// "Tidak", ticked if that was her answer.
pub(super) fn no_label(ctx: &Context, lang: Lang, chosen: bool) -> String {
    super::render::ticked(t(ctx, lang, "answer-no"), chosen)
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

/// Buttons for a list of values, used by the steps of `questions_more`.
pub(super) fn button_row(kb: &Kb, items: &[(&str, Action)]) -> Vec<Button> {
    items.iter().map(|(k, a)| kb.button(k, a.clone())).collect()
}
