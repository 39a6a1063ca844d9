//! Her answers in plain words, grouped as a case worker reads them, and as
//! the referral shares them. Three things are never confused: an answer
//! she gave, an answer that follows from another ("Korban anak: ya, dari
//! umur"), and a question she was not asked (the short message asks only
//! what is needed to reach her). "Not answered" is said only of a question
//! she was asked and skipped. A part a referral keeps back says so.

use maud::{Markup, html};

use super::layout::Ui;
use super::scope::{Scope, not_shared};
use crate::conversation::{SubmitRequest, WhereAnswer};
use crate::domain::casework::ShareField;
use crate::domain::{Behaviour, ContactPreference, RecruiterField};

/// What one row shows.
enum Value {
    /// She answered this.
    Answer(String),
    /// It follows from another answer: the text says from which.
    Derived(String),
    /// She was asked and did not answer.
    Skipped,
    /// She was never asked (the short message).
    NotAsked,
}

fn row(ui: &Ui, label: &str, value: Value) -> Markup {
    html! {
        dt { (ui.t(label)) }
        dd {
            @match value {
                Value::Answer(v) => (v),
                Value::Derived(v) => span.derived { (v) },
                Value::Skipped => span.muted { (ui.t("answer-none")) },
                Value::NotAsked => span.muted { (ui.t("answer-not-asked")) },
            }
        }
    }
}

/// Rows of one request, knowing whether questions were asked at all.
struct Rows<'a> {
    ui: &'a Ui,
    short: bool,
}

impl Rows<'_> {
    fn of(&self, v: Option<String>) -> Value {
        match v {
            Some(v) => Value::Answer(v),
            None if self.short => Value::NotAsked,
            None => Value::Skipped,
        }
    }

    fn yes_no(&self, v: Option<bool>) -> Value {
        self.of(v.map(|b| self.ui.t(if b { "answer-yes" } else { "answer-no" })))
    }

    fn list<T: Copy>(
        &self,
        items: impl IntoIterator<Item = T>,
        key: fn(T) -> &'static str,
    ) -> Value {
        let words: Vec<String> = items.into_iter().map(|i| self.ui.t(key(i))).collect();
        self.of((!words.is_empty()).then(|| words.join(", ")))
    }
}

/// Whether the victim is a child: from the age band when she gave one
/// (shown as derived), else her answer to "child or adult".
fn child(ui: &Ui, r: &Rows<'_>, req: &SubmitRequest) -> Value {
    let a = &req.answers;
    match a.age_band {
        Some(band) => {
            let yes = ui.t(if band.is_child() {
                "answer-yes"
            } else {
                "answer-no"
            });
            Value::Derived(ui.t_args("answer-derived-from-age", &[("answer", yes)]))
        }
        None => r.yes_no(a.victim_is_child),
    }
}

fn where_text(ui: &Ui, w: &WhereAnswer) -> String {
    match w {
        WhereAnswer::Region(code) => ui.region(code.as_str()),
        WhereAnswer::Abroad { country: Some(c) } => {
            format!("{} ({})", ui.t("location-abroad"), c.as_str())
        }
        WhereAnswer::Abroad { country: None } => ui.t("location-abroad"),
    }
}

/// Her answer about the police, always shown with a referral: skipped or
/// never asked means "ask her first", never yes.
pub fn police(ui: &Ui, req: &SubmitRequest) -> Markup {
    let key = match req.police_ok() {
        Some(true) => "report-police-yes",
        Some(false) => "report-police-no",
        None => "report-police-ask",
    };
    html! { dl.police { dt { (ui.t("report-police")) } dd { (ui.t(key)) } } }
}

fn card(ui: &Ui, scope: &Scope, field: ShareField, title: &str, rows: Markup) -> Markup {
    html! {
        section.card {
            h2 { (ui.t(title)) }
            @if scope.shows(field) { dl { (rows) } } @else { p { (not_shared(ui)) } }
        }
    }
}

/// The answers, grouped, as `scope` may see them.
pub fn answers(ui: &Ui, req: &SubmitRequest, scope: &Scope) -> Markup {
    let a = &req.answers;
    let r = Rows {
        ui,
        short: a.short_message,
    };
    let abroad = matches!(a.location, Some(WhereAnswer::Abroad { .. }));
    // Asked as the conversation asks them: recruiter details after a
    // recruiter or a job deception, the kecamatan/desa for a child in a
    // region of Indonesia.
    let recruiter = a.relation.is_some_and(|x| x.is_recruiter())
        || a.behaviours.contains(&Behaviour::JobDeception)
        || !a.recruiter.is_empty();
    let child_branch = a.urgency_input().is_child_victim() && a.region().is_some();
    let phone = a.contact == Some(ContactPreference::Phone);
    let what = html! {
        @if a.short_message { dt { (ui.t("report-short-message")) } dd { (ui.t("report-short-message-yes")) } }
        (row(ui, "report-types", r.list(req.classification.violence_types.iter().copied(), |v| v.label_key())))
        (row(ui, "report-behaviours", r.list(a.behaviours.iter().copied(), |b| b.label_key())))
        (row(ui, "report-tpks", r.list(req.classification.tpks_forms.iter().copied(), |f| f.label_key())))
        (row(ui, "report-safe-now", r.yes_no(a.safe_now)))
        @for (indicator, yes) in &a.indicators {
            (row(ui, indicator.label_key(), r.yes_no(Some(*yes))))
        }
    };
    let victim = html! {
        (row(ui, "report-reporter", r.of(a.reporter.map(|x| ui.t(x.label_key())))))
        (row(ui, "report-age", r.of(a.age_band.map(|b| ui.t(b.label_key())))))
        (row(ui, "report-child", child(ui, &r, req)))
        (row(ui, "report-sex", r.of(a.victim_sex.map(|s| ui.t(s.label_key())))))
        (row(ui, "report-disability", r.yes_no(a.disability)))
        (row(ui, "report-relation", r.of(a.relation.map(|x| ui.t(x.label_key())))))
        (row(ui, "report-perpetrator-sex", r.of(a.perpetrator_sex.map(|s| ui.t(s.label_key())))))
        @if recruiter {
            @for field in RecruiterField::ALL {
                @let items = a.recruiter.field(*field);
                (row(ui, field.label_key(), r.of((!items.is_empty()).then(|| items.join("; ")))))
            }
        }
    };
    let place = html! {
        (row(ui, "report-where", r.of(a.location.as_ref().map(|w| where_text(ui, w)))))
        @if abroad {
            (row(ui, "report-now", r.of(a.still_abroad.map(|s| ui.t(if s { "report-now-abroad" } else { "report-now-home" })))))
            (row(ui, "report-origin", r.of(a.origin.as_ref().map(|o| ui.region(o.as_str())))))
        }
        (row(ui, "report-place-type", r.of(a.place.map(|p| ui.t(p.label_key())))))
        @if child_branch || a.subdistrict.is_some() {
            (row(ui, "report-subdistrict", r.of(a.subdistrict.clone())))
        }
        (row(ui, "report-when", r.of(a.when.map(|w| ui.t(w.label_key())))))
    };
    let help = html! {
        (row(ui, "report-help-wanted", r.list(a.help.iter().copied(), |h| h.label_key())))
    };
    let contact = html! {
        (row(ui, "report-contact-pref", r.of(a.contact.map(|c| ui.t(c.label_key())))))
        @if phone {
            (row(ui, "report-phone", r.of(a.phone.clone())))
            (row(ui, "report-phone-via", r.of(a.phone_via.map(|v| ui.t(v.label_key())))))
            (row(ui, "report-safe-times", r.list(a.safe_times.iter().copied(), |t| t.label_key())))
        }
    };
    html! {
        (card(ui, scope, ShareField::WhatHappened, "report-what-happened", what))
        (card(ui, scope, ShareField::Victim, "report-victim", victim))
        (card(ui, scope, ShareField::Place, "report-place", place))
        (card(ui, scope, ShareField::Help, "report-help", help))
        (card(ui, scope, ShareField::Contact, "report-contact", contact))
    }
}
