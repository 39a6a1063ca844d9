//! Sessions: the [`Signed`] extractor every page uses (and [`Pending`]
//! for a session that must still enrol TOTP), starting and ending a
//! session, the client's address, and logout. The login form is in
//! `login.rs`, TOTP enrolment in `totp.rs`.

use std::net::SocketAddr;

use axum::Form;
use axum::extract::{ConnectInfo, FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use serde::Deserialize;

use super::ConsoleState;
use super::layout::{Nav, Ui};
use super::web::{ConsoleError, check_csrf, cookie, expired_cookie, lang_of, session_cookie};
use crate::crypto::{SessionToken, UnlockedPrivateKey, random_token};
use crate::store::{ConsoleSession, SessionStage, Worker};

/// The session cookie's name before the `__Host-` prefix of TLS.
pub const SESSION_COOKIE: &str = "suara";

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
    pub(super) worker: Worker,
    pub(super) token: SessionToken,
    pub(super) session: ConsoleSession,
}

pub(super) fn ui(state: &ConsoleState, headers: &HeaderMap) -> Ui {
    Ui {
        locales: state.locales.clone(),
        lang: lang_of(headers),
        regions: state.regions.clone(),
        zone: state.zone,
    }
}

/// Loads the session named by the cookie, ending it if idle or expired.
async fn load(
    state: &ConsoleState,
    headers: &HeaderMap,
    stage: SessionStage,
) -> Result<(SessionToken, ConsoleSession, Worker), ConsoleError> {
    let token = cookie(headers, &state.cookie_name(headers, SESSION_COOKIE))
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
/// private key sealed under it. Returns the cookie to set and the token.
pub(super) async fn start_session(
    state: &ConsoleState,
    headers: &HeaderMap,
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
    let secure = state.secure(headers);
    let name = state.cookie_name(headers, SESSION_COOKIE);
    let cookie = session_cookie(&name, &token.to_cookie(), secure);
    Ok((cookie, csrf))
}

pub(super) fn header_value(value: &str) -> HeaderValue {
    HeaderValue::from_str(value).unwrap_or_else(|_| HeaderValue::from_static(""))
}

pub struct Peer(pub Option<SocketAddr>);

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

pub(super) fn client_address(
    state: &ConsoleState,
    headers: &HeaderMap,
    peer: Option<SocketAddr>,
) -> String {
    let forwarded = headers
        .get("x-forwarded-for")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(',').next())
        .map(str::trim)
        .filter(|v| !v.is_empty());
    if let (true, Some(first)) = (state.trust_forwarded_for, forwarded) {
        return first.to_owned();
    }
    peer.map(|p| p.ip().to_string()).unwrap_or_default()
}

/// Checks the login form; on success starts a session (or enrolment).
pub(super) async fn end_old_session(
    state: &ConsoleState,
    headers: &HeaderMap,
) -> Result<(), ConsoleError> {
    let name = state.cookie_name(headers, SESSION_COOKIE);
    if let Some(old) = cookie(headers, &name).and_then(SessionToken::from_cookie) {
        state.store.delete_session(&old.id_hash()).await?;
    }
    Ok(())
}

pub(super) fn redirect_with_cookie(to: &str, cookie: &str) -> Response {
    let mut response = Redirect::to(to).into_response();
    response
        .headers_mut()
        .append(header::SET_COOKIE, header_value(cookie));
    response
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
    Ok(signed_out(&state, &headers, "/login"))
}

/// A redirect that deletes the session cookie and clears the site's data.
pub fn signed_out(state: &ConsoleState, headers: &HeaderMap, to: &str) -> Response {
    let mut response = Redirect::to(to).into_response();
    let h = response.headers_mut();
    h.append(
        header::SET_COOKIE,
        header_value(&expired_cookie(
            &state.cookie_name(headers, SESSION_COOKIE),
            state.secure(headers),
        )),
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
