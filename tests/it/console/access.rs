//! Who sees what: the keys decide, and everything else is "not found".

use suara::domain::role::Role;

use super::{Console, account, report_with_story};
use crate::app::spawn_app;

#[tokio::test]
async fn a_petugas_from_another_region_gets_not_found() {
    let app = spawn_app().await;
    let here = account(&app, "samarinda", Role::Petugas, &["64.72"], None).await;
    let there = account(&app, "balikpapan", Role::Petugas, &["64.71"], None).await;
    // Sample 0 happened in Samarinda (64.72).
    let id = report_with_story(&app, 0, "Cerita di Samarinda.", None).await;
    let c = Console::new(&app).await;
    c.login(&here).await;
    let page = c.get(&format!("/reports/{id}")).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Cerita di Samarinda."));
    let other = Console::new(&app).await;
    let queue = other.login(&there).await;
    assert!(!queue.body.contains(&id.short()));
    let page = other.get(&format!("/reports/{id}")).await;
    assert_eq!(page.status, 404);
    assert!(!page.body.contains("Samarinda."));
}

#[tokio::test]
async fn a_petugas_loses_sight_of_a_report_assigned_to_someone_else() {
    let app = spawn_app().await;
    let k = account(&app, "koor", Role::Koordinator, &["64"], None).await;
    let p1 = account(&app, "ani", Role::Petugas, &["64.72"], None).await;
    let p2 = account(&app, "budi", Role::Petugas, &["64.72"], None).await;
    let id = report_with_story(&app, 0, "Tolong.", None).await;
    let kc = Console::new(&app).await;
    kc.login(&k).await;
    kc.get(&format!("/reports/{id}")).await;
    let done = kc
        .post(&format!("/reports/{id}/assign"), &[("to", &p1.id)])
        .await;
    assert_eq!(done.status, 303);
    let c2 = Console::new(&app).await;
    c2.login(&p2).await;
    assert_eq!(c2.get(&format!("/reports/{id}")).await.status, 404);
    let c1 = Console::new(&app).await;
    let mine = c1.login(&p1).await;
    assert!(mine.body.contains(&id.short()));
}

#[tokio::test]
async fn a_mitra_sees_only_referred_reports_and_only_the_shared_parts() {
    let app = spawn_app().await;
    let k = account(&app, "koor", Role::Koordinator, &["64"], None).await;
    let m = account(&app, "dinsos", Role::Mitra, &[], Some("dinsos-samarinda")).await;
    let other_agency = account(&app, "rs", Role::Mitra, &[], Some("rs-umum")).await;
    let referred = report_with_story(&app, 0, "Cerita yang dibagikan.", None).await;
    let unreferred = report_with_story(&app, 1, "Cerita yang tidak dirujuk.", None).await;

    let mc = Console::new(&app).await;
    mc.login(&m).await;
    assert_eq!(mc.get(&format!("/reports/{unreferred}")).await.status, 404);
    assert_eq!(mc.get(&format!("/reports/{referred}")).await.status, 404);

    let kc = Console::new(&app).await;
    kc.login(&k).await;
    let page = kc.get(&format!("/reports/{referred}")).await;
    assert!(page.body.contains("dinsos-samarinda"), "agency offered");
    let done = kc
        .post(
            &format!("/reports/{referred}/refer"),
            &[
                ("agency", "dinsos-samarinda"),
                ("share-what_happened", "on"),
                ("share-story", "on"),
                ("reason", "Butuh pendampingan."),
            ],
        )
        .await;
    assert_eq!(done.status, 303);
    let meta = app.db.store.report_meta(&referred).await.unwrap();
    assert_eq!(
        meta.status,
        suara::domain::Status::Dirujuk,
        "a new report moves to dirujuk through ditinjau"
    );

    let queue = mc.get("/").await;
    assert!(queue.body.contains(&referred.short()));
    assert!(!queue.body.contains(&unreferred.short()));
    let page = mc.get(&format!("/reports/{referred}")).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("Cerita yang dibagikan."));
    // Not shared: the victim's part and place, said as such; no actions,
    // no messages.
    assert!(page.body.contains("Tidak dibagikan dengan lembaga Anda"));
    assert!(
        !page.body.contains("Kota Samarinda"),
        "the place is not shared"
    );
    assert!(!page.body.contains("/status\""), "no status form");
    assert!(!page.body.contains("/message\""), "no message form");
    assert_eq!(mc.get(&format!("/reports/{unreferred}")).await.status, 404);

    let oc = Console::new(&app).await;
    oc.login(&other_agency).await;
    assert_eq!(oc.get(&format!("/reports/{referred}")).await.status, 404);

    // A liaison moved to another agency leaves its referrals behind.
    app.db
        .store
        .update_worker_scope(&m.id, &[], Some("rs-umum"))
        .await
        .unwrap();
    assert_eq!(mc.get(&format!("/reports/{referred}")).await.status, 404);
}

#[tokio::test]
async fn an_admin_reads_no_report() {
    let app = spawn_app().await;
    let a = account(&app, "admin", Role::Admin, &[], None).await;
    let id = report_with_story(&app, 0, "Rahasia.", None).await;
    let c = Console::new(&app).await;
    let home = c.login(&a).await;
    assert!(home.body.contains("admin"));
    let page = c.get(&format!("/reports/{id}")).await;
    assert_eq!(page.status, 404);
    assert!(!page.body.contains("Rahasia."));
}

#[tokio::test]
async fn only_admins_see_accounts_and_the_audit_log() {
    let app = spawn_app().await;
    let p = account(&app, "petugas", Role::Petugas, &["64.72"], None).await;
    let c = Console::new(&app).await;
    c.login(&p).await;
    assert_eq!(c.get("/admin/audit").await.status, 404);
    assert_eq!(c.get("/admin/users").await.status, 404);
    assert_eq!(c.get("/stats").await.status, 404);
}
