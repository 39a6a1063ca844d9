//! The console under attack: forged forms, script in a report, headers,
//! and errors that say nothing about the inside.

use suara::domain::role::Role;

use super::{Console, account, report_with_story};
use crate::app::spawn_app;

#[tokio::test]
async fn a_state_change_without_its_csrf_token_is_refused() {
    let app = spawn_app().await;
    let k = account(&app, "koor", Role::Koordinator, &["64"], None).await;
    let id = report_with_story(&app, 0, "Cerita.", None).await;
    let c = Console::new(&app).await;
    c.login(&k).await;
    let form = [
        ("from", "baru"),
        ("to", "ditinjau"),
        ("reason", "tanpa token"),
    ];
    let missing = c.post_raw(&format!("/reports/{id}/status"), &form).await;
    assert_eq!(missing.status, 403);
    let mut forged = form.to_vec();
    forged.push(("csrf", "forged-token"));
    assert_eq!(
        c.post_raw(&format!("/reports/{id}/status"), &forged)
            .await
            .status,
        403
    );
    assert_eq!(c.post_raw("/logout", &[]).await.status, 403);
    assert_eq!(c.post_raw("/stats.csv", &[]).await.status, 403);
    assert_eq!(
        app.db.store.report_meta(&id).await.unwrap().status,
        suara::domain::Status::Baru
    );
}

#[tokio::test]
async fn script_in_a_report_is_rendered_inert() {
    let app = spawn_app().await;
    let k = account(&app, "koor", Role::Koordinator, &["64"], None).await;
    let story = "<script>alert(1)</script> \"><img src=x onerror=alert(1)>";
    let id = report_with_story(&app, 0, story, None).await;
    let c = Console::new(&app).await;
    c.login(&k).await;
    c.get(&format!("/reports/{id}")).await;
    c.post(&format!("/reports/{id}/note"), &[("text", story)])
        .await;
    let page = c.get(&format!("/reports/{id}")).await;
    assert_eq!(page.status, 200);
    assert!(!page.body.contains("<script>alert(1)"), "script escaped");
    assert!(
        !page.body.contains("<img src=x"),
        "attribute break-out escaped"
    );
    assert!(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(
        page.body
            .contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;")
    );
    // And no inline script may run anyway.
    assert!(
        page.header("content-security-policy")
            .contains("script-src 'self'")
    );
    assert_eq!(
        page.body.matches("<script").count(),
        1,
        "only the console's own script tag"
    );
}

#[tokio::test]
async fn every_page_carries_the_security_headers() {
    let app = spawn_app().await;
    let k = account(&app, "koor", Role::Koordinator, &["64"], None).await;
    let id = report_with_story(&app, 0, "Cerita.", None).await;
    let c = Console::new(&app).await;
    let login = c.get("/login").await;
    c.login(&k).await;
    let report = c.get(&format!("/reports/{id}")).await;
    for page in [&login, &report] {
        let csp = page.header("content-security-policy");
        assert!(
            csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'"),
            "{csp}"
        );
        assert!(!csp.contains("unsafe-inline"));
        assert_eq!(page.header("x-frame-options"), "DENY");
        assert_eq!(page.header("referrer-policy"), "no-referrer");
        assert_eq!(page.header("x-content-type-options"), "nosniff");
    }
    assert_eq!(report.header("cache-control"), "no-store");
}

#[tokio::test]
async fn errors_show_a_kind_page_and_nothing_of_the_inside() {
    let app = spawn_app().await;
    let k = account(&app, "koor", Role::Koordinator, &["64"], None).await;
    let c = Console::new(&app).await;
    c.login(&k).await;
    for path in [
        "/reports/not-an-id",
        "/reports/0190f5d6-1111-7000-8000-000000000001",
        "/no/such/page",
        "/reports/%00%27",
    ] {
        let page = c.get(path).await;
        assert_eq!(page.status, 404, "{path}");
        assert!(
            page.body.contains("Tidak ditemukan"),
            "{path}: {}",
            page.body
        );
        for leak in ["sqlx", "panicked", "StoreError", "SELECT", "src/"] {
            assert!(!page.body.contains(leak), "{path} leaks {leak}");
        }
    }
    let bad_form = c
        .post(
            "/reports/0190f5d6-1111-7000-8000-000000000001/status",
            &[("to", "x")],
        )
        .await;
    assert_eq!(bad_form.status, 404);
}

#[tokio::test]
async fn a_session_cookie_from_a_guess_opens_nothing() {
    let app = spawn_app().await;
    let c = Console::new(&app).await;
    for guess in ["", "AAAA", "suara", &"A".repeat(43)] {
        c.cookies
            .lock()
            .unwrap()
            .insert("suara".into(), guess.to_owned());
        assert_eq!(c.get("/").await.location(), "/login");
    }
}
