//! The summary before sending, and the lists of help contacts.

use super::Context;
use super::answers::{StoryPart, WhereAnswer};
use super::callback::Action;
use super::dialogue::Dialogue;
use super::render::{Kb, Prompt, region_name, t, ta};
use super::steps::{Part, Step};
use crate::domain::{ContactPreference, RegionCode};
use crate::i18n::Lang;

/// Everything she answered, an "Ubah" button per part, and the send
/// button. Protected: it holds her answers in one screen.
pub(super) fn summary(d: &Dialogue, ctx: &Context) -> Prompt {
    let lang = d.lang;
    let a = &d.answers;
    let tx = |key: &str| t(ctx, lang, key);
    let skipped = tx("conv-sum-skipped");
    let label = |key: Option<&str>| key.map_or_else(|| skipped.clone(), tx);
    let list = |keys: Vec<&str>| {
        if keys.is_empty() {
            skipped.clone()
        } else {
            keys.into_iter().map(tx).collect::<Vec<_>>().join(", ")
        }
    };
    let yes_no = |v: Option<bool>| label(v.map(|yes| if yes { "answer-yes" } else { "answer-no" }));

    let mut rows: Vec<(&str, String)> = vec![
        ("conv-sum-safe", yes_no(a.safe_now)),
        (
            "conv-sum-reporter",
            label(a.reporter.map(|r| r.label_key())),
        ),
        (
            "conv-sum-behaviours",
            list(a.behaviours.iter().map(|b| b.label_key()).collect()),
        ),
    ];
    if !a.indicators.is_empty() {
        let yes = a.indicators.values().filter(|y| **y).count();
        rows.push(("conv-sum-indicators", yes.to_string()));
    }
    rows.push(("conv-sum-when", label(a.when.map(|w| w.label_key()))));
    rows.push(("conv-sum-where", place(d, ctx)));
    rows.push((
        "conv-sum-relation",
        label(a.relation.map(|r| r.label_key())),
    ));
    let age = match (a.age_band, a.victim_is_child) {
        (Some(band), _) => tx(band.label_key()),
        (None, Some(true)) => tx("conv-btn-child"),
        (None, Some(false)) => tx("conv-btn-adult"),
        (None, None) => skipped.clone(),
    };
    rows.push(("conv-sum-age", age));
    rows.push(("conv-sum-sex", label(a.victim_sex.map(|s| s.label_key()))));
    rows.push(("conv-sum-story", story_counts(d, ctx)));
    rows.push((
        "conv-sum-help",
        list(a.help.iter().map(|h| h.label_key()).collect()),
    ));
    let mut contact = label(a.contact.map(|c| c.label_key()));
    if let (Some(ContactPreference::Phone), Some(phone)) = (a.contact, &a.phone) {
        contact = format!("{contact} ({phone})");
    }
    rows.push(("conv-sum-contact", contact));
    let safe_word = match d.safe_word {
        Some(_) => tx("conv-sum-safe-word-set"),
        None => skipped.clone(),
    };
    rows.push(("conv-sum-safe-word", safe_word));

    let mut text = tx("conv-summary-intro");
    text.push('\n');
    for (key, value) in rows {
        text.push('\n');
        text.push_str(&ta(ctx, lang, key, &[("value", value)]));
    }

    let kb = Kb::new(ctx, lang, &Step::Summary);
    let send = kb.button("conv-btn-send", Action::Go);
    let edits = (Part::ALL.iter())
        .map(|p| kb.button(&format!("conv-edit-{}", p.code()), Action::Edit(*p)))
        .collect();
    let back = kb.button("conv-btn-back", Action::Back);
    let keyboard = kb
        .row(vec![send])
        .pairs(edits)
        .row(vec![back])
        .exit()
        .build();
    Prompt {
        text,
        keyboard,
        protect: true,
    }
}

fn place(d: &Dialogue, ctx: &Context) -> String {
    let lang = d.lang;
    match &d.answers.location {
        None => t(ctx, lang, "conv-sum-skipped"),
        Some(WhereAnswer::Region(code)) => {
            let name = region_name(ctx, lang, code);
            if code.is_province() {
                name
            } else {
                format!("{name}, {}", region_name(ctx, lang, &code.province()))
            }
        }
        Some(WhereAnswer::Abroad { country }) => {
            let abroad = t(ctx, lang, "location-abroad");
            match country {
                Some(c) => format!("{abroad}: {}", c.as_str()),
                None => abroad,
            }
        }
    }
}

fn story_counts(d: &Dialogue, ctx: &Context) -> String {
    let story = &d.answers.story;
    if story.is_empty() {
        return t(ctx, d.lang, "conv-sum-skipped");
    }
    let texts = story
        .iter()
        .filter(|p| matches!(p, StoryPart::Text(_)))
        .count();
    let files = story.len() - texts;
    ta(
        ctx,
        d.lang,
        "conv-sum-story-counts",
        &[("texts", texts.to_string()), ("files", files.to_string())],
    )
}

/// One line per contact, "• SAPA 129: Telepon 129, WhatsApp 08111-129-129":
/// the emergency ones first, then (unless `emergency_only`) those serving
/// `region`.
pub(super) fn contact_lines(
    ctx: &Context,
    lang: Lang,
    region: Option<&RegionCode>,
    emergency_only: bool,
) -> String {
    let emergency = ctx.contacts.iter().filter(|c| c.emergency);
    let others =
        (ctx.contacts.iter()).filter(|c| !emergency_only && !c.emergency && c.serves(region));
    let lines: Vec<String> = emergency
        .chain(others)
        .map(|c| {
            let ways: Vec<String> = [
                ("contact-call", &c.phone),
                ("contact-whatsapp", &c.whatsapp),
            ]
            .into_iter()
            .filter_map(|(key, number)| {
                let number = number.clone()?;
                Some(ta(ctx, lang, key, &[("number", number)]))
            })
            .collect();
            format!("• {}: {}", c.name, ways.join(", "))
        })
        .collect();
    lines.join("\n")
}

/// `key`'s text followed by the contacts for her region.
pub(super) fn with_contacts(
    d: &Dialogue,
    ctx: &Context,
    key: &str,
    emergency_only: bool,
) -> String {
    let region = d.answers.region();
    let lines = contact_lines(ctx, d.lang, region, emergency_only);
    format!("{}\n{lines}", t(ctx, d.lang, key))
}

/// The help contacts, with "Lanjutkan" to ask the current step again: for
/// `/darurat` and the safe word. The draft is untouched.
pub(super) fn contacts_prompt(d: &Dialogue, ctx: &Context) -> Prompt {
    let kb = Kb::new(ctx, d.lang, &d.step);
    let resume = kb.button("conv-btn-resume", Action::Resume);
    Prompt {
        text: with_contacts(d, ctx, "conv-contacts", false),
        keyboard: kb.row(vec![resume]).exit().build(),
        protect: false,
    }
}
