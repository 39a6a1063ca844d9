//! The demo's network (issue 16, point 7) as a koordinator meets it, and
//! the statistics of links (point 6): counts per month on the page, and
//! nothing of them in the Simfoni CSV.

use suara::domain::role::Role;

use super::{Console, account, on_both_databases, server_key};
use crate::app::TestApp;

on_both_databases!(the_demo_shows_one_network_of_three_and_the_csv_names_none_of_it);

async fn the_demo_shows_one_network_of_three_and_the_csv_names_none_of_it(app: TestApp) {
    let store = app.db.store.as_ref();
    suara::demo::ensure_sample_reports(store, &server_key(&app))
        .await
        .unwrap();
    let clusters = store.clusters(10).await.unwrap();
    assert_eq!(clusters.len(), 1, "one network in the demo");
    assert_eq!(clusters[0].size, 3);

    let k = account(&app, "koor", Role::Koordinator, &["64"], None).await;
    let c = Console::new(&app).await;
    c.login(&k).await;
    let page = c.get("/networks").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains(&format!("/networks/{}", clusters[0].id)));
    for region in ["Kota Samarinda", "Kutai Kartanegara", "Luar negeri"] {
        assert!(page.body.contains(region), "{region}");
    }
    let stats = c.get("/stats").await;
    assert!(
        stats
            .body
            .contains("Laporan yang terkait dengan laporan lain, per bulan")
    );
    assert!(stats.body.contains("Jaringan baru, per bulan"));
    let csv = c.post("/stats.csv", &[]).await;
    assert_eq!(csv.status, 200);
    assert!(csv.body.starts_with("kategori,kode,label,jumlah"));
    for never in [
        "4417", "cahaya", "Cahaya", "rudi", "Rudi", "jaringan", "terkait",
    ] {
        assert!(!csv.body.contains(never), "{never} in the CSV");
    }
}
