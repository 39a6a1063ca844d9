//! "Laporan terkait" on a report's page: the linked reports the reader may
//! open, with what they share, and for the others only a count and whom
//! to ask. Shown to the task force only; a referral never shows links.

use maud::{Markup, html};

use super::layout::Ui;
use crate::domain::identifiers::LinkKind;
use crate::service::links::Related;

/// The section, or nothing when the report is linked to no other.
pub fn section(ui: &Ui, related: &Related) -> Markup {
    if related.is_empty() {
        return html! {};
    }
    let names_only = related
        .open
        .iter()
        .flat_map(|l| l.kinds.iter())
        .chain(related.hidden.keys())
        .any(|k| *k == LinkKind::Name);
    html! {
        section.card.related {
            h2 { (ui.t("related-title")) }
            @if !related.open.is_empty() {
                ul.related-open {
                    @for l in &related.open {
                        li {
                            a href=(format!("/reports/{}", l.id)) { "#" (l.id.short()) }
                            " · " (ui.time(l.created_at))
                            @if let Some(area) = &l.area { " · " (ui.region(area.as_str())) }
                            br;
                            span.shared {
                                (l.kinds.iter().map(|k| ui.t(k.label_key())).collect::<Vec<_>>().join(", "))
                            }
                        }
                    }
                }
            }
            @if related.hidden_reports > 0 {
                p.related-hidden {
                    (ui.t_args("related-hidden", &[("count", related.hidden_reports.to_string())]))
                    " ("
                    (related.hidden.keys().map(|k| ui.t(k.label_key())).collect::<Vec<_>>().join(", "))
                    ")"
                }
            }
            @if names_only {
                p.hint { (ui.t("related-name-coarse")) }
            }
        }
    }
}
