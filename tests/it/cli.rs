//! The `suara` binary as an operator meets it: exit codes and one-line errors.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use crate::helpers::TestDb;

/// Runs `suara` with a clean `SUARA_*` environment plus `envs`.
pub(crate) fn suara(args: &[&str], envs: &[(&str, &str)]) -> Output {
    command(args, envs).output().expect("run suara")
}

/// Runs `suara` like [`suara`], with `input` piped to its standard input.
pub(crate) fn suara_with_stdin(args: &[&str], envs: &[(&str, &str)], input: &str) -> Output {
    let mut child = command(args, envs)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run suara");
    let mut stdin = child.stdin.take().expect("piped stdin");
    // The command may exit before reading everything; a closed pipe is fine.
    let _ = stdin.write_all(input.as_bytes());
    drop(stdin);
    child.wait_with_output().expect("wait for suara")
}

fn command(args: &[&str], envs: &[(&str, &str)]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_suara"));
    for (key, _) in std::env::vars() {
        if key.starts_with("SUARA_") {
            cmd.env_remove(key);
        }
    }
    cmd.args(args)
        .envs(envs.iter().copied())
        .env("RUST_LOG", "warn");
    cmd
}

pub(crate) fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub(crate) fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub(crate) fn assert_no_panic(out: &Output) {
    let err = stderr(out);
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn serve_without_a_token_names_the_setting_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = suara(
        &["serve"],
        &[("SUARA_DATA_DIR", dir.path().to_str().unwrap())],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("SUARA_TELEGRAM_TOKEN"), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
}

#[test]
fn a_mistyped_command_gets_help_not_a_panic() {
    let out = suara(&["serv"], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("serve"), "{}", stderr(&out));
    assert_no_panic(&out);
}

#[test]
fn migrate_twice_on_sqlite_succeeds() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("nested/data");
    for _ in 0..2 {
        let out = suara(&["migrate"], &[("SUARA_DATA_DIR", data.to_str().unwrap())]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    assert!(data.join("suara.db").is_file());
}

#[tokio::test]
async fn migrate_twice_on_postgres_succeeds() {
    let db = TestDb::postgres().await;
    for _ in 0..2 {
        let out = suara(&["migrate"], &[("SUARA_DATABASE_URL", &db.url)]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(String::from_utf8_lossy(&out.stdout).contains("postgres"));
    }
}

#[test]
fn an_unsupported_database_url_is_a_one_line_config_error() {
    let out = suara(
        &["migrate"],
        &[("SUARA_DATABASE_URL", "mysql://root:pw@localhost/x")],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("database.url"), "{err}");
    assert!(!err.contains("pw@"), "{err}");
}

#[test]
fn an_unreachable_postgres_is_a_clear_error_without_the_password() {
    let out = suara(
        &["migrate"],
        &[(
            "SUARA_DATABASE_URL",
            "postgres://suara:s3cret@127.0.0.1:1/suara",
        )],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("cannot open the database"), "{err}");
    assert!(!err.contains("s3cret"), "{err}");
    assert_no_panic(&out);
}

#[test]
fn a_data_directory_that_cannot_be_created_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-dir");
    std::fs::write(&file, b"x").unwrap();
    let data = file.join("data");
    let out = suara(&["migrate"], &[("SUARA_DATA_DIR", data.to_str().unwrap())]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("cannot open the database") && err.contains("not-a-dir"),
        "{err}"
    );
    assert_no_panic(&out);
}

#[test]
fn check_config_summarises_without_secrets() {
    let out = suara(
        &["check-config"],
        &[
            ("SUARA_TELEGRAM_TOKEN", "123:TOPSECRET"),
            ("SUARA_DATABASE_URL", "postgres://u:pw123@db/suara"),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("telegram token: set"), "{stdout}");
    assert!(stdout.contains("kabupaten/kota"), "{stdout}");
    assert!(
        !stdout.contains("TOPSECRET") && !stdout.contains("pw123"),
        "{stdout}"
    );
}

#[test]
fn a_config_file_that_does_not_exist_is_named() {
    let out = suara(
        &["check-config", "--config", "/nonexistent/suara.toml"],
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("/nonexistent/suara.toml"));
}

#[test]
fn keys_init_prints_the_recovery_key_once_and_refuses_to_replace_it() {
    let dir = tempfile::tempdir().unwrap();
    let data = [("SUARA_DATA_DIR", dir.path().to_str().unwrap())];
    let first = suara(&["keys", "init"], &data);
    assert!(first.status.success(), "{}", stderr(&first));
    let printed = String::from_utf8_lossy(&first.stdout);
    assert!(
        printed.contains("RECOVERY KEY") && printed.contains("public key:"),
        "{printed}"
    );
    let second = suara(&["keys", "init"], &data);
    assert_eq!(second.status.code(), Some(1));
    assert!(
        stderr(&second).contains("already exists"),
        "{}",
        stderr(&second)
    );
}

#[test]
fn serve_without_a_recovery_key_says_how_to_make_one() {
    let dir = tempfile::tempdir().unwrap();
    let out = suara(
        &["serve"],
        &[
            ("SUARA_DATA_DIR", dir.path().to_str().unwrap()),
            ("SUARA_TELEGRAM_TOKEN", "1:x"),
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("suara keys init"), "{}", stderr(&out));
}

#[test]
fn serve_with_an_unreachable_bot_api_exits_with_a_line_that_hides_the_token() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    assert!(
        suara(&["keys", "init"], &[("SUARA_DATA_DIR", data)])
            .status
            .success()
    );
    let out = suara(
        &["serve"],
        &[
            ("SUARA_DATA_DIR", data),
            ("SUARA_TELEGRAM_TOKEN", "123456:VERY-SECRET-TOKEN"),
            ("SUARA_TELEGRAM_API_URL", "http://127.0.0.1:1"),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("Telegram Bot API"), "{err}");
    assert!(!err.contains("VERY-SECRET-TOKEN"), "{err}");
    assert_no_panic(&out);
}
