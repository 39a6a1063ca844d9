//! The triage console: the case workers' web interface, served by axum and
//! rendered on the server with maud (which escapes every interpolation).
//!
//! Handlers are thin: they check the session and CSRF token, call the
//! services, and render. Who may see what is decided in [`access`], from
//! the keys a worker holds: a report whose key was never sealed to them is
//! "not found".

pub mod access;
pub mod admin;
mod assets;
pub mod auth;
pub mod charts;
pub mod export;
pub mod layout;
pub mod queue;
pub mod report;
mod report_actions;
mod report_view;
pub mod stats;
pub mod web;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::middleware;
use axum::routing::{get, post};

use crate::config::Settings;
use crate::crypto::{PasswordKdf, ServerKey};
use crate::domain::casework::Sla;
use crate::i18n::Locales;
use crate::service::login::LoginPolicy;
use crate::store::Store;

/// What every handler shares.
#[derive(Clone)]
pub struct ConsoleState {
    pub store: Arc<dyn Store>,
    pub server_key: Arc<ServerKey>,
    pub locales: Arc<Locales>,
    pub kdf: Arc<PasswordKdf>,
    pub policy: LoginPolicy,
    pub sla: Sla,
    /// Session cookies are `Secure` (and `__Host-`) behind TLS.
    pub secure: bool,
    pub idle: chrono::Duration,
    pub session_max: chrono::Duration,
    pub trust_forwarded_for: bool,
    /// The configured regions, (code, name), for names and filters.
    pub regions: Arc<Vec<(String, String)>>,
    /// The region catalog itself, for checking new accounts.
    pub catalog: Arc<crate::domain::RegionCatalog>,
}

impl ConsoleState {
    pub fn new(
        settings: &Settings,
        store: Arc<dyn Store>,
        server_key: Arc<ServerKey>,
        locales: Arc<Locales>,
        kdf: PasswordKdf,
    ) -> Self {
        let c = &settings.console;
        Self {
            store,
            server_key,
            locales,
            kdf: Arc::new(kdf),
            policy: LoginPolicy {
                lock_after: i64::from(c.lockout_after.max(1)),
                lock_for: std::time::Duration::from_secs(u64::from(c.lockout_minutes) * 60),
                per_ip: i64::from(c.login_attempts_per_ip.max(1)),
            },
            sla: Sla {
                urgent: chrono::Duration::minutes(i64::from(c.sla_urgent_minutes)),
                other: chrono::Duration::hours(i64::from(c.sla_normal_hours)),
            },
            secure: c
                .public_url
                .as_deref()
                .is_some_and(|u| u.starts_with("https://")),
            idle: chrono::Duration::minutes(i64::from(c.idle_minutes.max(1))),
            session_max: chrono::Duration::hours(i64::from(c.session_hours.max(1))),
            trust_forwarded_for: c.trust_forwarded_for,
            catalog: Arc::new(settings.regions.clone()),
            regions: Arc::new(
                settings
                    .regions
                    .provinces
                    .iter()
                    .flat_map(|p| {
                        std::iter::once((p.code.as_str().to_owned(), p.name.clone())).chain(
                            p.regencies
                                .iter()
                                .map(|r| (r.code.as_str().to_owned(), r.name.clone())),
                        )
                    })
                    .collect(),
            ),
        }
    }

    /// The session cookie's name: `__Host-` binds it to this origin over TLS.
    pub fn cookie_name(&self) -> &'static str {
        if self.secure { "__Host-suara" } else { "suara" }
    }
}

/// Every route of the console.
pub fn router(state: ConsoleState) -> Router {
    Router::new()
        .route("/", get(queue::show))
        .route("/login", get(auth::login_page).post(auth::login))
        .route("/enrol", get(auth::enrol_page).post(auth::enrol))
        .route("/logout", post(auth::logout))
        .route("/reports/{id}", get(report::show))
        .route("/reports/{id}/files/{file}", get(report::file))
        .route("/reports/{id}/status", post(report_actions::status))
        .route("/reports/{id}/assign", post(report_actions::assign))
        .route("/reports/{id}/note", post(report_actions::note))
        .route("/reports/{id}/message", post(report_actions::message))
        .route("/reports/{id}/refer", post(report_actions::refer))
        .route("/stats", get(stats::show))
        .route("/stats.csv", post(stats::csv))
        .route("/admin/users", get(admin::users).post(admin::create_user))
        .route("/admin/users/{id}/disable", post(admin::disable_user))
        .route("/admin/audit", get(admin::audit))
        .route("/static/console.css", get(assets::css))
        .route("/static/console.js", get(assets::js))
        .fallback(auth::not_found)
        .layer(middleware::from_fn(web::lang_switch))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            layout::render_errors,
        ))
        .layer(middleware::from_fn(web::security_headers))
        .with_state(state)
}

/// Serves the console until `shutdown` resolves.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: ConsoleState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(
        listener,
        router(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}

#[cfg(test)]
mod tests {
    use crate::i18n::{Lang, Locales};

    /// Every literal text key the console's code asks for, found in its
    /// sources, exists in both languages.
    #[test]
    fn every_console_text_exists_in_both_languages() {
        let sources = [
            include_str!("access.rs"),
            include_str!("admin.rs"),
            include_str!("auth.rs"),
            include_str!("layout.rs"),
            include_str!("queue.rs"),
            include_str!("report.rs"),
            include_str!("report_actions.rs"),
            include_str!("report_view.rs"),
            include_str!("stats.rs"),
            include_str!("web.rs"),
            include_str!("../service/alerts.rs"),
        ];
        let locales = Locales::load().expect("locales load");
        // Every string literal that looks like a console text key.
        const PREFIXES: &[&str] = &[
            "nav-",
            "login-",
            "enrol-",
            "queue-",
            "report-",
            "timeline-",
            "notice-",
            "stats-",
            "users-",
            "audit-",
            "error-",
            "age-",
            "answer-",
            "alert-",
            "location-",
        ];
        let mut keys = Vec::new();
        for source in sources {
            for literal in source.split('"').skip(1).step_by(2) {
                let looks_like_key = literal
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
                    && PREFIXES.iter().any(|p| literal.starts_with(p))
                    && !literal.ends_with('-');
                if looks_like_key {
                    keys.push(literal.to_owned());
                }
            }
        }
        for notice in super::report::NOTICES.iter().chain(super::admin::NOTICES) {
            keys.push(format!("notice-{notice}"));
        }
        for error in [
            "error-not-found",
            "error-forbidden",
            "error-bad-request",
            "error-conflict",
            "error-internal",
        ] {
            keys.push(error.to_owned());
            keys.push(format!("{error}-title"));
        }
        assert!(keys.len() > 100, "the scan found the keys ({})", keys.len());
        for lang in Lang::ALL {
            let missing: Vec<&String> = keys.iter().filter(|k| !locales.has(*lang, k)).collect();
            assert!(missing.is_empty(), "{lang:?} lacks {missing:?}");
        }
    }
}
