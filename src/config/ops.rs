//! Settings for the people who run Suara: health checks, metrics, and how
//! long a clean stop may take.

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct OpsSettings {
    /// Where `/healthz` and `/readyz` (and `/metrics`, when on) answer.
    /// Loopback: a monitoring agent on the machine, or a proxy, reads them.
    pub listen: String,
    /// Serve Prometheus metrics at `/metrics`.
    pub metrics: bool,
    /// `/readyz` says "backlog" when the oldest unsent message is older.
    pub max_outbox_age_seconds: u32,
    /// How long a clean stop waits for work in flight; what is left stays
    /// in the inbox and outbox for the next start.
    pub shutdown_seconds: u32,
}

impl Default for OpsSettings {
    fn default() -> Self {
        Self {
            listen: "127.0.0.1:9090".to_owned(),
            metrics: false,
            max_outbox_age_seconds: 300,
            shutdown_seconds: 10,
        }
    }
}
