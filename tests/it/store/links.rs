//! Links between reports: blind indexes stored with a report, clusters
//! kept as reports arrive, related reports with the reader's keys.

use std::sync::Arc;

use suara::crypto::BlindIndex;
use suara::domain::ReportId;
use suara::domain::identifiers::LinkKind;
use suara::store::{Batch, NewLinks, Recipient, Store};

use super::contract;
use super::fixtures::{audit_of, report, t};

contract!(
    reports_sharing_a_number_or_company_form_one_cluster_and_a_bridge_merges_two,
    a_shared_name_relates_reports_but_makes_no_cluster,
    related_reports_say_what_is_shared_and_whether_the_reader_holds_the_key,
    a_clusters_edges_name_only_kinds,
    a_destroyed_report_leaves_no_link_behind,
    reports_naming_one_number_at_the_same_moment_still_meet,
);

fn blind(n: u8) -> BlindIndex {
    BlindIndex::from_bytes([n; 16])
}

/// A report (its key sealed to worker `w1`) with these links, at minute
/// `minute`, as one batch.
fn batch(minute: i64, links: &[(LinkKind, u8)]) -> (ReportId, Batch) {
    let mut made = report(format!("receipt-{minute}").as_bytes());
    made.report.meta.created_at = t(minute);
    let id = made.report.meta.id;
    let batch = Batch {
        reports: vec![made.report],
        links: vec![NewLinks {
            report_id: id,
            at: t(minute),
            links: links.iter().map(|(k, n)| (*k, blind(*n))).collect(),
        }],
        ..Batch::default()
    };
    (id, batch)
}

async fn reports_naming_one_number_at_the_same_moment_still_meet(store: Arc<dyn Store>) {
    // Many names before the number widen the window between a write and
    // the probe that must see the other report's.
    let names: Vec<(LinkKind, u8)> = (0..60).map(|n| (LinkKind::Name, n)).collect();
    for round in 0..20u8 {
        let mut both = names.clone();
        both.push((LinkKind::Phone, 100 + round));
        let (a, first) = batch(i64::from(round) * 10, &both);
        let (b, second) = batch(i64::from(round) * 10 + 1, &both);
        let (x, y) = tokio::join!(store.write(&first), store.write(&second));
        x.unwrap();
        y.unwrap();
        let cluster = store.cluster_of(&a).await.unwrap();
        assert!(cluster.is_some(), "round {round}: the two met");
        assert_eq!(cluster, store.cluster_of(&b).await.unwrap());
    }
    assert_eq!(store.clusters(100).await.unwrap().len(), 20);
}

/// Stores a report (its key sealed to worker `w1`) with these links, at
/// minute `minute`; returns its id.
async fn submit(store: &dyn Store, minute: i64, links: &[(LinkKind, u8)]) -> ReportId {
    let mut made = report(format!("receipt-{minute}").as_bytes());
    made.report.meta.created_at = t(minute);
    let id = made.report.meta.id;
    store
        .write(&Batch {
            reports: vec![made.report],
            links: vec![NewLinks {
                report_id: id,
                at: t(minute),
                links: links.iter().map(|(k, n)| (*k, blind(*n))).collect(),
            }],
            ..Batch::default()
        })
        .await
        .unwrap();
    id
}

async fn reports_sharing_a_number_or_company_form_one_cluster_and_a_bridge_merges_two(
    store: Arc<dyn Store>,
) {
    let a = submit(store.as_ref(), 1, &[(LinkKind::Phone, 1)]).await;
    let b = submit(store.as_ref(), 2, &[(LinkKind::Company, 2)]).await;
    assert_eq!(store.cluster_of(&a).await.unwrap(), None);
    let c = submit(store.as_ref(), 3, &[(LinkKind::Phone, 1)]).await;
    assert_eq!(store.cluster_of(&c).await.unwrap(), Some(a.min(c)));
    let d = submit(store.as_ref(), 4, &[(LinkKind::Company, 2)]).await;
    assert_eq!(store.clusters(10).await.unwrap().len(), 2);
    // One report naming both the number and the company joins the two.
    let e = submit(
        store.as_ref(),
        5,
        &[(LinkKind::Phone, 1), (LinkKind::Company, 2)],
    )
    .await;
    let clusters = store.clusters(10).await.unwrap();
    assert_eq!(clusters.len(), 1);
    let smallest = *[a, b, c, d, e].iter().min().unwrap();
    assert_eq!(clusters[0].id, smallest);
    assert_eq!(clusters[0].size, 5);
    assert_eq!((clusters[0].first, clusters[0].last), (t(1), t(5)));
    let members = store.cluster_members(&smallest).await.unwrap();
    assert_eq!(
        members.iter().map(|m| m.report_id).collect::<Vec<_>>(),
        [a, b, c, d, e]
    );
    assert_eq!(members[0].types, ["fisik", "psikis"]);
    let stats = store.link_stats().await.unwrap();
    assert_eq!(
        stats.linked_by_month.0.iter().map(|(_, n)| n).sum::<i64>(),
        5
    );
    assert_eq!(
        stats
            .clusters_by_month
            .0
            .iter()
            .map(|(_, n)| n)
            .sum::<i64>(),
        1
    );
}

async fn a_shared_name_relates_reports_but_makes_no_cluster(store: Arc<dyn Store>) {
    let a = submit(store.as_ref(), 1, &[(LinkKind::Name, 9)]).await;
    let b = submit(store.as_ref(), 2, &[(LinkKind::Name, 9)]).await;
    assert!(store.clusters(10).await.unwrap().is_empty());
    let related = store
        .related_reports(&b, &Recipient::Worker("w1".into()), 10)
        .await
        .unwrap();
    assert_eq!(related.len(), 1);
    assert_eq!((related[0].report_id, related[0].kind), (a, LinkKind::Name));
}

async fn related_reports_say_what_is_shared_and_whether_the_reader_holds_the_key(
    store: Arc<dyn Store>,
) {
    let a = submit(
        store.as_ref(),
        1,
        &[(LinkKind::Phone, 1), (LinkKind::Account, 3)],
    )
    .await;
    let b = submit(
        store.as_ref(),
        2,
        &[(LinkKind::Phone, 1), (LinkKind::Account, 3)],
    )
    .await;
    let _unrelated = submit(store.as_ref(), 3, &[(LinkKind::Phone, 4)]).await;
    let mine = store
        .related_reports(&b, &Recipient::Worker("w1".into()), 10)
        .await
        .unwrap();
    let mut seen: Vec<_> = mine.iter().map(|r| (r.report_id, r.kind)).collect();
    seen.sort();
    let mut want = vec![(a, LinkKind::Phone), (a, LinkKind::Account)];
    want.sort();
    assert_eq!(seen, want);
    assert!(mine.iter().all(|r| r.readable && r.created_at == t(1)));
    let other = store
        .related_reports(&b, &Recipient::Worker("w2".into()), 10)
        .await
        .unwrap();
    assert!(other.iter().all(|r| !r.readable));
}

async fn a_clusters_edges_name_only_kinds(store: Arc<dyn Store>) {
    let a = submit(store.as_ref(), 1, &[(LinkKind::Phone, 1)]).await;
    let b = submit(
        store.as_ref(),
        2,
        &[(LinkKind::Phone, 1), (LinkKind::Company, 2)],
    )
    .await;
    let c = submit(store.as_ref(), 3, &[(LinkKind::Company, 2)]).await;
    let cluster = store.cluster_of(&c).await.unwrap().unwrap();
    let edges = store.cluster_edges(&cluster).await.unwrap();
    let mut seen: Vec<_> = edges.iter().map(|e| (e.a, e.b, e.kind)).collect();
    seen.sort();
    let mut want = vec![
        (a.min(b), a.max(b), LinkKind::Phone),
        (b.min(c), b.max(c), LinkKind::Company),
    ];
    want.sort();
    assert_eq!(seen, want);
}

async fn a_destroyed_report_leaves_no_link_behind(store: Arc<dyn Store>) {
    let a = submit(store.as_ref(), 1, &[(LinkKind::Phone, 1)]).await;
    let b = submit(store.as_ref(), 2, &[(LinkKind::Phone, 1)]).await;
    store
        .delete_report(&a, &audit_of("retention", a))
        .await
        .unwrap();
    let related = store
        .related_reports(&b, &Recipient::Worker("w1".into()), 10)
        .await
        .unwrap();
    assert!(related.is_empty());
    assert!(store.clusters(10).await.unwrap().is_empty());
}
