//! The load generator's smoke run, so it cannot rot: Suara on SQLite and
//! PostgreSQL and the no-op ceiling bot, each its own process, against the
//! generator's fake Bot API. It asserts that every flow completed and that
//! the emergency numbers came first after every "Tidak aman" and every
//! typed plea, and never a time (see docs/performance.md).
//!
//! `cargo test` builds the examples beside the test binary; a narrower
//! build (`cargo test --test it`) does not, and then this test says so and
//! passes, except under `CI=true`.

use std::path::PathBuf;
use std::process::Command;

fn example(name: &str) -> Option<PathBuf> {
    // target/<profile>/deps/it-<hash> → target/<profile>/examples/<name>
    let deps = std::env::current_exe().ok()?.parent()?.to_path_buf();
    let path = deps.parent()?.join("examples").join(name);
    path.is_file().then_some(path)
}

#[test]
fn the_load_generators_smoke_run_completes_every_flow_with_danger_answered_first() {
    let (Some(loadgen), Some(_)) = (example("loadgen"), example("noop_bot")) else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "the loadgen and noop_bot examples were not built (CI=true requires them; run `cargo test`)"
        );
        eprintln!("skipped: the examples are not built; `cargo test` builds them");
        return;
    };
    let db = format!("suara_load_{}", uuid::Uuid::new_v4().simple());
    let out = Command::new(&loadgen)
        .args(["--smoke", "--pg-url", &crate::helpers::pg_admin_url()])
        .arg("--suara-bin")
        .arg(env!("CARGO_BIN_EXE_suara"))
        .env("SUARA_LOAD_PG_DB", &db)
        .output()
        .expect("the load generator runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains("smoke: ok"),
        "smoke run failed ({}):\n{stdout}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
}
