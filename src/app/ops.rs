//! What the people running Suara watch: `/healthz` (the process answers),
//! `/readyz` (the database answers, updates arrive, the outbox keeps up),
//! and `/metrics` in Prometheus' text format when switched on. Nothing here
//! names a chat, a person, a code or a region smaller than a province.

use std::sync::atomic::Ordering;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::Utc;
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};

use crate::bot::Liveness;
use crate::store::Store;

#[derive(Clone)]
pub struct Ops {
    pub store: Arc<dyn Store>,
    pub liveness: Arc<Liveness>,
    pub max_outbox_age: Duration,
    pub metrics: Option<PrometheusHandle>,
}

/// The process-wide metrics recorder, installed once (several apps in one
/// test process share it).
pub fn metrics_handle() -> Option<PrometheusHandle> {
    static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let buckets = [
                0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
            ];
            PrometheusBuilder::new()
                .set_buckets(&buckets)
                .ok()?
                .install_recorder()
                .map_err(|e| tracing::warn!(error = %e, "metrics recorder not installed"))
                .ok()
        })
        .clone()
}

pub fn router(ops: Ops) -> Router {
    Router::new()
        .route("/healthz", get(|| async { "ok\n" }))
        .route("/readyz", get(ready))
        .route("/metrics", get(metrics))
        .with_state(ops)
}

async fn ready(State(ops): State<Ops>) -> Response {
    let now = Utc::now();
    let database = ops.store.ping().await.is_ok();
    let seen = ops.liveness.last_seen.load(Ordering::Relaxed);
    let fresh = now.timestamp_millis() - seen < 90_000;
    let updates = match ops.liveness.mode.load(Ordering::Relaxed) {
        Liveness::WEBHOOK => "webhook",
        Liveness::POLLING if fresh => "polling",
        Liveness::STANDBY if fresh => "standby",
        _ => "stalled",
    };
    let outbox = match ops.store.outbox_backlog(now).await {
        Ok((_, Some(age))) if age > ops.max_outbox_age.as_millis() as i64 => "backlog",
        Ok(_) => "ok",
        Err(_) => "unknown",
    };
    let ok = database && updates != "stalled" && outbox == "ok";
    let body = serde_json::json!({
        "status": if ok { "ready" } else { "not ready" },
        "database": if database { "ok" } else { "down" },
        "updates": updates,
        "outbox": outbox,
    });
    let status = if ok {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (status, axum::Json(body)).into_response()
}

async fn metrics(State(ops): State<Ops>) -> Response {
    match &ops.metrics {
        Some(handle) => (
            [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
            handle.render(),
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// Refreshes the backlog gauges until the task is aborted.
pub async fn gauges(store: Arc<dyn Store>) {
    let mut tick = tokio::time::interval(Duration::from_secs(10));
    loop {
        tick.tick().await;
        let now = Utc::now();
        if let Ok((depth, oldest)) = store.inbox_backlog(now).await {
            metrics::gauge!("suara_inbox_depth").set(depth as f64);
            metrics::gauge!("suara_inbox_oldest_seconds").set(oldest.unwrap_or(0) as f64 / 1000.0);
        }
        if let Ok((depth, oldest)) = store.outbox_backlog(now).await {
            metrics::gauge!("suara_outbox_depth").set(depth as f64);
            metrics::gauge!("suara_outbox_oldest_seconds").set(oldest.unwrap_or(0) as f64 / 1000.0);
        }
    }
}
