//! The gaps the outside attack found (issue 12, point 6): timing headers,
//! redirects that could leave the site, rejections that bypassed the error
//! page, cookies behind a TLS proxy, and usernames checked in one place.

use suara::domain::role::Role;

use super::{Console, account, on_both_databases, report_with_story};
use crate::app::TestApp;

on_both_databases!(
    the_queue_sends_no_server_timing_unless_debugging,
    a_language_switch_redirects_only_to_a_path_of_this_site,
    every_rejection_gets_the_error_page,
    forwarded_https_counts_only_behind_a_trusted_proxy,
    the_admin_page_refuses_a_username_the_rules_refuse
);

async fn the_queue_sends_no_server_timing_unless_debugging(mut app: TestApp) {
    let k = account(&app, "koor", Role::Koordinator, &["64"], None).await;
    let c = Console::new(&app).await;
    let queue = c.login(&k).await;
    assert_eq!(queue.status, 200);
    assert_eq!(queue.header("server-timing"), "");
    app.settings.console.debug_timing = true;
    app.restart_bot().await;
    let c = Console::new(&app).await;
    let queue = c.login(&k).await;
    assert!(queue.header("server-timing").starts_with("db;dur="));
}

async fn a_language_switch_redirects_only_to_a_path_of_this_site(app: TestApp) {
    let c = Console::new(&app).await;
    for (path, expected) in [
        ("/\\evil.example/?lang=en", "/"),
        ("/%5Cevil.example/?lang=en", "/%5Cevil.example/"),
        ("/login?lang=en&x=1", "/login?x=1"),
    ] {
        let page = c.get(path).await;
        assert_eq!(page.status, 303, "{path}");
        let to = page.location();
        assert_eq!(to, expected, "{path}");
        assert!(
            !to.starts_with("//") && !to.starts_with("/\\"),
            "{path}: {to}"
        );
    }
}

async fn every_rejection_gets_the_error_page(app: TestApp) {
    let a = account(&app, "admin", Role::Admin, &[], None).await;
    let k = account(&app, "koor", Role::Koordinator, &["64"], None).await;
    let id = report_with_story(&app, 0, "Cerita.", None).await;
    let ac = Console::new(&app).await;
    ac.login(&a).await;
    let kc = Console::new(&app).await;
    kc.login(&k).await;
    for (c, path, status) in [
        (&kc, "/reports/%ff".to_owned(), 400),
        (&ac, "/admin/audit?before=abc".to_owned(), 400),
        (&kc, "/?after=1.2".to_owned(), 200),
        (&kc, format!("/reports/{id}/files/%ff%fe"), 400),
    ] {
        let page = c.get(&path).await;
        assert_eq!(page.status, status, "{path}");
        assert!(
            page.header("content-type").starts_with("text/html"),
            "{path}: {}",
            page.header("content-type")
        );
        assert!(page.body.contains("<main>"), "{path}: {}", page.body);
        assert!(!page.body.contains("Failed to deserialize"), "{path}");
    }
    let wrong_type = kc.post_raw(&format!("/reports/{id}/note"), &[]).await;
    assert!(wrong_type.header("content-type").starts_with("text/html"));
}

async fn forwarded_https_counts_only_behind_a_trusted_proxy(mut app: TestApp) {
    let k = account(&app, "koor", Role::Koordinator, &["64"], None).await;
    let https = [("x-forwarded-proto", "https")];
    let cookies = |page: &super::Page| -> Vec<String> {
        page.headers
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().unwrap().to_owned())
            .collect()
    };
    // Not trusted: the header changes nothing.
    let c = Console::new(&app).await;
    let page = c.get_with("/login", &https).await;
    assert!(
        cookies(&page)
            .iter()
            .all(|c| !c.contains("Secure") && !c.starts_with("__Host-"))
    );

    app.settings.console.trust_forwarded_for = true;
    app.restart_bot().await;
    let c = Console::new(&app).await;
    let page = c.get_with("/login", &https).await;
    let set = cookies(&page);
    assert!(
        set.iter().any(|c| c.starts_with("__Host-suara_login=")),
        "{set:?}"
    );
    let signed = c
        .post_with(
            "/login",
            &[
                ("username", "koor"),
                ("password", &k.password),
                ("code", &k.fresh_code()),
            ],
            &https,
        )
        .await;
    assert_eq!(signed.status, 303, "{}", signed.body);
    for cookie in cookies(&signed) {
        assert!(cookie.starts_with("__Host-"), "{cookie}");
        assert!(
            cookie.contains("; Secure") && cookie.contains("Path=/"),
            "{cookie}"
        );
        assert!(!cookie.contains("Domain"), "{cookie}");
    }
    assert_eq!(c.get_with("/", &https).await.status, 200);
    let lang = c.get_with("/?lang=en", &https).await;
    assert!(
        cookies(&lang)
            .iter()
            .any(|c| c.starts_with("__Host-lang=en") && c.contains("Secure"))
    );
    // Plain http behind the same proxy: no Secure cookie, and the
    // __Host- session is not read.
    assert_eq!(c.get("/").await.status, 303);
}

async fn the_admin_page_refuses_a_username_the_rules_refuse(app: TestApp) {
    let a = account(&app, "admin", Role::Admin, &[], None).await;
    let c = Console::new(&app).await;
    c.login(&a).await;
    for bad in ["a b", "<script>", "", &"x".repeat(65)] {
        c.get("/admin/users").await;
        let page = c
            .post(
                "/admin/users",
                &[
                    ("username", bad),
                    ("role", "petugas"),
                    ("regions", "64.72"),
                    ("agency", ""),
                ],
            )
            .await;
        assert!(
            page.location().contains("user-bad-username"),
            "{bad:?}: {}",
            page.location()
        );
    }
    assert!(
        app.db
            .store
            .worker_by_username("a b")
            .await
            .unwrap()
            .is_none()
    );
}
