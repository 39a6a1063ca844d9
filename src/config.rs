//! Settings: a TOML file (`--config` or `SUARA_CONFIG`) overlaid with
//! `SUARA_*` environment variables, parsed once into typed values.
//!
//! Every setting that can have a safe default has one, so a fresh checkout
//! runs with nothing but a Telegram token. Secrets are [`SecretString`]s:
//! they redact in `Debug` and never reach a log line.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use figment::Figment;
use figment::providers::{Env, Format, Toml};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use url::Url;

use crate::domain::contacts::{Contact, default_contacts};
use crate::domain::region::RegionCatalog;
use crate::i18n::Lang;

/// The Bot API endpoint of Telegram itself.
pub const TELEGRAM_API_URL: &str = "https://api.telegram.org";

/// A setting that is missing or invalid. The message names the setting and
/// the environment variable that sets it, on one line.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("missing setting `{key}`: set {env} or `{key}` in the config file")]
    Missing {
        key: &'static str,
        env: &'static str,
    },
    #[error("invalid setting `{key}`: {reason}")]
    Invalid { key: String, reason: String },
    #[error("cannot read config file {path}: {reason}")]
    File { path: PathBuf, reason: String },
}

/// All of Suara's settings. See `docs/configuration.md`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    pub data: DataSettings,
    pub database: DatabaseSettings,
    pub telegram: TelegramSettings,
    pub console: ConsoleSettings,
    pub log: LogSettings,
    pub keys: KeySettings,
    pub languages: LanguageSettings,
    pub conversation: ConversationSettings,
    pub retention: RetentionSettings,
    pub ops: OpsSettings,
    pub regions: RegionCatalog,
    pub contacts: Vec<Contact>,
}

/// Bounds on a reporter's conversation and draft.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ConversationSettings {
    /// A draft untouched this long is destroyed.
    pub draft_ttl_hours: u32,
    /// Files per story.
    pub max_attachments: usize,
    /// Bytes per file; Telegram lets bots download at most 20 MB.
    pub max_attachment_bytes: u64,
    /// Characters of story text in total.
    pub max_story_chars: usize,
    /// After this long without a word from her, `/pesan`, Balas and
    /// `/tambah` ask for her code or PIN again.
    pub lock_after_idle_hours: u32,
}

/// How long reports are kept.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RetentionSettings {
    /// A report closed (selesai or ditutup) this many days ago is destroyed,
    /// keys and ciphertexts together; 0 keeps reports until deleted by hand.
    pub days_after_close: u32,
}

impl Default for RetentionSettings {
    fn default() -> Self {
        Self {
            days_after_close: 365,
        }
    }
}

impl Default for ConversationSettings {
    fn default() -> Self {
        Self {
            draft_ttl_hours: 7 * 24,
            max_attachments: 10,
            max_attachment_bytes: 20 * 1024 * 1024,
            max_story_chars: 20_000,
            lock_after_idle_hours: 24,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DataSettings {
    /// Where the SQLite file, the server key and other state live.
    pub dir: PathBuf,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DatabaseSettings {
    /// `sqlite://…` or `postgres://…`; empty means `sqlite://<data.dir>/suara.db`.
    pub url: Option<SecretString>,
    pub max_connections: u32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TelegramSettings {
    /// The bot token from @BotFather. Required by `serve`.
    pub token: Option<SecretString>,
    /// A file holding the token, read at start when `token` is not set.
    pub token_file: Option<PathBuf>,
    /// Telegram's Bot API, a self-hosted Bot API server, or the simulator.
    pub api_url: String,
    /// Receive updates by webhook instead of long polling: the public
    /// `https://` URL Telegram posts to (a TLS proxy in front of
    /// `webhook_listen`). Unset: long polling.
    pub webhook_url: Option<String>,
    /// The secret Telegram sends with every webhook call
    /// (1 to 256 of `A-Z a-z 0-9 _ -`). Required with `webhook_url`.
    pub webhook_secret: Option<SecretString>,
    /// Where the webhook listens (behind the proxy).
    pub webhook_listen: String,
    /// Messages sent per second over all chats: Telegram allows about 30
    /// (0: no limit, for a local Bot API server or a test).
    pub max_sends_per_second: u32,
    /// Messages a second to one chat after a burst of three: Telegram asks
    /// for about one (0: no per-chat pace, for a local Bot API server or a
    /// test that is not about pacing).
    pub chat_sends_per_second: u32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ConsoleSettings {
    /// Where the case workers' console listens. Loopback unless a TLS proxy
    /// in front of it is configured on purpose.
    pub listen: String,
    /// The address case workers type, e.g. `https://suara.example.go.id`.
    /// An `https` URL makes the session cookie `Secure` (and `__Host-`).
    pub public_url: Option<String>,
    /// A session idle this long ends.
    pub idle_minutes: u32,
    /// A session ends this long after login, idle or not.
    pub session_hours: u32,
    /// An urgent report not acknowledged within this is flagged.
    pub sla_urgent_minutes: u32,
    /// Any other report not acknowledged within this is flagged.
    pub sla_normal_hours: u32,
    /// Consecutive wrong passwords before an account is locked.
    pub lockout_after: u32,
    /// How long a locked account stays locked.
    pub lockout_minutes: u32,
    /// Login attempts allowed from one address per 15 minutes.
    pub login_attempts_per_ip: u32,
    /// Take the client's address from `X-Forwarded-For` (set this only when
    /// a proxy you run sets that header), for the per-address limit.
    pub trust_forwarded_for: bool,
    /// A Telegram group that gets a short, content-free notice of each new
    /// report (id, urgency, type, region), and of each change to who may
    /// read reports (role and change only). Unset: no alerts.
    pub alert_chat_id: Option<i64>,
    /// The zone every time in the console is shown in: `Asia/Makassar`
    /// (WITA, the default), `Asia/Jakarta` or `Asia/Pontianak` (WIB),
    /// `Asia/Jayapura` (WIT), or `UTC`.
    pub time_zone: String,
    /// Memory the console may spend on password hashing at once: how many
    /// Argon2id derivations (64 MiB each) run in parallel.
    pub password_hashing_memory_mib: u32,
    /// Password checks that may wait for their turn; beyond it a login is
    /// answered "busy" (429) at once.
    pub password_hashing_queue: u32,
    /// How long a new account's one-time enrolment link works.
    pub enrolment_hours: u32,
    /// Who approves a new account before it receives report keys:
    /// `koordinator` (an approved koordinator) or `admin` (a second admin,
    /// never the creator).
    pub approval: crate::domain::account::ApprovalMode,
    /// Agency codes that are the police: a referral to one (or to a code
    /// starting with one and `-`, `_` or `.`) needs her yes to telling the
    /// police.
    pub police_agencies: Vec<String>,
    /// Messages from case workers one reporter receives at most per 24 hours.
    pub messages_per_day: u32,
    /// Send `Server-Timing` with the queue's database time (debugging only:
    /// it tells the browser how long the database took).
    pub debug_timing: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Pretty,
    Json,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LogSettings {
    pub format: LogFormat,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct KeySettings {
    /// File holding the server key (mode 0600); default `<data.dir>/server.key`.
    pub server_key_file: Option<PathBuf>,
    /// The server key itself, base64; takes precedence over the file.
    pub server_key: Option<SecretString>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LanguageSettings {
    /// Used when a reporter's Telegram language is not one we speak.
    pub default: String,
    /// Languages offered to reporters and case workers.
    pub enabled: Vec<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            data: DataSettings::default(),
            database: DatabaseSettings::default(),
            telegram: TelegramSettings::default(),
            console: ConsoleSettings::default(),
            log: LogSettings::default(),
            keys: KeySettings::default(),
            languages: LanguageSettings::default(),
            conversation: ConversationSettings::default(),
            retention: RetentionSettings::default(),
            ops: OpsSettings::default(),
            regions: RegionCatalog::default_kaltim(),
            contacts: default_contacts(),
        }
    }
}

impl Default for DatabaseSettings {
    fn default() -> Self {
        Self {
            url: None,
            max_connections: 10,
        }
    }
}

impl Default for DataSettings {
    fn default() -> Self {
        Self {
            dir: PathBuf::from("data"),
        }
    }
}

impl Default for TelegramSettings {
    fn default() -> Self {
        Self {
            token: None,
            token_file: None,
            api_url: TELEGRAM_API_URL.to_owned(),
            webhook_url: None,
            webhook_secret: None,
            webhook_listen: "127.0.0.1:8443".to_owned(),
            max_sends_per_second: 30,
            chat_sends_per_second: 1,
        }
    }
}

impl Default for ConsoleSettings {
    fn default() -> Self {
        Self {
            listen: "127.0.0.1:8080".to_owned(),
            public_url: None,
            idle_minutes: 30,
            session_hours: 12,
            sla_urgent_minutes: 60,
            sla_normal_hours: 24,
            lockout_after: 10,
            lockout_minutes: 15,
            login_attempts_per_ip: 50,
            trust_forwarded_for: false,
            alert_chat_id: None,
            password_hashing_memory_mib: 128,
            password_hashing_queue: 8,
            enrolment_hours: 72,
            approval: crate::domain::account::ApprovalMode::Koordinator,
            police_agencies: vec!["polisi".into(), "polda".into(), "polres".into()],
            messages_per_day: 3,
            time_zone: "Asia/Makassar".to_owned(),
            debug_timing: false,
        }
    }
}

impl Default for LogSettings {
    fn default() -> Self {
        Self {
            format: LogFormat::Pretty,
        }
    }
}

impl Default for LanguageSettings {
    fn default() -> Self {
        Self {
            default: "id".to_owned(),
            enabled: vec!["id".to_owned(), "en".to_owned()],
        }
    }
}

/// Maps `SUARA_SECTION_KEY` to `section.key`: the first underscore after the
/// prefix separates the section, so `SUARA_TELEGRAM_API_URL` is
/// `telegram.api_url`. `SUARA_CONFIG` names the file, and `SUARA_TEST_*`
/// belong to the test suite.
fn env_provider() -> Env {
    Env::prefixed("SUARA_")
        .filter(|key| key != "config" && !key.as_str().to_ascii_lowercase().starts_with("test_"))
        .map(|key| key.as_str().replacen('_', ".", 1).into())
}

impl Settings {
    /// Reads the file (if any) and the environment, then validates.
    pub fn load(file: Option<&Path>) -> Result<Self, ConfigError> {
        let mut figment = Figment::new();
        if let Some(path) = file {
            if !path.is_file() {
                return Err(ConfigError::File {
                    path: path.to_owned(),
                    reason: "no such file".to_owned(),
                });
            }
            figment = figment.merge(Toml::file(path));
        }
        let mut settings: Settings = figment
            .merge(env_provider())
            .extract()
            .map_err(from_figment)?;
        settings.read_token_file()?;
        settings.validate()?;
        Ok(settings)
    }

    /// The token from `telegram.token_file` (a systemd credential, a
    /// container secret), when the token itself is not given.
    fn read_token_file(&mut self) -> Result<(), ConfigError> {
        let (None, Some(path)) = (&self.telegram.token, &self.telegram.token_file) else {
            return Ok(());
        };
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError::File {
            path: path.clone(),
            reason: e.to_string(),
        })?;
        self.telegram.token = Some(SecretString::from(text.trim().to_owned()));
        Ok(())
    }

    /// Checks what serde's types cannot express.
    pub fn validate(&self) -> Result<(), ConfigError> {
        self.database_url()?;
        self.console_listen()?;
        let api = Url::parse(&self.telegram.api_url).map_err(|e| invalid("telegram.api_url", e))?;
        if !matches!(api.scheme(), "http" | "https") {
            return Err(invalid("telegram.api_url", "must be an http(s) URL"));
        }
        let c = &self.conversation;
        if c.draft_ttl_hours == 0 {
            return Err(invalid(
                "conversation.draft_ttl_hours",
                "must be at least 1",
            ));
        }
        if c.max_attachment_bytes == 0 || c.max_attachment_bytes > 20 * 1024 * 1024 {
            return Err(invalid(
                "conversation.max_attachment_bytes",
                "must be between 1 and 20971520 (Telegram's download limit for bots)",
            ));
        }
        if c.max_story_chars == 0 {
            return Err(invalid(
                "conversation.max_story_chars",
                "must be at least 1",
            ));
        }
        crate::domain::zone::Zone::parse(&self.console.time_zone)
            .map_err(|e| invalid("console.time_zone", e))?;
        if self.database.max_connections == 0 {
            return Err(invalid("database.max_connections", "must be at least 1"));
        }
        let default =
            Lang::parse(&self.languages.default).map_err(|e| invalid("languages.default", e))?;
        let mut enabled = Vec::new();
        for code in &self.languages.enabled {
            enabled.push(Lang::parse(code).map_err(|e| invalid("languages.enabled", e))?);
        }
        if !enabled.contains(&default) {
            return Err(invalid(
                "languages.enabled",
                "must include languages.default",
            ));
        }
        self.regions.validate().map_err(|e| invalid("regions", e))?;
        if self.contacts.is_empty() {
            return Err(invalid(
                "contacts",
                "at least the emergency contacts are needed",
            ));
        }
        Ok(())
    }

    /// The database URL, defaulting to an SQLite file in the data directory.
    pub fn database_url(&self) -> Result<SecretString, ConfigError> {
        let url = match &self.database.url {
            Some(url) if !url.expose_secret().trim().is_empty() => {
                url.expose_secret().trim().to_owned()
            }
            _ => format!("sqlite://{}", self.data.dir.join("suara.db").display()),
        };
        let scheme = url.split(':').next().unwrap_or_default();
        if !matches!(scheme, "sqlite" | "postgres" | "postgresql") {
            return Err(invalid(
                "database.url",
                format!("unsupported scheme `{scheme}` (use sqlite:// or postgres://)"),
            ));
        }
        Ok(SecretString::from(url))
    }

    /// The console's socket address.
    pub fn console_listen(&self) -> Result<SocketAddr, ConfigError> {
        self.console.listen.parse().map_err(|_| {
            invalid(
                "console.listen",
                "expected an address such as 127.0.0.1:8080",
            )
        })
    }

    /// Where the health checks listen, parsed.
    pub fn ops_listen(&self) -> Result<SocketAddr, ConfigError> {
        self.ops
            .listen
            .parse()
            .map_err(|_| invalid("ops.listen", "expected an address such as 127.0.0.1:9090"))
    }

    /// The bot token, which `serve` cannot run without.
    pub fn require_token(&self) -> Result<&SecretString, ConfigError> {
        match &self.telegram.token {
            Some(token) if !token.expose_secret().trim().is_empty() => Ok(token),
            _ => Err(ConfigError::Missing {
                key: "telegram.token",
                env: "SUARA_TELEGRAM_TOKEN",
            }),
        }
    }

    /// The Bot API base URL, parsed.
    pub fn telegram_api_url(&self) -> Result<Url, ConfigError> {
        Url::parse(&self.telegram.api_url).map_err(|e| invalid("telegram.api_url", e))
    }

    /// The webhook's public URL, its secret and where it listens, when
    /// updates come by webhook; `None` for long polling.
    pub fn webhook(&self) -> Result<Option<(Url, String, SocketAddr)>, ConfigError> {
        let Some(url) = &self.telegram.webhook_url else {
            return Ok(None);
        };
        let url = Url::parse(url).map_err(|e| invalid("telegram.webhook_url", e))?;
        let secret = self
            .telegram
            .webhook_secret
            .as_ref()
            .map(|s| s.expose_secret().trim().to_owned())
            .unwrap_or_default();
        let valid = (1..=256).contains(&secret.len())
            && secret
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if !valid {
            return Err(invalid(
                "telegram.webhook_secret",
                "1 to 256 of A-Z, a-z, 0-9, '_' and '-' (required with telegram.webhook_url)",
            ));
        }
        let listen = self.telegram.webhook_listen.parse().map_err(|_| {
            invalid(
                "telegram.webhook_listen",
                "expected an address such as 127.0.0.1:8443",
            )
        })?;
        Ok(Some((url, secret, listen)))
    }

    /// Where the server key file lives.
    pub fn server_key_file(&self) -> PathBuf {
        self.keys
            .server_key_file
            .clone()
            .unwrap_or_else(|| self.data.dir.join("server.key"))
    }
}

fn invalid(key: &str, reason: impl std::fmt::Display) -> ConfigError {
    ConfigError::Invalid {
        key: key.to_owned(),
        reason: reason.to_string(),
    }
}

/// Figment's errors carry the key path; flatten them onto one line and keep
/// values out, since a value may be a secret.
fn from_figment(err: figment::Error) -> ConfigError {
    let key = if err.path.is_empty() {
        "config".to_owned()
    } else {
        err.path.join(".")
    };
    let reason = match &err.kind {
        figment::error::Kind::InvalidType(_, expected) => format!("expected {expected}"),
        figment::error::Kind::InvalidValue(_, expected) => format!("expected {expected}"),
        figment::error::Kind::UnknownField(field, _) => format!("unknown setting `{field}`"),
        figment::error::Kind::MissingField(field) => format!("missing `{field}`"),
        figment::error::Kind::Message(msg) => msg.clone(),
        other => other.to_string(),
    };
    ConfigError::Invalid { key, reason }
}

mod ops;
pub use ops::OpsSettings;

#[cfg(test)]
mod tests;
