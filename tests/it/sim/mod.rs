//! Tests of the Telegram Bot API simulator, driven through teloxide's own
//! client over real HTTP.

mod bot_api;
mod control;
mod delivery;
mod media;

use std::time::Duration;

use suara::sim::{SimConfig, SimHandle, SimUser, start};
use teloxide::prelude::*;

use crate::spec::Checked;

/// Generous upper bound for waits; tests never sleep for a fixed time.
pub const WAIT: Duration = Duration::from_secs(10);

/// Starts a simulator on a free port and a teloxide bot pointed at it. The
/// handle checks, when the test ends, that every request sent conforms to
/// the Bot API spec (see `crate::spec`).
pub async fn setup() -> (Checked, Bot) {
    let handle = match start(SimConfig::default()).await {
        Ok(h) => h,
        Err(e) => panic!("simulator failed to start: {e}"),
    };
    let url = reqwest::Url::parse(&handle.base_url()).unwrap_or_else(|e| panic!("bad url: {e}"));
    let bot = Bot::new(handle.token()).set_api_url(url);
    (Checked::new(handle), bot)
}

/// Creates a user named Sari with Indonesian as client language.
pub async fn sari(handle: &SimHandle) -> SimUser {
    handle
        .create_user_named("Sari", "id")
        .await
        .unwrap_or_else(|e| panic!("create user: {e}"))
}

/// Unwraps a teloxide result with a readable panic.
pub fn ok<T, E: std::fmt::Display>(r: Result<T, E>) -> T {
    r.unwrap_or_else(|e| panic!("unexpected error: {e}"))
}

/// Asserts that a teloxide call failed with a description containing `want`.
pub fn assert_api_error<T: std::fmt::Debug>(r: Result<T, teloxide::RequestError>, want: &str) {
    match r {
        Ok(v) => panic!("expected error {want:?}, got {v:?}"),
        Err(e) => assert!(e.to_string().contains(want), "expected {want:?}, got {e}"),
    }
}
