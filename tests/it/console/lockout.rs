//! A lockout that does what it says (issue 12, point 3): the count starts
//! again once a lock expires, and a name that is no account "locks" like
//! one, with the same status, the same words and the same time, so the
//! lockout tells nobody which names exist.

use std::time::{Duration, Instant};

use suara::crypto::PasswordKdf;
use suara::domain::role::Role;

use super::bare::BareConsole;
use super::{Console, Page, account, on_both_databases};
use crate::app::TestApp;
use crate::helpers::TestDb;

/// The page without its one-time token, to compare two answers.
fn text(page: &Page) -> String {
    match page.field("csrf") {
        Some(token) => page.body.replace(&token, ""),
        None => page.body.clone(),
    }
}

on_both_databases!(
    a_lock_that_expired_starts_the_count_again,
    a_name_that_is_no_account_locks_like_an_account
);

async fn a_lock_that_expired_starts_the_count_again(app: TestApp) {
    let p = account(&app, "sari", Role::Petugas, &["64.72"], None).await;
    let c = Console::new(&app).await;
    for attempt in 1..=9 {
        let page = c.try_login("sari", "wrong-password-xx", "123456").await;
        assert_eq!(page.status, 401, "attempt {attempt}");
    }
    assert_eq!(
        c.try_login("sari", "wrong-password-xx", "1").await.status,
        403
    );
    assert_eq!(
        c.try_login("sari", &p.password, &p.fresh_code())
            .await
            .status,
        403
    );
    // The lock runs out.
    app.db
        .execute("UPDATE case_workers SET locked_until = 1 WHERE username = 'sari'")
        .await;
    let one_more = c.try_login("sari", "wrong-password-xx", "123456").await;
    assert_eq!(
        one_more.status, 401,
        "one wrong password does not lock again at once"
    );
    let w = app
        .db
        .store
        .worker_by_username("sari")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(w.failed_logins, 1);
    assert!(w.locked_until.is_none());
    assert_eq!(
        c.try_login("sari", &p.password, &p.fresh_code())
            .await
            .status,
        303
    );
}

async fn a_name_that_is_no_account_locks_like_an_account(app: TestApp) {
    account(&app, "sari", Role::Petugas, &["64.72"], None).await;
    let c = Console::new(&app).await;
    let mut real = Vec::new();
    let mut ghost = Vec::new();
    for _ in 1..=11 {
        real.push(c.try_login("sari", "wrong-password-xx", "123456").await);
        ghost.push(c.try_login("nobody", "wrong-password-xx", "123456").await);
    }
    for (n, (r, g)) in real.iter().zip(&ghost).enumerate() {
        assert_eq!(r.status, g.status, "attempt {}", n + 1);
        assert_eq!(text(r), text(g), "attempt {}: the same words", n + 1);
    }
    assert_eq!(ghost[8].status, 401);
    assert_eq!(ghost[9].status, 403, "the tenth failure locks the name");
    assert!(ghost[10].body.contains("dikunci"));
    // Its lock runs out like an account's.
    app.db
        .execute("UPDATE login_failures SET locked_until = 1")
        .await;
    assert_eq!(
        c.try_login("nobody", "x-password-long", "1").await.status,
        401
    );
    // The name's row holds a keyed hash, never the name.
    let audit = app.db.store.audit_page(None, 100).await.unwrap();
    assert!(audit.iter().all(|e| !e.detail.contains("nobody")));
}

/// The median of `samples`.
fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

/// The median, over rounds, of how much longer kind `b` took than kind `a`
/// in the same round. Each round times the two back to back, so a busy
/// machine (the suite runs in parallel on two cores) slows both alike and
/// the ratio stays what the code makes it.
fn paired_ratio(times: &[Vec<Duration>], a: usize, b: usize) -> f64 {
    let mut ratios: Vec<f64> = (times[a].iter().zip(&times[b]))
        .map(|(x, y)| y.as_secs_f64() / x.as_secs_f64())
        .collect();
    ratios.sort_by(f64::total_cmp);
    ratios[ratios.len() / 2]
}

/// Times each kind of attempt in turn, so that the machine's load falls on
/// all alike; returns each kind's last answer and median, and the times.
async fn medians(
    c: &Console,
    kinds: &[(&str, &str)],
    rounds: usize,
) -> (Vec<(u16, String, Duration)>, Vec<Vec<Duration>>) {
    let mut times: Vec<Vec<Duration>> = vec![Vec::new(); kinds.len()];
    let mut last: Vec<(u16, String)> = vec![(0, String::new()); kinds.len()];
    for round in 0..rounds {
        // Every other round in reverse, so that no kind always goes first.
        let order: Vec<usize> = if round % 2 == 0 {
            (0..kinds.len()).collect()
        } else {
            (0..kinds.len()).rev().collect()
        };
        for i in order {
            let (name, password) = kinds[i];
            c.get("/login").await;
            let started = Instant::now();
            let page = c
                .post(
                    "/login",
                    &[
                        ("username", name),
                        ("password", password),
                        ("code", "123456"),
                    ],
                )
                .await;
            times[i].push(started.elapsed());
            last[i] = (page.status, text(&page));
        }
    }
    let summary = (last.into_iter().zip(times.iter()))
        .map(|((status, body), t)| (status, body, median(t.clone())))
        .collect();
    (summary, times)
}

// The guard keeps the other measuring tests out for the whole measurement;
// it is a plain mutex on purpose (the flood's tests are not async).
#[allow(clippy::await_holding_lock)]
async fn unknown_and_locked_names_take_the_same_time(db: TestDb) {
    let _alone = super::bare::measuring();
    let backend = db.store.backend();
    let kdf = PasswordKdf::production();
    let mut settings = suara::config::Settings::default();
    settings.console.login_attempts_per_ip = 10_000;
    let console = BareConsole::start(db, kdf.clone(), settings).await;
    console
        .account("sari", Role::Petugas, &["64.72"], &kdf)
        .await;
    console
        .account("rina", Role::Petugas, &["64.72"], &kdf)
        .await;
    let c = Console::at(console.url.clone());
    // Lock one account and one name that is no account.
    let lock = "UPDATE case_workers SET failed_logins = 10, locked_until = 9999999999999 \
                WHERE username = 'sari'";
    console.db.execute(lock).await;
    for _ in 0..10 {
        c.try_login("ghost", "wrong-password-xx", "1").await;
    }
    let kinds = [
        ("sari", "wrong-password-xx"),
        ("ghost", "wrong-password-xx"),
        ("rina", "wrong-password-xx"),
        ("nobody-at-all", "wrong-password-xx"),
    ];
    let (m, times) = medians(&c, &kinds, 9).await;
    let (locked, failed) = (paired_ratio(&times, 0, 1), paired_ratio(&times, 2, 3));
    let report = |(s, _, t): &(u16, String, Duration)| format!("{s} in {} ms", t.as_millis());
    println!(
        "{backend}: login timing (production Argon2id), medians of 9: locked account {}, locked unknown name {}, \
         wrong password {}, unknown name {}; paired ratios unknown/known: locked {locked:.2}, failed {failed:.2}",
        report(&m[0]),
        report(&m[1]),
        report(&m[2]),
        report(&m[3])
    );
    assert_eq!(
        (m[0].0, &m[0].1),
        (403, &m[1].1),
        "locked: same status and words"
    );
    assert_eq!(m[1].0, 403);
    assert_eq!(
        (m[2].0, &m[2].1),
        (401, &m[3].1),
        "failed: same status and words"
    );
    assert!(
        (locked - 1.0).abs() <= 0.2,
        "locked: median within 20 % ({locked:.2})"
    );
    assert!(
        (failed - 1.0).abs() <= 0.2,
        "failed: median within 20 % ({failed:.2})"
    );
    assert!(
        m[0].2 > Duration::from_millis(50),
        "a locked account is hashed too"
    );
}

#[tokio::test]
async fn unknown_and_locked_names_take_the_same_time_on_sqlite() {
    unknown_and_locked_names_take_the_same_time(TestDb::sqlite().await).await;
}

#[tokio::test]
async fn unknown_and_locked_names_take_the_same_time_on_postgresql() {
    unknown_and_locked_names_take_the_same_time(TestDb::postgres().await).await;
}
