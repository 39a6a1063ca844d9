//! Tracing setup. Level from `RUST_LOG` (default `info`), format pretty or
//! JSON from the settings.
//!
//! Log lines carry ids and counts only. Story text, chat ids, receipt codes
//! and phone numbers never reach a span or an event: handlers use
//! `#[instrument(skip_all)]` and name the ids they add.

use tracing_subscriber::EnvFilter;
use tracing_subscriber::fmt::writer::MakeWriterExt;

use crate::config::LogFormat;

/// Installs the global subscriber. Calling it twice is harmless, which keeps
/// tests that start several apps in one process simple.
pub fn init(format: LogFormat) {
    // sqlx logs every statement at info, with bound values elided but still
    // noisy; its warnings (slow queries) are what an operator wants.
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,hyper=warn,reqwest=warn"));
    let writer = std::io::stderr.with_max_level(tracing::Level::TRACE);
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer);
    let _ = match format {
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
        LogFormat::Pretty => builder.with_target(false).try_init(),
    };
}
