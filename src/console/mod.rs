//! The triage console: the case workers' web interface, served by axum and
//! rendered on the server with maud (which escapes every interpolation).
//!
//! Handlers are thin: they check the session and CSRF token, call the
//! services, and render. Who may see what is decided in [`access`], from
//! the keys a worker holds: a report whose key was never sealed to them is
//! "not found".

pub mod access;
mod account;
pub mod admin;
mod assets;
mod audit_log;
pub mod auth;
pub mod charts;
pub mod export;
mod graph;
pub mod layout;
mod login;
mod networks;
pub mod queue;
mod related;
pub mod report;
mod report_actions;
mod report_answers;
mod report_timeline;
mod report_view;
mod scope;
pub mod stats;
mod team;
mod totp;
mod watchlist;
pub mod web;
mod welcome;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::middleware;
use axum::routing::{get, post};

use crate::config::Settings;
use crate::crypto::{PasswordKdf, ServerKey};
use crate::domain::account::ApprovalMode;
use crate::domain::casework::{PoliceAgencies, Sla};
use crate::i18n::Locales;
use crate::service::accounts::AlertGroup;
use crate::service::casework::MessageLimit;
use crate::service::login::LoginPolicy;
use crate::service::passwords::Passwords;
use crate::store::Store;

/// What every handler shares.
#[derive(Clone)]
pub struct ConsoleState {
    pub store: Arc<dyn Store>,
    pub server_key: Arc<ServerKey>,
    pub locales: Arc<Locales>,
    /// Every password derivation goes through here, bounded.
    pub passwords: Arc<Passwords>,
    pub policy: LoginPolicy,
    pub sla: Sla,
    /// The configured public URL is https: every cookie is `Secure` and
    /// `__Host-`. (Behind a trusted proxy, `X-Forwarded-Proto` says so
    /// per request; see [`ConsoleState::secure`].)
    pub https: bool,
    pub public_url: Option<String>,
    pub idle: chrono::Duration,
    pub session_max: chrono::Duration,
    pub trust_forwarded_for: bool,
    pub approval: ApprovalMode,
    pub police: Arc<PoliceAgencies>,
    pub messages: MessageLimit,
    /// The task force's Telegram group, for content-free announcements.
    pub alert_chat: Option<i64>,
    pub enrolment_valid: chrono::Duration,
    pub debug_timing: bool,
    /// The configured regions, (code, name), for names and filters.
    pub regions: Arc<Vec<(String, String)>>,
    /// The zone times are shown in.
    pub zone: crate::domain::zone::Zone,
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
            passwords: Arc::new(Passwords::new(
                kdf,
                c.password_hashing_memory_mib,
                c.password_hashing_queue,
            )),
            policy: LoginPolicy {
                lock_after: i64::from(c.lockout_after.max(1)),
                lock_for: std::time::Duration::from_secs(u64::from(c.lockout_minutes) * 60),
                per_ip: i64::from(c.login_attempts_per_ip.max(1)),
            },
            sla: Sla {
                urgent: chrono::Duration::minutes(i64::from(c.sla_urgent_minutes)),
                other: chrono::Duration::hours(i64::from(c.sla_normal_hours)),
            },
            https: c
                .public_url
                .as_deref()
                .is_some_and(|u| u.starts_with("https://")),
            public_url: c
                .public_url
                .as_deref()
                .map(|u| u.trim_end_matches('/').to_owned()),
            approval: c.approval,
            police: Arc::new(PoliceAgencies::new(&c.police_agencies)),
            messages: MessageLimit {
                per_day: c.messages_per_day,
            },
            alert_chat: c.alert_chat_id,
            enrolment_valid: chrono::Duration::hours(i64::from(c.enrolment_hours.max(1))),
            debug_timing: c.debug_timing,
            idle: chrono::Duration::minutes(i64::from(c.idle_minutes.max(1))),
            session_max: chrono::Duration::hours(i64::from(c.session_hours.max(1))),
            trust_forwarded_for: c.trust_forwarded_for,
            catalog: Arc::new(settings.regions.clone()),
            // Checked when the settings were loaded.
            zone: crate::domain::zone::Zone::parse(&c.time_zone).unwrap_or_default(),
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

    /// Whether this request came over TLS: the configured public URL is
    /// https, or a proxy we were told to trust says so.
    pub fn secure(&self, headers: &axum::http::HeaderMap) -> bool {
        self.https
            || (self.trust_forwarded_for
                && headers
                    .get("x-forwarded-proto")
                    .and_then(|v| v.to_str().ok())
                    .is_some_and(|p| p.trim().eq_ignore_ascii_case("https")))
    }

    /// A cookie's name for this request: over TLS, `__Host-` binds it to
    /// this origin (Secure, Path=/, no Domain).
    pub fn cookie_name(&self, headers: &axum::http::HeaderMap, base: &str) -> String {
        web::cookie_name(base, self.secure(headers))
    }

    /// Where account changes are announced, if a group is configured.
    pub fn alert_group(&self) -> Option<AlertGroup<'_>> {
        self.alert_chat.map(|chat| AlertGroup {
            server_key: &self.server_key,
            locales: &self.locales,
            chat,
        })
    }
}

/// Every route of the console.
pub fn router(state: ConsoleState) -> Router {
    Router::new()
        .route("/", get(queue::show))
        .route("/login", get(login::login_page).post(login::login))
        .route("/enrol", get(totp::enrol_page).post(totp::enrol))
        .route("/logout", post(auth::logout))
        .route(
            "/welcome/{token}",
            get(welcome::page_for).post(welcome::set_password),
        )
        .route(
            "/account/password",
            get(account::page_for).post(account::change),
        )
        .route("/team", get(team::show))
        .route("/team/{id}/approve", post(team::approve))
        .route("/reports/{id}", get(report::show))
        .route("/reports/{id}/files/{file}", get(report::file))
        .route("/reports/{id}/status", post(report_actions::status))
        .route("/reports/{id}/assign", post(report_actions::assign))
        .route("/reports/{id}/note", post(report_actions::note))
        .route("/reports/{id}/message", post(report_actions::message))
        .route("/reports/{id}/refer", post(report_actions::refer))
        .route("/networks", get(networks::show))
        .route("/networks/{id}", get(networks::cluster))
        .route("/watchlist", get(watchlist::show).post(watchlist::add))
        .route("/stats", get(stats::show))
        .route("/stats.csv", post(stats::csv))
        .route("/admin/users", get(admin::users).post(admin::create_user))
        .route("/admin/users/{id}/disable", post(admin::disable_user))
        .route("/admin/users/{id}/enable", post(admin::enable_user))
        .route("/admin/users/{id}/regions", post(admin::set_regions))
        .route("/admin/audit", get(audit_log::show))
        .route("/static/console.css", get(assets::css))
        .route("/static/console.js", get(assets::js))
        .fallback(auth::not_found)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            web::lang_switch,
        ))
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
#[path = "texts_tests.rs"]
mod tests;
