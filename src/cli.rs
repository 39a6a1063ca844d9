//! The command line: which thing to do, with which config file.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

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
    /// Load and validate the configuration, then print a summary without secrets.
    CheckConfig,
    /// Key ceremonies.
    #[command(subcommand)]
    Keys(KeysCommand),
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
