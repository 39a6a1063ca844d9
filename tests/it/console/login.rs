//! Signing in: password and TOTP, enrolment, lockout, replay, logout.

use suara::domain::role::Role;

use super::{Console, account};
use crate::app::spawn_app;

#[tokio::test]
async fn without_a_session_every_page_leads_to_the_login() {
    let app = spawn_app().await;
    let c = Console::new(&app).await;
    for path in [
        "/",
        "/stats",
        "/admin/audit",
        "/reports/0190f5d6-1111-7000-8000-000000000001",
    ] {
        let page = c.get(path).await;
        assert_eq!(page.status, 303, "{path}");
        assert_eq!(page.location(), "/login", "{path}");
    }
    let login = c.get("/login").await;
    assert_eq!(login.status, 200);
    assert!(login.body.contains("name=\"password\""));
}

#[tokio::test]
async fn a_koordinator_signs_in_with_password_and_code_and_gets_a_fresh_strict_cookie() {
    let app = spawn_app().await;
    let k = account(&app, "kartini", Role::Koordinator, &["64"], None).await;
    let c = Console::new(&app).await;
    c.get("/login").await;
    let page = c
        .post(
            "/login",
            &[
                ("username", "kartini"),
                ("password", &k.password),
                ("code", &k.fresh_code()),
            ],
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.body);
    let set_cookie: Vec<&str> = page
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    let session = set_cookie
        .iter()
        .find(|c| c.starts_with("suara="))
        .expect("session cookie");
    assert!(
        session.contains("HttpOnly") && session.contains("SameSite=Strict"),
        "{session}"
    );
    let first = c.session_cookie().unwrap();
    let queue = c.get("/").await;
    assert_eq!(queue.status, 200);
    assert!(queue.body.contains("kartini"));
    // Signing in again rotates the session: the old cookie stops working.
    c.get("/login").await;
    c.post(
        "/login",
        &[
            ("username", "kartini"),
            ("password", &k.password),
            ("code", &k.fresh_code()),
        ],
    )
    .await;
    let second = c.session_cookie().unwrap();
    assert_ne!(first, second);
    let old = Console::new(&app).await;
    old.cookies.lock().unwrap().insert("suara".into(), first);
    assert_eq!(old.get("/").await.status, 303);
}

#[tokio::test]
async fn a_wrong_code_or_password_is_refused_without_saying_which() {
    let app = spawn_app().await;
    let p = account(&app, "dewi", Role::Petugas, &["64.72"], None).await;
    let c = Console::new(&app).await;
    let wrong_code = c.try_login("dewi", &p.password, "000000").await;
    assert_eq!(wrong_code.status, 401);
    let wrong_password = c
        .try_login("dewi", "not-her-password", &p.fresh_code())
        .await;
    assert_eq!(wrong_password.status, 401);
    let nobody = c.try_login("nobody", "whatever-password", "123456").await;
    assert_eq!(nobody.status, 401);
    let without_token = |p: &super::Page| p.body.replace(&p.field("csrf").unwrap(), "");
    assert_eq!(without_token(&wrong_code), without_token(&nobody));
}

#[tokio::test]
async fn the_eleventh_wrong_password_finds_the_account_locked() {
    let app = spawn_app().await;
    let p = account(&app, "sari", Role::Petugas, &["64.72"], None).await;
    let c = Console::new(&app).await;
    for attempt in 1..=9 {
        let page = c.try_login("sari", "wrong-password-xx", "123456").await;
        assert_eq!(page.status, 401, "attempt {attempt}");
    }
    let tenth = c.try_login("sari", "wrong-password-xx", "123456").await;
    assert_eq!(tenth.status, 403, "the tenth failure locks");
    let eleventh = c.try_login("sari", &p.password, &p.fresh_code()).await;
    assert_eq!(eleventh.status, 403);
    assert!(eleventh.body.contains("dikunci"), "{}", eleventh.body);
    assert!(c.session_cookie().is_none());
}

#[tokio::test]
async fn a_replayed_totp_code_is_refused() {
    let app = spawn_app().await;
    let k = account(&app, "rina", Role::Koordinator, &["64"], None).await;
    let code = k.fresh_code();
    let c = Console::new(&app).await;
    assert_eq!(c.try_login("rina", &k.password, &code).await.status, 303);
    let again = Console::new(&app).await;
    let replay = again.try_login("rina", &k.password, &code).await;
    assert_eq!(replay.status, 401);
    assert!(again.session_cookie().is_none());
}

#[tokio::test]
async fn a_login_form_without_its_token_is_refused() {
    let app = spawn_app().await;
    let k = account(&app, "tari", Role::Koordinator, &["64"], None).await;
    let c = Console::new(&app).await;
    let page = c
        .post_raw(
            "/login",
            &[
                ("username", "tari"),
                ("password", &k.password),
                ("code", &k.fresh_code()),
            ],
        )
        .await;
    assert_eq!(page.status, 403);
}

#[tokio::test]
async fn a_new_account_enrols_totp_from_a_qr_code_at_first_login() {
    let app = spawn_app().await;
    let password = "first-login-password";
    let id = suara::service::accounts::create(
        app.db.store.as_ref(),
        &crate::app::test_kdf(),
        &crate::helpers::account("baru", Role::Petugas, &["64.72"], None),
        password,
        "test",
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    let c = Console::new(&app).await;
    let page = c.try_login("baru", password, "").await;
    assert_eq!(page.location(), "/enrol");
    let enrol = c.get("/enrol").await;
    assert_eq!(enrol.status, 200);
    assert!(enrol.body.contains("<svg"), "QR code inline");
    // The queue is not reachable before enrolment ends.
    assert_eq!(c.get("/").await.status, 303);
    let secret = {
        let start = enrol.body.find("class=\"secret\">").unwrap() + "class=\"secret\">".len();
        enrol.body[start..start + 32].to_owned()
    };
    let totp = suara::crypto::TotpKey::from_bytes(&base32_decode(&secret)).unwrap();
    let wrong = c
        .post(
            "/enrol",
            &[
                ("pending", &enrol.field("pending").unwrap()),
                ("code", "000000"),
            ],
        )
        .await;
    assert_eq!(wrong.status, 422);
    let code = totp.code_at(chrono::Utc::now().timestamp() as u64);
    let done = c
        .post(
            "/enrol",
            &[
                ("pending", &enrol.field("pending").unwrap()),
                ("code", &code),
            ],
        )
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
    assert_eq!(c.get("/").await.status, 200);
    let worker = app.db.store.worker_by_id(&id).await.unwrap().unwrap();
    assert!(worker.totp.is_some());
}

pub fn base32_decode(s: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut bits = 0u64;
    let mut n = 0;
    let mut out = Vec::new();
    for c in s.bytes() {
        let v = ALPHABET.iter().position(|a| *a == c).expect("base32") as u64;
        bits = (bits << 5) | v;
        n += 5;
        if n >= 8 {
            n -= 8;
            out.push((bits >> n) as u8);
        }
    }
    out
}

#[tokio::test]
async fn logging_out_ends_the_session_and_clears_site_data() {
    let app = spawn_app().await;
    let k = account(&app, "wati", Role::Koordinator, &["64"], None).await;
    let c = Console::new(&app).await;
    c.login(&k).await;
    let cookie = c.session_cookie().unwrap();
    let out = c.post("/logout", &[]).await;
    assert_eq!(out.status, 303);
    assert!(out.header("clear-site-data").contains("cookies"));
    let stale = Console::new(&app).await;
    stale.cookies.lock().unwrap().insert("suara".into(), cookie);
    assert_eq!(stale.get("/").await.location(), "/login");
}

#[tokio::test]
async fn an_idle_session_ends_with_clear_site_data() {
    let app = spawn_app().await;
    let k = account(&app, "yuni", Role::Koordinator, &["64"], None).await;
    let c = Console::new(&app).await;
    c.login(&k).await;
    let token = suara::crypto::SessionToken::from_cookie(&c.session_cookie().unwrap()).unwrap();
    let an_hour_ago = chrono::Utc::now() - chrono::Duration::hours(1);
    app.db
        .store
        .touch_session(&token.id_hash(), an_hour_ago)
        .await
        .unwrap();
    let page = c.get("/").await;
    assert_eq!(page.status, 303);
    assert_eq!(page.location(), "/login?ended=1");
    assert!(page.header("clear-site-data").contains("cookies"));
    assert!(
        app.db
            .store
            .session(&token.id_hash())
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn the_console_speaks_english_when_asked_and_remembers_it() {
    let app = spawn_app().await;
    let c = Console::new(&app).await;
    assert!(c.get("/login").await.body.contains("Masuk ke konsol"));
    let switch = c.get("/login?lang=en").await;
    assert_eq!(switch.status, 303);
    assert_eq!(switch.location(), "/login");
    assert!(
        c.get("/login")
            .await
            .body
            .contains("Sign in to the console")
    );
    let back = c.get("/login?lang=id").await;
    assert_eq!(back.location(), "/login");
    assert!(c.get("/login").await.body.contains("Masuk ke konsol"));
}
