//! The triage console over real HTTP: a small client that keeps cookies
//! and CSRF tokens like a browser, and accounts with known TOTP secrets.

mod access;
mod accounts;
mod answers;
mod bare;
mod flood;
mod flows;
mod gaps;
mod lockout;
mod login;
mod messages;
mod referral_scope;
mod reports;
mod security;
mod stats;

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

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::Utc;
use reqwest::header::{COOKIE, HeaderMap, SET_COOKIE};
use suara::crypto::{ServerKey, TotpKey};
use suara::domain::ReportId;
use suara::domain::role::Role;
use suara::service::accounts::create;

use crate::app::{TestApp, test_kdf};

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

/// A response, read whole.
pub struct Page {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: String,
}

impl Page {
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    pub fn location(&self) -> &str {
        self.header("location")
    }

    /// The value of the first hidden `name` field.
    pub fn field(&self, name: &str) -> Option<String> {
        let marker = format!("name=\"{name}\" value=\"");
        let start = self.body.find(&marker)? + marker.len();
        let end = self.body[start..].find('"')? + start;
        Some(self.body[start..end].to_owned())
    }
}

/// A browser-like client: keeps cookies, follows no redirects by itself.
pub struct Console {
    pub base: String,
    client: reqwest::Client,
    pub cookies: Mutex<HashMap<String, String>>,
    pub csrf: Mutex<String>,
}

impl Console {
    pub async fn new(app: &TestApp) -> Self {
        Self::at(app.console_url().await)
    }

    /// A client of the console at `base`.
    pub fn at(base: String) -> Self {
        Self {
            base,
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("client"),
            cookies: Mutex::new(HashMap::new()),
            csrf: Mutex::new(String::new()),
        }
    }

    /// A GET with extra headers.
    pub async fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> Page {
        let mut request = self
            .client
            .get(format!("{}{path}", self.base))
            .header(COOKIE, self.cookie_header());
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        self.read(request.send().await.expect("GET")).await
    }

    /// Posts a form with the last page's CSRF token and extra headers.
    pub async fn post_with(
        &self,
        path: &str,
        form: &[(&str, &str)],
        headers: &[(&str, &str)],
    ) -> Page {
        let token = self.csrf.lock().unwrap().clone();
        let mut fields = form.to_vec();
        fields.push(("csrf", &token));
        let mut request = self
            .client
            .post(format!("{}{path}", self.base))
            .header(COOKIE, self.cookie_header())
            .form(&fields);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        self.read(request.send().await.expect("POST")).await
    }

    fn cookie_header(&self) -> String {
        let jar = self.cookies.lock().unwrap();
        jar.iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    async fn read(&self, response: reqwest::Response) -> Page {
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        for value in headers.get_all(SET_COOKIE) {
            let text = value.to_str().unwrap_or("");
            let pair = text.split(';').next().unwrap_or("");
            if let Some((k, v)) = pair.split_once('=') {
                let mut jar = self.cookies.lock().unwrap();
                if v.is_empty() || text.contains("Max-Age=0") {
                    jar.remove(k);
                } else {
                    jar.insert(k.to_owned(), v.to_owned());
                }
            }
        }
        let body = response.text().await.unwrap_or_default();
        let page = Page {
            status,
            headers,
            body,
        };
        if let Some(token) = page.field("csrf") {
            *self.csrf.lock().unwrap() = token;
        }
        page
    }

    pub async fn get(&self, path: &str) -> Page {
        let response = self
            .client
            .get(format!("{}{path}", self.base))
            .header(COOKIE, self.cookie_header())
            .send()
            .await
            .expect("GET");
        self.read(response).await
    }

    /// GETs raw bytes: (status, content type, body).
    pub async fn get_bytes(&self, path: &str) -> (u16, String, Vec<u8>) {
        let response = self
            .client
            .get(format!("{}{path}", self.base))
            .header(COOKIE, self.cookie_header())
            .send()
            .await
            .expect("GET");
        let status = response.status().as_u16();
        let kind = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        (
            status,
            kind,
            response.bytes().await.unwrap_or_default().to_vec(),
        )
    }

    /// Posts a form as is (no token added).
    pub async fn post_raw(&self, path: &str, form: &[(&str, &str)]) -> Page {
        let response = self
            .client
            .post(format!("{}{path}", self.base))
            .header(COOKIE, self.cookie_header())
            .form(form)
            .send()
            .await
            .expect("POST");
        self.read(response).await
    }

    /// Posts a form with the CSRF token of the last page.
    pub async fn post(&self, path: &str, form: &[(&str, &str)]) -> Page {
        let token = self.csrf.lock().unwrap().clone();
        let mut fields = form.to_vec();
        fields.push(("csrf", &token));
        self.post_raw(path, &fields).await
    }

    /// Tries to log in; returns the response to the form.
    pub async fn try_login(&self, username: &str, password: &str, code: &str) -> Page {
        self.get("/login").await;
        self.post(
            "/login",
            &[
                ("username", username),
                ("password", password),
                ("code", code),
            ],
        )
        .await
    }

    /// Logs in (asserting success) and loads the home page.
    pub async fn login(&self, account: &Account) -> Page {
        let page = self
            .try_login(&account.username, &account.password, &account.fresh_code())
            .await;
        assert_eq!(
            page.status, 303,
            "login of {} failed: {}",
            account.username, page.body
        );
        let home = page.location().to_owned();
        self.get(&home).await
    }

    pub fn session_cookie(&self) -> Option<String> {
        self.cookies.lock().unwrap().get("suara").cloned()
    }
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
