//! What operators watch: health, readiness, metrics without personal data.

use std::time::Duration;

use suara::sim::SimConfig;

use crate::app::{spawn_app, spawn_app_through, spawn_app_with};
use crate::conversation::{tell_and_send, up_to_the_story};
use crate::faults::outage::Proxy;
use crate::helpers::{TestDb, replace_host};

async fn get(url: &str) -> (u16, String) {
    let r = reqwest::get(url).await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

/// `/readyz` until `status` is `want`, or the last answer after a while.
async fn readyz_until(base: &str, want: u16) -> (u16, String) {
    let mut last = (0, String::new());
    for _ in 0..60 {
        last = get(&format!("{base}/readyz")).await;
        if last.0 == want {
            break;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    last
}

#[tokio::test]
async fn healthz_answers_and_readyz_says_which_part_is_ready_without_details() {
    let app = spawn_app().await;
    let base = app.ops_url().await;
    assert_eq!(get(&format!("{base}/healthz")).await.0, 200);
    let (status, body) = readyz_until(&base, 200).await;
    assert_eq!(status, 200, "{body}");
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(json["database"], "ok");
    assert_eq!(json["updates"], "polling");
    assert_eq!(json["outbox"], "ok");
    assert!(!body.contains("version") && !body.contains(env!("CARGO_PKG_VERSION")));
    assert_eq!(
        get(&format!("{base}/metrics")).await.0,
        404,
        "metrics are off by default"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readyz_turns_not_ready_while_postgres_is_away_and_ready_again_after() {
    let db = TestDb::postgres().await;
    let proxy = Proxy::start("127.0.0.1:5432".to_owned()).await;
    let through = replace_host(&db.url, &format!("127.0.0.1:{}", proxy.port));
    let app = spawn_app_through(db, &through, SimConfig::default()).await;
    let base = app.ops_url().await;
    assert_eq!(readyz_until(&base, 200).await.0, 200);
    proxy.cut().await;
    let (status, body) = readyz_until(&base, 503).await;
    assert_eq!(status, 503, "{body}");
    assert!(body.contains("\"database\":\"down\""), "{body}");
    proxy.restore();
    assert_eq!(readyz_until(&base, 200).await.0, 200);
}

#[tokio::test]
async fn the_metrics_page_lists_every_metric_and_no_personal_data() {
    let app = spawn_app_with(SimConfig::default(), |s| s.ops.metrics = true).await;
    let sari = app.reporter("Sari", "id").await;
    up_to_the_story(&sari).await;
    let canary = "KANARI-7391 ini ceritaku";
    tell_and_send(&sari, canary).await;
    let console = crate::console::client::Console::new(&app).await;
    let refused = console
        .try_login("siapa-saja", "bukan kata sandinya", "000000")
        .await;
    assert_eq!(refused.status, 401, "{}", refused.body);
    let base = app.ops_url().await;
    let mut body = String::new();
    for _ in 0..30 {
        body = get(&format!("{base}/metrics")).await.1;
        if body.contains("suara_outbox_depth") && body.contains("suara_sends_total") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    for name in [
        "suara_updates_received_total",
        "suara_updates_applied_total",
        "suara_apply_seconds",
        "suara_sends_total",
        "suara_reports_total",
        "suara_inbox_depth",
        "suara_inbox_oldest_seconds",
        "suara_outbox_depth",
        "suara_outbox_oldest_seconds",
        "suara_console_logins_total",
        "suara_argon2_running",
    ] {
        assert!(body.contains(name), "{name} missing from:\n{body}");
    }
    assert!(!body.contains("KANARI"), "no story text");
    assert!(!body.contains(&sari.user.chat_id.to_string()), "no chat id");
    assert!(!body.contains(&sari.user.id.to_string()), "no user id");
    assert!(!body.contains("siapa-saja"), "no username");
}
