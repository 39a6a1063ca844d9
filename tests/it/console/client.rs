//! A browser-like client of the console over real HTTP: it keeps cookies
//! and the CSRF token of the last page, and follows no redirect by itself.

use std::collections::HashMap;
use std::sync::Mutex;

use reqwest::header::{COOKIE, HeaderMap, SET_COOKIE};

use super::{Account, TestApp};

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
