//! Her story as the console shows it: her words, with her files in the
//! place she sent them. A referral's liaison sees the text only if the
//! story was shared, and is told that files stay with the task force.

use maud::{Markup, html};

use super::layout::Ui;
use super::scope::{Scope, not_shared};
use crate::conversation::{StoryPart, SubmitRequest};
use crate::domain::casework::ShareField;
use crate::store::AttachmentInfo;

/// Her story in her words, with her files in the place she sent them.
pub fn story(
    ui: &Ui,
    report_id: &str,
    req: &SubmitRequest,
    files: &[AttachmentInfo],
    scope: &Scope,
) -> Markup {
    if !scope.shows(ShareField::Story) {
        return html! {
            section.card.story { h2 { (ui.t("report-story")) } p { (not_shared(ui)) } }
        };
    }
    html! {
        section.card.story {
            h2 { (ui.t("report-story")) }
            @if !scope.task_force() { p.hint { (ui.t("report-files-not-shared")) } }
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
