//! `--smoke`: a CI-sized run that asserts, and never about a time. Suara
//! on SQLite (and on PostgreSQL when `--pg-url`/`SUARA_TEST_PG_URL` is
//! given): 20 reporters at saturation, a short open loop, and on SQLite a
//! short surge under Telegram's send limits; then the no-op bot. Every
//! flow must complete, every "Tidak aman" must be answered with the
//! emergency numbers before anything else, no message may come after the
//! buttons of its turn, and the bot may call nothing the fake lacks.

use std::time::{Duration, Instant};

use crate::bench::{BotReport, Plan};
use crate::db::Db;
use crate::outcome::{DangerStats, Mix, Shape};
use crate::proc::BoxError;
use crate::reporter::Step;
use crate::{Args, binaries, report};

const REPORTERS: usize = 20;
const SURGE_REPORTERS: usize = 30;

pub async fn run(args: &Args, bench: &mut crate::bench::Bench) -> Result<bool, BoxError> {
    let t0 = Instant::now();
    let (suara_bin, noop_bin) = binaries(args);
    let plan = Plan {
        warmup: 0,
        saturation: Some((REPORTERS, 10)),
        open_rates: vec![40.0],
        open_duration: Duration::from_secs(3),
        open_concurrency: 10,
        surge: None,
        mix: Mix {
            media_every: 4,
            not_safe_every: 5,
            plea_every: 10,
        },
        step_timeout: Duration::from_secs(60),
        limits_always: false,
        cold_starts: 1,
    };
    let surge = Shape::Surge {
        reporters: SURGE_REPORTERS,
        window: Duration::from_secs(3),
        think_ms: (100, 400),
        deadline: Duration::from_secs(180),
        max_updates: Some(6),
        until_danger_answered: false,
    };
    let mut dbs = vec![Db::Sqlite {
        dir: bench.work.join("sqlite"),
    }];
    if let Some(url) = &args.pg_url {
        dbs.push(Db::Postgres { admin: url.clone() });
    }
    let mut problems = Vec::new();
    let mut scripts = Vec::new();
    for db in &dbs {
        let plan = match db {
            Db::Sqlite { .. } => Plan {
                surge: Some(surge.clone()),
                ..plan.clone()
            },
            Db::Postgres { .. } => plan.clone(),
        };
        let report = bench.suara(&suara_bin, db, &plan).await;
        db.remove().await?;
        let report = report?;
        report::print_details(&report);
        check(&report, true, &mut problems);
        scripts.extend(report.scripts.clone());
    }
    let ceiling = bench.noop(&noop_bin, &plan, &scripts).await?;
    report::print_details(&ceiling);
    check(&ceiling, false, &mut problems);
    let took = t0.elapsed().as_secs_f64();
    if problems.is_empty() {
        println!("\nsmoke: ok ({took:.0} s)");
        return Ok(true);
    }
    println!("\nsmoke: {} problem(s) ({took:.0} s)", problems.len());
    for p in &problems {
        println!("- {p}");
    }
    Ok(false)
}

fn check(r: &BotReport, suara: bool, problems: &mut Vec<String>) {
    let mut fail = |what: String| problems.push(format!("{}: {what}", r.label));
    for p in &r.phases {
        let (o, name) = (&p.outcome, &p.name);
        for f in &o.failures {
            fail(format!("{name}: {f}"));
        }
        if o.order_violations > 0 {
            fail(format!(
                "{name}: {} message(s) came after the buttons of their turn",
                o.order_violations
            ));
        }
        if !p.stats.unknown_methods.is_empty() {
            fail(format!(
                "{name}: the fake lacks {:?}",
                p.stats.unknown_methods
            ));
        }
        let whole = matches!(p.shape, Shape::Saturation { .. } | Shape::Surge { .. });
        if whole && o.completed != o.started {
            fail(format!(
                "{name}: {} of {} flows completed",
                o.completed, o.started
            ));
        }
        if suara && matches!(p.shape, Shape::Saturation { .. }) && o.receipts != o.started {
            fail(format!(
                "{name}: {} receipts for {} flows",
                o.receipts, o.started
            ));
        }
        if suara {
            danger(&mut fail, name, "\"Tidak aman\"", &o.not_safe);
            danger(&mut fail, name, "a plea", &o.plea);
        }
    }
}

fn danger(fail: &mut impl FnMut(String), phase: &str, what: &str, d: &DangerStats) {
    if d.triggers == 0 || d.first == d.triggers {
        return;
    }
    fail(format!(
        "{phase}: after {what}, the emergency numbers came first {} of {} times \
         ({} after another message, {} never, {} no answer by the end)",
        d.first, d.triggers, d.not_first, d.missing, d.pending
    ));
}

/// The current flow's updates, for a ceiling run without a Suara run.
pub fn default_scripts() -> Vec<Vec<Step>> {
    let press = |n: usize| std::iter::repeat_n(Step::Press, n);
    let plain: Vec<Step> = std::iter::once(Step::Start)
        .chain(press(12))
        .chain([Step::Text(crate::updates::story(1))])
        .chain(press(6))
        .collect();
    let mut media = plain.clone();
    media.splice(14..14, [Step::Voice, Step::Photo]);
    vec![plain.clone(), media, plain.clone(), plain]
}
