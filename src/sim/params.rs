//! Request parameters: decoding of JSON, urlencoded and multipart bodies into
//! one JSON object, and tolerant typed getters (Telegram accepts `"123"` for
//! integers and `"true"` for booleans).

use std::collections::HashMap;

use axum::extract::{FromRequest, Multipart, Request};
use serde_json::{Map, Value};

use super::error::ApiError;
use super::log::UploadRecord;

/// An uploaded file part.
#[derive(Debug, Clone)]
pub struct Upload {
    /// File name from the part header.
    pub file_name: Option<String>,
    /// Content type from the part header.
    pub content_type: Option<String>,
    /// Bytes.
    pub bytes: Vec<u8>,
}

/// Decoded parameters of one call.
#[derive(Debug, Clone, Default)]
pub struct Params {
    /// Parameters as JSON, in arrival order of names in `names`.
    pub map: Map<String, Value>,
    /// Parameter names in arrival order.
    pub names: Vec<String>,
    /// File parts by field name.
    pub uploads: HashMap<String, Upload>,
    /// Body encoding.
    pub transport: &'static str,
}

/// Fields that are strings in the Bot API even when they look like numbers.
const STRING_FIELDS: &[&str] = &[
    "text",
    "caption",
    "parse_mode",
    "secret_token",
    "url",
    "title",
    "description",
    "business_connection_id",
    "emoji",
    "callback_query_id",
    "language_code",
    "action",
    "file_id",
    "inline_message_id",
    "message_effect_id",
    "question",
    "address",
    "first_name",
    "last_name",
    "phone_number",
    "vcard",
    "performer",
    "ip_address",
];

/// Turns a form/multipart string into the JSON value it stands for.
pub fn coerce(name: &str, raw: &str) -> Value {
    let t = raw.trim_start();
    if (t.starts_with('{') || t.starts_with('['))
        && let Ok(v) = serde_json::from_str::<Value>(raw)
    {
        return v;
    }
    if STRING_FIELDS.contains(&name) {
        return Value::String(raw.to_owned());
    }
    match raw {
        "true" => return Value::Bool(true),
        "false" => return Value::Bool(false),
        _ => {}
    }
    if let Ok(n) = raw.parse::<i64>()
        && n.to_string() == raw
    {
        return Value::from(n);
    }
    Value::String(raw.to_owned())
}

impl Params {
    fn push(&mut self, name: String, value: Value) {
        self.names.push(name.clone());
        self.map.insert(name, value);
    }

    /// Decodes a request body according to its content type.
    pub async fn decode(req: Request, query: Option<&str>) -> Result<Self, ApiError> {
        let ctype = req
            .headers()
            .get(axum::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_ascii_lowercase();
        let mut p = Params {
            transport: "empty",
            ..Default::default()
        };
        if let Some(q) = query.filter(|q| !q.is_empty()) {
            p.transport = "query";
            p.add_urlencoded(q.as_bytes())?;
        }
        if ctype.starts_with("multipart/form-data") {
            p.transport = "multipart";
            let mut mp = Multipart::from_request(req, &())
                .await
                .map_err(|e| ApiError::bad(format!("can't parse multipart body: {e}")))?;
            while let Some(field) = mp
                .next_field()
                .await
                .map_err(|e| ApiError::bad(format!("can't parse multipart body: {e}")))?
            {
                let name = field.name().unwrap_or("").to_owned();
                let file_name = field.file_name().map(str::to_owned);
                let content_type = field.content_type().map(str::to_owned);
                let bytes = field
                    .bytes()
                    .await
                    .map_err(|e| ApiError::bad(format!("can't read multipart field: {e}")))?;
                if file_name.is_some() {
                    let upload = Upload {
                        file_name,
                        content_type,
                        bytes: bytes.to_vec(),
                    };
                    p.uploads.insert(name, upload);
                } else {
                    let raw = String::from_utf8_lossy(&bytes).into_owned();
                    let v = coerce(&name, &raw);
                    p.push(name, v);
                }
            }
            // Direct uploads (a part named like the parameter) are logged as
            // the attach reference Telegram would also accept.
            let direct: Vec<String> = p
                .uploads
                .keys()
                .filter(|k| !p.map.contains_key(*k))
                .cloned()
                .collect();
            for name in direct {
                let att = Value::String(format!("attach://{name}"));
                if !p.map.values().any(|v| v == &att) {
                    p.push(name, att);
                }
            }
            return Ok(p);
        }
        let body = axum::body::to_bytes(req.into_body(), 64 * 1024 * 1024)
            .await
            .map_err(|e| ApiError::bad(format!("can't read request body: {e}")))?;
        if body.iter().all(u8::is_ascii_whitespace) {
            return Ok(p);
        }
        if ctype.starts_with("application/x-www-form-urlencoded") {
            p.transport = "form";
            p.add_urlencoded(&body)?;
        } else {
            p.transport = "json";
            let v: Value = serde_json::from_slice(&body)
                .map_err(|e| ApiError::bad(format!("can't parse JSON object: {e}")))?;
            let Value::Object(obj) = v else {
                return Err(ApiError::bad("JSON body must be an object"));
            };
            for (k, v) in obj {
                p.push(k, v);
            }
        }
        Ok(p)
    }

    fn add_urlencoded(&mut self, raw: &[u8]) -> Result<(), ApiError> {
        for (k, v) in url::form_urlencoded::parse(raw) {
            let val = coerce(&k, &v);
            self.push(k.into_owned(), val);
        }
        Ok(())
    }

    /// Upload records for the request log.
    pub fn upload_records(&self) -> Vec<UploadRecord> {
        let mut v: Vec<UploadRecord> = self
            .uploads
            .iter()
            .map(|(k, u)| UploadRecord {
                field: k.clone(),
                file_name: u.file_name.clone(),
                content_type: u.content_type.clone(),
                size: u.bytes.len(),
            })
            .collect();
        v.sort_by(|a, b| a.field.cmp(&b.field));
        v
    }

    /// String parameter (numbers are accepted and stringified).
    pub fn str(&self, k: &str) -> Option<String> {
        match self.map.get(k)? {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    /// Integer parameter (numeric strings are accepted).
    pub fn i64(&self, k: &str) -> Option<i64> {
        match self.map.get(k)? {
            Value::Number(n) => n.as_i64(),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    }

    /// Boolean parameter, false when absent.
    pub fn bool(&self, k: &str) -> bool {
        match self.map.get(k) {
            Some(Value::Bool(b)) => *b,
            Some(Value::String(s)) => s == "true" || s == "1",
            Some(Value::Number(n)) => n.as_i64() == Some(1),
            _ => false,
        }
    }

    /// Object/array parameter; JSON strings are parsed.
    pub fn json(&self, k: &str) -> Result<Option<Value>, ApiError> {
        match self.map.get(k) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => serde_json::from_str(s)
                .map(Some)
                .map_err(|_| ApiError::bad(format!("can't parse {k} JSON object"))),
            Some(v) => Ok(Some(v.clone())),
        }
    }

    /// Required integer, "Bad Request: <k> is empty" when missing.
    pub fn req_i64(&self, k: &str) -> Result<i64, ApiError> {
        if !self.map.contains_key(k) {
            return Err(ApiError::bad(format!("{k} is empty")));
        }
        self.i64(k)
            .ok_or_else(|| ApiError::bad(format!("invalid {k} specified")))
    }

    /// `chat_id`: integers only; `@username` cannot address private chats.
    pub fn chat_id(&self, k: &str) -> Result<i64, ApiError> {
        if !self.map.contains_key(k) {
            return Err(ApiError::bad(format!("{k} is empty")));
        }
        self.i64(k).ok_or_else(|| ApiError::bad("chat not found"))
    }
}
