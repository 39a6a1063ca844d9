//! A worker's own account: changing the password. The key pair stays the
//! same (re-wrapped under the new password), so every report key sealed to
//! the account keeps working; the old password is checked first.

use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;

use super::ConsoleState;
use super::auth::Signed;
use super::layout::page;
use super::web::ConsoleError;
use crate::service::accounts::{self, AccountError};

#[derive(Deserialize)]
pub struct DoneQuery {
    done: Option<String>,
}

fn body(who: &Signed, message: Option<(&str, bool)>) -> Markup {
    let ui = &who.ui;
    html! {
        @if let Some((key, ok)) = message {
            p class=(if ok { "ok" } else { "alert" }) role="status" { (ui.t(key)) }
        }
        form.card method="post" action="/account/password" {
            input type="hidden" name="csrf" value=(who.csrf);
            input type="hidden" name="username" value=(who.worker.username) autocomplete="username";
            label { (ui.t("password-old"))
                input name="old" type="password" required autocomplete="current-password"; }
            label { (ui.t("welcome-password"))
                input name="new" type="password" required minlength="12" autocomplete="new-password"; }
            label { (ui.t("welcome-repeat"))
                input name="repeat" type="password" required minlength="12" autocomplete="new-password"; }
            p.hint { (ui.t("password-hint")) }
            button type="submit" { (ui.t("password-submit")) }
        }
    }
}

pub async fn page_for(who: Signed, Query(q): Query<DoneQuery>) -> Response {
    let message = q.done.is_some().then_some(("password-changed", true));
    let ui = &who.ui;
    page(
        ui,
        &ui.t("password-title"),
        Some(&who.nav()),
        body(&who, message),
    )
    .into_response()
}

#[derive(Deserialize)]
pub struct ChangeForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    old: String,
    #[serde(default)]
    new: String,
    #[serde(default)]
    repeat: String,
}

pub async fn change(
    State(state): State<ConsoleState>,
    who: Signed,
    Form(f): Form<ChangeForm>,
) -> Result<Response, ConsoleError> {
    who.check(&f.csrf)?;
    let refused = |key: &str, status: StatusCode| {
        let ui = &who.ui;
        Ok((
            status,
            page(
                ui,
                &ui.t("password-title"),
                Some(&who.nav()),
                body(&who, Some((key, false))),
            ),
        )
            .into_response())
    };
    if f.new != f.repeat {
        return refused("welcome-mismatch", StatusCode::UNPROCESSABLE_ENTITY);
    }
    let result = accounts::change_own_password(
        state.store.as_ref(),
        &state.passwords,
        &who.worker,
        &f.old,
        &f.new,
    )
    .await;
    match result {
        Ok(()) => Ok(Redirect::to("/account/password?done=1").into_response()),
        Err(AccountError::WeakPassword) => refused(
            "notice-user-weak-password",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        Err(AccountError::WrongPassword) => {
            refused("password-wrong", StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(AccountError::RateLimited | AccountError::Busy(_)) => {
            refused("login-busy", StatusCode::TOO_MANY_REQUESTS)
        }
        Err(e) => Err(ConsoleError::internal(e)),
    }
}
