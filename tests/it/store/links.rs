//! Links between reports: blind indexes stored with a report, clusters
//! kept as reports arrive, related reports with the reader's keys.

use std::sync::Arc;

use suara::crypto::BlindIndex;
use suara::domain::area::Area;
use suara::domain::identifiers::LinkKind;
use suara::domain::{RegionCode, ReportId, ViolenceType};
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
    a_networks_row_adds_up_its_reports_through_merges_and_destructions,
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
    submit_in(store, minute, None, links).await
}

/// As [`submit`], from `place` (a region code or "abroad") and of one type
/// (fixtures' own otherwise: 64.72, fisik and psikis).
async fn submit_in(
    store: &dyn Store,
    minute: i64,
    place: Option<(&str, ViolenceType)>,
    links: &[(LinkKind, u8)],
) -> ReportId {
    let mut made = report(format!("receipt-{minute}").as_bytes());
    made.report.meta.created_at = t(minute);
    if let Some((code, kind)) = place {
        made.report.meta.area = Some(match code {
            "abroad" => Area::Abroad,
            code => Area::Region(RegionCode::parse(code).unwrap()),
        });
        made.report.meta.violence_types = vec![kind];
    }
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

/// The networks page reads one row per network: its size, dates, places and
/// types must add up exactly as if counted from the reports.
async fn a_networks_row_adds_up_its_reports_through_merges_and_destructions(store: Arc<dyn Store>) {
    let s = store.as_ref();
    let a = submit_in(
        s,
        1,
        Some(("64.72", ViolenceType::Fisik)),
        &[(LinkKind::Phone, 1)],
    )
    .await;
    let b = submit_in(
        s,
        2,
        Some(("64.02", ViolenceType::Trafficking)),
        &[(LinkKind::Phone, 1)],
    )
    .await;
    let c = submit_in(
        s,
        3,
        Some(("abroad", ViolenceType::Trafficking)),
        &[(LinkKind::Bank, 7)],
    )
    .await;
    let d = submit_in(
        s,
        4,
        Some(("65.03", ViolenceType::Seksual)),
        &[(LinkKind::Bank, 7)],
    )
    .await;
    let rows = store.clusters(10).await.unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!((rows[0].size, rows[0].first, rows[0].last), (2, t(3), t(4)));
    // A report naming the number and the bank account bridges the two.
    let e = submit_in(
        s,
        5,
        Some(("64.72", ViolenceType::Psikis)),
        &[(LinkKind::Phone, 1), (LinkKind::Bank, 7)],
    )
    .await;
    let rows = store.clusters(10).await.unwrap();
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    assert_eq!(row.id, *[a, b, c, d, e].iter().min().unwrap());
    assert_eq!((row.size, row.first, row.last), (5, t(1), t(5)));
    let areas: Vec<&str> = row.areas.iter().map(|a| a.as_str()).collect();
    let mut want = vec!["64.02", "64.72", "65.03", Area::Abroad.as_str()];
    want.sort();
    assert_eq!(areas, want);
    assert_eq!(row.types, ["fisik", "psikis", "seksual", "trafficking"]);
    // Destroying the newest report takes its dates, place and type along.
    for gone in [e, d] {
        store
            .delete_report(&gone, &audit_of("retention", gone))
            .await
            .unwrap();
    }
    let row = &store.clusters(10).await.unwrap()[0];
    assert_eq!((row.size, row.first, row.last), (3, t(1), t(3)));
    assert!(!row.areas.iter().any(|a| a.as_str() == "65.03"));
    assert_eq!(row.types, ["fisik", "trafficking"]);
    for gone in [a, b] {
        store
            .delete_report(&gone, &audit_of("retention", gone))
            .await
            .unwrap();
    }
    // One report left is no network; a new report naming its bank account
    // makes one of two again, counted from the reports.
    assert!(store.clusters(10).await.unwrap().is_empty());
    let f = submit_in(
        s,
        6,
        Some(("64.72", ViolenceType::Fisik)),
        &[(LinkKind::Bank, 7)],
    )
    .await;
    let rows = store.clusters(10).await.unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0].size, rows[0].first, rows[0].last), (2, t(3), t(6)));
    assert_eq!(
        store.cluster_of(&f).await.unwrap(),
        store.cluster_of(&c).await.unwrap()
    );
}

/// Migration 0007 writes a row for every network formed before it: its
/// backfill, run on networks the store built, gives the rows the store
/// keeps.
async fn the_summary_backfill_gives_the_rows_the_store_keeps(db: crate::helpers::TestDb) {
    let s = db.store.as_ref();
    submit_in(
        s,
        1,
        Some(("64.72", ViolenceType::Fisik)),
        &[(LinkKind::Phone, 1)],
    )
    .await;
    submit_in(
        s,
        2,
        Some(("abroad", ViolenceType::Trafficking)),
        &[(LinkKind::Phone, 1)],
    )
    .await;
    submit_in(s, 3, None, &[(LinkKind::Company, 2)]).await;
    submit_in(
        s,
        4,
        Some(("64.02", ViolenceType::Psikis)),
        &[(LinkKind::Company, 2)],
    )
    .await;
    submit_in(s, 5, None, &[(LinkKind::Account, 3)]).await;
    let shown = |rows: Vec<suara::store::ClusterSummary>| -> Vec<String> {
        rows.iter()
            .map(|c| {
                let areas: Vec<&str> = c.areas.iter().map(|a| a.as_str()).collect();
                format!(
                    "{} {} {} {} {areas:?} {:?}",
                    c.id, c.size, c.first, c.last, c.types
                )
            })
            .collect()
    };
    let kept = shown(s.clusters(10).await.unwrap());
    assert_eq!(kept.len(), 2);
    let dir = if db.dir().is_some() {
        "sqlite"
    } else {
        "postgres"
    };
    let file = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("migrations")
            .join(dir)
            .join("0007_cluster_summaries.sql"),
    )
    .unwrap();
    let backfill = &file[file.find("WITH sizes AS").unwrap()..];
    db.execute("DELETE FROM cluster_summaries").await;
    assert!(s.clusters(10).await.unwrap().is_empty());
    db.execute(backfill).await;
    assert_eq!(shown(s.clusters(10).await.unwrap()), kept);
}

#[tokio::test]
async fn sqlite_the_summary_backfill_gives_the_rows_the_store_keeps() {
    the_summary_backfill_gives_the_rows_the_store_keeps(crate::helpers::TestDb::sqlite().await)
        .await;
}

#[tokio::test]
async fn postgres_the_summary_backfill_gives_the_rows_the_store_keeps() {
    the_summary_backfill_gives_the_rows_the_store_keeps(crate::helpers::TestDb::postgres().await)
        .await;
}
