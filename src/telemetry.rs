//! Tracing setup. Level from `RUST_LOG` (default `info`), format pretty or
//! JSON from the settings.
//!
//! Log lines carry ids and counts only. Story text, chat ids, receipt codes
//! and phone numbers never reach a span or an event: handlers use
//! `#[instrument(skip_all)]` and name the ids they add.

use tracing_subscriber::EnvFilter;
use tracing_subscriber::fmt::writer::MakeWriterExt;

use crate::config::LogFormat;

/// The log filter when `RUST_LOG` is not set.
pub const DEFAULT_FILTER: &str =
    "info,sqlx=warn,hyper=warn,reqwest=warn,teloxide=off,teloxide_core=off";

/// Installs the global subscriber. Calling it twice is harmless, which keeps
/// tests that start several apps in one process simple.
pub fn init(format: LogFormat) {
    // sqlx logs every statement at info, with bound values elided but still
    // noisy; its warnings (slow queries) are what an operator wants.
    // teloxide logs the raw JSON of an update it cannot parse (her words,
    // her name) and request URLs (the token): it stays off; Suara logs the
    // same failures itself, redacted.
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(DEFAULT_FILTER));
    let writer = std::io::stderr.with_max_level(tracing::Level::TRACE);
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer);
    let _ = match format {
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
        LogFormat::Pretty => builder.with_target(false).try_init(),
    };
}
