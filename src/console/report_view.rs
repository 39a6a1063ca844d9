//! A report's answers in plain words: what the console shows once the
//! payload is opened. The same renderer shows a referral, limited to the
//! fields it shares.

use maud::{Markup, html};

use super::layout::Ui;
use crate::conversation::{StoryPart, SubmitRequest, WhereAnswer};
use crate::domain::casework::ShareField;
use crate::store::AttachmentInfo;

/// Keeps only what a referral shares. Files are not shared: a liaison
/// sees that there were some, and asks the task force.
pub fn for_referral(mut req: SubmitRequest, fields: &[ShareField]) -> SubmitRequest {
    let has = |f| fields.contains(&f);
    let a = &mut req.answers;
    if !has(ShareField::WhatHappened) {
        a.behaviours.clear();
        a.indicators.clear();
        a.safe_now = None;
        req.classification = Default::default();
        req.assessment.reasons.clear();
    }
    if !has(ShareField::Victim) {
        a.reporter = None;
        a.age_band = None;
        a.victim_is_child = None;
        a.victim_sex = None;
        a.relation = None;
    }
    if !has(ShareField::Place) {
        a.location = None;
        a.when = None;
    }
    if !has(ShareField::Help) {
        a.help.clear();
    }
    if has(ShareField::Story) {
        a.story.retain(|p| matches!(p, StoryPart::Text(_)));
    } else {
        a.story.clear();
    }
    if !has(ShareField::Contact) {
        a.contact = None;
        a.phone = None;
    }
    req
}

fn row(ui: &Ui, label: &str, value: Option<String>) -> Markup {
    html! {
        dt { (ui.t(label)) }
        dd { @match value { Some(v) => (v), None => span.muted { (ui.t("answer-none")) } } }
    }
}

fn list<T: Copy>(
    ui: &Ui,
    items: impl IntoIterator<Item = T>,
    key: fn(T) -> &'static str,
) -> Option<String> {
    let words: Vec<String> = items.into_iter().map(|i| ui.t(key(i))).collect();
    (!words.is_empty()).then(|| words.join(", "))
}

fn yes_no(ui: &Ui, v: Option<bool>) -> Option<String> {
    v.map(|b| ui.t(if b { "answer-yes" } else { "answer-no" }))
}

/// The answers, grouped as a case worker reads them. `shown` limits the
/// groups (a referral); `None` shows everything.
pub fn answers(ui: &Ui, req: &SubmitRequest, shown: Option<&[ShareField]>) -> Markup {
    let show = |f: ShareField| shown.is_none_or(|s| s.contains(&f));
    let a = &req.answers;
    let location = a.location.as_ref().map(|l| match l {
        WhereAnswer::Region(code) => ui.region(code.as_str()),
        WhereAnswer::Abroad { country } => match country {
            Some(c) => format!("{} ({})", ui.t("location-abroad"), c.as_str()),
            None => ui.t("location-abroad"),
        },
    });
    html! {
        @if show(ShareField::WhatHappened) {
            section.card {
                h2 { (ui.t("report-what-happened")) }
                dl {
                    (row(ui, "report-types", list(ui, req.classification.violence_types.iter().copied(), |v| v.label_key())))
                    (row(ui, "report-behaviours", list(ui, a.behaviours.iter().copied(), |b| b.label_key())))
                    (row(ui, "report-tpks", list(ui, req.classification.tpks_forms.iter().copied(), |f| f.label_key())))
                    (row(ui, "report-safe-now", yes_no(ui, a.safe_now)))
                }
                @if !a.indicators.is_empty() {
                    h3 { (ui.t("report-indicators")) }
                    dl {
                        @for (indicator, yes) in &a.indicators {
                            (row(ui, indicator.label_key(), yes_no(ui, Some(*yes))))
                        }
                    }
                }
            }
        }
        @if show(ShareField::Victim) {
            section.card {
                h2 { (ui.t("report-victim")) }
                dl {
                    (row(ui, "report-reporter", a.reporter.map(|r| ui.t(r.label_key()))))
                    (row(ui, "report-age", a.age_band.map(|b| ui.t(b.label_key()))))
                    (row(ui, "report-child", yes_no(ui, a.victim_is_child)))
                    (row(ui, "report-sex", a.victim_sex.map(|s| ui.t(s.label_key()))))
                    (row(ui, "report-relation", a.relation.map(|r| ui.t(r.label_key()))))
                }
            }
        }
        @if show(ShareField::Place) {
            section.card {
                h2 { (ui.t("report-place")) }
                dl {
                    (row(ui, "report-where", location))
                    (row(ui, "report-when", a.when.map(|w| ui.t(w.label_key()))))
                }
            }
        }
        @if show(ShareField::Help) {
            section.card {
                h2 { (ui.t("report-help")) }
                dl { (row(ui, "report-help-wanted", list(ui, a.help.iter().copied(), |h| h.label_key()))) }
            }
        }
        @if show(ShareField::Contact) {
            section.card {
                h2 { (ui.t("report-contact")) }
                dl {
                    (row(ui, "report-contact-pref", a.contact.map(|c| ui.t(c.label_key()))))
                    (row(ui, "report-phone", a.phone.clone()))
                }
            }
        }
    }
}

/// Her story in her words, with her files in the place she sent them.
pub fn story(ui: &Ui, report_id: &str, req: &SubmitRequest, files: &[AttachmentInfo]) -> Markup {
    html! {
        section.card.story {
            h2 { (ui.t("report-story")) }
            @if req.answers.story.is_empty() { p.muted { (ui.t("report-no-story")) } }
            @for part in &req.answers.story {
                @match part {
                    StoryPart::Text(text) => p.says { (text) },
                    StoryPart::Attachment(att) => {
                        @let known = files.iter().any(|f| f.id == att.id);
                        @if known { (attachment(ui, report_id, &att.id, att.kind)) }
                        @else { p.muted { (ui.t("report-file-gone")) } }
                    }
                }
            }
        }
    }
}

fn attachment(
    ui: &Ui,
    report_id: &str,
    file_id: &str,
    kind: crate::domain::attachment::AttachmentKind,
) -> Markup {
    use crate::domain::attachment::AttachmentKind as K;
    let url = format!("/reports/{report_id}/files/{file_id}");
    html! {
        figure.file {
            @match kind {
                K::Photo => img src=(url) alt=(ui.t(kind.label_key())) loading="lazy";,
                K::Voice | K::Audio => audio controls preload="none" src=(url) {},
                K::Video => video controls preload="none" src=(url) {},
                K::Document => {},
            }
            figcaption {
                (ui.t(kind.label_key())) " · "
                a href=(format!("{url}?download=1")) { (ui.t("report-download")) }
            }
        }
    }
}
