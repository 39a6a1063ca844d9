//! Bounded password hashing (issue 12, point 2): 64 parallel login
//! attempts from 16 addresses, at the production Argon2id cost (64 MiB
//! each), keep the process under a stated memory ceiling, the console
//! answers other pages meanwhile, and the attempts beyond the queue are
//! told "busy" (429) at once.
//!
//! Memory is the whole process's, so the flood runs in a process of its
//! own: the test binary again, with only the flood in it.

use std::time::{Duration, Instant};

use suara::crypto::PasswordKdf;
use suara::domain::role::Role;

use super::Console;
use super::bare::BareConsole;
use crate::helpers::TestDb;

/// The ceiling for the flood's process: two derivations at once (128 MiB,
/// the default budget) on top of what the process holds anyway.
const CEILING_MIB: u64 = 256;

const ATTEMPTS: usize = 64;
const ADDRESSES: usize = 16;

/// A field of /proc/self/status, in KiB.
fn status_kib(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn run_child(db: &str) {
    let _alone = super::bare::measuring();
    let exe = std::env::current_exe().unwrap();
    let output = std::process::Command::new(exe)
        .args([
            "console::flood::the_flood_itself",
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("SUARA_TEST_FLOOD_DB", db)
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&output.stdout);
    let err = String::from_utf8_lossy(&output.stderr);
    // The child's figures, for the record.
    for line in out
        .lines()
        .filter_map(|l| l.find("flood: ").map(|at| &l[at..]))
    {
        println!("{db}: {line}");
    }
    assert!(
        output.status.success(),
        "the flood failed on {db}:\n{out}\n{err}"
    );
    assert!(out.contains("1 passed"), "the flood ran on {db}:\n{out}");
}

#[test]
fn a_login_flood_stays_under_its_memory_ceiling_on_sqlite() {
    run_child("sqlite");
}

#[test]
fn a_login_flood_stays_under_its_memory_ceiling_on_postgresql() {
    run_child("postgres");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "run by the flood tests above, in a process of its own"]
async fn the_flood_itself() {
    let db = match std::env::var("SUARA_TEST_FLOOD_DB").as_deref() {
        Ok("postgres") => TestDb::postgres().await,
        _ => TestDb::sqlite().await,
    };
    let kdf = PasswordKdf::production();
    let mut settings = suara::config::Settings::default();
    settings.console.trust_forwarded_for = true;
    let console = BareConsole::start(db, kdf.clone(), settings).await;
    let sari = console
        .account("sari", Role::Petugas, &["64.72"], &kdf)
        .await;
    console
        .account("rina", Role::Petugas, &["64.72"], &kdf)
        .await;
    let before = status_kib("VmRSS:");

    let url = console.url.clone();
    let attempts: Vec<_> = (0..ATTEMPTS)
        .map(|i| {
            let url = url.clone();
            tokio::spawn(async move {
                let c = Console::at(url);
                let address = format!("10.0.0.{}", i % ADDRESSES);
                let forwarded = [("x-forwarded-for", address.as_str())];
                c.get_with("/login", &forwarded).await;
                let name = if i % 2 == 0 { "rina" } else { "nobody" };
                let form = [
                    ("username", name),
                    ("password", "a-wrong-password"),
                    ("code", "1"),
                ];
                let started = Instant::now();
                let page = c.post_with("/login", &form, &forwarded).await;
                (page.status, started.elapsed())
            })
        })
        .collect();
    // The console answers meanwhile.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let started = Instant::now();
    let other = Console::at(url.clone()).get("/login").await;
    let answered_in = started.elapsed();
    let mut statuses = Vec::new();
    for a in attempts {
        statuses.push(a.await.unwrap());
    }
    let peak = status_kib("VmHWM:");
    let after = status_kib("VmRSS:");
    let count = |s: u16| statuses.iter().filter(|(st, _)| *st == s).count();
    let busy_max = (statuses.iter())
        .filter(|(s, _)| *s == 429)
        .map(|(_, t)| *t)
        .max()
        .unwrap_or_default();
    println!(
        "flood: {ATTEMPTS} attempts from {ADDRESSES} addresses: {} refused as wrong (401), {} locked (403), \
         {} busy (429, slowest {} ms); RSS {} MiB before, {} MiB after, peak (VmHWM) {} MiB, ceiling {CEILING_MIB} MiB; \
         /login answered in {} ms during the flood",
        count(401),
        count(403),
        count(429),
        busy_max.as_millis(),
        before / 1024,
        after / 1024,
        peak / 1024,
        answered_in.as_millis()
    );
    assert_eq!(other.status, 200);
    assert!(
        answered_in < Duration::from_secs(2),
        "the console answers during the flood"
    );
    // Wrong (401), or locked after ten wrong (403), or busy (429): never
    // an error, never a wait for memory.
    assert_eq!(
        count(401) + count(403) + count(429),
        ATTEMPTS,
        "{statuses:?}"
    );
    assert!(count(429) > 0, "beyond the queue: busy");
    assert!(
        busy_max < Duration::from_secs(2),
        "busy is said at once, not after waiting"
    );
    assert!(peak / 1024 < CEILING_MIB, "peak {} MiB", peak / 1024);
    // And the owner signs in once the flood is over.
    let c = Console::at(url);
    let page = c
        .try_login("sari", &sari.password, &sari.fresh_code())
        .await;
    assert_eq!(page.status, 303, "{}", page.body);
}
