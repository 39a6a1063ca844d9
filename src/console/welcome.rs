//! The one-time enrolment link: the owner of a new account sets their own
//! password here (the admin who made the account never knows it), then
//! signs in and sets up TOTP as every account does. The link is the only
//! credential, so an unknown, used or expired one gets the same "not
//! found" page as any other address.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use maud::{Markup, html};
use serde::Deserialize;

use super::ConsoleState;
use super::auth::ui;
use super::layout::{Ui, page};
use super::login::{check_form_cookie, set_form_cookie};
use super::web::ConsoleError;
use crate::crypto::random_token;
use crate::service::accounts::{self, AccountError};
use crate::store::Worker;

fn form(ui: &Ui, token: &str, csrf: &str, worker: &Worker, message: Option<&str>) -> Markup {
    html! {
        p { (ui.t_args("welcome-intro", &[("username", worker.username.clone()), ("role", ui.t(worker.role.label_key()))])) }
        @if let Some(message) = message { p.alert role="alert" { (message) } }
        form.card.login method="post" action=(format!("/welcome/{token}")) {
            input type="hidden" name="csrf" value=(csrf);
            input type="hidden" name="username" value=(worker.username) autocomplete="username";
            label { (ui.t("welcome-password"))
                input name="password" type="password" required minlength="12" autocomplete="new-password" autofocus; }
            label { (ui.t("welcome-repeat"))
                input name="repeat" type="password" required minlength="12" autocomplete="new-password"; }
            p.hint { (ui.t("welcome-hint")) }
            button type="submit" { (ui.t("welcome-submit")) }
        }
    }
}

fn respond(
    state: &ConsoleState,
    headers: &HeaderMap,
    status: StatusCode,
    token: &str,
    worker: &Worker,
    message: Option<&str>,
) -> Response {
    let ui = ui(state, headers);
    let csrf = random_token();
    let body = form(&ui, token, &csrf, worker, message);
    let mut response = (status, page(&ui, &ui.t("welcome-title"), None, body)).into_response();
    set_form_cookie(state, headers, &mut response, &csrf);
    response
}

/// The form to set a password, while the link is valid.
pub async fn page_for(
    State(state): State<ConsoleState>,
    headers: HeaderMap,
    Path(token): Path<String>,
) -> Result<Response, ConsoleError> {
    let worker = accounts::pending(state.store.as_ref(), &token, Utc::now())
        .await
        .map_err(|_| ConsoleError::NotFound)?;
    Ok(respond(
        &state,
        &headers,
        StatusCode::OK,
        &token,
        &worker,
        None,
    ))
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    repeat: String,
}

/// Sets the password and uses the link up; then on to the login.
pub async fn set_password(
    State(state): State<ConsoleState>,
    headers: HeaderMap,
    Path(token): Path<String>,
    Form(f): Form<PasswordForm>,
) -> Result<Response, ConsoleError> {
    check_form_cookie(&state, &headers, &f.csrf)?;
    let now = Utc::now();
    let worker = accounts::pending(state.store.as_ref(), &token, now)
        .await
        .map_err(|_| ConsoleError::NotFound)?;
    let ui = ui(&state, &headers);
    let again = |key: &str, status| {
        Ok(respond(
            &state,
            &headers,
            status,
            &token,
            &worker,
            Some(&ui.t(key)),
        ))
    };
    if f.password != f.repeat {
        return again("welcome-mismatch", StatusCode::UNPROCESSABLE_ENTITY);
    }
    match accounts::enrol(
        state.store.as_ref(),
        &state.passwords,
        &token,
        &f.password,
        now,
    )
    .await
    {
        Ok(_) => Ok(Redirect::to("/login?set=1").into_response()),
        Err(AccountError::WeakPassword) => again(
            "notice-user-weak-password",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        Err(AccountError::Busy(_)) => again("login-busy", StatusCode::TOO_MANY_REQUESTS),
        Err(AccountError::InvalidLink) => Err(ConsoleError::NotFound),
        Err(e) => Err(ConsoleError::internal(e)),
    }
}
