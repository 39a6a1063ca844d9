//! A report's timeline: every status change (with its reason), assignment,
//! note, referral, message and alarm, and who opened the report, at most
//! once an hour per person (the audit log keeps every opening). Reasons and
//! notes are opened with the report key; only full access shows it.

use std::collections::HashMap;

use chrono::Utc;
use maud::{Markup, html};

use super::ConsoleState;
use super::access::Opened;
use super::layout::Ui;
use super::web::ConsoleError;
use crate::crypto::fields::EventBody;
use crate::domain::casework::EventKind;

pub(super) async fn timeline(
    state: &ConsoleState,
    opened: &Opened,
    ui: &Ui,
    name: &(dyn Fn(&Option<String>) -> Option<String> + Sync),
) -> Result<Markup, ConsoleError> {
    let meta = &opened.meta;
    let key = opened.report_key()?;
    let rid = meta.id.to_string();
    let events = state.store.events_of(&meta.id).await?;
    let audit = state.store.audit_of_report(&meta.id).await?;
    let mut rows: Vec<(chrono::DateTime<Utc>, Markup)> = Vec::new();
    rows.push((meta.created_at, html! { (ui.t("timeline-submitted")) }));
    for e in &events {
        let body = match &e.body {
            Some(sealed) => key
                .open::<EventBody>(&format!("{rid}/{}", e.id), sealed)
                .ok()
                .map(|b| String::from_utf8_lossy(&b).into_owned()),
            None => None,
        };
        let who = name(&e.actor_id).unwrap_or_default();
        let what = match e.kind {
            EventKind::Status => ui.t_args(
                "timeline-status",
                &[
                    ("who", who),
                    (
                        "from",
                        e.from_status
                            .map(|s| ui.t(s.label_key()))
                            .unwrap_or_default(),
                    ),
                    (
                        "to",
                        e.to_status.map(|s| ui.t(s.label_key())).unwrap_or_default(),
                    ),
                ],
            ),
            EventKind::Assigned => match name(&e.subject) {
                Some(to) => ui.t_args("timeline-assigned", &[("who", who), ("to", to)]),
                None => ui.t_args("timeline-unassigned", &[("who", who)]),
            },
            EventKind::Note => ui.t_args("timeline-note", &[("who", who)]),
            EventKind::Referred => ui.t_args(
                "timeline-referred",
                &[
                    ("who", who),
                    ("agency", e.subject.clone().unwrap_or_default()),
                ],
            ),
            EventKind::Message => ui.t_args("timeline-message", &[("who", who)]),
            EventKind::Alarm => ui.t("timeline-alarm"),
        };
        rows.push((
            e.at,
            html! { (what) @if let Some(b) = body { blockquote { (b) } } },
        ));
    }
    // Every view is in the audit log; the timeline shows a worker's views
    // at most once an hour, so that the actions stay readable.
    let mut last_view: HashMap<&str, chrono::DateTime<Utc>> = HashMap::new();
    for a in audit
        .iter()
        .filter(|a| crate::domain::audit::AuditAction::parse(&a.action).is_ok_and(|a| a.is_view()))
    {
        if last_view
            .get(a.actor.as_str())
            .is_some_and(|t| a.at - *t < chrono::Duration::hours(1))
        {
            continue;
        }
        last_view.insert(&a.actor, a.at);
        let who = name(&Some(a.actor.clone())).unwrap_or_default();
        rows.push((
            a.at,
            html! { span.muted { (ui.t_args("timeline-opened", &[("who", who)])) } },
        ));
    }
    rows.sort_by_key(|(at, _)| *at);
    Ok(html! {
        section.card.timeline {
            h2 { (ui.t("report-timeline")) }
            ol { @for (at, what) in rows.iter().rev() { li { time { (ui.time(*at)) } " " (what) } } }
        }
    })
}
