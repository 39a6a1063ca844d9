//! Locating and parsing the spec file, once per test binary.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use serde_json::{Map, Value};

/// The parsed spec, indexed for lookups.
pub(super) struct Spec {
    /// "Bot API 9.1", for messages.
    pub(super) version: String,
    /// Methods by lowercase name: Telegram matches names case-insensitively.
    methods: HashMap<String, Value>,
    /// Types by name.
    pub(super) types: Map<String, Value>,
}

impl Spec {
    pub(super) fn method(&self, raw: &str) -> Option<&Value> {
        self.methods.get(&raw.to_ascii_lowercase())
    }
}

fn spec_path() -> PathBuf {
    match std::env::var_os("SUARA_TEST_BOT_API_SPEC") {
        Some(p) => PathBuf::from(p),
        None => {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/telegram/bot-api-9.1.json")
        }
    }
}

fn load() -> Option<Spec> {
    let path = spec_path();
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            // CI must not pass silently just because the file went missing.
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "Bot API spec not found at {} (CI=true requires it; set SUARA_TEST_BOT_API_SPEC)",
                path.display()
            );
            return None;
        }
        Err(e) => panic!("cannot read Bot API spec {}: {e}", path.display()),
    };
    let root: Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("Bot API spec {} is not JSON: {e}", path.display()));
    let methods = root["methods"]
        .as_object()
        .unwrap_or_else(|| panic!("spec {} has no methods", path.display()))
        .iter()
        .map(|(name, def)| (name.to_ascii_lowercase(), def.clone()))
        .collect();
    let types = root["types"].as_object().cloned().unwrap_or_default();
    let version = root["version"].as_str().unwrap_or("the spec").to_owned();
    Some(Spec {
        version,
        methods,
        types,
    })
}

/// The spec, loaded once; `None` (noted on stderr) when it is absent.
pub(super) fn spec() -> Option<&'static Spec> {
    static SPEC: OnceLock<Option<Spec>> = OnceLock::new();
    let spec = SPEC.get_or_init(load).as_ref();
    if spec.is_none() {
        eprintln!(
            "spec conformance check skipped: {} not found",
            spec_path().display()
        );
    }
    spec
}
