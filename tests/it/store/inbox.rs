//! The inbox: updates stored once, applied once, per chat in order; and
//! leases.

use std::sync::Arc;
use std::time::Duration;

use suara::crypto::ReportKey;
use suara::domain::ReportId;
use suara::store::{Applied, Batch, InboxItem, NewInbox, Store};

use super::contract;
use super::fixtures::{sealed, t};

contract!(
    an_update_is_stored_once_and_never_again_after_it_was_applied,
    a_chats_updates_are_claimed_one_at_a_time_and_in_order,
    an_update_that_failed_waits_until_it_is_due_again,
    a_lease_is_held_by_one_process_until_it_runs_out_or_is_released,
    old_update_ids_and_rate_windows_are_forgotten,
);

fn update(id: i64, chat: &[u8]) -> NewInbox {
    let key = ReportKey::generate();
    NewInbox {
        channel: "telegram".into(),
        update_id: id,
        chat_key: chat.to_vec(),
        payload: sealed(&key, &ReportId::new(), "update", b"{}"),
        received_at: t(0),
    }
}

async fn claim(store: &dyn Store, at: i64) -> Vec<InboxItem> {
    store
        .claim_inbox(t(at), Duration::from_secs(60), 10)
        .await
        .unwrap()
}

async fn applied(store: &dyn Store, item: &InboxItem, at: i64) {
    store
        .write(&Batch {
            applied: Some(Applied {
                inbox_id: item.id,
                channel: item.channel.clone(),
                update_id: item.update_id,
                at: t(at),
            }),
            ..Batch::default()
        })
        .await
        .unwrap();
}

async fn an_update_is_stored_once_and_never_again_after_it_was_applied(store: Arc<dyn Store>) {
    let (u1, u2) = (update(1, b"a"), update(2, b"b"));
    assert_eq!(store.receive(&[u1.clone(), u2]).await.unwrap(), 2);
    assert_eq!(
        store.receive(std::slice::from_ref(&u1)).await.unwrap(),
        0,
        "redelivered"
    );
    for item in claim(store.as_ref(), 1).await {
        applied(store.as_ref(), &item, 1).await;
    }
    assert_eq!(store.receive(&[u1]).await.unwrap(), 0, "applied already");
    assert_eq!(store.inbox_backlog(t(2)).await.unwrap().0, 0);
}

async fn a_chats_updates_are_claimed_one_at_a_time_and_in_order(store: Arc<dyn Store>) {
    store
        .receive(&[update(1, b"a"), update(2, b"a"), update(3, b"b")])
        .await
        .unwrap();
    let first: Vec<i64> = claim(store.as_ref(), 1)
        .await
        .iter()
        .map(|i| i.update_id)
        .collect();
    assert_eq!(first, [1, 3], "each chat's oldest");
    assert!(claim(store.as_ref(), 1).await.is_empty(), "both leased");
    let one = store
        .claim_inbox(t(200), Duration::from_secs(60), 10)
        .await
        .unwrap();
    let a = one
        .iter()
        .find(|i| i.update_id == 1)
        .expect("lease ran out");
    assert_eq!(a.attempts, 2);
    applied(store.as_ref(), a, 200).await;
    let next: Vec<i64> = claim(store.as_ref(), 200)
        .await
        .iter()
        .map(|i| i.update_id)
        .collect();
    assert_eq!(next, [2], "then the chat's next one");
}

async fn an_update_that_failed_waits_until_it_is_due_again(store: Arc<dyn Store>) {
    store.receive(&[update(1, b"a")]).await.unwrap();
    let item = claim(store.as_ref(), 1).await.remove(0);
    store.retry_inbox(item.id, t(30)).await.unwrap();
    assert!(claim(store.as_ref(), 29).await.is_empty());
    assert_eq!(claim(store.as_ref(), 30).await.len(), 1);
}

async fn a_lease_is_held_by_one_process_until_it_runs_out_or_is_released(store: Arc<dyn Store>) {
    let lease = |holder: &'static str, now: i64| {
        let store = store.clone();
        async move {
            store
                .take_lease("poller", holder, t(now), t(now + 20))
                .await
                .unwrap()
        }
    };
    assert!(lease("one", 0).await);
    assert!(!lease("two", 5).await, "held");
    assert!(lease("one", 10).await, "renewed by its holder");
    assert!(!lease("two", 25).await, "the renewal counts");
    assert!(lease("two", 31).await, "ran out: the standby takes over");
    store.release_lease("poller", "two").await.unwrap();
    assert!(lease("one", 32).await, "released: free at once");
}

async fn old_update_ids_and_rate_windows_are_forgotten(store: Arc<dyn Store>) {
    store.receive(&[update(42, b"a")]).await.unwrap();
    let item = claim(store.as_ref(), 0).await.remove(0);
    applied(store.as_ref(), &item, 0).await;
    store
        .hit_rate_limit("status:x", t(0), Duration::from_secs(60))
        .await
        .unwrap();
    store.receive(&[update(43, b"b")]).await.unwrap();
    let item = claim(store.as_ref(), 10).await.remove(0);
    applied(store.as_ref(), &item, 10).await;
    assert_eq!(store.purge_housekeeping(t(5)).await.unwrap(), 2);
    assert_eq!(
        store.receive(&[update(42, b"a")]).await.unwrap(),
        1,
        "forgotten"
    );
    assert_eq!(store.receive(&[update(43, b"b")]).await.unwrap(), 0, "kept");
}
