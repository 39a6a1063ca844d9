//! The outbox, rate limits and settings.

use super::Writes;
use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use suara::crypto::ReportKey;
use suara::domain::ReportId;
use suara::store::{Batch, NewOutbox, OutboxOutcome, Store};

use super::contract;
use super::fixtures::{sealed, t};

contract!(
    outbox_enqueue_is_idempotent_by_dedup_key,
    a_chats_rows_go_out_one_at_a_time_and_in_order,
    concurrent_outbox_claims_never_share_a_message,
    an_outbox_message_is_retried_after_its_lease_or_backoff,
    a_row_given_back_untried_keeps_its_retries,
    the_ids_a_row_sent_are_kept_for_quick_exit_and_then_forgotten,
    quick_exit_drops_what_was_not_sent_yet,
    a_more_urgent_row_goes_first_across_chats,
    a_chats_next_rows_are_claimed_together_and_never_past_one_that_waits,
    rate_limits_count_within_a_window_and_then_reset,
    settings_round_trip,
);

fn outbox(dedup: Option<&str>, chat: &[u8], priority: i64) -> NewOutbox {
    let key = ReportKey::generate();
    let id = ReportId::new();
    NewOutbox {
        dedup_key: dedup.map(str::to_owned),
        channel: "telegram".into(),
        chat_key: chat.to_vec(),
        priority,
        kind: "send".into(),
        chat: sealed(&key, &id, "chat", b"1"),
        payload: sealed(&key, &id, "outbox", b"{}"),
        not_before: t(0),
    }
}

fn sent(ids: &[i64]) -> OutboxOutcome {
    OutboxOutcome::Sent {
        at: t(1),
        ids: ids.to_vec(),
    }
}

async fn claim(store: &dyn Store, at: i64, limit: i64) -> Vec<suara::store::OutboxItem> {
    store
        .claim_outbox(t(at), Duration::from_secs(30), limit, None)
        .await
        .unwrap()
}

async fn outbox_enqueue_is_idempotent_by_dedup_key(store: Arc<dyn Store>) {
    store
        .enqueue_outbox(&outbox(Some("u1"), b"a", 0))
        .await
        .unwrap();
    store
        .enqueue_outbox(&outbox(Some("u1"), b"a", 0))
        .await
        .unwrap();
    store.enqueue_outbox(&outbox(None, b"b", 0)).await.unwrap();
    store.enqueue_outbox(&outbox(None, b"c", 0)).await.unwrap();
    assert_eq!(claim(store.as_ref(), 1, 10).await.len(), 3);
}

async fn a_chats_rows_go_out_one_at_a_time_and_in_order(store: Arc<dyn Store>) {
    for n in 0..3 {
        let key = format!("a:{n}");
        store
            .enqueue_outbox(&outbox(Some(&key), b"a", 0))
            .await
            .unwrap();
    }
    let mut order = Vec::new();
    for _ in 0..3 {
        let claimed = claim(store.as_ref(), 1, 10).await;
        assert_eq!(claimed.len(), 1, "only the chat's oldest row is due");
        assert!(
            claim(store.as_ref(), 1, 10).await.is_empty(),
            "the next waits"
        );
        let item = &claimed[0];
        order.push(item.dedup_key.clone().unwrap());
        store.finish_outbox(item.id, &sent(&[1])).await.unwrap();
    }
    assert_eq!(order, ["a:0", "a:1", "a:2"]);
    // Of this chat only, as a sender does right after an update.
    store.enqueue_outbox(&outbox(None, b"b", 0)).await.unwrap();
    let mine = store
        .claim_outbox(t(1), Duration::from_secs(30), 10, Some(b"a"))
        .await
        .unwrap();
    assert!(mine.is_empty(), "chat a has nothing left; b is not a's");
}

async fn concurrent_outbox_claims_never_share_a_message(store: Arc<dyn Store>) {
    for n in 0..40 {
        let chat = format!("chat-{n}");
        store
            .enqueue_outbox(&outbox(None, chat.as_bytes(), 0))
            .await
            .unwrap();
    }
    let mut tasks = Vec::new();
    for _ in 0..4 {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            store
                .claim_outbox(t(1), Duration::from_secs(30), 15, None)
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
    store.enqueue_outbox(&outbox(None, b"a", 0)).await.unwrap();
    let first = claim(store.as_ref(), 1, 10).await;
    let id = first[0].id;
    assert_eq!((first.len(), first[0].attempts), (1, 1));
    // Leased: invisible until the lease ends, as if the sender crashed.
    assert!(claim(store.as_ref(), 1, 10).await.is_empty());
    let again = store
        .claim_outbox(
            t(2) + chrono::Duration::seconds(1),
            Duration::from_secs(60),
            10,
            None,
        )
        .await
        .unwrap();
    assert_eq!(again[0].attempts, 2, "every claim counts as an attempt");

    let retry = OutboxOutcome::Retry {
        at: t(10),
        error: "429".into(),
    };
    store.finish_outbox(id, &retry).await.unwrap();
    assert!(claim(store.as_ref(), 9, 10).await.is_empty());
    assert_eq!(claim(store.as_ref(), 10, 10).await.len(), 1);
    store.finish_outbox(id, &sent(&[7])).await.unwrap();
    assert!(claim(store.as_ref(), 100, 10).await.is_empty());
    assert!(store.finish_outbox(id + 1000, &sent(&[])).await.is_err());
}

async fn a_row_given_back_untried_keeps_its_retries(store: Arc<dyn Store>) {
    store.enqueue_outbox(&outbox(None, b"a", 0)).await.unwrap();
    // Claimed and given back many times while its chat waits for its pace:
    // never counted as attempts, so one real failure later is not its last.
    for round in 0..50 {
        let claimed = claim(store.as_ref(), round, 10).await;
        assert_eq!(claimed.len(), 1, "round {round}");
        assert_eq!(
            claimed[0].attempts, 1,
            "round {round}: only this claim counts"
        );
        let back = OutboxOutcome::Release { at: t(round + 1) };
        store.finish_outbox(claimed[0].id, &back).await.unwrap();
        assert!(
            claim(store.as_ref(), round, 10).await.is_empty(),
            "not due before its time"
        );
    }
}

async fn the_ids_a_row_sent_are_kept_for_quick_exit_and_then_forgotten(store: Arc<dyn Store>) {
    store
        .enqueue_outbox(&outbox(Some("r1"), b"a", 0))
        .await
        .unwrap();
    store
        .enqueue_outbox(&outbox(Some("r2"), b"b", 0))
        .await
        .unwrap();
    for item in claim(store.as_ref(), 1, 10).await {
        let ids: &[i64] = if item.chat_key == b"a" { &[5, 6] } else { &[9] };
        store.finish_outbox(item.id, &sent(ids)).await.unwrap();
    }
    assert_eq!(store.sent_ids(b"a", t(0)).await.unwrap(), [5, 6]);
    assert_eq!(store.sent_ids_of_row("r1").await.unwrap(), Some(vec![5, 6]));
    assert_eq!(store.sent_ids_of_row("nope").await.unwrap(), None);
    store.forget_sent_ids(b"a").await.unwrap();
    assert!(store.sent_ids(b"a", t(0)).await.unwrap().is_empty());
    assert_eq!(
        store.sent_ids(b"b", t(0)).await.unwrap(),
        [9],
        "other chats keep theirs"
    );
}

async fn quick_exit_drops_what_was_not_sent_yet(store: Arc<dyn Store>) {
    store
        .enqueue_outbox(&outbox(Some("notice"), b"a", 0))
        .await
        .unwrap();
    store.enqueue_outbox(&outbox(None, b"b", 0)).await.unwrap();
    store
        .write(&Batch {
            cancel_outbox: vec![b"a".to_vec()],
            outbox: vec![outbox(Some("oke"), b"a", 0)],
            ..Batch::default()
        })
        .await
        .unwrap();
    let due: Vec<_> = (claim(store.as_ref(), 1, 10).await)
        .into_iter()
        .filter_map(|i| i.dedup_key)
        .collect();
    assert_eq!(
        due,
        ["oke"],
        "the old notice is gone; other chats untouched"
    );
    assert_eq!(store.unsent_outbox().await.unwrap().len(), 2);
}

async fn a_more_urgent_row_goes_first_across_chats(store: Arc<dyn Store>) {
    store
        .enqueue_outbox(&outbox(Some("calm"), b"a", 0))
        .await
        .unwrap();
    store
        .enqueue_outbox(&outbox(Some("danger"), b"b", 10))
        .await
        .unwrap();
    let first = claim(store.as_ref(), 1, 1).await;
    assert_eq!(first[0].dedup_key.as_deref(), Some("danger"));
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

async fn a_chats_next_rows_are_claimed_together_and_never_past_one_that_waits(
    store: Arc<dyn Store>,
) {
    for n in 0..3 {
        let key = format!("a:{n}");
        store
            .enqueue_outbox(&outbox(Some(&key), b"a", 0))
            .await
            .unwrap();
    }
    let lease = Duration::from_secs(30);
    let all = store.claim_chat(b"a", t(1), lease, 8).await.unwrap();
    let keys: Vec<_> = all.iter().filter_map(|i| i.dedup_key.clone()).collect();
    assert_eq!(keys, ["a:0", "a:1", "a:2"], "in order, in one claim");
    let retry = |at| OutboxOutcome::Retry {
        at: t(at),
        error: "5xx".into(),
    };
    store.finish_outbox(all[0].id, &retry(10)).await.unwrap();
    for later in &all[1..] {
        store.finish_outbox(later.id, &retry(1)).await.unwrap();
    }
    assert!(
        store
            .claim_chat(b"a", t(5), lease, 8)
            .await
            .unwrap()
            .is_empty(),
        "nothing goes past the row that waits"
    );
    let again = store.claim_chat(b"a", t(10), lease, 8).await.unwrap();
    assert_eq!(again.len(), 3, "all three once the first is due");
}
