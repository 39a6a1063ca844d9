//! The surge's table: 429s, the emergency numbers after "Tidak aman" and
//! after a plea, order, and the flows left unanswered.

use crate::bench::{BotReport, PhaseReport};
use crate::outcome::Shape;
use crate::report::{danger, latency, phase};

/// The surge, for the bots that ran it.
pub fn print_surge(bots: &[&BotReport]) {
    let runs: Vec<(&str, &PhaseReport)> = (bots.iter())
        .filter_map(|r| Some((r.label.as_str(), phase(r, "surge")?)))
        .collect();
    let Some((_, first)) = runs.first() else {
        return;
    };
    if let Shape::Surge {
        reporters, window, ..
    } = &first.shape
    {
        println!(
            "\nSurge: {reporters} reporters starting within {} s, under Telegram's send limits.\n",
            window.as_secs()
        );
    }
    let head: Vec<&str> = runs.iter().map(|(l, _)| *l).collect();
    println!("| | {} |", head.join(" | "));
    println!("|---|{}", "---|".repeat(runs.len()));
    let row = |name: &str, cell: &dyn Fn(&PhaseReport) -> String| {
        let cells: Vec<String> = runs.iter().map(|(_, p)| cell(p)).collect();
        println!("| {name} | {} |", cells.join(" | "));
    };
    row("updates sent / 429 answers", &|p| {
        format!("{} / {}", p.outcome.updates, p.stats.too_many_requests)
    });
    row("sendMessage attempts / accepted, per second", &|p| {
        let secs = p.outcome.elapsed.as_secs_f64().max(1e-9);
        let attempts = p.stats.calls.get("sendMessage").copied().unwrap_or(0);
        let accepted = attempts.saturating_sub(p.stats.too_many_requests);
        format!(
            "{:.0} / {:.0}",
            attempts as f64 / secs,
            accepted as f64 / secs
        )
    });
    row("\"Tidak aman\"", &|p| danger(&p.outcome.not_safe));
    row("plea typed", &|p| danger(&p.outcome.plea));
    row("per-chat order violations", &|p| {
        p.outcome.order_violations.to_string()
    });
    row(
        "flows completed / in progress at the end / of them unanswered",
        &|p| {
            let o = &p.outcome;
            format!(
                "{} / {} / {}",
                o.completed, o.unfinished, o.unanswered_at_end
            )
        },
    );
    row("latency p50 / p95 / p99 / max, ms", &|p| {
        latency(&p.stats.latencies)
    });
}
