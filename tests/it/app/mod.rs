//! `spawn_app()`: a store, the Bot API simulator and the bot, on random
//! ports, and a scripted reporter that reads like a conversation.
//!
//! Nothing here sleeps for a fixed time: every wait is on an event from the
//! simulator, with a timeout. Everything is torn down when the `TestApp` is
//! dropped, even when the test panics.

use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

use secrecy::SecretString;
use suara::app::App;
use suara::config::Settings;
use suara::sim::{SimConfig, SimUser, TranscriptEntry};

use crate::helpers::TestDb;
use crate::spec::Checked;

/// How long any single expectation may take.
pub const WAIT: Duration = Duration::from_secs(15);

#[allow(dead_code)] // Not every test reads every part.
pub struct TestApp {
    /// The simulator; every request the bot sent is checked against the
    /// Bot API 9.1 spec when the test ends.
    pub sim: Checked,
    pub db: TestDb,
    pub settings: Settings,
    app: tokio::sync::Mutex<Option<App>>,
}

/// Starts SQLite, the simulator and the bot.
pub async fn spawn_app() -> TestApp {
    let db = TestDb::sqlite().await;
    spawn_app_on(db).await
}

/// Starts the simulator and the bot on a given database.
pub async fn spawn_app_on(db: TestDb) -> TestApp {
    spawn_app_full(db, SimConfig::default(), |_| {}).await
}

/// Starts SQLite, a simulator configured as given, and the bot with its
/// settings changed by `edit`.
pub async fn spawn_app_with(sim: SimConfig, edit: impl FnOnce(&mut Settings)) -> TestApp {
    spawn_app_full(TestDb::sqlite().await, sim, edit).await
}

/// Starts the bot on `db`, reaching it at `url` (through a proxy, say).
pub async fn spawn_app_through(db: TestDb, url: &str, sim: SimConfig) -> TestApp {
    let through = suara::store::connect_url(url, 4)
        .await
        .expect("the store answers through the proxy");
    spawn_app_store(db, through, url, sim, |_| {}).await
}

async fn spawn_app_full(
    db: TestDb,
    sim_config: SimConfig,
    edit: impl FnOnce(&mut Settings),
) -> TestApp {
    let (store, url) = (db.store.clone(), db.url.clone());
    spawn_app_store(db, store, &url, sim_config, edit).await
}

async fn spawn_app_store(
    db: TestDb,
    store: std::sync::Arc<dyn suara::store::Store>,
    url: &str,
    sim_config: SimConfig,
    edit: impl FnOnce(&mut Settings),
) -> TestApp {
    let sim = Checked::new(
        suara::sim::start(sim_config)
            .await
            .expect("simulator starts"),
    );
    let mut settings = Settings::default();
    settings.database.url = Some(SecretString::from(url.to_owned()));
    settings.telegram.token = Some(SecretString::from(sim.token().to_owned()));
    settings.telegram.api_url = sim.base_url();
    settings.keys.server_key = Some(SecretString::from(test_server_key()));
    settings.console.listen = "127.0.0.1:0".to_owned();
    settings.ops.listen = "127.0.0.1:0".to_owned();
    // The fake enforces no per-chat limit unless a test asks it to, and a
    // flow at Telegram's one-a-second pace takes half a minute: tests that
    // are not about pacing turn it off (the loadgen smoke keeps it on).
    settings.telegram.chat_sends_per_second = 0;
    edit(&mut settings);
    if let Err(e) = suara::service::keys::init_recovery(db.store.as_ref()).await {
        assert!(
            matches!(e, suara::service::keys::KeyError::RecoveryExists),
            "{e}"
        );
    }
    let app = App::start_with_kdf(&settings, store, test_kdf())
        .await
        .expect("bot starts");
    TestApp {
        sim,
        db,
        settings,
        app: tokio::sync::Mutex::new(Some(app)),
    }
}

/// Argon2 at a cost fit for tests; production uses OWASP's.
pub fn test_kdf() -> suara::crypto::PasswordKdf {
    suara::crypto::PasswordKdf::new(suara::crypto::KdfParams::INSECURE_FOR_TESTS)
        .expect("valid params")
}

/// A random server key, base64, as `SUARA_KEYS_SERVER_KEY` would carry it.
pub fn test_server_key() -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(suara::crypto::random_bytes::<32>())
}

impl TestApp {
    /// A new simulated person with Telegram set to `language`.
    pub async fn reporter(&self, name: &str, language: &str) -> Reporter<'_> {
        let user = self
            .sim
            .create_user_named(name, language)
            .await
            .expect("create user");
        Reporter {
            app: self,
            user,
            seen: AtomicI64::new(0),
        }
    }

    /// The health checks' base URL.
    pub async fn ops_url(&self) -> String {
        let slot = self.app.lock().await;
        let app = slot.as_ref().expect("app running");
        format!("http://{}", app.ops_addr())
    }

    /// The console's base URL, e.g. `http://127.0.0.1:38123`.
    pub async fn console_url(&self) -> String {
        let slot = self.app.lock().await;
        let app = slot.as_ref().expect("app running");
        format!("http://{}", app.console_addr())
    }

    /// Stops the bot gracefully (as on SIGTERM) and starts a new one on the
    /// same database, as a redeploy would.
    pub async fn restart_bot(&self) {
        let mut slot = self.app.lock().await;
        if let Some(app) = slot.take() {
            app.stop().await;
        }
        *slot = Some(
            App::start_with_kdf(&self.settings, self.db.store.clone(), test_kdf())
                .await
                .expect("bot restarts"),
        );
    }
}

/// One simulated person talking to the bot in her private chat.
pub struct Reporter<'a> {
    app: &'a TestApp,
    pub user: SimUser,
    /// The newest bot message already matched by `expect`.
    seen: AtomicI64,
}

impl Reporter<'_> {
    pub async fn says(&self, text: &str) {
        self.app
            .sim
            .send_text(self.user.id, text)
            .await
            .expect("send text");
    }

    pub async fn presses(&self, label: &str) {
        self.app
            .sim
            .press_button(self.user.id, label)
            .await
            .expect("press button");
    }

    /// Waits for a bot message newer than the last one expected, whose text
    /// contains every one of `words` (ignoring case).
    pub async fn expects(&self, words: &[&str]) -> TranscriptEntry {
        let seen = self.seen.load(Ordering::SeqCst);
        let wanted: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
        let found = self
            .app
            .sim
            .wait_for_bot_message(
                self.user.chat_id,
                |e| {
                    let text = e
                        .text
                        .as_deref()
                        .or(e.caption.as_deref())
                        .unwrap_or_default()
                        .to_lowercase();
                    e.message_id > seen && !e.deleted && wanted.iter().all(|w| text.contains(w))
                },
                WAIT,
            )
            .await;
        let entry = found.unwrap_or_else(|e| {
            let texts: Vec<_> = self
                .app
                .sim
                .state()
                .transcript(self.user.chat_id)
                .map(|t| {
                    t.entries
                        .into_iter()
                        .map(|e| (e.message_id, e.text))
                        .collect()
                })
                .unwrap_or_default();
            panic!("no bot message containing {words:?}: {e}\nchat so far: {texts:#?}")
        });
        self.seen.store(entry.message_id, Ordering::SeqCst);
        entry
    }

    /// Waits until the bot's message `message_id` satisfies `pred` (an edit,
    /// a deletion).
    pub async fn expects_change(
        &self,
        message_id: i64,
        pred: impl Fn(&TranscriptEntry) -> bool,
    ) -> TranscriptEntry {
        self.app
            .sim
            .wait_for_bot_message(
                self.user.chat_id,
                |e| e.message_id == message_id && pred(e),
                WAIT,
            )
            .await
            .unwrap_or_else(|e| panic!("message {message_id} did not change as expected: {e}"))
    }

    /// Her chat as the simulator shows it.
    pub async fn transcript(&self) -> suara::sim::Transcript {
        self.app
            .sim
            .transcript(self.user.chat_id)
            .await
            .expect("transcript")
    }
}
