//! The page frame, the text lookup every page uses, and the error pages.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use fluent_bundle::FluentArgs;
use maud::{DOCTYPE, Markup, html};

use super::ConsoleState;
use super::web::{ErrorKey, lang_of};
use crate::domain::role::Role;
use crate::i18n::{Lang, Locales};

/// Texts in the viewer's language.
#[derive(Clone)]
pub struct Ui {
    pub locales: Arc<Locales>,
    pub lang: Lang,
    /// The configured regions, (code, name), provinces before their regencies.
    pub regions: Arc<Vec<(String, String)>>,
    /// The task force's time zone.
    pub zone: crate::domain::zone::Zone,
}

impl Ui {
    pub fn t(&self, key: &str) -> String {
        self.locales.text(self.lang, key)
    }

    pub fn t_args(&self, key: &str, args: &[(&str, String)]) -> String {
        let mut fa = FluentArgs::new();
        for (name, value) in args {
            fa.set(*name, value.clone());
        }
        self.locales.text_args(self.lang, key, &fa)
    }

    /// A region's name: translated if the locales have it, else the
    /// configured name, else the code.
    pub fn region(&self, code: &str) -> String {
        if code == "abroad" {
            return self.t("location-abroad");
        }
        self.locales
            .try_text(self.lang, &format!("region-{}", code.replace('.', "-")))
            .or_else(|| {
                self.regions
                    .iter()
                    .find(|(c, _)| c == code)
                    .map(|(_, n)| n.clone())
            })
            .unwrap_or_else(|| code.to_owned())
    }

    /// A time in the task force's zone (`console.time_zone`).
    pub fn time(&self, at: chrono::DateTime<chrono::Utc>) -> String {
        self.zone.format(at)
    }
}

/// Who is looking, for the navigation bar.
pub struct Nav<'a> {
    pub username: &'a str,
    pub role: Role,
    pub csrf: &'a str,
}

/// A whole page: the frame, navigation for a signed-in worker, and `body`.
pub fn page(ui: &Ui, title: &str, nav: Option<&Nav<'_>>, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(ui.lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="referrer" content="no-referrer";
                title { (title) " · Suara" }
                link rel="stylesheet" href="/static/console.css";
                script src="/static/console.js" defer {}
            }
            body {
                header.top {
                    a.brand href="/" { "Suara" }
                    @if let Some(nav) = nav {
                        nav {
                            @if nav.role != Role::Admin {
                                a href="/" { (ui.t("nav-queue")) }
                            }
                            @if matches!(nav.role, Role::Admin | Role::Koordinator) {
                                a href="/stats" { (ui.t("nav-stats")) }
                            }
                            @if nav.role == Role::Koordinator {
                                a href="/networks" { (ui.t("nav-networks")) }
                                a href="/watchlist" { (ui.t("nav-watchlist")) }
                            }
                            @if matches!(nav.role, Role::Admin | Role::Koordinator) {
                                a href="/team" { (ui.t("nav-team")) }
                            }
                            @if nav.role == Role::Admin {
                                a href="/admin/users" { (ui.t("nav-users")) }
                                a href="/admin/audit" { (ui.t("nav-audit")) }
                            }
                            a href="/account/password" { (ui.t("nav-password")) }
                        }
                        form.logout method="post" action="/logout" {
                            input type="hidden" name="csrf" value=(nav.csrf);
                            span.who { (nav.username) " · " (ui.t(nav.role.label_key())) }
                            button type="submit" { (ui.t("nav-logout")) }
                        }
                    }
                    span.langs {
                        a href="?lang=id" { "ID" } " " a href="?lang=en" { "EN" }
                    }
                }
                main { h1 { (title) } (body) }
            }
        }
    }
}

/// Which error page a response gets: the one a handler asked for, or, for
/// a rejection axum produced itself (a path that is not UTF-8, a query
/// that does not parse, a form of the wrong type), the page for its
/// status. Our own pages (a login form answered 401, say) are HTML and
/// left alone.
fn error_key(response: &Response) -> Option<&'static str> {
    if let Some(ErrorKey(key)) = response.extensions().get::<ErrorKey>() {
        return Some(key);
    }
    let status = response.status();
    let html = response
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if html || !(status.is_client_error() || status.is_server_error()) {
        return None;
    }
    Some(match status.as_u16() {
        404 | 405 => "error-not-found",
        403 => "error-forbidden",
        409 => "error-conflict",
        400..=499 => "error-bad-request",
        _ => "error-internal",
    })
}

/// Renders the page for an error response (see [`super::web::ConsoleError`]).
pub async fn render_errors(
    State(state): State<ConsoleState>,
    request: Request,
    next: Next,
) -> Response {
    let lang = lang_of(request.headers());
    let response = next.run(request).await;
    let Some(key) = error_key(&response) else {
        return response;
    };
    let ui = Ui {
        locales: state.locales.clone(),
        lang,
        regions: state.regions.clone(),
        zone: state.zone,
    };
    let (mut parts, _) = response.into_parts();
    let body = page(
        &ui,
        &ui.t(&format!("{key}-title")),
        None,
        html! { p { (ui.t(key)) } p { a href="/" { (ui.t("error-back")) } } },
    );
    parts.headers.remove(axum::http::header::CONTENT_LENGTH);
    parts.headers.insert(
        axum::http::header::CONTENT_TYPE,
        axum::http::HeaderValue::from_static("text/html; charset=utf-8"),
    );
    Response::from_parts(parts, Body::from(body.into_string())).into_response()
}
