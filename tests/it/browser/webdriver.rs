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
        let deadline = Instant::now() + timeout;
        loop {
            let found = self
                .call(
                    reqwest::Method::POST,
                    "/element",
                    Some(json!({"using": "xpath", "value": xpath})),
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
                Err(e) => panic!("no element {xpath} within {timeout:?}: {e}"),
            }
        }
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
