//! `suara demo`: the whole product offline. The Bot API simulator, the bot
//! pointed at it, and sample case-worker accounts, on SQLite in
//! `demo-data/`. Running it again resumes the same data.

use std::net::SocketAddr;
use std::path::PathBuf;

use chrono::Utc;
use secrecy::SecretString;

use crate::app::{App, wait_for_signal};
use crate::commands::CommandError;
use crate::config::Settings;
use crate::crypto::{KeyPair, PasswordKdf, random_bytes};
use crate::domain::role::Role;
use crate::sim::{SimConfig, SimHandle};
use crate::store::{self, NewWorker, Store};

/// The demo's bot token: the simulator accepts only this one.
pub const DEMO_TOKEN: &str = "100000001:suara-demo-token";

/// Where and how the demo runs.
#[derive(Debug, Clone)]
pub struct DemoOptions {
    pub dir: PathBuf,
    pub sim_addr: SocketAddr,
}

/// Starts everything, prints where to look, and runs until Ctrl-C.
pub async fn run(mut settings: Settings, options: DemoOptions) -> Result<(), CommandError> {
    let sim = crate::sim::start(SimConfig {
        addr: options.sim_addr,
        token: DEMO_TOKEN.to_owned(),
        ..SimConfig::default()
    })
    .await
    .map_err(|e| {
        std::io::Error::other(format!(
            "cannot start the Telegram simulator on {}: {e}",
            options.sim_addr
        ))
    })?;
    settings.data.dir = options.dir.clone();
    settings.database.url = None;
    settings.telegram.token = Some(SecretString::from(DEMO_TOKEN));
    settings.telegram.api_url = sim.base_url();

    let store = store::connect(&settings).await?;
    store.migrate().await?;
    let recovery = match crate::service::keys::init_recovery(store.as_ref()).await {
        Ok(key) => Some(key),
        Err(crate::service::keys::KeyError::RecoveryExists) => None,
        Err(err) => return Err(err.into()),
    };
    let created = ensure_sample_accounts(store.as_ref()).await?;
    // Printed before anything else can fail: they are shown only once.
    if let Some(key) = &recovery {
        crate::commands::print_recovery_key(key);
    }
    print_welcome(&sim, &options, &created);
    let app = App::start(&settings, store).await?;

    wait_for_signal().await;
    println!("\nStopping…");
    app.stop().await;
    sim.shutdown().await;
    Ok(())
}

/// A sample account created on this run, with its one-time password.
pub struct SampleAccount {
    pub username: &'static str,
    pub role: Role,
    pub password: String,
}

/// Creates the sample accounts on the first run only; later runs keep them
/// (their passwords were printed once, like a real hand-over).
pub async fn ensure_sample_accounts(store: &dyn Store) -> Result<Vec<SampleAccount>, CommandError> {
    if !store.workers().await?.is_empty() {
        return Ok(Vec::new());
    }
    let kdf = PasswordKdf::production();
    let samples = [
        ("admin", Role::Admin, vec![], None),
        (
            "koordinator",
            Role::Koordinator,
            vec!["64".to_owned()],
            None,
        ),
        ("petugas", Role::Petugas, vec!["64.72".to_owned()], None),
        (
            "mitra",
            Role::Mitra,
            vec!["64".to_owned()],
            Some("polisi".to_owned()),
        ),
    ];
    let mut created = Vec::new();
    for (username, role, regions, agency) in samples {
        let password = one_time_password();
        let pair = KeyPair::generate();
        let crypto = |e: crate::crypto::CryptoError| {
            std::io::Error::other(format!("sample account {username}: {e}"))
        };
        store
            .insert_worker(&NewWorker {
                id: uuid::Uuid::new_v4().to_string(),
                username: username.to_owned(),
                role,
                regions,
                agency,
                password_hash: kdf.hash_password(&password).map_err(crypto)?,
                totp: None,
                public_key: pair.public,
                private_key: kdf.wrap(&pair.private, &password).map_err(crypto)?,
                created_at: Utc::now(),
            })
            .await?;
        created.push(SampleAccount {
            username,
            role,
            password,
        });
    }
    Ok(created)
}

/// Sixteen characters that are easy to read and type.
fn one_time_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    random_bytes::<16>()
        .iter()
        .map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char)
        .collect()
}

fn print_welcome(sim: &SimHandle, options: &DemoOptions, created: &[SampleAccount]) {
    let base = sim.base_url();
    println!();
    println!(
        "Suara demo is running (offline; data in {}).",
        options.dir.display()
    );
    println!();
    println!("  Chat with the bot, as a reporter:  {base}/");
    println!("  Simulator control API:             {base}/control/users");
    println!("  Case workers' console:             arrives with the console issue");
    println!();
    if created.is_empty() {
        println!(
            "Sample case-worker accounts exist from an earlier run (their passwords were shown then)."
        );
    } else {
        println!("Sample case-worker accounts (shown once; write them down):");
        for account in created {
            println!(
                "  {:<12} {:<12} {}",
                account.username,
                account.role.as_str(),
                account.password
            );
        }
    }
    println!();
    println!("Press Ctrl-C to stop. Run `suara demo` again to resume with the same data.");
}
