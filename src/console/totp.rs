//! TOTP enrolment at the first login: a QR code rendered as inline SVG,
//! the secret carried sealed in the form until a code from it is typed.

use axum::Form;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use maud::{Markup, PreEscaped, html};
use serde::Deserialize;

use super::ConsoleState;
use super::auth::{Pending, redirect_with_cookie, start_session, ui};
use super::layout::{Ui, page};
use super::web::{ConsoleError, check_csrf};
use crate::crypto::fields::PendingTotp;
use crate::crypto::{Sealed, TotpKey};
use crate::domain::role::Role;
use crate::service::login;
use crate::store::SessionStage;

fn pending_secret(p: &Pending, state: &ConsoleState, sealed: &str) -> Option<TotpKey> {
    use base64::Engine;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(sealed)
        .ok()?;
    let sealed = Sealed::<PendingTotp>::from_bytes(&bytes).ok()?;
    let context = hex::encode(&p.session.id_hash);
    let raw = state.server_key.open(&context, &sealed).ok()?;
    TotpKey::from_bytes(&raw).ok()
}

fn enrol_body(
    ui: &Ui,
    p: &Pending,
    state: &ConsoleState,
    totp: &TotpKey,
    wrong: bool,
) -> Result<Markup, ConsoleError> {
    use base64::Engine;
    let context = hex::encode(&p.session.id_hash);
    let sealed = state
        .server_key
        .seal::<PendingTotp>(&context, totp.expose())
        .map_err(ConsoleError::internal)?;
    let sealed = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(sealed.as_bytes());
    let svg = totp
        .qr_svg("Suara", &p.worker.username)
        .map_err(ConsoleError::internal)?;
    Ok(html! {
        p { (ui.t("enrol-intro")) }
        @if wrong { p.alert role="alert" { (ui.t("enrol-wrong-code")) } }
        div.qr { (PreEscaped(svg)) }
        p { (ui.t("enrol-manual")) } p { code.secret { (totp.to_base32().as_str()) } }
        form.card method="post" action="/enrol" {
            input type="hidden" name="csrf" value=(p.session.csrf);
            input type="hidden" name="pending" value=(sealed);
            label { (ui.t("login-code"))
                input name="code" inputmode="numeric" autocomplete="one-time-code" required autofocus; }
            button type="submit" { (ui.t("enrol-submit")) }
        }
    })
}

/// Shows a new TOTP secret as a QR code, until a code from it is typed.
pub async fn enrol_page(
    State(state): State<ConsoleState>,
    headers: HeaderMap,
    pending: Result<Pending, ConsoleError>,
) -> Result<Response, ConsoleError> {
    let p = pending?;
    let ui = ui(&state, &headers);
    let totp = TotpKey::generate();
    let body = enrol_body(&ui, &p, &state, &totp, false)?;
    Ok(page(&ui, &ui.t("enrol-title"), None, body).into_response())
}

#[derive(Deserialize)]
pub struct EnrolForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    pending: String,
    #[serde(default)]
    code: String,
}

/// Confirms enrolment and upgrades to a full session (a new token).
pub async fn enrol(
    State(state): State<ConsoleState>,
    headers: HeaderMap,
    pending: Result<Pending, ConsoleError>,
    Form(form): Form<EnrolForm>,
) -> Result<Response, ConsoleError> {
    let p = pending?;
    check_csrf(&p.session.csrf, Some(&form.csrf))?;
    let ui = ui(&state, &headers);
    let totp = pending_secret(&p, &state, &form.pending)
        .ok_or(ConsoleError::BadRequest("enrolment secret"))?;
    let ok = login::enrol_totp(
        state.store.as_ref(),
        &state.server_key,
        &p.worker.id,
        &totp,
        &form.code,
        Utc::now(),
    )
    .await
    .map_err(ConsoleError::internal)?;
    if !ok {
        let body = enrol_body(&ui, &p, &state, &totp, true)?;
        return Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            page(&ui, &ui.t("enrol-title"), None, body),
        )
            .into_response());
    }
    let sealed = p.session.key.as_ref().ok_or(ConsoleError::SignedOut)?;
    let key = p
        .token
        .open_private(sealed)
        .map_err(|_| ConsoleError::SignedOut)?;
    state.store.delete_session(&p.session.id_hash).await?;
    let (cookie, _) =
        start_session(&state, &headers, &p.worker.id, SessionStage::Full, &key).await?;
    let home = if p.worker.role == Role::Admin {
        "/admin/users"
    } else {
        "/"
    };
    Ok(redirect_with_cookie(home, &cookie))
}
