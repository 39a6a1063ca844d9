//! The triage console over real HTTP: a small client that keeps cookies
//! and CSRF tokens like a browser, and accounts with known TOTP secrets.

mod access;
mod accounts;
mod answers;
mod bare;
pub(crate) mod client;
mod flood;
mod flows;
mod gaps;
mod lockout;
mod login;
mod messages;
mod networks;
mod referral_scope;
mod reports;
mod security;
mod stats;
mod watchlist;

/// Declares an HTTP test twice, as `sqlite::<name>` and `postgres::<name>`,
/// each with its own app (simulator, bot and console) on a fresh database.
macro_rules! on_both_databases {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $name() {
                    super::$name($crate::app::spawn_app().await).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test]
                async fn $name() {
                    let db = $crate::helpers::TestDb::postgres().await;
                    super::$name($crate::app::spawn_app_on(db).await).await;
                }
            )*
        }
    };
}
pub(crate) use on_both_databases;

use std::sync::atomic::{AtomicU64, Ordering};

use chrono::Utc;
use suara::crypto::{ServerKey, TotpKey};
use suara::domain::ReportId;
use suara::domain::role::Role;
use suara::service::accounts::create;

use crate::app::{TestApp, test_kdf};
pub use client::{Console, Page};

/// A console account made for a test, with its second factor.
pub struct Account {
    pub id: String,
    pub username: String,
    pub password: String,
    pub totp: TotpKey,
    /// Logins so far: each uses the next 30-second step, so two logins in
    /// one test are not a replay.
    logins: AtomicU64,
}

impl Account {
    /// An account whose owner enrolled through the console (see
    /// [`enrol_through_link`]).
    pub fn enrolled(id: String, username: &str, password: &str, totp: TotpKey) -> Self {
        Self {
            id,
            username: username.to_owned(),
            password: password.to_owned(),
            totp,
            logins: AtomicU64::new(1),
        }
    }

    /// A code no login of this account has used yet.
    pub fn fresh_code(&self) -> String {
        let n = self.logins.fetch_add(1, Ordering::SeqCst);
        self.totp.code_at(Utc::now().timestamp() as u64 + 30 * n)
    }
}

pub fn server_key(app: &TestApp) -> ServerKey {
    use secrecy::ExposeSecret;
    let inline = app
        .settings
        .keys
        .server_key
        .as_ref()
        .expect("test server key");
    ServerKey::from_base64(inline.expose_secret()).expect("valid key")
}

/// Creates an account with TOTP already enrolled.
pub async fn account(
    app: &TestApp,
    username: &str,
    role: Role,
    regions: &[&str],
    agency: Option<&str>,
) -> Account {
    let password = format!("{username}-password-long");
    let id = create(
        app.db.store.as_ref(),
        &test_kdf(),
        &crate::helpers::account(username, role, regions, agency),
        &password,
        "test",
        Utc::now(),
    )
    .await
    .expect("account created");
    let totp = TotpKey::generate();
    suara::service::login::set_totp(app.db.store.as_ref(), &server_key(app), &id, &totp)
        .await
        .expect("totp set");
    Account {
        id,
        username: username.to_owned(),
        password,
        totp,
        logins: AtomicU64::new(0),
    }
}

/// Submits a made-up report (sample `i`, with `story` as her words) and
/// returns its id. Workers must exist before, to be sealed the key.
pub async fn report_with_story(
    app: &TestApp,
    i: usize,
    story: &str,
    chat: Option<i64>,
) -> ReportId {
    let mut request = suara::samples::sample_request(i);
    request.answers.story = vec![suara::conversation::StoryPart::Text(story.to_owned())];
    request.answers.contact = Some(suara::domain::ContactPreference::ThroughBot);
    suara::samples::submit_request(
        app.db.store.as_ref(),
        &server_key(app),
        &request,
        chat,
        Utc::now(),
    )
    .await
    .expect("report stored")
    .id
}

/// An admin (signed in on `admin`) invites an account through the admin
/// page; returns the one-time link the page shows.
pub async fn invite(
    admin: &Console,
    username: &str,
    role: &str,
    regions: &str,
    agency: &str,
) -> String {
    admin.get("/admin/users").await;
    let page = admin
        .post(
            "/admin/users",
            &[
                ("username", username),
                ("role", role),
                ("regions", regions),
                ("agency", agency),
            ],
        )
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(
        !page.body.contains("name=\"password\""),
        "the admin never chooses the password"
    );
    let start = page.body.find("/welcome/").expect("the link is shown");
    let end = start + page.body[start..].find('<').unwrap();
    page.body[start..end].to_owned()
}

/// The owner opens the link, sets `password`, signs in and enrols TOTP.
pub async fn enrol_through_link(
    app: &TestApp,
    link: &str,
    username: &str,
    password: &str,
) -> Account {
    let c = Console::new(app).await;
    let form = c.get(link).await;
    assert_eq!(form.status, 200, "{}", form.body);
    let set = c
        .post(link, &[("password", password), ("repeat", password)])
        .await;
    assert_eq!(set.location(), "/login?set=1", "{}", set.body);
    let first = c.try_login(username, password, "").await;
    assert_eq!(first.location(), "/enrol", "{}", first.body);
    let enrol = c.get("/enrol").await;
    let marker = "class=\"secret\">";
    let start = enrol.body.find(marker).unwrap() + marker.len();
    let secret = &enrol.body[start..start + 32];
    let totp = TotpKey::from_bytes(&login::base32_decode(secret)).unwrap();
    let code = totp.code_at(Utc::now().timestamp() as u64);
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
    let id = app
        .db
        .store
        .worker_by_username(username)
        .await
        .unwrap()
        .unwrap()
        .id;
    Account::enrolled(id, username, password, totp)
}
