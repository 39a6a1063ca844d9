//! The console's HTTP plumbing: security headers on every response, the
//! error type handlers return, cookies, and the CSRF check.

use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

use crate::crypto::ct_eq;
use crate::i18n::Lang;
use crate::store::StoreError;

/// No inline script or style, no framing, nothing from elsewhere. Media
/// and images come only from this origin (attachments are served by it).
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
     img-src 'self' data:; media-src 'self'; form-action 'self'; frame-ancestors 'none'; \
     base-uri 'none'";

/// Adds the security headers to every response. Pages are never cached:
/// almost every page shows something about a report.
pub async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    let set = |h: &mut HeaderMap, name: header::HeaderName, value: &'static str| {
        h.insert(name, HeaderValue::from_static(value));
    };
    // A handler may set a stricter policy (an attachment is sandboxed).
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        set(h, header::CONTENT_SECURITY_POLICY, CSP);
    }
    set(h, header::X_FRAME_OPTIONS, "DENY");
    set(h, header::REFERRER_POLICY, "no-referrer");
    set(h, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(
        h,
        header::HeaderName::from_static("permissions-policy"),
        "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    );
    set(
        h,
        header::HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    );
    if !h.contains_key(header::CACHE_CONTROL) {
        set(h, header::CACHE_CONTROL, "no-store");
    }
    response
}

/// `?lang=id` or `?lang=en` on any page: remember the choice in a cookie and
/// show the same page without the parameter.
pub async fn lang_switch(
    axum::extract::State(state): axum::extract::State<super::ConsoleState>,
    request: Request,
    next: Next,
) -> Response {
    let query = request.uri().query().unwrap_or("");
    let chosen = url::form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == "lang")
        .map(|(_, v)| v.into_owned());
    let is_get = request.method() == axum::http::Method::GET;
    let Some(lang) = chosen.filter(|l| is_get && (l == "id" || l == "en")) else {
        return next.run(request).await;
    };
    let rest: String = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(url::form_urlencoded::parse(query.as_bytes()).filter(|(k, _)| k != "lang"))
        .finish();
    let path = local_path(request.uri().path()).unwrap_or("/");
    let target = if rest.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{rest}")
    };
    let secure = state.secure(request.headers());
    let mut response = Redirect::to(&target).into_response();
    let name = cookie_name("lang", secure);
    let cookie = format!(
        "{name}={lang}; Path=/; SameSite=Strict; Max-Age=31536000{}",
        if secure { "; Secure" } else { "" }
    );
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
    response
}

/// `path` if it is a path of this site that a redirect may safely name:
/// one leading `/`, then only unreserved characters, `/` and
/// percent-escapes. Anything a browser could read as another origin
/// (`//evil`, `/\evil`, a scheme, control characters) is refused.
pub fn local_path(path: &str) -> Option<&str> {
    let rest = path.strip_prefix('/')?;
    let safe =
        |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~' | '/' | '%');
    (!rest.starts_with('/') && rest.chars().all(safe)).then_some(path)
}

/// A cookie's name: over TLS every cookie gets the `__Host-` prefix, which
/// the browser accepts only with `Secure`, `Path=/` and no `Domain`.
pub fn cookie_name(base: &str, secure: bool) -> String {
    if secure {
        format!("__Host-{base}")
    } else {
        base.to_owned()
    }
}

/// What a handler can fail with. The response names no internals: the
/// detail goes to the log (without personal data), the person gets a
/// short, kind page.
#[derive(Debug, thiserror::Error)]
pub enum ConsoleError {
    /// Not signed in (or the session ended): go to the login page.
    #[error("not signed in")]
    SignedOut,
    /// The session was idle too long or is past its end: sign out fully.
    #[error("session ended")]
    SessionEnded,
    /// Missing, or not this person's to see. The same answer either way,
    /// so nobody learns that a report they may not see exists.
    #[error("not found")]
    NotFound,
    /// A form without a valid CSRF token.
    #[error("forbidden")]
    Forbidden,
    /// The form asked for something the rules do not allow.
    #[error("bad request: {0}")]
    BadRequest(&'static str),
    #[error("store: {0}")]
    Store(#[from] StoreError),
    #[error("internal: {0}")]
    Internal(String),
}

impl ConsoleError {
    pub fn internal(err: impl std::fmt::Display) -> Self {
        ConsoleError::Internal(err.to_string())
    }
}

impl IntoResponse for ConsoleError {
    fn into_response(self) -> Response {
        let (status, key) = match &self {
            ConsoleError::SignedOut => return Redirect::to("/login").into_response(),
            ConsoleError::SessionEnded => {
                let mut response = Redirect::to("/login?ended=1").into_response();
                let h = response.headers_mut();
                for name in ["suara", "__Host-suara"] {
                    if let Ok(v) =
                        HeaderValue::from_str(&expired_cookie(name, name.starts_with("__Host-")))
                    {
                        h.append(header::SET_COOKIE, v);
                    }
                }
                h.insert(
                    header::HeaderName::from_static("clear-site-data"),
                    HeaderValue::from_static("\"cache\", \"cookies\", \"storage\""),
                );
                return response;
            }
            ConsoleError::NotFound | ConsoleError::Store(StoreError::NotFound) => {
                (StatusCode::NOT_FOUND, "error-not-found")
            }
            ConsoleError::Forbidden => (StatusCode::FORBIDDEN, "error-forbidden"),
            ConsoleError::BadRequest(_) => (StatusCode::BAD_REQUEST, "error-bad-request"),
            ConsoleError::Store(StoreError::Conflict { .. } | StoreError::Stale) => {
                (StatusCode::CONFLICT, "error-conflict")
            }
            ConsoleError::Store(_) | ConsoleError::Internal(_) => {
                tracing::error!(error = %self, "console request failed");
                (StatusCode::INTERNAL_SERVER_ERROR, "error-internal")
            }
        };
        // The page is rendered by `layout::error_page` via an extension, so
        // that this type needs no access to the locales.
        let mut response = status.into_response();
        response.extensions_mut().insert(ErrorKey(key));
        response
    }
}

/// Which error text to render; see [`super::layout::render_errors`].
#[derive(Debug, Clone, Copy)]
pub struct ErrorKey(pub &'static str);

/// The value of cookie `name`, if sent.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// Cookie attributes for the session: never readable by script, never sent
/// cross-site, `Secure` behind TLS.
pub fn session_cookie(name: &str, value: &str, secure: bool) -> String {
    format!(
        "{name}={value}; Path=/; HttpOnly; SameSite=Strict{}",
        if secure { "; Secure" } else { "" }
    )
}

/// A cookie that deletes `name`.
pub fn expired_cookie(name: &str, secure: bool) -> String {
    format!(
        "{name}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{}",
        if secure { "; Secure" } else { "" }
    )
}

/// Checks a form's CSRF token against the session's.
pub fn check_csrf(expected: &str, sent: Option<&str>) -> Result<(), ConsoleError> {
    match sent {
        Some(sent) if !sent.is_empty() && ct_eq(expected.as_bytes(), sent.as_bytes()) => Ok(()),
        _ => Err(ConsoleError::Forbidden),
    }
}

/// The console's language: `?lang=` is remembered in a cookie; otherwise
/// Indonesian, the default, unless the browser asks for English first.
pub fn lang_of(headers: &HeaderMap) -> Lang {
    if let Some(code) = cookie(headers, "__Host-lang").or_else(|| cookie(headers, "lang")) {
        return if code == "en" { Lang::En } else { Lang::Id };
    }
    let accept = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let first = accept.split(',').next().unwrap_or("").trim();
    if first.to_ascii_lowercase().starts_with("en") {
        Lang::En
    } else {
        Lang::Id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_found_by_exact_name() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; suara=xyz; b=2"),
        );
        assert_eq!(cookie(&h, "suara"), Some("xyz"));
        assert_eq!(cookie(&h, "suar"), None);
    }

    #[test]
    fn csrf_needs_the_same_nonempty_token() {
        assert!(check_csrf("abc", Some("abc")).is_ok());
        assert!(check_csrf("abc", Some("abd")).is_err());
        assert!(check_csrf("abc", None).is_err());
        assert!(check_csrf("", Some("")).is_err());
    }

    #[test]
    fn a_redirect_names_only_a_path_of_this_site() {
        for ok in [
            "/",
            "/login",
            "/reports/0190f5d6-1111-7000-8000-000000000001",
            "/a%20b",
        ] {
            assert_eq!(local_path(ok), Some(ok), "{ok}");
        }
        for bad in [
            "//evil.example/",
            "/\\evil.example/",
            "/\\/evil",
            "https://evil.example",
            "evil",
            "",
            "/a\nb",
            "/a b",
            "/@evil",
        ] {
            assert_eq!(local_path(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn every_cookie_has_the_host_prefix_over_tls() {
        assert_eq!(cookie_name("suara", true), "__Host-suara");
        assert_eq!(cookie_name("suara_login", false), "suara_login");
    }

    #[test]
    fn english_only_when_asked_first() {
        let mut h = HeaderMap::new();
        h.insert(
            header::ACCEPT_LANGUAGE,
            HeaderValue::from_static("en-US,id;q=0.5"),
        );
        assert_eq!(lang_of(&h), Lang::En);
        h.insert(header::COOKIE, HeaderValue::from_static("lang=id"));
        assert_eq!(lang_of(&h), Lang::Id);
    }
}
