//! `suara demo`: the whole product offline. The Bot API simulator, the bot
//! pointed at it, and sample case-worker accounts, on SQLite in
//! `demo-data/`. Running it again resumes the same data.

use std::net::SocketAddr;
use std::path::PathBuf;

use chrono::Utc;
use secrecy::SecretString;

use crate::app::AppError;
use crate::app::{App, wait_for_signal};
use crate::config::Settings;
use crate::crypto::{PasswordKdf, ServerKey, TotpKey, random_bytes};
use crate::domain::account::NewAccount;
use crate::domain::casework::EventKind;
use crate::domain::report::Status;
use crate::domain::role::Role;
use crate::service::accounts;
use crate::sim::{SimConfig, SimHandle};
use crate::store::{self, ReportEvent, Store};

/// The demo's bot token: the simulator accepts only this one.
pub const DEMO_TOKEN: &str = "100000001:suara-demo-token";

/// Where and how the demo runs.
#[derive(Debug, Clone)]
pub struct DemoOptions {
    pub dir: PathBuf,
    pub sim_addr: SocketAddr,
}

/// Starts everything, prints where to look, and runs until Ctrl-C.
pub async fn run(mut settings: Settings, options: DemoOptions) -> Result<(), AppError> {
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
    let server_key = crate::service::keys::load_server_key(&settings)?;
    crate::service::keys::check_server_key(store.as_ref(), &server_key).await?;
    let created = ensure_sample_accounts(store.as_ref(), &server_key, &settings.regions).await?;
    ensure_sample_reports(store.as_ref(), &server_key).await?;
    // Printed before anything else can fail: they are shown only once.
    if let Some(key) = &recovery {
        crate::cli::print_recovery_key(key);
    }
    let app = App::start(&settings, store).await?;
    print_welcome(&sim, &options, &created, app.console_addr());

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
    /// The TOTP secret in base32, for an authenticator app (demo only:
    /// a real account enrols its own at first login).
    pub totp: String,
}

/// Creates the sample accounts on the first run only; later runs keep them
/// (their passwords were printed once, like a real hand-over).
pub async fn ensure_sample_accounts(
    store: &dyn Store,
    server_key: &ServerKey,
    catalog: &crate::domain::RegionCatalog,
) -> Result<Vec<SampleAccount>, AppError> {
    if !store.workers().await?.is_empty() {
        return Ok(Vec::new());
    }
    let kdf = PasswordKdf::production();
    let samples = [
        ("admin", Role::Admin, &[][..], None),
        ("koordinator", Role::Koordinator, &["64"][..], None),
        ("petugas", Role::Petugas, &["64.72"][..], None),
        ("mitra", Role::Mitra, &[][..], Some("polisi")),
    ];
    let mut created = Vec::new();
    for (username, role, regions, agency) in samples {
        let failed = |e: String| std::io::Error::other(format!("sample account {username}: {e}"));
        let account = NewAccount::parse(username, role, regions, agency, catalog)
            .map_err(|e| failed(e.to_string()))?;
        let password = one_time_password();
        let id = accounts::create(store, &kdf, &account, &password, "demo", Utc::now())
            .await
            .map_err(|e| failed(e.to_string()))?;
        let totp = TotpKey::generate();
        crate::service::login::set_totp(store, server_key, &id, &totp)
            .await
            .map_err(|e| failed(e.to_string()))?;
        created.push(SampleAccount {
            username,
            role,
            password,
            totp: totp.to_base32().to_string(),
        });
    }
    Ok(created)
}

/// A dozen made-up reports over the last six weeks, on the first run, so
/// the console opens on a living queue: some new and overdue, some being
/// worked on, some finished.
pub async fn ensure_sample_reports(
    store: &dyn Store,
    server_key: &ServerKey,
) -> Result<(), AppError> {
    if store.count_reports().await? > 0 {
        return Ok(());
    }
    let failed = |e: crate::service::submit::SubmitError| {
        std::io::Error::other(format!("sample reports: {e}"))
    };
    let ids = crate::samples::submit_samples(store, server_key, 12, 42)
        .await
        .map_err(failed)?;
    // A small network, so the networks page has something to show.
    crate::samples::submit_network(store, server_key, 2)
        .await
        .map_err(failed)?;
    let steps: [&[Status]; 4] = [
        &[Status::Ditinjau, Status::Ditindaklanjuti, Status::Selesai],
        &[Status::Ditinjau],
        &[Status::Ditinjau, Status::Ditindaklanjuti],
        &[Status::Ditutup],
    ];
    // The older two thirds have been worked on; the newest are still new.
    for (i, id) in ids.iter().take(8).enumerate() {
        let meta = store.report_meta(id).await?;
        let mut from = meta.status;
        let mut at = meta.created_at;
        for to in steps[i % steps.len()] {
            at += chrono::Duration::hours(3 + i as i64);
            let event = ReportEvent {
                id: uuid::Uuid::now_v7().to_string(),
                report_id: *id,
                at,
                actor_id: None,
                kind: EventKind::Status,
                from_status: Some(from),
                to_status: Some(*to),
                subject: None,
                body: None,
            };
            store
                .write(&crate::store::Batch {
                    statuses: vec![crate::store::StatusMove {
                        report_id: *id,
                        from,
                        to: *to,
                        at,
                    }],
                    events: vec![event],
                    ..Default::default()
                })
                .await?;
            from = *to;
        }
    }
    Ok(())
}

/// Sixteen characters that are easy to read and type.
fn one_time_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    random_bytes::<16>()
        .iter()
        .map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char)
        .collect()
}

fn print_welcome(
    sim: &SimHandle,
    options: &DemoOptions,
    created: &[SampleAccount],
    console: SocketAddr,
) {
    let base = sim.base_url();
    println!();
    println!(
        "Suara demo is running (offline; data in {}).",
        options.dir.display()
    );
    println!();
    println!("  Chat with the bot, as a reporter:  {base}/");
    println!("  Simulator control API:             {base}/control/users");
    println!("  Case workers' console:             http://{console}/");
    println!();
    if created.is_empty() {
        println!(
            "Sample case-worker accounts exist from an earlier run (their passwords were shown then)."
        );
    } else {
        println!("Sample case-worker accounts (shown once; write them down).");
        println!("Add each TOTP secret to an authenticator app (or: oathtool --totp -b SECRET).");
        println!(
            "  {:<12} {:<12} {:<18} TOTP secret",
            "username", "role", "password"
        );
        for account in created {
            println!(
                "  {:<12} {:<12} {:<18} {}",
                account.username,
                account.role.as_str(),
                account.password,
                account.totp
            );
        }
    }
    println!();
    println!("Press Ctrl-C to stop. Run `suara demo` again to resume with the same data.");
}
