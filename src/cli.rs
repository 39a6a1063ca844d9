//! The command line: which thing to do, with which config file.

use std::path::PathBuf;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Parser, Subcommand};

use crate::domain::RegionCode;
use crate::domain::role::Role;

/// Suara: anonymous, encrypted reports over Telegram, and a triage console.
#[derive(Debug, Parser)]
#[command(name = "suara", version, about, propagate_version = true)]
pub struct Cli {
    /// Config file (TOML). SUARA_* environment variables override it.
    #[arg(long, short, global = true, env = "SUARA_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the bot and the console.
    Serve,
    /// Run everything offline: a Telegram simulator, the bot and sample
    /// accounts, on SQLite in `demo-data/`.
    Demo {
        /// Where the demo keeps its data.
        #[arg(long, default_value = "demo-data")]
        dir: PathBuf,
        /// Address of the Telegram simulator and its chat page.
        #[arg(long, default_value = "127.0.0.1:8081")]
        sim_addr: std::net::SocketAddr,
    },
    /// Apply database migrations, then exit. Safe to run repeatedly.
    Migrate,
    /// Write a consistent copy of the SQLite database to FILE, while
    /// `serve` runs. The server key is not in it: keep that apart. On
    /// PostgreSQL, use pg_dump (see docs/operations.md).
    Backup {
        /// Where to write the copy; must not exist yet.
        file: PathBuf,
    },
    /// Put a backup made by `suara backup` in place of an empty database,
    /// then check it. Start `serve` with the same server key afterwards.
    Restore {
        /// The backup file.
        file: PathBuf,
    },
    /// Load and validate the configuration, then print a summary without secrets.
    CheckConfig,
    /// Key ceremonies.
    #[command(subcommand)]
    Keys(KeysCommand),
    /// Console accounts. Passwords and recovery keys are read from standard
    /// input, never from the command line.
    #[command(subcommand)]
    User(UserCommand),
    /// The tamper-evident audit log.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Print the version.
    Version,
}

#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// Create the recovery key pair. Prints the private key once, for paper;
    /// stores only the public key. Refuses if one exists.
    Init,
    /// Replace the server key and re-seal drafts, chat ids, queued notices
    /// and messages under the new one. Safe to run again if interrupted.
    RotateServer,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create a console account. Reads the password (at least 12
    /// characters) from the first line of standard input. The account
    /// enrols its TOTP authenticator at first login.
    Add {
        /// Login name.
        #[arg(long, value_name = "NAME")]
        username: String,
        /// What the account may do.
        #[arg(long, value_parser = role_parser())]
        role: Role,
        /// Region codes, comma-separated: a province ("64") or a
        /// kabupaten/kota ("64.72"). Required for koordinator and petugas.
        #[arg(long, value_name = "CODES", value_delimiter = ',')]
        regions: Vec<RegionCode>,
        /// The partner agency of a mitra account (required for mitra only).
        #[arg(long, value_name = "CODE")]
        agency: Option<String>,
    },
    /// Reset a forgotten password with the recovery key. Reads two lines
    /// from standard input: the recovery key (its groups on one line), then
    /// the new password. Clears the account's TOTP, ends its console
    /// sessions and lifts a lockout.
    Reset {
        /// Login name.
        #[arg(long, value_name = "NAME")]
        username: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Check every entry of the audit chain, and the stored head, from the
    /// first entry on. Exits 1 naming the first broken entry.
    Verify,
}

/// `--role`: one of the role codes, listed in `--help` and in errors.
fn role_parser() -> impl TypedValueParser<Value = Role> {
    PossibleValuesParser::new(Role::ALL.iter().map(|role| role.as_str()))
        .map(|code| Role::parse(&code).expect("clap only passes a listed role code"))
}

/// Prints the recovery key once. It is the only way to read every report if
/// all case workers' passwords are lost: it belongs on paper, in a safe.
pub fn print_recovery_key(key: &crate::crypto::RecoveryKey) {
    println!("RECOVERY KEY — write it on paper now; it is shown only this once.");
    println!("Anyone holding it can read every report. Keep it in a safe, offline.");
    println!();
    println!("{}", key.to_paper().as_str());
    println!();
    println!("public key: {}", key.public_key().to_hex());
}
