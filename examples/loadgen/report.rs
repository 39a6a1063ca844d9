//! Printing a run: one line per phase, then Markdown tables with the
//! ceiling beside each bot (for docs/performance.md), then the surge.

use std::time::Duration;

use crate::bench::{BotReport, PhaseReport};
use crate::outcome::{DangerStats, Shape};

pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// A rate: whole numbers from 10 up.
pub fn per_sec(r: f64) -> String {
    if r < 10.0 {
        format!("{r:.1}")
    } else {
        format!("{r:.0}")
    }
}

pub fn ms(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    match ms {
        m if m < 10.0 => format!("{m:.2}"),
        m if m < 100.0 => format!("{m:.1}"),
        m => format!("{m:.0}"),
    }
}

/// "p50 / p95 / p99 / max" in milliseconds.
pub fn latency(samples: &[Duration]) -> String {
    let mut v = samples.to_vec();
    v.sort();
    let p = |q| ms(percentile(&v, q));
    let max = ms(v.last().copied().unwrap_or_default());
    format!("{} / {} / {} / {max}", p(50.0), p(95.0), p(99.0))
}

fn per_update(cpu: Duration, updates: u64) -> Duration {
    cpu.checked_div(updates.max(1) as u32).unwrap_or_default()
}

impl PhaseReport {
    /// Updates per second: measured for saturation, as offered otherwise.
    pub fn rate(&self) -> f64 {
        let secs = match &self.shape {
            Shape::Open { duration, .. } => duration.as_secs_f64(),
            _ => self.outcome.elapsed.as_secs_f64(),
        };
        self.outcome.updates as f64 / secs.max(1e-9)
    }

    /// Reports (receipts) per minute; flows per minute for the ceiling.
    pub fn reports_per_min(&self) -> f64 {
        let done = match self.scripted {
            true => self.outcome.completed,
            false => self.outcome.receipts,
        };
        done as f64 * 60.0 / self.outcome.elapsed.as_secs_f64().max(1e-9)
    }

    pub fn bot_cpu_per_update(&self) -> Duration {
        per_update(self.bot_cpu, self.outcome.updates)
    }
}

/// One line per phase, with the fake's and the driver's own cost.
pub fn print_details(r: &BotReport) {
    println!("\n## {}", r.label);
    let starts: Vec<String> = r.cold_starts.iter().map(|d| ms(*d)).collect();
    println!(
        "cold start (exec → first getUpdates), ms: {}",
        starts.join(", ")
    );
    for p in &r.phases {
        let o = &p.outcome;
        println!(
            "- {}: {} updates in {:.1} s ({}/s); flows {} started, {} completed, {} reports, \
             {} unfinished ({} of them unanswered), {} failed; {:.0} reports/min; \
             peak {} reporters in a flow",
            p.name,
            o.updates,
            o.elapsed.as_secs_f64(),
            per_sec(p.rate()),
            o.started,
            o.completed,
            o.receipts,
            o.unfinished,
            o.unanswered_at_end,
            o.failures.len(),
            p.reports_per_min(),
            o.peak_active
        );
        println!(
            "  latency ms p50/p95/p99/max {} ({} samples); bot CPU {} ms/update; \
             fake CPU {} ms/update ({} ms total); driver CPU {} ms/update",
            latency(&p.stats.latencies),
            p.stats.latencies.len(),
            ms(p.bot_cpu_per_update()),
            ms(per_update(p.fake_cpu, o.updates)),
            ms(p.fake_cpu),
            ms(per_update(p.driver_cpu, o.updates)),
        );
        if let Some(cpu) = p.db_cpu {
            println!(
                "  PostgreSQL backends' CPU {} ms/update (not in the bot's figure)",
                ms(per_update(cpu, o.updates))
            );
        }
        println!("  peak RSS so far {:.1} MiB", p.peak_rss as f64 / 1048576.0);
        if let Shape::Open { .. } = p.shape {
            println!("  open loop: latest tick {} ms late", ms(o.max_tick_lag));
        }
        let calls: Vec<String> = (p.stats.calls.iter())
            .map(|(m, n)| format!("{m} {n}"))
            .collect();
        println!("  calls: {}", calls.join(", "));
        if !p.stats.unknown_methods.is_empty() {
            println!("  UNKNOWN methods (404): {:?}", p.stats.unknown_methods);
        }
        println!(
            "  429s {}; order violations {}; updates while one was unanswered {}",
            p.stats.too_many_requests, o.order_violations, p.stats.overlapping_updates
        );
        for (name, d) in [("\"Tidak aman\"", &o.not_safe), ("plea", &o.plea)] {
            if d.triggers > 0 {
                println!("  {name}: {}", danger(d));
            }
        }
        match (p.db_growth, o.receipts) {
            (Some(bytes), 0) => println!("  database grew {bytes} bytes (no report stored)"),
            (Some(bytes), n) => println!(
                "  database grew {bytes} bytes ({} per report stored in this phase)",
                bytes / n as u64
            ),
            (None, _) => {}
        }
        for f in o.failures.iter().take(10) {
            println!("  FAILED {f}");
        }
    }
    println!("peak RSS {:.1} MiB", r.peak_rss as f64 / 1048576.0);
}

/// Database growth over the saturation phase per report stored in it.
fn bytes_per_report(r: &BotReport) -> Option<u64> {
    let p = phase(r, "saturation")?;
    Some(p.db_growth? / (p.outcome.receipts.max(1) as u64))
}

pub fn danger(d: &DangerStats) -> String {
    let within = d
        .latencies
        .iter()
        .filter(|l| l.as_secs_f64() <= 2.0)
        .count();
    format!(
        "{} triggers: numbers first {}, not first {}, never {}, no answer by the end {}; \
         ≤ 2 s {}; ms p50/p95/p99/max {}",
        d.triggers,
        d.first,
        d.not_first,
        d.missing,
        d.pending,
        within,
        latency(&d.latencies)
    )
}

pub fn phase<'r>(r: &'r BotReport, name: &str) -> Option<&'r PhaseReport> {
    r.phases.iter().find(|p| p.name == name)
}

/// The Markdown table: every bot, the ceiling last, ratios in brackets.
pub fn print_table(bots: &[&BotReport], ceiling: Option<&BotReport>) {
    let all: Vec<&BotReport> = bots.iter().copied().chain(ceiling).collect();
    let head: Vec<&str> = all.iter().map(|r| r.label.as_str()).collect();
    println!("\n| | {} |", head.join(" | "));
    println!("|---|{}", "---|".repeat(all.len()));
    let row = |name: String, cell: &dyn Fn(&BotReport) -> String| {
        let cells: Vec<String> = all.iter().map(|r| cell(r)).collect();
        println!("| {name} | {} |", cells.join(" | "));
    };
    let ceiling_of = |name: &str| ceiling.and_then(|c| phase(c, name));
    let is_ceiling = |r: &BotReport| ceiling.is_some_and(|c| std::ptr::eq(c, r));
    row(
        "cold start to first getUpdates, ms: median (max)".into(),
        &|r| {
            let mut v = r.cold_starts.clone();
            v.sort();
            let max = ms(v.last().copied().unwrap_or_default());
            format!("{} ({max})", ms(percentile(&v, 50.0)))
        },
    );
    let mut names: Vec<String> = Vec::new();
    for p in all.iter().flat_map(|r| &r.phases) {
        if p.name != "warm-up" && !p.name.starts_with("surge") && !names.contains(&p.name) {
            names.push(p.name.clone());
        }
    }
    for name in &names {
        let sat = name == "saturation";
        fn get<'r>(r: &'r BotReport, name: &str) -> Option<&'r PhaseReport> {
            phase(r, name)
        }
        let label = if sat {
            "updates/s"
        } else {
            "offered updates/s"
        };
        row(format!("{name}: {label}"), &|r| match get(r, name) {
            Some(p) => match (sat && !is_ceiling(r), ceiling_of(name)) {
                (true, Some(c)) => {
                    format!("{:.0} ({:.0} %)", p.rate(), 100.0 * p.rate() / c.rate())
                }
                _ => format!("{:.0}", p.rate()),
            },
            None => "—".into(),
        });
        row(format!("{name}: reports/min"), &|r| {
            get(r, name).map_or("—".into(), |p| format!("{:.0}", p.reports_per_min()))
        });
        row(
            format!("{name}: bot CPU per update, ms"),
            &|r| match get(r, name) {
                Some(p) => match (is_ceiling(r), ceiling_of(name)) {
                    (false, Some(c)) => format!(
                        "{} ({:.1}×)",
                        ms(p.bot_cpu_per_update()),
                        p.bot_cpu_per_update().as_secs_f64()
                            / c.bot_cpu_per_update().as_secs_f64().max(1e-9)
                    ),
                    _ => ms(p.bot_cpu_per_update()),
                },
                None => "—".into(),
            },
        );
        if all
            .iter()
            .any(|r| get(r, name).is_some_and(|p| p.db_cpu.is_some()))
        {
            row(
                format!("{name}: PostgreSQL backends' CPU per update, ms"),
                &|r| match get(r, name).and_then(|p| Some((p.db_cpu?, p.outcome.updates))) {
                    Some((cpu, updates)) => ms(per_update(cpu, updates)),
                    None => "—".into(),
                },
            );
        }
        row(format!("{name}: latency p50 / p95 / p99 / max, ms"), &|r| {
            get(r, name).map_or("—".into(), |p| latency(&p.stats.latencies))
        });
        row(format!("{name}: fake Bot API CPU per update, ms"), &|r| {
            get(r, name).map_or("—".into(), |p| {
                ms(per_update(p.fake_cpu, p.outcome.updates))
            })
        });
    }
    row("peak RSS, MiB".into(), &|r| {
        format!("{:.1}", r.peak_rss as f64 / 1048576.0)
    });
    row("database bytes per report (saturation)".into(), &|r| {
        bytes_per_report(r).map_or("—".into(), |b| b.to_string())
    });
}
