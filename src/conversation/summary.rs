//! The summary before sending: every answer in one protected message, an
//! "Ubah" button per part, and the send button.

use super::Context;
use super::answers::{StoryPart, WhereAnswer};
use super::callback::Action;
use super::dialogue::Dialogue;
use super::render::{Kb, Prompt, region_name, t, ta};
use super::steps::{Part, Step};
use crate::domain::ContactPreference;

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
        ("conv-sum-police", yes_no(a.police_ok)),
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
    if let Some(WhereAnswer::Abroad { .. }) = a.location {
        let now = a.still_abroad.map(|abroad| {
            if abroad {
                "conv-btn-still-abroad"
            } else {
                "conv-btn-back-home"
            }
        });
        rows.push(("conv-sum-now", label(now)));
        let origin = a.origin.as_ref().map(|code| region_name(ctx, lang, code));
        rows.push(("conv-sum-origin", origin.unwrap_or_else(|| skipped.clone())));
    }
    let place_type = a.place.map(|p| tx(&p.question_label_key()));
    rows.push((
        "conv-sum-place",
        place_type.unwrap_or_else(|| skipped.clone()),
    ));
    rows.push((
        "conv-sum-relation",
        label(a.relation.map(|r| r.label_key())),
    ));
    if !a.recruiter.is_empty() {
        rows.push(("conv-sum-recruiter", a.recruiter.count().to_string()));
    }
    rows.push((
        "conv-sum-perpetrator-sex",
        label(a.perpetrator_sex.map(|s| s.label_key())),
    ));
    let age = match (a.age_band, a.victim_is_child) {
        (Some(band), _) => tx(band.label_key()),
        (None, Some(true)) => tx("conv-btn-child"),
        (None, Some(false)) => tx("conv-btn-adult"),
        (None, None) => skipped.clone(),
    };
    rows.push(("conv-sum-age", age));
    rows.push(("conv-sum-sex", label(a.victim_sex.map(|s| s.label_key()))));
    rows.push(("conv-sum-disability", yes_no(a.disability)));
    if let Some(place) = &a.subdistrict {
        rows.push(("conv-sum-subdistrict", place.clone()));
    }
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
    if a.contact == Some(ContactPreference::Phone) {
        rows.push((
            "conv-sum-phone-via",
            label(a.phone_via.map(|v| v.label_key())),
        ));
        rows.push((
            "conv-sum-safe-times",
            list(a.safe_times.iter().map(|s| s.label_key()).collect()),
        ));
    }
    let safe_word = match (&d.safe_word, d.silent_alarm) {
        (Some(_), true) => tx("conv-sum-safe-word-alarm"),
        (Some(_), false) => tx("conv-sum-safe-word-set"),
        (None, _) => skipped.clone(),
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
