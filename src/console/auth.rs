//! Sessions and signing in: the [`Signed`] extractor every page uses, the
//! login form (password and TOTP), TOTP enrolment, and logout.

use std::net::SocketAddr;

use axum::Form;
use axum::extract::{ConnectInfo, FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use maud::{Markup, PreEscaped, html};
use serde::Deserialize;

use super::ConsoleState;
use super::layout::{Nav, Ui, page};
use super::web::{ConsoleError, check_csrf, cookie, expired_cookie, lang_of, session_cookie};
use crate::crypto::fields::PendingTotp;
use crate::crypto::{Sealed, SessionToken, TotpKey, UnlockedPrivateKey, random_token};
use crate::domain::role::Role;
use crate::service::login::{self, LoginError, LoginOutcome};
use crate::store::{ConsoleSession, SessionStage, Worker};

const LOGIN_CSRF_COOKIE: &str = "suara_login";

/// A signed-in worker, with their private key unlocked for this request.
pub struct Signed {
    pub worker: Worker,
    pub key: UnlockedPrivateKey,
    pub csrf: String,
    pub ui: Ui,
}

impl Signed {
    pub fn nav(&self) -> Nav<'_> {
        Nav {
            username: &self.worker.username,
            role: self.worker.role,
            csrf: &self.csrf,
        }
    }

    /// Checks a form's token; every state change calls this first.
    pub fn check(&self, sent: &str) -> Result<(), ConsoleError> {
        check_csrf(&self.csrf, Some(sent))
    }
}

/// A session that has passed the password but must still enrol TOTP.
pub struct Pending {
    worker: Worker,
    token: SessionToken,
    session: ConsoleSession,
}

fn ui(state: &ConsoleState, headers: &HeaderMap) -> Ui {
    Ui {
        locales: state.locales.clone(),
        lang: lang_of(headers),
        regions: state.regions.clone(),
    }
}

/// Loads the session named by the cookie, ending it if idle or expired.
async fn load(
    state: &ConsoleState,
    headers: &HeaderMap,
    stage: SessionStage,
) -> Result<(SessionToken, ConsoleSession, Worker), ConsoleError> {
    let token = cookie(headers, state.cookie_name())
        .and_then(SessionToken::from_cookie)
        .ok_or(ConsoleError::SignedOut)?;
    let id = token.id_hash();
    let session = state
        .store
        .session(&id)
        .await?
        .ok_or(ConsoleError::SignedOut)?;
    let now = Utc::now();
    if session.expires_at <= now || session.last_seen + state.idle <= now {
        state.store.delete_session(&id).await?;
        return Err(ConsoleError::SessionEnded);
    }
    if session.stage != stage {
        return Err(ConsoleError::SignedOut);
    }
    let worker = match state.store.worker_by_id(&session.worker_id).await? {
        Some(w) if !w.disabled => w,
        _ => {
            state.store.delete_session(&id).await?;
            return Err(ConsoleError::SignedOut);
        }
    };
    state.store.touch_session(&id, now).await?;
    Ok((token, session, worker))
}

impl FromRequestParts<ConsoleState> for Signed {
    type Rejection = ConsoleError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &ConsoleState,
    ) -> Result<Self, Self::Rejection> {
        let (token, session, worker) = load(state, &parts.headers, SessionStage::Full).await?;
        let sealed = session.key.as_ref().ok_or(ConsoleError::SignedOut)?;
        let key = token
            .open_private(sealed)
            .map_err(|_| ConsoleError::SignedOut)?;
        Ok(Signed {
            worker,
            key,
            csrf: session.csrf,
            ui: ui(state, &parts.headers),
        })
    }
}

impl FromRequestParts<ConsoleState> for Pending {
    type Rejection = ConsoleError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &ConsoleState,
    ) -> Result<Self, Self::Rejection> {
        let (token, session, worker) = load(state, &parts.headers, SessionStage::Enrol).await?;
        Ok(Pending {
            worker,
            token,
            session,
        })
    }
}

/// Starts a session: always a new token (rotated at login), with the
/// private key sealed under it.
async fn start_session(
    state: &ConsoleState,
    worker_id: &str,
    stage: SessionStage,
    key: &UnlockedPrivateKey,
) -> Result<(String, String), ConsoleError> {
    let token = SessionToken::generate();
    let now = Utc::now();
    let csrf = random_token();
    state
        .store
        .insert_session(&ConsoleSession {
            id_hash: token.id_hash(),
            worker_id: worker_id.to_owned(),
            stage,
            key: Some(token.seal_private(key).map_err(ConsoleError::internal)?),
            csrf: csrf.clone(),
            created_at: now,
            last_seen: now,
            expires_at: now + state.session_max,
        })
        .await?;
    let cookie = session_cookie(state.cookie_name(), &token.to_cookie(), state.secure);
    Ok((cookie, csrf))
}

#[derive(Deserialize)]
pub struct LangQuery {
    ended: Option<String>,
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
    let ended = query.ended.is_some().then(|| ui.t("login-session-ended"));
    let body = login_form(&ui, &csrf, ended.as_deref());
    let mut response = page(&ui, &ui.t("login-title"), None, body).into_response();
    let h = response.headers_mut();
    h.append(
        header::SET_COOKIE,
        header_value(&session_cookie(LOGIN_CSRF_COOKIE, &csrf, state.secure)),
    );
    response
}

fn header_value(value: &str) -> HeaderValue {
    HeaderValue::from_str(value).unwrap_or_else(|_| HeaderValue::from_static(""))
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
pub struct Peer(Option<SocketAddr>);

impl<S: Send + Sync> FromRequestParts<S> for Peer {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Peer(
            parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|c| c.0),
        ))
    }
}

fn client_address(state: &ConsoleState, headers: &HeaderMap, peer: Option<SocketAddr>) -> String {
    if state.trust_forwarded_for
        && let Some(first) = headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
    {
        return first.trim().to_owned();
    }
    peer.map(|p| p.ip().to_string()).unwrap_or_default()
}

/// Checks the login form; on success starts a session (or enrolment).
pub async fn login(
    State(state): State<ConsoleState>,
    Peer(peer): Peer,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Result<Response, ConsoleError> {
    check_csrf(
        cookie(&headers, LOGIN_CSRF_COOKIE).unwrap_or(""),
        Some(&form.csrf),
    )?;
    let ui = ui(&state, &headers);
    let address = client_address(&state, &headers, peer);
    let outcome = login::login(
        state.store.as_ref(),
        &state.server_key,
        &state.kdf,
        &state.policy,
        &form.username,
        &form.password,
        &form.code,
        &address,
        Utc::now(),
    )
    .await;
    let (status, key) = match outcome {
        Ok(LoginOutcome::SignedIn { worker, key }) => {
            end_old_session(&state, &headers).await?;
            let (cookie, _) = start_session(&state, &worker.id, SessionStage::Full, &key).await?;
            let home = if worker.role == Role::Admin {
                "/admin/users"
            } else {
                "/"
            };
            return Ok(redirect_with_cookie(home, &cookie));
        }
        Ok(LoginOutcome::MustEnrol { worker, key }) => {
            end_old_session(&state, &headers).await?;
            let (cookie, _) = start_session(&state, &worker.id, SessionStage::Enrol, &key).await?;
            return Ok(redirect_with_cookie("/enrol", &cookie));
        }
        Err(LoginError::Failed) => (StatusCode::UNAUTHORIZED, "login-failed"),
        Err(LoginError::Locked) => (StatusCode::FORBIDDEN, "login-locked"),
        Err(LoginError::RateLimited) => (StatusCode::TOO_MANY_REQUESTS, "login-rate-limited"),
        Err(LoginError::Store(e)) => return Err(e.into()),
        Err(LoginError::Crypto(e)) => return Err(ConsoleError::internal(e)),
    };
    let csrf = random_token();
    let body = login_form(&ui, &csrf, Some(&ui.t(key)));
    let mut response = (status, page(&ui, &ui.t("login-title"), None, body)).into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        header_value(&session_cookie(LOGIN_CSRF_COOKIE, &csrf, state.secure)),
    );
    Ok(response)
}

async fn end_old_session(state: &ConsoleState, headers: &HeaderMap) -> Result<(), ConsoleError> {
    if let Some(old) = cookie(headers, state.cookie_name()).and_then(SessionToken::from_cookie) {
        state.store.delete_session(&old.id_hash()).await?;
    }
    Ok(())
}

fn redirect_with_cookie(to: &str, cookie: &str) -> Response {
    let mut response = Redirect::to(to).into_response();
    response
        .headers_mut()
        .append(header::SET_COOKIE, header_value(cookie));
    response
}

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
    let (cookie, _) = start_session(&state, &p.worker.id, SessionStage::Full, &key).await?;
    let home = if p.worker.role == Role::Admin {
        "/admin/users"
    } else {
        "/"
    };
    Ok(redirect_with_cookie(home, &cookie))
}

#[derive(Deserialize)]
/// A form that carries only its CSRF token.
pub struct CsrfForm {
    #[serde(default)]
    pub csrf: String,
}

/// Ends the session and asks the browser to forget everything of this site.
pub async fn logout(
    State(state): State<ConsoleState>,
    headers: HeaderMap,
    who: Signed,
    Form(form): Form<CsrfForm>,
) -> Result<Response, ConsoleError> {
    who.check(&form.csrf)?;
    end_old_session(&state, &headers).await?;
    super::access::audit(
        &state,
        &who,
        crate::domain::audit::AuditAction::Logout,
        None,
        String::new(),
    )
    .await?;
    Ok(signed_out(&state, "/login"))
}

/// A redirect that deletes the session cookie and clears the site's data.
pub fn signed_out(state: &ConsoleState, to: &str) -> Response {
    let mut response = Redirect::to(to).into_response();
    let h = response.headers_mut();
    h.append(
        header::SET_COOKIE,
        header_value(&expired_cookie(state.cookie_name(), state.secure)),
    );
    h.insert(
        header::HeaderName::from_static("clear-site-data"),
        HeaderValue::from_static("\"cache\", \"cookies\", \"storage\""),
    );
    response
}

/// Unknown paths get the same page as a report one may not see.
pub async fn not_found() -> ConsoleError {
    ConsoleError::NotFound
}
