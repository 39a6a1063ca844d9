//! Telegram failing a third of the time (429 with retry_after, 500, 502, a
//! connection cut before or after the call was carried out, an answer later
//! than the client waits): every flow completes, every receipt is shown
//! exactly once, and once Telegram recovers a tap is answered within 5 s.

use std::sync::Arc;
use std::time::{Duration, Instant};

use suara::sim::{Chaos, FaultKind, SimConfig};

use super::Person;
use crate::app::spawn_app_with;

fn chaos() -> Chaos {
    Chaos {
        percent: 30,
        kinds: vec![
            FaultKind::TooManyRequests { retry_after: 1 },
            FaultKind::TooManyRequests { retry_after: 3 },
            FaultKind::ServerError { status: 500 },
            FaultKind::ServerError { status: 502 },
            FaultKind::Drop,
            FaultKind::DropAfter,
            FaultKind::Late { ms: 11_000 },
        ],
        methods: [
            "sendmessage",
            "editmessagetext",
            "deletemessages",
            "answercallbackquery",
            "getupdates",
            "getfile",
        ]
        .iter()
        .map(|m| m.to_string())
        .collect(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn with_telegram_failing_a_third_of_the_time_every_report_is_acknowledged_exactly_once() {
    through_chaos(8).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "heavier: run with --ignored (figures in the issue note)"]
async fn with_telegram_failing_fifty_women_report_and_each_sees_one_receipt() {
    through_chaos(50).await;
}

async fn through_chaos(reporters: usize) {
    let _heavy = super::HEAVY.lock().await;
    let _ = tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .with_test_writer()
        .try_init();
    let app = Arc::new(spawn_app_with(SimConfig::default(), |_| {}).await);
    app.sim.set_chaos(Some(chaos())).await;
    let mut tasks = Vec::new();
    for i in 0..reporters {
        let app = app.clone();
        tasks.push(tokio::spawn(async move {
            let mut her = Person::new(&app.sim, &format!("Pelapor {i}")).await;
            let code = her
                .reports(&format!("Cerita {i}: gaji saya ditahan."), None)
                .await;
            (her.chat, code)
        }));
    }
    let mut chats = Vec::new();
    for task in tasks {
        let (chat, code) = task.await.unwrap();
        assert!(code.is_some(), "her flow completed despite the faults");
        chats.push(chat);
    }
    app.sim.set_chaos(None).await;
    for chat in &chats {
        let transcript = app.sim.transcript(*chat).await.unwrap();
        let receipts = (transcript.entries.iter())
            .filter(|e| !e.deleted && e.text.as_deref().is_some_and(|t| t.contains("Kode Anda:")))
            .count();
        assert_eq!(receipts, 1, "her receipt is on her screen exactly once");
    }
    assert_eq!(
        app.db.store.count_reports().await.unwrap() as usize,
        reporters,
        "one report each"
    );
    // Telegram is well again: a tap is answered within seconds.
    let mut her = Person::new(&app.sim, "Setelahnya").await;
    let started = Instant::now();
    her.says("/start").await;
    assert!(her.expects(&["Halo"]).await.is_some());
    let took = started.elapsed();
    assert!(took < Duration::from_secs(5), "answered in {took:?}");
}
