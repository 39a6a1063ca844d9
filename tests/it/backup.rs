//! `suara backup` while the bot writes, `suara restore` into an empty data
//! directory: the chain verifies and a case worker reads a report sent
//! before the backup. The backup holds no story in clear.

use std::process::{Command, Output};
use std::sync::Arc;

use chrono::Utc;
use secrecy::ExposeSecret;
use suara::crypto::KdfParams;
use suara::domain::role::Role;
use suara::service::access::{self, Actor};
use suara::service::login::{self, LoginOutcome, LoginPolicy};

use crate::app::spawn_app;
use crate::console::{account, report_with_story, server_key};

fn suara(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_suara"));
    for (key, _) in std::env::vars() {
        if key.starts_with("SUARA_") {
            cmd.env_remove(key);
        }
    }
    cmd.args(args)
        .envs(env.iter().copied())
        .env("RUST_LOG", "warn");
    cmd.output().expect("run suara")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_backup_taken_while_reports_arrive_restores_and_an_old_report_reads_back() {
    let app = Arc::new(spawn_app().await);
    let koordinator = account(&app, "koordinator", Role::Koordinator, &["64"], None).await;
    let canary = "KANARI-5521 cerita sebelum cadangan";
    let old = report_with_story(&app, 0, canary, None).await;

    // Reports keep arriving while the copy is made.
    let writer = {
        let app = app.clone();
        tokio::spawn(async move {
            for i in 1..40 {
                report_with_story(&app, i, "cerita lain", None).await;
            }
        })
    };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("suara.backup");
    let key = app
        .settings
        .keys
        .server_key
        .as_ref()
        .unwrap()
        .expose_secret()
        .to_owned();
    let out = suara(
        &["backup", file.to_str().unwrap()],
        &[
            ("SUARA_DATABASE_URL", &app.db.url),
            ("SUARA_KEYS_SERVER_KEY", &key),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    writer.await.unwrap();
    let bytes = std::fs::read(&file).unwrap();
    assert!(
        !bytes.windows(6).any(|w| w == b"KANARI"),
        "the story is ciphertext in the backup"
    );
    assert!(
        suara(
            &["backup", file.to_str().unwrap()],
            &[("SUARA_DATABASE_URL", &app.db.url)]
        )
        .status
        .code()
            == Some(2),
        "a backup never overwrites a file"
    );

    let fresh = tempfile::tempdir().unwrap();
    let restored = format!("sqlite://{}", fresh.path().join("suara.db").display());
    let env = [
        ("SUARA_DATABASE_URL", restored.as_str()),
        ("SUARA_KEYS_SERVER_KEY", key.as_str()),
    ];
    let out = suara(&["restore", file.to_str().unwrap()], &env);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("integrity ok"));
    let out = suara(&["audit", "verify"], &env);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let again = suara(&["restore", file.to_str().unwrap()], &env);
    assert_eq!(
        again.status.code(),
        Some(2),
        "restore never overwrites data"
    );

    // A case worker signs in on the restored database and reads the report.
    let store = suara::store::connect_url(&restored, 2).await.unwrap();
    let kdf = suara::crypto::PasswordKdf::new(KdfParams::INSECURE_FOR_TESTS).unwrap();
    let policy = LoginPolicy {
        lock_after: 10,
        lock_for: std::time::Duration::from_secs(900),
        per_ip: 50,
    };
    let outcome = login::login(
        store.as_ref(),
        &server_key(&app),
        &kdf,
        &policy,
        "koordinator",
        &koordinator.password,
        &koordinator.fresh_code(),
        "127.0.0.1",
        Utc::now(),
    )
    .await
    .expect("she signs in on the restored data");
    let LoginOutcome::SignedIn { worker, key } = outcome else {
        panic!("TOTP came back with the account")
    };
    let who = Actor {
        worker: &worker,
        key: &key,
    };
    let opened = access::open(store.as_ref(), &who, &old.to_string())
        .await
        .unwrap();
    let (request, _) = opened.request(store.as_ref()).await.unwrap();
    let story = serde_json::to_string(&request).unwrap();
    assert!(story.contains(canary), "the old report reads back");
}
