//! What each subcommand does, given loaded settings.

mod audit;
mod backup;
mod user;

use secrecy::ExposeSecret;

use crate::cli::{AuditCommand, Command, KeysCommand, UserCommand};
use crate::config::{ConfigError, Settings};
use crate::service::accounts::AccountError;
use crate::service::keys::{self, KeyError};
use crate::store::{self, StoreError};

/// Why a command failed. Configuration problems exit with code 2.
#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Keys(#[from] KeyError),
    #[error(transparent)]
    Rotate(#[from] crate::service::rotate::RotateError),
    #[error(transparent)]
    Account(#[from] AccountError),
    #[error(transparent)]
    App(#[from] crate::app::AppError),
    #[error("Telegram Bot API: {0}")]
    Telegram(String),
    /// Arguments or input that cannot work together, like a mitra account
    /// without an agency. Exits 2, like a usage error.
    #[error("{0}")]
    Usage(String),
    /// A recovery key that was mistyped or belongs to another database.
    #[error("recovery key refused: {0}")]
    RecoveryKey(String),
    /// The audit chain does not verify; the message names the first entry
    /// that is wrong.
    #[error("audit chain broken: {0}")]
    AuditChain(String),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

impl CommandError {
    /// The process exit code for this error.
    pub fn exit_code(&self) -> u8 {
        match self {
            CommandError::Config(_)
            | CommandError::App(
                crate::app::AppError::Config(_)
                | crate::app::AppError::Keys(
                    KeyError::NoRecoveryKey | KeyError::WrongServerKey { .. },
                ),
            )
            | CommandError::Usage(_)
            | CommandError::Keys(KeyError::NoRecoveryKey | KeyError::WrongServerKey { .. }) => 2,
            CommandError::AuditChain(_) => 1,
            _ => 1,
        }
    }
}

/// Runs one subcommand to completion.
pub async fn run(command: Command, settings: Settings) -> Result<(), CommandError> {
    match command {
        Command::Version => {
            println!("suara {}", env!("CARGO_PKG_VERSION"));
            Ok(())
        }
        Command::CheckConfig => check_config(&settings),
        Command::Migrate => {
            let store = store::connect(&settings).await?;
            store.migrate().await?;
            println!("migrations applied ({})", store.backend());
            Ok(())
        }
        Command::Backup { file } => backup::backup(&settings, &file).await,
        Command::Restore { file } => backup::restore(&settings, &file).await,
        Command::Demo { dir, sim_addr } => {
            Ok(crate::demo::run(settings, crate::demo::DemoOptions { dir, sim_addr }).await?)
        }
        Command::Keys(KeysCommand::Init) => {
            let store = store::connect(&settings).await?;
            store.migrate().await?;
            let key = keys::init_recovery(store.as_ref()).await?;
            crate::cli::print_recovery_key(&key);
            Ok(())
        }
        Command::Keys(KeysCommand::RotateServer) => {
            let store = store::connect(&settings).await?;
            store.migrate().await?;
            let done = crate::service::rotate::rotate_server_key(&settings, store.as_ref()).await?;
            let counts: Vec<String> = (done.fields.iter())
                .map(|(field, n)| format!("{n} {field}"))
                .collect();
            println!(
                "server key rotated to {}: re-sealed {}",
                done.new_key_id,
                counts.join(", ")
            );
            Ok(())
        }
        Command::User(UserCommand::Add {
            username,
            role,
            regions,
            agency,
        }) => {
            let new = user::NewUser {
                username,
                role,
                regions,
                agency,
            };
            user::add(&settings, new).await
        }
        Command::User(UserCommand::Reset { username }) => user::reset(&settings, &username).await,
        Command::Audit(AuditCommand::Verify) => audit::verify(&settings).await,
        Command::Serve => {
            settings.require_token()?;
            let store = store::connect(&settings).await?;
            store.migrate().await?;
            tracing::info!(backend = %store.backend(), "store ready");
            Ok(crate::app::serve(settings, store).await?)
        }
    }
}

fn check_config(settings: &Settings) -> Result<(), CommandError> {
    let url = settings.database_url()?;
    println!("database: {}", store::redact_url(url.expose_secret()));
    println!("data directory: {}", settings.data.dir.display());
    println!("telegram api: {}", settings.telegram.api_url);
    let token = if settings.require_token().is_ok() {
        "set"
    } else {
        "MISSING (SUARA_TELEGRAM_TOKEN)"
    };
    println!("telegram token: {token}");
    println!("console: http://{}", settings.console_listen()?);
    println!(
        "languages: {} (default {})",
        settings.languages.enabled.join(", "),
        settings.languages.default
    );
    let regencies: usize = settings
        .regions
        .provinces
        .iter()
        .map(|p| p.regencies.len())
        .sum();
    println!(
        "regions: {} provinces, {} kabupaten/kota",
        settings.regions.provinces.len(),
        regencies
    );
    println!("contacts: {}", settings.contacts.len());
    // Numbers change and go dead: a contact nobody checked for a year, or
    // never, is named, so someone checks it before a woman dials it.
    let today = chrono::Utc::now().date_naive();
    let warnings = crate::domain::contacts::contact_warnings(&settings.contacts, today);
    for warning in &warnings {
        println!("warning: {warning}");
    }
    if !warnings.is_empty() {
        println!(
            "{} contact warnings: verify each number with its source and record the date",
            warnings.len()
        );
    }
    if let Some((url, _, listen)) = settings.webhook()? {
        println!("updates: by webhook at {url} (listening on {listen})");
    } else {
        println!("updates: long polling (one process at a time)");
    }
    Ok(())
}
