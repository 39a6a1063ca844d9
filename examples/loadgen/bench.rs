//! One bot under test, start to finish: prepare its database, start it,
//! time the cold start, run the phases of the [`Plan`] while reading its
//! CPU time, then its peak RSS, stop it, and weigh the database.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::db::Db;
use crate::driver::{Driver, Phase};
use crate::hub::{Hub, Stats};
use crate::limits::{LimitConfig, Limiter};
use crate::outcome::{Mix, Outcome, Shape};
use crate::proc::{BotProc, BoxError, Launch, run_once, thread_cpu};
use crate::reporter::Step;

/// What to run against each bot.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Saturation flows before measuring (caches, connections), 0 for none.
    pub warmup: usize,
    pub saturation: Option<(usize, usize)>,
    pub open_rates: Vec<f64>,
    pub open_duration: Duration,
    pub open_concurrency: usize,
    /// Suara only: the surge, always under Telegram's send limits.
    pub surge: Option<Shape>,
    pub mix: Mix,
    pub step_timeout: Duration,
    /// Telegram's send limits in every phase, not only the surge.
    pub limits_always: bool,
    /// Times the bot is started for the cold start (all but the last are
    /// killed as soon as they poll).
    pub cold_starts: usize,
}

/// One measured phase.
pub struct PhaseReport {
    pub name: String,
    pub shape: Shape,
    pub outcome: Outcome,
    pub stats: Stats,
    pub bot_cpu: Duration,
    pub fake_cpu: Duration,
    pub driver_cpu: Duration,
    /// PostgreSQL: CPU time of the backends serving the bot.
    pub db_cpu: Option<Duration>,
    /// Database growth over the phase (Suara), bytes.
    pub db_growth: Option<u64>,
    /// The bot's peak RSS (VmHWM) at the end of the phase, bytes.
    pub peak_rss: u64,
    /// Replayed scripts (the ceiling): flows, not reports, are counted.
    pub scripted: bool,
}

/// One bot's results.
pub struct BotReport {
    pub label: String,
    /// Exec → first getUpdates, one per start.
    pub cold_starts: Vec<Duration>,
    pub phases: Vec<PhaseReport>,
    pub peak_rss: u64,
    /// Scripts of Suara's completed flows, for the ceiling.
    pub scripts: Vec<Vec<Step>>,
}

/// The run's fixed parts.
pub struct Bench {
    pub driver: Driver,
    pub hub: Arc<Hub>,
    pub api_url: String,
    pub fake_tid: Option<u32>,
    pub driver_tid: Option<u32>,
    pub work: PathBuf,
}

/// The settings that turn Suara's send pacing off.
const UNPACED: (&str, &str) = (
    "SUARA_TELEGRAM_MAX_SENDS_PER_SECOND",
    "SUARA_TELEGRAM_CHAT_SENDS_PER_SECOND",
);

impl Bench {
    /// Suara on `db`: `keys init` (which applies the migrations), then
    /// `serve` against the fake.
    pub async fn suara(&mut self, bin: &Path, db: &Db, plan: &Plan) -> Result<BotReport, BoxError> {
        let dir = self.work.join(db.label().to_lowercase());
        std::fs::create_dir_all(&dir)?;
        db.create().await?;
        let mut env = vec![
            ("SUARA_DATA_DIR", dir.display().to_string()),
            ("SUARA_TELEGRAM_TOKEN", self.hub.token.clone()),
            ("SUARA_TELEGRAM_API_URL", self.api_url.clone()),
            ("SUARA_CONSOLE_LISTEN", "127.0.0.1:0".to_owned()),
        ];
        if let Some(url) = db.url()? {
            env.push(("SUARA_DATABASE_URL", url));
        }
        if !plan.limits_always {
            // The fake enforces no send limits outside the surge (and with
            // --limits): Suara is told so, as it would be in front of a
            // local Bot API server, so the phases measure the bot and not
            // Telegram's pace. The surge restarts it with Telegram's.
            env.push((UNPACED.0, "0".to_owned()));
            env.push((UNPACED.1, "0".to_owned()));
        }
        let init = Launch {
            bin,
            args: &["keys", "init"],
            env: env.clone(),
            log: dir.join("keys-init.log"),
        };
        run_once(&init)?;
        let launch = Launch {
            bin,
            args: &["serve"],
            env,
            log: dir.join("serve.log"),
        };
        let label = format!("Suara, {}", db.label());
        self.measure_bot(label, &launch, plan, None, Some(db)).await
    }

    /// Restarts `bot` with Telegram's send limits for the surge, when it ran
    /// without them; the new process's cold start is not measured.
    async fn paced(&mut self, bot: BotProc, launch: &Launch<'_>) -> Result<BotProc, BoxError> {
        if !launch.env.iter().any(|(k, _)| *k == UNPACED.0) {
            return Ok(bot);
        }
        bot.stop().await?;
        let paced = Launch {
            bin: launch.bin,
            args: launch.args,
            env: (launch.env.iter())
                .filter(|(k, _)| *k != UNPACED.0 && *k != UNPACED.1)
                .cloned()
                .collect(),
            log: launch.log.with_extension("surge.log"),
        };
        self.hub.reset();
        let mut bot = BotProc::spawn(&paced)?;
        self.first_poll(&mut bot).await?;
        Ok(bot)
    }

    /// The no-op teloxide bot, replaying `scripts`.
    pub async fn noop(
        &mut self,
        bin: &Path,
        plan: &Plan,
        scripts: &[Vec<Step>],
    ) -> Result<BotReport, BoxError> {
        let launch = Launch {
            bin,
            args: &[],
            env: vec![
                ("SUARA_TELEGRAM_TOKEN", self.hub.token.clone()),
                ("SUARA_TELEGRAM_API_URL", self.api_url.clone()),
            ],
            log: self.work.join("noop.log"),
        };
        let plan = Plan {
            surge: None,
            ..plan.clone()
        };
        self.measure_bot("no-op ceiling".into(), &launch, &plan, Some(scripts), None)
            .await
    }

    async fn measure_bot(
        &mut self,
        label: String,
        launch: &Launch<'_>,
        plan: &Plan,
        scripts: Option<&[Vec<Step>]>,
        db: Option<&Db>,
    ) -> Result<BotReport, BoxError> {
        let mut cold_starts = Vec::new();
        for _ in 1..plan.cold_starts {
            self.hub.reset();
            let mut bot = BotProc::spawn(launch)?;
            cold_starts.push(self.first_poll(&mut bot).await?);
            bot.kill()?;
        }
        self.hub.reset();
        self.hub.set_limits(plan.limits_always.then(limiter));
        let mut bot = BotProc::spawn(launch)?;
        cold_starts.push(self.first_poll(&mut bot).await?);
        let mut phases = Vec::new();
        let mut scripts_seen = Vec::new();
        let mut peak_rss = 0;
        let mut todo: Vec<(String, Shape)> = Vec::new();
        if plan.warmup > 0 {
            todo.push(("warm-up".into(), saturation(plan.warmup, 10)));
        }
        if let Some((reporters, concurrency)) = plan.saturation {
            todo.push(("saturation".into(), saturation(reporters, concurrency)));
        }
        for &rate in &plan.open_rates {
            let shape = Shape::Open {
                rate,
                duration: plan.open_duration,
                concurrency: plan.open_concurrency,
            };
            todo.push((format!("open loop {rate}/s"), shape));
        }
        if let Some(surge) = &plan.surge {
            todo.push(("surge".into(), surge.clone()));
        }
        for (name, shape) in todo {
            let surge = matches!(shape, Shape::Surge { .. });
            if surge {
                peak_rss = peak_rss.max(bot.peak_rss());
                bot = self.paced(bot, launch).await?;
                self.hub.set_limits(Some(limiter()));
            }
            // A surge ends at its deadline; a flow still waiting then is
            // unfinished, not failed.
            let step_timeout = match &shape {
                Shape::Surge { deadline, .. } => plan.step_timeout.max(*deadline),
                _ => plan.step_timeout,
            };
            let phase = Phase {
                shape,
                mix: plan.mix,
                scripts,
                step_timeout,
            };
            let before = match db {
                Some(db) => Some(db.bytes().await?),
                None => None,
            };
            let server = match db {
                Some(db) => db.server_cpu().await?,
                None => None,
            };
            let mut report = self.phase(&bot, name, phase).await;
            if let (Some(db), Some(server)) = (db, server) {
                let after = db.server_cpu().await?.unwrap_or_default();
                let spent = after.iter().map(|(pid, cpu)| {
                    cpu.saturating_sub(server.get(pid).copied().unwrap_or_default())
                });
                report.db_cpu = Some(spent.sum());
            }
            self.hub.set_limits(plan.limits_always.then(limiter));
            // Let the bot finish what it does after its last answer.
            tokio::time::sleep(Duration::from_millis(500)).await;
            if let (Some(db), Some(before)) = (db, before) {
                report.db_growth = Some(db.bytes().await?.saturating_sub(before));
            }
            scripts_seen.extend(report.outcome.scripts.iter().cloned());
            phases.push(report);
            if !bot.alive() {
                return Err(format!("the bot died; its log ends:\n{}", bot.log_tail()).into());
            }
        }
        let peak_rss = peak_rss.max(bot.peak_rss());
        bot.stop().await?;
        Ok(BotReport {
            label,
            cold_starts,
            phases,
            peak_rss,
            scripts: scripts_seen,
        })
    }

    /// Exec → the bot's first getUpdates.
    async fn first_poll(&mut self, bot: &mut BotProc) -> Result<Duration, BoxError> {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Some(at) = self.hub.first_get_updates() {
                return Ok(at.saturating_duration_since(bot.spawned));
            }
            if !bot.alive() || Instant::now() > deadline {
                return Err(format!(
                    "the bot never polled for updates; its log ends:\n{}",
                    bot.log_tail()
                )
                .into());
            }
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
    }

    async fn phase(&mut self, bot: &BotProc, name: String, phase: Phase<'_>) -> PhaseReport {
        let _ = self.hub.take_stats();
        let cpu = (bot.cpu(), self.fake_cpu(), thread_cpu(self.driver_tid));
        let outcome = self.driver.run(&phase).await;
        let stats = self.hub.take_stats();
        PhaseReport {
            name,
            shape: phase.shape,
            outcome,
            stats,
            bot_cpu: bot.cpu().saturating_sub(cpu.0),
            fake_cpu: self.fake_cpu().saturating_sub(cpu.1),
            driver_cpu: thread_cpu(self.driver_tid).saturating_sub(cpu.2),
            db_cpu: None,
            db_growth: None,
            peak_rss: bot.peak_rss(),
            scripted: phase.scripts.is_some(),
        }
    }

    fn fake_cpu(&self) -> Duration {
        thread_cpu(self.fake_tid)
    }
}

fn saturation(reporters: usize, concurrency: usize) -> Shape {
    Shape::Saturation {
        reporters,
        concurrency: concurrency.min(reporters),
    }
}

fn limiter() -> Limiter {
    Limiter::new(LimitConfig::default())
}
