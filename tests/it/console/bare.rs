//! The console alone, without the simulator and the bot, with the KDF and
//! settings a test chooses: for the tests that measure time and memory at
//! the production Argon2 cost.

use std::sync::Arc;

use chrono::Utc;
use suara::config::Settings;
use suara::crypto::{PasswordKdf, ServerKey, TotpKey};
use suara::domain::role::Role;
use suara::store::Store;

use super::Account;
use crate::helpers::TestDb;

/// Held by the tests that measure time or memory at the production cost,
/// so that they do not measure each other.
pub static MEASURING: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Takes [`MEASURING`], even after a test that held it failed.
pub fn measuring() -> std::sync::MutexGuard<'static, ()> {
    MEASURING.lock().unwrap_or_else(|e| e.into_inner())
}

/// A console serving on a random port until dropped.
pub struct BareConsole {
    pub url: String,
    pub db: TestDb,
    pub server_key: ServerKey,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

impl BareConsole {
    /// Serves the console on `db` with `kdf` and `settings`.
    pub async fn start(db: TestDb, kdf: PasswordKdf, settings: Settings) -> Self {
        let server_key = ServerKey::from_bytes(&suara::crypto::random_bytes::<32>());
        let locales = Arc::new(suara::i18n::Locales::load().unwrap());
        let state = suara::console::ConsoleState::new(
            &settings,
            db.store.clone(),
            Arc::new(server_key.clone()),
            locales,
            kdf,
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(suara::console::serve(listener, state, async move {
            let _ = stopped.await;
        }));
        Self {
            url,
            db,
            server_key,
            stop: Some(stop),
        }
    }

    pub fn store(&self) -> &dyn Store {
        self.db.store.as_ref()
    }

    /// An enrolled account whose hash and wrapped key have `kdf`'s cost.
    pub async fn account(
        &self,
        username: &str,
        role: Role,
        regions: &[&str],
        kdf: &PasswordKdf,
    ) -> Account {
        let password = format!("{username}-password-long");
        let id = suara::service::accounts::create(
            self.store(),
            kdf,
            &crate::helpers::account(username, role, regions, None),
            &password,
            "test",
            Utc::now(),
        )
        .await
        .unwrap();
        let totp = TotpKey::generate();
        suara::service::login::set_totp(self.store(), &self.server_key, &id, &totp)
            .await
            .unwrap();
        Account::enrolled(id, username, &password, totp)
    }
}

impl Drop for BareConsole {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}
