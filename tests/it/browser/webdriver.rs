//! A minimal W3C WebDriver client over reqwest: just what the browser tests
//! use. (A full client crate would pull a second TLS stack into the build.)

use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// The W3C key of an element reference in WebDriver responses.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

pub struct Session {
    http: reqwest::Client,
    base: String,
}

impl Session {
    /// Opens a session on the driver at `driver_url` with `capabilities`.
    pub async fn new(driver_url: &str, capabilities: Value) -> Result<Self, String> {
        let http = reqwest::Client::new();
        let body = json!({"capabilities": {"alwaysMatch": capabilities}});
        let res: Value = http
            .post(format!("{driver_url}/session"))
            .json(&body)
            .send()
            .await
            .map_err(|e| e.to_string())?
            .json()
            .await
            .map_err(|e| e.to_string())?;
        let id = res["value"]["sessionId"]
            .as_str()
            .ok_or_else(|| format!("no session: {res}"))?;
        Ok(Self {
            http,
            base: format!("{driver_url}/session/{id}"),
        })
    }

    async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> Result<Value, String> {
        let mut req = self.http.request(method, format!("{}{path}", self.base));
        if let Some(body) = body {
            req = req.json(&body);
        }
        let res: Value = req
            .send()
            .await
            .map_err(|e| e.to_string())?
            .json()
            .await
            .map_err(|e| e.to_string())?;
        match res["value"].get("error") {
            Some(err) => Err(format!("{err}: {}", res["value"]["message"])),
            None => Ok(res["value"].clone()),
        }
    }

    pub async fn goto(&self, url: &str) {
        self.call(reqwest::Method::POST, "/url", Some(json!({"url": url})))
            .await
            .expect("navigate");
    }

    /// Finds an element by XPath, waiting for it up to `timeout`.
    pub async fn wait_for(&self, xpath: &str, timeout: Duration) -> Element<'_> {
        self.wait_for_by("xpath", xpath, timeout).await
    }

    /// Finds an element by CSS selector, waiting for it up to `timeout`.
    pub async fn wait_for_css(&self, css: &str, timeout: Duration) -> Element<'_> {
        self.wait_for_by("css selector", css, timeout).await
    }

    async fn wait_for_by(&self, using: &str, value: &str, timeout: Duration) -> Element<'_> {
        let deadline = Instant::now() + timeout;
        loop {
            let found = self
                .call(
                    reqwest::Method::POST,
                    "/element",
                    Some(json!({"using": using, "value": value})),
                )
                .await;
            match found {
                Ok(v) => {
                    return Element {
                        session: self,
                        id: v[ELEMENT]
                            .as_str()
                            .unwrap_or_else(|| panic!("element id in {v}"))
                            .to_owned(),
                    };
                }
                // The page renders asynchronously; poll until the deadline.
                Err(_) if Instant::now() < deadline => {
                    tokio::time::sleep(Duration::from_millis(100)).await
                }
                Err(e) => panic!("no element {value} within {timeout:?}: {e}"),
            }
        }
    }

    /// How many elements match `xpath` now (no waiting).
    pub async fn count(&self, xpath: &str) -> usize {
        self.call(
            reqwest::Method::POST,
            "/elements",
            Some(json!({"using": "xpath", "value": xpath})),
        )
        .await
        .expect("find elements")
        .as_array()
        .map_or(0, Vec::len)
    }

    /// Runs `script` (a function body; `arguments` holds `args`) in the
    /// page and returns what it returned.
    pub async fn execute(&self, script: &str, args: Vec<Value>) -> Value {
        self.call(
            reqwest::Method::POST,
            "/execute/sync",
            Some(json!({"script": script, "args": args})),
        )
        .await
        .unwrap_or_else(|e| panic!("script failed: {e}"))
    }

    /// Waits until `script` returns something truthy; panics with
    /// `what` after `timeout`.
    pub async fn wait_until(&self, script: &str, what: &str, timeout: Duration) {
        let deadline = Instant::now() + timeout;
        loop {
            let v = self
                .call(
                    reqwest::Method::POST,
                    "/execute/sync",
                    Some(json!({"script": script, "args": []})),
                )
                .await;
            let truthy = match &v {
                Ok(Value::Bool(b)) => *b,
                Ok(Value::Null) | Err(_) => false,
                Ok(Value::Number(n)) => n.as_f64() != Some(0.0),
                Ok(Value::String(s)) => !s.is_empty(),
                Ok(_) => true,
            };
            if truthy {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "{what} did not happen within {timeout:?} (last: {v:?})"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The address of the page now shown.
    pub async fn current_url(&self) -> String {
        self.call(reqwest::Method::GET, "/url", None)
            .await
            .expect("current url")
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// The page's HTML as the browser holds it now.
    pub async fn source(&self) -> String {
        self.call(reqwest::Method::GET, "/source", None)
            .await
            .expect("page source")
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// Resizes the browser window.
    pub async fn set_window_size(&self, width: u32, height: u32) {
        self.call(
            reqwest::Method::POST,
            "/window/rect",
            Some(json!({"width": width, "height": height})),
        )
        .await
        .expect("resize window");
    }

    pub async fn screenshot(&self) -> Vec<u8> {
        use base64::Engine;
        let v = self
            .call(reqwest::Method::GET, "/screenshot", None)
            .await
            .expect("screenshot");
        base64::engine::general_purpose::STANDARD
            .decode(v.as_str().unwrap_or_default())
            .unwrap_or_default()
    }

    pub async fn close(self) {
        let _ = self.call(reqwest::Method::DELETE, "", None).await;
    }
}

pub struct Element<'a> {
    session: &'a Session,
    id: String,
}

impl Element<'_> {
    pub async fn click(&self) {
        let path = format!("/element/{}/click", self.id);
        self.session
            .call(reqwest::Method::POST, &path, Some(json!({})))
            .await
            .expect("click");
    }

    pub async fn type_text(&self, text: &str) {
        let path = format!("/element/{}/value", self.id);
        self.session
            .call(reqwest::Method::POST, &path, Some(json!({"text": text})))
            .await
            .expect("type");
    }

    /// Picks the `<option>` with `value` in this `<select>`, as a click
    /// in the list would.
    pub async fn select(&self, value: &str) {
        let path = format!("/element/{}/element", self.id);
        let xpath = format!("./option[@value='{value}']");
        let option = self
            .session
            .call(
                reqwest::Method::POST,
                &path,
                Some(json!({"using": "xpath", "value": xpath})),
            )
            .await
            .unwrap_or_else(|e| panic!("no option {value}: {e}"));
        let option = Element {
            session: self.session,
            id: option[ELEMENT]
                .as_str()
                .unwrap_or_else(|| panic!("element id in {option}"))
                .to_owned(),
        };
        option.click().await;
    }

    pub async fn text(&self) -> String {
        let path = format!("/element/{}/text", self.id);
        let v = self
            .session
            .call(reqwest::Method::GET, &path, None)
            .await
            .expect("text");
        v.as_str().unwrap_or_default().to_owned()
    }
}
