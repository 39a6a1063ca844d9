//! Two `serve` processes on one bot token and one database: the second
//! waits as a hot standby and polls within 30 s of the first dying, and
//! Telegram never sees two pollers at once (no 409 storm).

use std::time::{Duration, Instant};

use suara::sim::SimConfig;

use super::{Person, Serve};
use crate::app::test_server_key;
use crate::helpers::TestDb;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_a_second_process_stands_by_and_takes_over_when_the_first_dies() {
    takes_over(TestDb::sqlite().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_a_second_process_stands_by_and_takes_over_when_the_first_dies() {
    takes_over(TestDb::postgres().await).await;
}

async fn takes_over(db: TestDb) {
    suara::service::keys::init_recovery(db.store.as_ref())
        .await
        .unwrap();
    let sim = suara::sim::start(SimConfig::default()).await.unwrap();
    let key = test_server_key();
    let mut first = Serve::new(&sim, &db.url, &key, &[]);
    let mut second = Serve::new(&sim, &db.url, &key, &[]);
    first.start();
    let mut sari = Person::new(&sim, "Sari").await;
    sari.says("/start").await;
    assert!(
        sari.expects(&["Halo"]).await.is_some(),
        "the first one answers"
    );
    second.start();
    tokio::time::sleep(Duration::from_secs(3)).await;
    let polls = sim.request_counts().get("getUpdates").copied().unwrap_or(0);
    sari.says("/bantuan").await;
    assert!(sari.expects(&["/hapus"]).await.is_some());

    first.kill().await;
    let died = Instant::now();
    sari.says("/start").await;
    assert!(
        sari.expects(&["Halo"]).await.is_some(),
        "the standby answers after the first one died"
    );
    let took = died.elapsed();
    assert!(took < Duration::from_secs(30), "took over in {took:?}");
    let conflicts = (sim.requests().iter())
        .filter(|r| r.method == "getUpdates" && r.status == 409)
        .count();
    assert_eq!(conflicts, 0, "never two pollers at once");
    assert!(polls > 0);
    second.kill().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_clean_stop_exits_zero_and_hands_polling_over_at_once() {
    let db = TestDb::sqlite().await;
    suara::service::keys::init_recovery(db.store.as_ref())
        .await
        .unwrap();
    let sim = suara::sim::start(SimConfig::default()).await.unwrap();
    let key = test_server_key();
    let mut first = Serve::new(&sim, &db.url, &key, &[]);
    let mut second = Serve::new(&sim, &db.url, &key, &[]);
    first.start();
    let mut sari = Person::new(&sim, "Sari").await;
    sari.says("/start").await;
    assert!(sari.expects(&["Halo"]).await.is_some());
    second.start();
    tokio::time::sleep(Duration::from_secs(2)).await;
    let status = first.terminate().await.expect("it stops");
    assert!(status.success(), "SIGTERM ends it cleanly: {status:?}");
    let stopped = Instant::now();
    sari.says("/start").await;
    assert!(sari.expects(&["Halo"]).await.is_some());
    let took = stopped.elapsed();
    assert!(took < Duration::from_secs(10), "handed over in {took:?}");
    second.kill().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_during_a_burst_loses_no_update_and_rotation_can_run_right_after() {
    let db = TestDb::sqlite().await;
    suara::service::keys::init_recovery(db.store.as_ref())
        .await
        .unwrap();
    let sim = suara::sim::start(SimConfig::default()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let key_file = dir.path().join("server.key");
    let env = [
        ("SUARA_KEYS_SERVER_KEY_FILE", key_file.to_str().unwrap()),
        ("SUARA_DATA_DIR", dir.path().to_str().unwrap()),
    ];
    let mut serve = Serve::new(&sim, &db.url, "", &env);
    serve.start();
    let mut first = Person::new(&sim, "Pertama").await;
    first.says("/start").await;
    assert!(first.expects(&["Halo"]).await.is_some());

    let mut people = Vec::new();
    for i in 0..30 {
        let her = Person::new(&sim, &format!("Pelapor {i}")).await;
        her.says("/start").await;
        people.push(her);
    }
    let status = serve.terminate().await.expect("it stops");
    assert!(status.success(), "SIGTERM ends it cleanly: {status:?}");

    let rotated = std::process::Command::new(env!("CARGO_BIN_EXE_suara"))
        .args(["keys", "rotate-server"])
        .env_clear()
        .env("SUARA_DATABASE_URL", &db.url)
        .env("SUARA_KEYS_SERVER_KEY_FILE", &key_file)
        .env("SUARA_DATA_DIR", dir.path())
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .output()
        .unwrap();
    assert!(
        rotated.status.success(),
        "rotation runs at once after a clean stop: {}",
        String::from_utf8_lossy(&rotated.stderr)
    );

    serve.start();
    for her in &mut people {
        assert!(her.expects(&["Halo"]).await.is_some(), "no update lost");
    }
    serve.kill().await;
}
