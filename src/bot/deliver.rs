//! Setup calls through teloxide's client (getMe, the command menu, the
//! webhook), with Telegram's flood control honoured, and errors described
//! without the URL that carries the token. Messages go through the outbox
//! and `sender`, not through here.

use std::future::IntoFuture;

use teloxide::RequestError;

/// How many times one call is tried before the error is returned.
const ATTEMPTS: u32 = 5;

/// Runs `call` until it succeeds, fails with something other than a 429,
/// or has been tried [`ATTEMPTS`] times.
pub async fn with_retry<F, R, T>(call: F) -> Result<T, RequestError>
where
    F: Fn() -> R,
    R: IntoFuture<Output = Result<T, RequestError>>,
{
    let mut attempt = 1;
    loop {
        match call().into_future().await {
            Err(RequestError::RetryAfter(after)) if attempt < ATTEMPTS => {
                tracing::warn!(
                    retry_after = after.seconds(),
                    attempt,
                    "flood control; waiting"
                );
                tokio::time::sleep(after.duration()).await;
                attempt += 1;
            }
            other => return other,
        }
    }
}

/// A Bot API error as it may be logged: never the request URL, which
/// carries the bot token.
pub fn redacted(err: &RequestError) -> String {
    match err {
        RequestError::Network(e) => network(e),
        RequestError::InvalidJson { .. } => "the Bot API answered with invalid JSON".to_owned(),
        RequestError::Io(e) => format!("i/o error: {}", e.kind()),
        other => other.to_string(),
    }
}

/// A reqwest error described without its URL: what kind, and the cause.
pub fn network(e: &reqwest::Error) -> String {
    let kind = if e.is_timeout() {
        "timed out"
    } else if e.is_connect() {
        "cannot connect"
    } else {
        "request failed"
    };
    match std::error::Error::source(e) {
        Some(cause) => format!("network error: {kind}: {cause}"),
        None => format!("network error: {kind}"),
    }
}
