//! The outbox, processed updates, rate limits and settings.

use super::Writes;
use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use suara::crypto::ReportKey;
use suara::domain::ReportId;
use suara::store::{NewOutbox, OutboxOutcome, Store};

use super::contract;
use super::fixtures::{sealed, t};

contract!(
    outbox_enqueue_is_idempotent_by_dedup_key,
    concurrent_outbox_claims_never_share_a_message,
    an_outbox_message_is_retried_after_its_lease_or_backoff,
    an_update_is_applied_only_once,
    rate_limits_count_within_a_window_and_then_reset,
    settings_round_trip,
    old_update_ids_and_rate_windows_are_forgotten,
);

async fn old_update_ids_and_rate_windows_are_forgotten(store: Arc<dyn Store>) {
    assert!(store.mark_update_processed(42, t(0)).await.unwrap());
    store
        .hit_rate_limit("status:x", t(0), Duration::from_secs(60))
        .await
        .unwrap();
    assert!(store.mark_update_processed(43, t(10)).await.unwrap());
    assert_eq!(store.purge_housekeeping(t(5)).await.unwrap(), 2);
    assert!(
        store.mark_update_processed(42, t(11)).await.unwrap(),
        "forgotten, so new again"
    );
    assert!(
        !store.mark_update_processed(43, t(11)).await.unwrap(),
        "recent ones are kept"
    );
}

fn outbox(dedup: Option<&str>) -> NewOutbox {
    let key = ReportKey::generate();
    let id = ReportId::new();
    NewOutbox {
        dedup_key: dedup.map(str::to_owned),
        kind: "notice".into(),
        chat: sealed(&key, &id, "chat", b"1"),
        payload: sealed(&key, &id, "outbox", b"{}"),
        not_before: t(0),
    }
}

async fn outbox_enqueue_is_idempotent_by_dedup_key(store: Arc<dyn Store>) {
    store.enqueue_outbox(&outbox(Some("u1"))).await.unwrap();
    store.enqueue_outbox(&outbox(Some("u1"))).await.unwrap();
    store.enqueue_outbox(&outbox(None)).await.unwrap();
    store.enqueue_outbox(&outbox(None)).await.unwrap();
    let claimed = store
        .claim_outbox(t(1), Duration::from_secs(30), 10)
        .await
        .unwrap();
    assert_eq!(claimed.len(), 3);
}

async fn concurrent_outbox_claims_never_share_a_message(store: Arc<dyn Store>) {
    for _ in 0..40 {
        store.enqueue_outbox(&outbox(None)).await.unwrap();
    }
    let mut tasks = Vec::new();
    for _ in 0..4 {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            store
                .claim_outbox(t(1), Duration::from_secs(30), 15)
                .await
                .unwrap()
        }));
    }
    let mut seen = HashSet::new();
    let mut total = 0;
    for task in tasks {
        for item in task.await.unwrap() {
            assert!(seen.insert(item.id), "message {} claimed twice", item.id);
            total += 1;
        }
    }
    assert_eq!(total, 40);
}

async fn an_outbox_message_is_retried_after_its_lease_or_backoff(store: Arc<dyn Store>) {
    store.enqueue_outbox(&outbox(None)).await.unwrap();
    let first = store
        .claim_outbox(t(1), Duration::from_secs(60), 10)
        .await
        .unwrap();
    let id = first[0].id;
    assert_eq!((first.len(), first[0].attempts), (1, 1));
    // Leased: invisible until the lease ends, as if the sender crashed.
    assert!(
        store
            .claim_outbox(t(1), Duration::from_secs(60), 10)
            .await
            .unwrap()
            .is_empty()
    );
    let again = store
        .claim_outbox(
            t(2) + chrono::Duration::seconds(1),
            Duration::from_secs(60),
            10,
        )
        .await
        .unwrap();
    assert_eq!(again[0].attempts, 2);

    let retry = OutboxOutcome::Retry {
        at: t(10),
        error: "429".into(),
    };
    store.finish_outbox(id, &retry).await.unwrap();
    assert!(
        store
            .claim_outbox(t(9), Duration::from_secs(60), 10)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        store
            .claim_outbox(t(10), Duration::from_secs(60), 10)
            .await
            .unwrap()
            .len(),
        1
    );

    store
        .finish_outbox(id, &OutboxOutcome::Sent { at: t(11) })
        .await
        .unwrap();
    assert!(
        store
            .claim_outbox(t(100), Duration::from_secs(60), 10)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        store
            .finish_outbox(id + 1000, &OutboxOutcome::Sent { at: t(11) })
            .await
            .is_err()
    );
}

async fn an_update_is_applied_only_once(store: Arc<dyn Store>) {
    assert!(store.mark_update_processed(42, t(0)).await.unwrap());
    assert!(!store.mark_update_processed(42, t(1)).await.unwrap());
    assert!(store.mark_update_processed(43, t(1)).await.unwrap());
}

async fn rate_limits_count_within_a_window_and_then_reset(store: Arc<dyn Store>) {
    let window = Duration::from_secs(600);
    assert_eq!(
        store
            .hit_rate_limit("receipt:u1", t(0), window)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        store
            .hit_rate_limit("receipt:u1", t(5), window)
            .await
            .unwrap(),
        2
    );
    assert_eq!(
        store
            .hit_rate_limit("receipt:u2", t(5), window)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        store
            .hit_rate_limit("receipt:u1", t(10), window)
            .await
            .unwrap(),
        1
    );
}

async fn settings_round_trip(store: Arc<dyn Store>) {
    assert_eq!(store.setting("recovery.public_key").await.unwrap(), None);
    store
        .put_setting("recovery.public_key", "abc")
        .await
        .unwrap();
    store
        .put_setting("recovery.public_key", "def")
        .await
        .unwrap();
    assert_eq!(
        store
            .setting("recovery.public_key")
            .await
            .unwrap()
            .as_deref(),
        Some("def")
    );
}
