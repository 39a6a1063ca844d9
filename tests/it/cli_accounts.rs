//! `suara user add`, `suara user reset` and `suara audit verify` as an
//! operator runs them: the real binary against a real database, with
//! secrets piped to standard input.

use std::process::Output;
use suara::domain::audit::AuditAction;

use chrono::{Duration, Utc};
use sqlx::Connection;
use suara::crypto::{PasswordKdf, RecoveryKey, ServerKey, open_report_key};
use suara::domain::role::Role;
use suara::service::submit::submit;
use suara::store::{AuditDraft, ConsoleSession, Recipient, SessionStage, Store};

use crate::cli::{assert_no_panic, stderr, stdout, suara, suara_with_stdin};
use crate::helpers::TestDb;
use crate::service::submission_for_tests;

const PASSWORD: &str = "kata sandi yang panjang";
const NEW_PASSWORD: &str = "sandi baru yang juga panjang";

/// A database and the environment that points the binary at it.
struct Deployment {
    db: TestDb,
    url: String,
    data: tempfile::TempDir,
}

impl Deployment {
    async fn sqlite() -> Self {
        Self::on(TestDb::sqlite().await)
    }

    async fn postgres() -> Self {
        Self::on(TestDb::postgres().await)
    }

    fn on(db: TestDb) -> Self {
        Self {
            url: db.url.clone(),
            db,
            data: tempfile::tempdir().unwrap(),
        }
    }

    fn store(&self) -> &dyn Store {
        self.db.store.as_ref()
    }

    fn env(&self) -> [(&str, &str); 2] {
        [
            ("SUARA_DATABASE_URL", &self.url),
            ("SUARA_DATA_DIR", self.data.path().to_str().unwrap()),
        ]
    }

    fn run(&self, args: &[&str], input: &str) -> Output {
        suara_with_stdin(args, &self.env(), input)
    }

    fn add_petugas(&self, username: &str) -> Output {
        self.run(
            &[
                "user",
                "add",
                "--username",
                username,
                "--role",
                "petugas",
                "--regions",
                "64.72",
            ],
            &format!("{PASSWORD}\n"),
        )
    }

    /// Runs `keys init` and returns the printed recovery key, its two
    /// paper lines joined into one as an operator would type it.
    fn init_recovery_key(&self) -> String {
        let out = suara(&["keys", "init"], &self.env());
        assert!(out.status.success(), "{}", stderr(&out));
        let printed = stdout(&out);
        let lines: Vec<&str> = printed.lines().collect();
        let blank = lines.iter().position(|l| l.is_empty()).unwrap();
        format!("{} {}", lines[blank + 1], lines[blank + 2])
    }

    /// Runs a statement on the database behind the store's back, as
    /// someone with write access to it could.
    async fn raw_sql(&self, sql: &str) {
        if self.url.starts_with("sqlite:") {
            let mut conn = sqlx::SqliteConnection::connect(&self.url).await.unwrap();
            sqlx::query(sql).execute(&mut conn).await.unwrap();
            conn.close().await.unwrap();
        } else {
            let mut conn = sqlx::PgConnection::connect(&self.url).await.unwrap();
            sqlx::query(sql).execute(&mut conn).await.unwrap();
            conn.close().await.unwrap();
        }
    }

    async fn append_audit(&self, n: usize) {
        for i in 0..n {
            self.store()
                .append_audit(&AuditDraft {
                    at: Utc::now(),
                    actor: "w1".into(),
                    action: AuditAction::ReportViewed,
                    report_id: None,
                    detail: format!("view {i}"),
                })
                .await
                .unwrap();
        }
    }
}

fn assert_no_secret(out: &Output, secrets: &[&str]) {
    let (o, e) = (stdout(out), stderr(out));
    for secret in secrets {
        assert!(!o.contains(secret) && !e.contains(secret), "{o}\n{e}");
    }
}

async fn user_add_creates_an_account_that_the_store_finds_by_its_username(d: Deployment) {
    let out = d.add_petugas("sari");
    assert!(out.status.success(), "{}", stderr(&out));
    let worker = d
        .store()
        .worker_by_username("sari")
        .await
        .unwrap()
        .expect("the account exists");
    assert_eq!(worker.role, Role::Petugas);
    assert_eq!(worker.regions, ["64.72"]);
    assert!(worker.totp.is_none());
    assert!(PasswordKdf::unwrap(&worker.private_key, PASSWORD).is_ok());
    let printed = stdout(&out);
    assert!(printed.contains(&worker.id), "{printed}");
    assert!(printed.contains("TOTP"), "{printed}");
    assert_no_secret(&out, &[PASSWORD]);
    let audit = d.store().audit_entries(0, 10).await.unwrap();
    assert!(
        audit.iter().any(|e| e.action == "account.created"
            && e.actor == "cli"
            && e.detail.contains(&worker.id)),
        "{audit:?}"
    );
    let again = d.add_petugas("sari");
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("taken"), "{}", stderr(&again));
}

#[tokio::test]
async fn user_add_creates_an_account_that_the_store_finds_by_its_username_on_sqlite() {
    user_add_creates_an_account_that_the_store_finds_by_its_username(Deployment::sqlite().await)
        .await;
}

#[tokio::test]
async fn user_add_creates_an_account_that_the_store_finds_by_its_username_on_postgres() {
    user_add_creates_an_account_that_the_store_finds_by_its_username(Deployment::postgres().await)
        .await;
}

#[tokio::test]
async fn user_add_refuses_a_password_shorter_than_12_characters() {
    let d = Deployment::sqlite().await;
    let out = d.run(
        &["user", "add", "--username", "sari", "--role", "admin"],
        "pendek\n",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("at least 12 characters"),
        "{}",
        stderr(&out)
    );
    assert_no_secret(&out, &["pendek"]);
    assert!(
        d.store()
            .worker_by_username("sari")
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn user_add_refuses_a_mitra_without_an_agency() {
    let d = Deployment::sqlite().await;
    let out = d.run(
        &["user", "add", "--username", "lina", "--role", "mitra"],
        &format!("{PASSWORD}\n"),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--agency"), "{}", stderr(&out));
    assert_no_panic(&out);
    assert!(
        d.store()
            .worker_by_username("lina")
            .await
            .unwrap()
            .is_none()
    );

    let with_agency = d.run(
        &[
            "user",
            "add",
            "--username",
            "lina",
            "--role",
            "mitra",
            "--agency",
            "polisi",
        ],
        &format!("{PASSWORD}\n"),
    );
    assert!(with_agency.status.success(), "{}", stderr(&with_agency));
    let worker = d.store().worker_by_username("lina").await.unwrap().unwrap();
    assert_eq!(worker.agency.as_deref(), Some("polisi"));
}

#[tokio::test]
async fn user_add_refuses_a_petugas_without_regions_and_a_region_outside_the_catalog() {
    let d = Deployment::sqlite().await;
    let none = d.run(
        &["user", "add", "--username", "budi", "--role", "petugas"],
        &format!("{PASSWORD}\n"),
    );
    assert_eq!(none.status.code(), Some(2));
    assert!(stderr(&none).contains("--regions"), "{}", stderr(&none));
    let unknown = d.run(
        &[
            "user",
            "add",
            "--username",
            "budi",
            "--role",
            "petugas",
            "--regions",
            "31.71",
        ],
        &format!("{PASSWORD}\n"),
    );
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("31.71"), "{}", stderr(&unknown));
    assert!(
        d.store()
            .worker_by_username("budi")
            .await
            .unwrap()
            .is_none()
    );
}

async fn user_reset_with_the_right_recovery_key_regrants_keys_and_starts_the_account_over(
    d: Deployment,
) {
    let paper = d.init_recovery_key();
    assert!(d.add_petugas("sari").status.success());
    let report = submit(
        d.store(),
        &ServerKey::from_bytes(&[7; 32]),
        submission_for_tests("64.72", None),
        None,
    )
    .await
    .unwrap();
    let worker = d.store().worker_by_username("sari").await.unwrap().unwrap();
    // A TOTP enrolled, a session open and the account locked out.
    let server = ServerKey::from_bytes(&[7; 32]);
    let totp = server
        .seal::<suara::crypto::fields::TotpSecret>(&worker.id, b"JBSWY3DPEHPK3PXP")
        .unwrap();
    d.store().set_totp(&worker.id, Some(&totp)).await.unwrap();
    let now = Utc::now();
    d.store()
        .insert_session(&ConsoleSession {
            id_hash: vec![1; 32],
            worker_id: worker.id.clone(),
            stage: SessionStage::Full,
            key: None,
            csrf: "csrf".into(),
            created_at: now,
            last_seen: now,
            expires_at: now + Duration::hours(8),
        })
        .await
        .unwrap();
    d.store()
        .record_failed_login(&worker.id, 1, now + Duration::hours(1))
        .await
        .unwrap();

    let out = d.run(
        &["user", "reset", "--username", "sari"],
        &format!("{paper}\n{NEW_PASSWORD}\n"),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("1 report key re-granted"),
        "{}",
        stdout(&out)
    );
    assert_no_secret(&out, &[&paper, NEW_PASSWORD]);

    let after = d.store().worker_by_username("sari").await.unwrap().unwrap();
    assert!(after.totp.is_none(), "TOTP must be enrolled again");
    assert_eq!(after.failed_logins, 0);
    assert!(after.locked_until.is_none());
    assert!(d.store().session(&[1; 32]).await.unwrap().is_none());
    assert!(PasswordKdf::unwrap(&after.private_key, PASSWORD).is_err());
    let private = PasswordKdf::unwrap(&after.private_key, NEW_PASSWORD).unwrap();
    let sealed = d
        .store()
        .report_key(&report.id, &Recipient::Worker(after.id.clone()))
        .await
        .unwrap()
        .expect("the report key was re-granted");
    assert!(open_report_key(&sealed, &private, &report.id.to_string()).is_ok());
    let audit = d.store().audit_entries(0, 10).await.unwrap();
    assert!(
        audit
            .iter()
            .any(|e| e.action == "account.reset" && e.actor == "cli"),
        "{audit:?}"
    );
}

#[tokio::test]
async fn user_reset_with_the_right_recovery_key_regrants_keys_and_starts_the_account_over_on_sqlite()
 {
    user_reset_with_the_right_recovery_key_regrants_keys_and_starts_the_account_over(
        Deployment::sqlite().await,
    )
    .await;
}

#[tokio::test]
async fn user_reset_with_the_right_recovery_key_regrants_keys_and_starts_the_account_over_on_postgres()
 {
    user_reset_with_the_right_recovery_key_regrants_keys_and_starts_the_account_over(
        Deployment::postgres().await,
    )
    .await;
}

#[tokio::test]
async fn user_reset_with_a_wrong_or_mistyped_recovery_key_fails_cleanly_and_changes_nothing() {
    let d = Deployment::sqlite().await;
    let paper = d.init_recovery_key();
    assert!(d.add_petugas("sari").status.success());
    let other = RecoveryKey::generate().to_paper().replace('\n', " ");
    // One character of the right key changed: a typo the checksum catches.
    let typo = {
        let mut chars: Vec<char> = paper.chars().collect();
        chars[0] = if chars[0] == '2' { '3' } else { '2' };
        chars.into_iter().collect::<String>()
    };
    for key in [&other, &typo] {
        let out = d.run(
            &["user", "reset", "--username", "sari"],
            &format!("{key}\n{NEW_PASSWORD}\n"),
        );
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        assert_no_panic(&out);
        assert!(stderr(&out).contains("recovery key"), "{}", stderr(&out));
        assert_no_secret(&out, &[key, &paper, NEW_PASSWORD]);
    }
    let worker = d.store().worker_by_username("sari").await.unwrap().unwrap();
    assert!(PasswordKdf::unwrap(&worker.private_key, PASSWORD).is_ok());
}

async fn audit_verify_passes_on_an_intact_chain_and_names_an_edited_entry(d: Deployment) {
    d.append_audit(3).await;
    let ok = d.run(&["audit", "verify"], "");
    assert!(ok.status.success(), "{}", stderr(&ok));
    assert!(stdout(&ok).contains("3 entries"), "{}", stdout(&ok));

    d.raw_sql("UPDATE audit_log SET detail = 'x' WHERE seq = 2")
        .await;
    let out = d.run(&["audit", "verify"], "");
    assert_eq!(out.status.code(), Some(1));
    assert_no_panic(&out);
    assert!(stderr(&out).contains("entry 2:"), "{}", stderr(&out));
}

#[tokio::test]
async fn audit_verify_passes_on_an_intact_chain_and_names_an_edited_entry_on_sqlite() {
    audit_verify_passes_on_an_intact_chain_and_names_an_edited_entry(Deployment::sqlite().await)
        .await;
}

#[tokio::test]
async fn audit_verify_passes_on_an_intact_chain_and_names_an_edited_entry_on_postgres() {
    audit_verify_passes_on_an_intact_chain_and_names_an_edited_entry(Deployment::postgres().await)
        .await;
}

#[tokio::test]
async fn audit_verify_passes_on_an_empty_chain() {
    let d = Deployment::sqlite().await;
    let out = d.run(&["audit", "verify"], "");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("0 entries"), "{}", stdout(&out));
}

#[tokio::test]
async fn audit_verify_notices_entries_cut_off_the_end_of_the_chain() {
    let d = Deployment::sqlite().await;
    d.append_audit(3).await;
    d.raw_sql("DELETE FROM audit_log WHERE seq = 3").await;
    let out = d.run(&["audit", "verify"], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("entry 3:"), "{}", stderr(&out));
}

#[tokio::test]
async fn audit_verify_notices_a_removed_entry_in_the_middle() {
    let d = Deployment::sqlite().await;
    d.append_audit(4).await;
    d.raw_sql("DELETE FROM audit_log WHERE seq = 2").await;
    let out = d.run(&["audit", "verify"], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("entry 3:"), "{}", stderr(&out));
}
