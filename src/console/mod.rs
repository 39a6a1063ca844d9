//! The triage console: the case workers' web interface, served by axum and
//! rendered on the server with maud (which escapes every interpolation).

pub mod charts;
pub mod export;
