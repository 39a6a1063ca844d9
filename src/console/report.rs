//! A report's page: the answers and story decrypted on open, why its
//! urgency is what it is, the timeline, messages with the reporter, and
//! the forms that act on it. Attachments are streamed from the decrypted
//! bytes in memory.

use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use maud::{Markup, html};
use serde::Deserialize;

use super::ConsoleState;
use super::access::{Access, Opened, audit, open, worker_names};
use super::auth::Signed;
use super::layout::{Ui, page};
use super::related;
use super::report_actions::forms;
use super::report_answers;
use super::report_timeline;
use super::report_view;
use super::scope::{Scope, not_shared};
use super::web::ConsoleError;
use crate::crypto::fields::{AttachmentBody, AttachmentMeta};
use crate::domain::attachment::AttachmentKind;
use crate::domain::audit::AuditAction;
use crate::domain::casework::ShareField;
use crate::service::links;
use crate::store::{Direction, ReportMeta};

/// Badges for urgency, status and an overdue first response. The urgency
/// comes from what happened, so a referral that keeps that back shows
/// none; deadlines are the task force's own.
pub fn badges(ui: &Ui, state: &ConsoleState, meta: &ReportMeta, scope: &Scope) -> Markup {
    let overdue = scope.task_force()
        && meta.status.is_open()
        && state.sla.overdue(
            meta.urgency,
            meta.created_at,
            meta.acknowledged_at,
            Utc::now(),
        );
    html! {
        @if scope.shows(ShareField::WhatHappened) {
            span class=(format!("badge urgency-{}", meta.urgency.as_str())) { (ui.t(meta.urgency.label_key())) }
            " "
        }
        span class=(format!("badge status-{}", meta.status.as_str())) { (ui.t(meta.status.label_key())) }
        @if overdue { " " span.badge.overdue { (ui.t("queue-overdue")) } }
    }
}

/// The report page.
pub async fn show(
    State(state): State<ConsoleState>,
    who: Signed,
    Path(id): Path<String>,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, ConsoleError> {
    let opened = open(&state, &who, &id).await?;
    let meta = &opened.meta;
    let ui = &who.ui;
    let (request, shown) = opened.request(state.store.as_ref()).await?;
    let scope = Scope::of(shown.as_deref());
    let action = if opened.is_full() {
        AuditAction::ReportViewed
    } else {
        AuditAction::ReferralViewed
    };
    audit(&state, &who, action, Some(meta.id), String::new()).await?;
    let workers = state.store.workers().await?;
    let names = worker_names(&workers);
    let name = |id: &Option<String>| {
        id.as_ref()
            .map(|i| names.get(i).cloned().unwrap_or_else(|| i.clone()))
    };
    let rid = meta.id.to_string();
    let files = if opened.is_full() {
        state.store.attachments_of(&meta.id).await?
    } else {
        Vec::new()
    };

    let why = html! {
        section.card.why {
            h2 { (ui.t("report-why-urgency")) }
            @if !scope.shows(ShareField::WhatHappened) { p { (not_shared(ui)) } }
            @else if request.assessment.reasons.is_empty() { p { (ui.t("report-why-none")) } }
            ul { @for reason in &request.assessment.reasons { li { (ui.t(reason.label_key())) } } }
        }
    };
    let timeline = if opened.is_full() {
        Some(report_timeline::timeline(&state, &opened, ui, &name).await?)
    } else {
        None
    };
    let messages = if opened.is_full() {
        Some(messages(&state, &opened, &who, &name).await?)
    } else {
        None
    };
    let forms = if let Access::Full(_) = &opened.access {
        Some(forms(&who, meta, &workers, &request, &state.police))
    } else {
        None
    };
    // Links are the task force's own: a referral never shows them.
    let related = if opened.is_full() {
        Some(links::related(state.store.as_ref(), &who.worker, &meta.id).await?)
    } else {
        None
    };
    let watched = if opened.is_full() {
        state.store.watch_flags(&[meta.id]).await?.pop()
    } else {
        None
    };
    let notice = q.notice.as_deref().filter(|n| NOTICES.contains(n));
    let body = html! {
        @if let Some(n) = notice {
            p class=(if n == "saved" || n == "referred" || n == "message-sent" { "ok" } else { "alert" }) role="status" {
                (ui.t(&format!("notice-{n}")))
            }
        }
        p.meta {
            (badges(ui, &state, meta, &scope))
            " · " (ui.t("report-received")) " " (ui.time(meta.created_at))
            @if scope.shows(ShareField::Place) {
                @if let Some(area) = &meta.area { " · " (ui.region(area.as_str())) }
            }
            @if scope.task_force() {
                @if let Some(a) = name(&meta.assigned_to) { " · " (ui.t("report-assigned-to")) " " strong { (a) } }
            }
        }
        @if let Some(fields) = scope.shared() {
            p.notice { (ui.t("report-referral-only")) " "
                (fields.iter().map(|f| ui.t(f.label_key())).collect::<Vec<_>>().join(", ")) }
            @if !scope.withheld().is_empty() {
                p.notice { (ui.t("report-referral-withheld")) " "
                    (scope.withheld().iter().map(|f| ui.t(f.label_key())).collect::<Vec<_>>().join(", ")) }
            }
        }
        @if let Some((_, kinds)) = &watched {
            p.alert role="status" {
                strong { (ui.t("watchlist-match")) } ": "
                (ui.t_args("watchlist-match-reason", &[("kinds", kinds.iter().map(|k| ui.t(k.label_key())).collect::<Vec<_>>().join(", "))]))
            }
        }
        (report_answers::police(ui, &request))
        div.columns {
            div.main-col {
                (why)
                (report_view::story(ui, &rid, &request, &files, &scope))
                (report_answers::answers(ui, &request, &scope))
                @if let Some(r) = &related { (related::section(ui, r)) }
            }
            div.side-col {
                @if let Some(f) = forms { (f) }
                @if let Some(m) = messages { (m) }
                @if let Some(t) = timeline { (t) }
            }
        }
    };
    let title = ui.t_args("report-title", &[("id", meta.id.short())]);
    Ok(page(ui, &title, Some(&who.nav()), body).into_response())
}

async fn messages(
    state: &ConsoleState,
    opened: &Opened,
    who: &Signed,
    name: &(dyn Fn(&Option<String>) -> Option<String> + Sync),
) -> Result<Markup, ConsoleError> {
    let ui = &who.ui;
    let meta = &opened.meta;
    let stored = state.store.messages_of(&meta.id).await?;
    let contactable = meta.contact_allowed && state.store.report_chat(&meta.id).await?.is_some();
    Ok(html! {
        section.card.messages {
            h2 { (ui.t("report-messages")) }
            @for m in &stored {
                @let text = m.body.open(&state.server_key, &format!("{}/{}", meta.id, m.id)).ok().map(|b| String::from_utf8_lossy(&b).into_owned());
                div class=(format!("msg {}", m.direction.as_str())) {
                    p.by {
                        @match m.direction {
                            Direction::ToReporter => (name(&m.author_id).unwrap_or_default()),
                            Direction::FromReporter => (ui.t("report-from-reporter")),
                        }
                        " · " (ui.time(m.created_at))
                    }
                    p.says { (text.unwrap_or_default()) }
                }
            }
            @if contactable {
                form method="post" action=(format!("/reports/{}/message", meta.id)) {
                    input type="hidden" name="csrf" value=(who.csrf);
                    label { (ui.t("report-message-label"))
                        textarea name="text" rows="3" maxlength="2000" required {} }
                    p.hint { (ui.t("report-message-hint")) }
                    button type="submit" { (ui.t("report-message-send")) }
                }
            } @else {
                p.notice { (ui.t("report-message-disabled")) }
            }
        }
    })
}

/// The outcomes an action redirects back with (`?notice=`).
pub(super) const NOTICES: &[&str] = &[
    "saved",
    "referred",
    "message-sent",
    "status-invalid",
    "status-stale",
    "reason-needed",
    "text-needed",
    "not-contactable",
    "fields-needed",
    "agency-unknown",
    "police-not-allowed",
    "message-limit",
];

#[derive(Deserialize)]
pub struct NoticeQuery {
    notice: Option<String>,
}

#[derive(Deserialize)]
pub struct FileQuery {
    download: Option<String>,
}

/// Streams one attachment from memory. Documents always download; media
/// play inline. Nothing is written to disk, and nothing is cached.
pub async fn file(
    State(state): State<ConsoleState>,
    who: Signed,
    Path((id, file)): Path<(String, String)>,
    Query(q): Query<FileQuery>,
) -> Result<Response, ConsoleError> {
    let opened = open(&state, &who, &id).await?;
    let key = opened.report_key()?;
    let meta = &opened.meta;
    let info = state
        .store
        .attachments_of(&meta.id)
        .await?
        .into_iter()
        .find(|a| a.id == file)
        .ok_or(ConsoleError::NotFound)?;
    let context = format!("{}/{}", meta.id, info.id);
    let sealed = state.store.attachment_content(&info.id).await?;
    let bytes = key
        .open::<AttachmentBody>(&context, &sealed)
        .map_err(ConsoleError::internal)?;
    let described: serde_json::Value = key
        .open::<AttachmentMeta>(&context, &info.meta)
        .ok()
        .and_then(|m| serde_json::from_slice(&m).ok())
        .unwrap_or_default();
    let mime = described["mime"].as_str().unwrap_or("");
    let content_type = safe_type(info.kind, mime);
    let inline = q.download.is_none() && info.kind != AttachmentKind::Document;
    audit(
        &state,
        &who,
        AuditAction::AttachmentDownloaded,
        Some(meta.id),
        format!("file {}", info.id),
    )
    .await?;
    let disposition = if inline {
        "inline".to_owned()
    } else {
        format!(
            "attachment; filename=\"suara-{}-{}\"",
            meta.id.short(),
            &info.id[..8.min(info.id.len())]
        )
    };
    let mut response = bytes.to_vec().into_response();
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    // A file is never a page: no script may run in it.
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; sandbox"),
    );
    Ok(response)
}

/// The type a browser may render inline: only known media types; anything
/// else downloads as bytes.
fn safe_type(kind: AttachmentKind, mime: &str) -> &'static str {
    match (kind, mime) {
        (AttachmentKind::Photo, "image/png") => "image/png",
        (AttachmentKind::Photo, "image/webp") => "image/webp",
        (AttachmentKind::Photo, _) => "image/jpeg",
        (AttachmentKind::Voice, _) => "audio/ogg",
        (AttachmentKind::Audio, "audio/mp4" | "audio/m4a" | "audio/x-m4a") => "audio/mp4",
        (AttachmentKind::Audio, "audio/ogg") => "audio/ogg",
        (AttachmentKind::Audio, _) => "audio/mpeg",
        (AttachmentKind::Video, _) => "video/mp4",
        (AttachmentKind::Document, "application/pdf") => "application/pdf",
        (AttachmentKind::Document, _) => "application/octet-stream",
    }
}
