//! Statistics: clear metadata only, SVG charts with the numbers, and an
//! audited CSV without story text.

use suara::domain::role::Role;

use super::{Console, account, report_with_story};
use crate::app::spawn_app;

#[tokio::test]
async fn statistics_count_reports_and_export_an_audited_csv_without_stories() {
    let app = spawn_app().await;
    let k = account(&app, "koor", Role::Koordinator, &["64"], None).await;
    for i in 0..4 {
        report_with_story(&app, i, &format!("Cerita rahasia nomor {i}."), None).await;
    }
    let c = Console::new(&app).await;
    c.login(&k).await;
    let page = c.get("/stats").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Jumlah laporan: 4"), "{}", page.body);
    assert!(page.body.contains("<svg"), "charts drawn on the server");
    assert!(
        page.body.contains("Kalimantan Timur"),
        "counts by province, named"
    );
    assert!(!page.body.contains("rahasia"));
    let csv = c.post("/stats.csv", &[]).await;
    assert_eq!(csv.status, 200);
    assert!(csv.header("content-type").starts_with("text/csv"));
    assert!(csv.body.starts_with("kategori,kode,label,jumlah"));
    assert!(csv.body.contains("total,,"));
    assert!(!csv.body.contains("rahasia"));
    let audit = app.db.store.audit_entries(0, 1000).await.unwrap();
    assert!(
        audit
            .iter()
            .any(|a| a.action == "stats.exported" && a.actor == k.id)
    );
}

#[tokio::test]
async fn an_admin_sees_the_audit_log_chain_intact() {
    let app = spawn_app().await;
    let a = account(&app, "admin", Role::Admin, &[], None).await;
    let c = Console::new(&app).await;
    c.login(&a).await;
    let page = c.get("/admin/audit").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("login.ok"));
    assert!(page.body.contains("utuh"), "chain on the page verifies");
}

super::on_both_databases!(statistics_and_the_csv_count_by_kabupaten_kota);

async fn statistics_and_the_csv_count_by_kabupaten_kota(app: crate::app::TestApp) {
    let k = account(&app, "koor", Role::Koordinator, &["64"], None).await;
    // Samples 0 and 2 happened in Samarinda (64.72), sample 1 in Balikpapan.
    for i in 0..3 {
        report_with_story(&app, i, "Cerita.", None).await;
    }
    let c = Console::new(&app).await;
    c.login(&k).await;
    let page = c.get("/stats").await;
    assert!(page.body.contains("Kabupaten/kota"));
    for regency in ["Kota Samarinda", "Kota Balikpapan"] {
        assert!(page.body.contains(regency), "{regency}");
    }
    let csv = c.post("/stats.csv", &[]).await;
    assert!(
        csv.body
            .contains("kabupaten_kota,64.72,Kota Samarinda,2\r\n"),
        "{}",
        csv.body
    );
    assert!(
        csv.body
            .contains("kabupaten_kota,64.71,Kota Balikpapan,1\r\n"),
        "{}",
        csv.body
    );
}
