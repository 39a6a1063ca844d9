//! A small Bot API client for the calls on the hot path (getUpdates,
//! sendMessage, editMessageText, deleteMessages, answerCallbackQuery), built
//! on teloxide's own payload and result types, so what is sent is exactly
//! what teloxide would send.
//!
//! Why not teloxide's client for these: it sleeps ten seconds after every
//! 5xx before it even reports it, and it cannot tell a call refused by
//! Telegram from one whose answer was lost. The sender must decide itself
//! when to try again and whether a call may have happened, so it gets the
//! HTTP status and the kind of network failure here. The bot token is in
//! every URL, so no error ever carries one.

use std::time::Duration;

use serde::Serialize;
use serde::de::DeserializeOwned;
use teloxide::requests::Payload;

/// How a call failed, as far as deciding what to do next needs.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CallError {
    /// Flood control: try again after this long.
    #[error("flood control, retry after {0:?}")]
    RetryAfter(Duration),
    /// Telegram refused the call (4xx): trying again will not help.
    #[error("refused ({code}): {description}")]
    Refused { code: u16, description: String },
    /// Telegram failed (5xx): the call most likely did not happen.
    #[error("server error {0}")]
    Server(u16),
    /// No connection was made: the call did not happen.
    #[error("cannot connect")]
    Connect,
    /// The answer was lost or late: the call may have happened.
    #[error("no answer ({0})")]
    Lost(&'static str),
}

impl CallError {
    /// Whether the call may have taken effect although it failed.
    pub fn ambiguous(&self) -> bool {
        matches!(self, Self::Lost(_))
    }

    /// Whether trying again later may succeed.
    pub fn transient(&self) -> bool {
        !matches!(self, Self::Refused { .. })
    }

    /// A refusal whose description contains `needle` (Telegram's wording).
    pub fn refused_with(&self, needle: &str) -> bool {
        matches!(self, Self::Refused { description, .. } if description.contains(needle))
    }
}

#[derive(serde::Deserialize)]
struct Answer<T> {
    ok: bool,
    result: Option<T>,
    description: Option<String>,
    error_code: Option<u16>,
    parameters: Option<Parameters>,
}

#[derive(serde::Deserialize)]
struct Parameters {
    retry_after: Option<u64>,
}

/// The client: one connection pool, the API's base URL and the token.
#[derive(Clone)]
pub struct Api {
    client: reqwest::Client,
    base: url::Url,
    token: String,
}

impl std::fmt::Debug for Api {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Api({})", self.base)
    }
}

impl Api {
    pub fn new(base: url::Url, token: &str) -> Self {
        let client = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(5))
            .tcp_nodelay(true)
            .build()
            .expect("a client with default TLS settings builds");
        Self {
            client,
            base,
            token: token.to_owned(),
        }
    }

    /// Calls `P::NAME` with `payload`, waiting at most `timeout`.
    pub async fn call<P>(&self, payload: &P, timeout: Duration) -> Result<P::Output, CallError>
    where
        P: Payload + Serialize,
        P::Output: DeserializeOwned,
    {
        let mut url = self.base.clone();
        url.path_segments_mut()
            .map_err(|_| CallError::Connect)?
            .pop_if_empty()
            .push(&format!("bot{}", self.token))
            .push(P::NAME);
        let sent = self
            .client
            .post(url)
            .json(payload)
            .timeout(timeout)
            .send()
            .await
            .map_err(lost_or_not)?;
        let status = sent.status();
        let body = sent.bytes().await.map_err(lost_or_not)?;
        let answer: Answer<P::Output> = match serde_json::from_slice(&body) {
            Ok(answer) => answer,
            Err(_) if status.is_server_error() => return Err(CallError::Server(status.as_u16())),
            // A 2xx we cannot read: it may well have been done.
            Err(_) => return Err(CallError::Lost("unreadable answer")),
        };
        if answer.ok {
            return answer.result.ok_or(CallError::Lost("empty answer"));
        }
        if let Some(after) = answer.parameters.and_then(|p| p.retry_after) {
            return Err(CallError::RetryAfter(Duration::from_secs(after)));
        }
        let code = answer.error_code.unwrap_or(status.as_u16());
        if code >= 500 {
            return Err(CallError::Server(code));
        }
        Err(CallError::Refused {
            code,
            description: answer.description.unwrap_or_default(),
        })
    }
}

impl Api {
    /// Downloads a file by the path `getFile` gave, up to `max` bytes, into
    /// memory only.
    pub async fn download(
        &self,
        path: &str,
        max: u64,
        timeout: Duration,
    ) -> Result<zeroize::Zeroizing<Vec<u8>>, CallError> {
        let mut url = self.base.clone();
        url.path_segments_mut()
            .map_err(|_| CallError::Connect)?
            .pop_if_empty()
            .push("file")
            .push(&format!("bot{}", self.token))
            .push(path);
        let mut response = self
            .client
            .get(url)
            .timeout(timeout)
            .send()
            .await
            .map_err(lost_or_not)?;
        if !response.status().is_success() {
            let code = response.status().as_u16();
            return Err(if code >= 500 {
                CallError::Server(code)
            } else {
                CallError::Refused {
                    code,
                    description: "download refused".into(),
                }
            });
        }
        let mut bytes = zeroize::Zeroizing::new(Vec::new());
        while let Some(chunk) = response.chunk().await.map_err(lost_or_not)? {
            if (bytes.len() + chunk.len()) as u64 > max {
                return Err(CallError::Refused {
                    code: 413,
                    description: "file too large".into(),
                });
            }
            bytes.extend_from_slice(&chunk);
        }
        Ok(bytes)
    }
}

/// A reqwest failure, without its URL: not sent at all, or sent and lost.
fn lost_or_not(err: reqwest::Error) -> CallError {
    if err.is_connect() {
        CallError::Connect
    } else if err.is_timeout() {
        CallError::Lost("timed out")
    } else {
        CallError::Lost("connection cut")
    }
}
