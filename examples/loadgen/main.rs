//! Load generator for the Suara bot (issue 14), with the no-op teloxide
//! bot (`examples/noop_bot.rs`) as the ceiling in the same run.
//!
//! Starts a lean fake Bot API in this process, then each bot under test as
//! its own process pointed at it (`suara serve` on SQLite and/or
//! PostgreSQL, then the no-op bot), and drives simulated reporters through
//! whole flows over real HTTP: saturation, open loop at fixed offered
//! rates, and optionally a surge under Telegram's send limits. It prints
//! throughput, latency, the bot's CPU per update and peak RSS, database
//! bytes per report, cold start, and the fake's own CPU time.
//!
//! ```text
//! cargo build --release --bin suara --examples
//! target/release/examples/loadgen --db both --surge
//! target/release/examples/loadgen --smoke      # CI-sized, asserts, never times
//! ```
//!
//! See docs/performance.md, "Load generator".

#![forbid(unsafe_code)]

mod bench;
mod db;
mod driver;
mod fake;
mod hub;
mod limits;
mod outcome;
mod proc;
mod report;
mod reporter;
mod smoke;
mod surge_report;
mod turns;
mod updates;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;

use bench::{Bench, Plan};
use db::Db;
use outcome::{Mix, Shape};
use proc::BoxError;

#[derive(Debug, Parser)]
#[command(about = "Load generator for the Suara bot, with a no-op teloxide bot as the ceiling")]
pub struct Args {
    /// Databases for Suara: sqlite, postgres or both.
    #[arg(long, default_value = "sqlite", value_parser = ["sqlite", "postgres", "both"])]
    db: String,
    /// PostgreSQL admin URL; the run creates and drops the database `suara_load`.
    #[arg(long, env = "SUARA_TEST_PG_URL")]
    pg_url: Option<String>,
    /// Skip the no-op ceiling bot.
    #[arg(long)]
    no_ceiling: bool,
    /// Saturation: reporters in all, and at once.
    #[arg(long, default_value_t = 400)]
    reporters: usize,
    #[arg(long, default_value_t = 100)]
    concurrency: usize,
    /// Open loop: offered rates, updates/s, comma-separated ("" for none).
    #[arg(long, default_value = "200,500")]
    rates: String,
    /// Open loop: seconds per rate, and reporters in a flow at once (at least).
    #[arg(long, default_value_t = 20)]
    open_secs: u64,
    #[arg(long, default_value_t = 100)]
    open_concurrency: usize,
    /// Run the surge (Suara only): reporters starting within a window,
    /// under Telegram's send limits.
    #[arg(long)]
    surge: bool,
    #[arg(long, default_value_t = 1000)]
    surge_reporters: usize,
    #[arg(long, default_value_t = 60)]
    surge_window_secs: u64,
    /// The surge ends when every reporter in danger has had her answer
    /// (or never will), or this long after its window.
    #[arg(long, default_value_t = 120)]
    surge_tail_secs: u64,
    /// Think time before each answer in the surge, ms (min-max).
    #[arg(long, default_value = "500-2000")]
    think_ms: String,
    /// Telegram's send limits in every phase, not only the surge.
    #[arg(long)]
    limits: bool,
    /// Every n-th reporter sends a voice note and a photo; answers "Tidak
    /// aman"; types a plea (0: nobody).
    #[arg(long, default_value_t = 4)]
    media_every: u64,
    #[arg(long, default_value_t = 10)]
    not_safe_every: u64,
    #[arg(long, default_value_t = 20)]
    plea_every: u64,
    #[arg(long, default_value_t = 24 * 1024)]
    voice_bytes: usize,
    #[arg(long, default_value_t = 96 * 1024)]
    photo_bytes: usize,
    /// Starts of each bot for the cold start figure.
    #[arg(long, default_value_t = 5)]
    cold_starts: usize,
    /// Saturation flows before measuring.
    #[arg(long, default_value_t = 20)]
    warmup: usize,
    /// A reporter waiting longer than this for the bot fails.
    #[arg(long, default_value_t = 60)]
    step_timeout_secs: u64,
    /// Defaults: next to this program (target/<profile>/suara and
    /// target/<profile>/examples/noop_bot).
    #[arg(long)]
    suara_bin: Option<PathBuf>,
    #[arg(long)]
    noop_bin: Option<PathBuf>,
    /// CI-sized run that asserts completion and ordering, never a time.
    #[arg(long)]
    smoke: bool,
    /// Keep the data directories and logs.
    #[arg(long)]
    keep: bool,
}

const DEFAULT_PG: &str = "postgres://postgres@127.0.0.1:5432/postgres";

fn main() -> ExitCode {
    let args = Args::parse();
    let files = updates::Files::new(args.voice_bytes, args.photo_bytes);
    let token = format!("123456:LOADGEN{}", std::process::id());
    let (hub, events) = hub::Hub::new(token, files);
    let listener = match std::net::TcpListener::bind("127.0.0.1:0") {
        Ok(l) => l,
        Err(e) => return fail(format!("cannot listen: {e}").into()),
    };
    let api_url = match listener.local_addr() {
        Ok(addr) => format!("http://{addr}"),
        Err(e) => return fail(e.into()),
    };
    let (tid_tx, tid_rx) = std::sync::mpsc::channel();
    let fake_hub = hub.clone();
    let fake = std::thread::Builder::new()
        .name("fake-bot-api".into())
        .spawn(move || {
            let _ = tid_tx.send(proc::current_tid());
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a runtime for the fake");
            rt.block_on(async move {
                let _ = listener.set_nonblocking(true);
                match tokio::net::TcpListener::from_std(listener) {
                    Ok(l) => fake::serve(l, fake_hub).await,
                    Err(e) => eprintln!("fake Bot API: {e}"),
                }
            });
        });
    if let Err(e) = fake {
        return fail(e.into());
    }
    let fake_tid = tid_rx.recv().ok().flatten();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime for the driver");
    let work = match tempfile::Builder::new().prefix("suara-loadgen-").tempdir() {
        Ok(dir) => dir,
        Err(e) => return fail(e.into()),
    };
    let mut bench = Bench {
        driver: driver::Driver::new(hub.clone(), events),
        hub,
        api_url,
        fake_tid,
        driver_tid: proc::current_tid(),
        work: work.path().to_owned(),
    };
    let result = rt.block_on(async {
        if args.smoke {
            smoke::run(&args, &mut bench).await
        } else {
            measure(&args, &mut bench).await.map(|()| true)
        }
    });
    if args.keep {
        println!("kept {}", work.keep().display());
    }
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => fail(e),
    }
}

fn fail(e: BoxError) -> ExitCode {
    eprintln!("loadgen: {e}");
    ExitCode::FAILURE
}

/// `--suara-bin`, `--noop-bin`, or next to this program.
pub fn binaries(args: &Args) -> (PathBuf, PathBuf) {
    let me = std::env::current_exe().unwrap_or_default();
    let examples = me.parent().map(PathBuf::from).unwrap_or_default();
    let profile = examples.parent().map(PathBuf::from).unwrap_or_default();
    (
        args.suara_bin.clone().unwrap_or(profile.join("suara")),
        args.noop_bin.clone().unwrap_or(examples.join("noop_bot")),
    )
}

pub fn mix(args: &Args) -> Mix {
    Mix {
        media_every: args.media_every,
        not_safe_every: args.not_safe_every,
        plea_every: args.plea_every,
    }
}

fn rates(list: &str) -> Result<Vec<f64>, BoxError> {
    let rates = list.split(',').map(str::trim).filter(|r| !r.is_empty());
    let parsed = rates.map(|r| r.parse::<f64>().map_err(|_| format!("--rates: {r:?}")));
    Ok(parsed.collect::<Result<_, _>>()?)
}

fn think(args: &Args) -> Result<(u64, u64), BoxError> {
    let (lo, hi) = args
        .think_ms
        .split_once('-')
        .ok_or("--think-ms is MIN-MAX")?;
    let (lo, hi): (u64, u64) = (lo.trim().parse()?, hi.trim().parse()?);
    Ok((lo.min(hi), hi.max(lo)))
}

async fn measure(args: &Args, bench: &mut Bench) -> Result<(), BoxError> {
    let (suara_bin, noop_bin) = binaries(args);
    let window = Duration::from_secs(args.surge_window_secs);
    let plan = Plan {
        warmup: args.warmup,
        saturation: (args.reporters > 0).then_some((args.reporters, args.concurrency)),
        open_rates: rates(&args.rates)?,
        open_duration: Duration::from_secs(args.open_secs),
        open_concurrency: args.open_concurrency,
        surge: args.surge.then_some(()).map(|()| Shape::Surge {
            reporters: args.surge_reporters,
            window,
            think_ms: think(args).unwrap_or((500, 2000)),
            deadline: window + Duration::from_secs(args.surge_tail_secs),
            max_updates: None,
            until_danger_answered: true,
        }),
        mix: mix(args),
        step_timeout: Duration::from_secs(args.step_timeout_secs),
        limits_always: args.limits,
        cold_starts: args.cold_starts.max(1),
    };
    println!(
        "load average (1, 5, 15 min) at the start: {}",
        proc::load_average()
    );
    let pg = args.pg_url.clone().unwrap_or_else(|| DEFAULT_PG.to_owned());
    let mut dbs = Vec::new();
    if args.db != "postgres" {
        dbs.push(Db::Sqlite {
            dir: bench.work.join("sqlite"),
        });
    }
    if args.db != "sqlite" {
        dbs.push(Db::Postgres { admin: pg });
    }
    let mut reports = Vec::new();
    for db in &dbs {
        println!("running Suara on {} …", db.label());
        let report = bench.suara(&suara_bin, db, &plan).await;
        db.remove().await?;
        let report = report?;
        report::print_details(&report);
        reports.push(report);
    }
    let ceiling = if args.no_ceiling {
        None
    } else {
        println!("\nrunning the no-op ceiling …");
        let scripts: Vec<_> = reports.iter().flat_map(|r| r.scripts.clone()).collect();
        let scripts = if scripts.is_empty() {
            smoke::default_scripts()
        } else {
            scripts
        };
        let c = bench.noop(&noop_bin, &plan, &scripts).await?;
        report::print_details(&c);
        Some(c)
    };
    let bots: Vec<&bench::BotReport> = reports.iter().collect();
    report::print_table(&bots, ceiling.as_ref());
    surge_report::print_surge(&bots);
    println!(
        "\nload average (1, 5, 15 min) at the end: {}",
        proc::load_average()
    );
    Ok(())
}
