//! The login form: password and TOTP code, checked by
//! `service::login`; the form is paired with a cookie (double-submit CSRF).

use axum::Form;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use maud::{Markup, html};
use serde::Deserialize;

use super::ConsoleState;
use super::auth::{
    Peer, client_address, end_old_session, header_value, redirect_with_cookie, start_session, ui,
};
use super::layout::{Ui, page};
use super::web::{ConsoleError, check_csrf, cookie, session_cookie};
use crate::crypto::random_token;
use crate::domain::role::Role;
use crate::service::login::{self, LoginError, LoginOutcome};
use crate::store::SessionStage;

/// The login form's CSRF cookie, before the `__Host-` prefix of TLS.
pub const LOGIN_CSRF_COOKIE: &str = "suara_login";

#[derive(Deserialize)]
pub struct LangQuery {
    ended: Option<String>,
    /// Back from setting the password through an enrolment link.
    set: Option<String>,
}

fn login_form(ui: &Ui, csrf: &str, message: Option<&str>) -> Markup {
    html! {
        @if let Some(message) = message { p.alert role="alert" { (message) } }
        form.card.login method="post" action="/login" {
            input type="hidden" name="csrf" value=(csrf);
            label { (ui.t("login-username"))
                input name="username" autocomplete="username" required autofocus; }
            label { (ui.t("login-password"))
                input name="password" type="password" autocomplete="current-password" required; }
            label { (ui.t("login-code"))
                input name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]*" maxlength="8"; }
            p.hint { (ui.t("login-code-hint")) }
            button type="submit" { (ui.t("login-submit")) }
        }
    }
}

/// The login page. A fresh token pairs the form with a cookie, so that
/// another site cannot post a login (double-submit CSRF).
pub async fn login_page(
    State(state): State<ConsoleState>,
    headers: HeaderMap,
    axum::extract::Query(query): axum::extract::Query<LangQuery>,
) -> Response {
    let ui = ui(&state, &headers);
    let csrf = random_token();
    let message = match (query.ended.is_some(), query.set.is_some()) {
        (true, _) => Some(ui.t("login-session-ended")),
        (_, true) => Some(ui.t("welcome-done")),
        _ => None,
    };
    let body = login_form(&ui, &csrf, message.as_deref());
    let mut response = page(&ui, &ui.t("login-title"), None, body).into_response();
    set_form_cookie(&state, &headers, &mut response, &csrf);
    response
}

/// Pairs a login (or enrolment-link) form with its CSRF cookie.
pub(super) fn set_form_cookie(
    state: &ConsoleState,
    headers: &HeaderMap,
    response: &mut Response,
    csrf: &str,
) {
    let name = state.cookie_name(headers, LOGIN_CSRF_COOKIE);
    response.headers_mut().append(
        header::SET_COOKIE,
        header_value(&session_cookie(&name, csrf, state.secure(headers))),
    );
}

/// Checks a login (or enrolment-link) form against its CSRF cookie.
pub(super) fn check_form_cookie(
    state: &ConsoleState,
    headers: &HeaderMap,
    sent: &str,
) -> Result<(), ConsoleError> {
    let name = state.cookie_name(headers, LOGIN_CSRF_COOKIE);
    check_csrf(cookie(headers, &name).unwrap_or(""), Some(sent))
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    code: String,
}

/// The TCP peer, when the server was started with connect info.
pub async fn login(
    State(state): State<ConsoleState>,
    Peer(peer): Peer,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Result<Response, ConsoleError> {
    check_form_cookie(&state, &headers, &form.csrf)?;
    let ui = ui(&state, &headers);
    let address = client_address(&state, &headers, peer);
    let outcome = login::sign_in(
        state.store.as_ref(),
        &state.server_key,
        &state.passwords,
        &state.policy,
        (&form.username, &form.password, &form.code),
        &address,
        Utc::now(),
    )
    .await;
    // The result only: never a username or an address in a label.
    let result = match &outcome {
        Ok(LoginOutcome::SignedIn { .. }) => "ok",
        Ok(LoginOutcome::MustEnrol { .. }) => "enrol",
        Err(LoginError::Failed) => "failed",
        Err(LoginError::Locked) => "locked",
        Err(LoginError::RateLimited) => "rate_limited",
        Err(LoginError::Busy(_)) => "busy",
        Err(LoginError::Store(_) | LoginError::Crypto(_)) => "error",
    };
    metrics::counter!("suara_console_logins_total", "result" => result).increment(1);
    let (status, key) = match outcome {
        Ok(LoginOutcome::SignedIn { worker, key }) => {
            end_old_session(&state, &headers).await?;
            let (cookie, _) =
                start_session(&state, &headers, &worker.id, SessionStage::Full, &key).await?;
            let home = if worker.role == Role::Admin {
                "/admin/users"
            } else {
                "/"
            };
            return Ok(redirect_with_cookie(home, &cookie));
        }
        Ok(LoginOutcome::MustEnrol { worker, key }) => {
            end_old_session(&state, &headers).await?;
            let (cookie, _) =
                start_session(&state, &headers, &worker.id, SessionStage::Enrol, &key).await?;
            return Ok(redirect_with_cookie("/enrol", &cookie));
        }
        Err(LoginError::Failed) => (StatusCode::UNAUTHORIZED, "login-failed"),
        Err(LoginError::Locked) => (StatusCode::FORBIDDEN, "login-locked"),
        Err(LoginError::RateLimited) => (StatusCode::TOO_MANY_REQUESTS, "login-rate-limited"),
        Err(LoginError::Busy(_)) => (StatusCode::TOO_MANY_REQUESTS, "login-busy"),
        Err(LoginError::Store(e)) => return Err(e.into()),
        Err(LoginError::Crypto(e)) => return Err(ConsoleError::internal(e)),
    };
    let csrf = random_token();
    let body = login_form(&ui, &csrf, Some(&ui.t(key)));
    let mut response = (status, page(&ui, &ui.t("login-title"), None, body)).into_response();
    if status == StatusCode::TOO_MANY_REQUESTS {
        // The queue is short-lived; a client that honours this comes back
        // after the flood instead of joining it.
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, header_value("10"));
    }
    set_form_cookie(&state, &headers, &mut response, &csrf);
    Ok(response)
}
