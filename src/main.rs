//! The `suara` binary: parse the command line, load settings, set up
//! telemetry, run the chosen command. Everything else lives in the library.

#![forbid(unsafe_code)]

use std::process::ExitCode;

use clap::Parser;
use suara::cli::{Cli, Command};
use suara::commands::CommandError;
use suara::config::Settings;

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Command::Version = cli.command {
        println!("suara {}", env!("CARGO_PKG_VERSION"));
        return ExitCode::SUCCESS;
    }
    let result = Settings::load(cli.config.as_deref())
        .map_err(CommandError::from)
        .and_then(|settings| {
            suara::telemetry::init(settings.log.format);
            let runtime = tokio::runtime::Runtime::new()?;
            runtime.block_on(suara::commands::run(cli.command, settings))
        });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // One line on stderr; a configuration problem exits 2, like a usage
        // error, so scripts can tell "fix your settings" from "it broke".
        Err(err) => {
            eprintln!("suara: {err}");
            ExitCode::from(err.exit_code())
        }
    }
}
