//! The canary: a unique phrase told as a story, as text and inside an
//! uploaded document, must never be found as plaintext — in the SQLite
//! file or its WAL, in PostgreSQL's table data, in any file of the data
//! directory, or in the logs. Both its UTF-8 and its base64 are searched.

use base64::Engine;
use suara::sim::UserMessage;

use crate::app::{spawn_app, spawn_app_on};
use crate::conversation::{tell_and_send, up_to_the_story};
use crate::helpers::{TestDb, captured_logs};

fn canary() -> String {
    format!(
        "kanari-{}-paspor-ditahan-di-penampungan",
        uuid::Uuid::new_v4().simple()
    )
}

/// The forms a careless write could take.
fn needles(phrase: &str) -> Vec<String> {
    let b64 = base64::engine::general_purpose::STANDARD;
    vec![
        phrase.to_owned(),
        b64.encode(phrase),
        hex::encode(phrase),
        phrase.to_lowercase(),
    ]
}

fn assert_absent(haystack: &[u8], phrase: &str, place: &str) {
    let text = String::from_utf8_lossy(haystack);
    for needle in needles(phrase) {
        assert!(
            !text.contains(&needle),
            "the canary ({needle}) was found in {place}"
        );
    }
}

/// Tells the canary as text and as a document, and sends the report.
async fn tell_the_canary(app: &crate::app::TestApp, phrase: &str) {
    let sari = app.reporter("Sari", "id").await;
    up_to_the_story(&sari).await;
    let document = UserMessage::Document {
        file_name: "bukti.txt".into(),
        mime_type: Some("text/plain".into()),
        bytes: Some(format!("Catatan saya: {phrase}\n").into_bytes()),
        caption: None,
    };
    app.sim
        .send(sari.user.id, None, document)
        .await
        .expect("upload");
    sari.expects(&["Tersimpan"]).await;
    tell_and_send(&sari, &format!("Cerita saya: {phrase}")).await;
    // The phrase really went through the bot (so not finding it means something).
    let said = sari.transcript().await;
    assert!(
        said.entries
            .iter()
            .any(|e| e.text.as_deref().is_some_and(|t| t.contains(phrase)))
    );
    let uploads = app.sim.requests();
    assert!(
        uploads.iter().any(|r| r.method == "getFile"),
        "the document was fetched through getFile"
    );
    assert_eq!(app.db.store.count_reports().await.unwrap(), 1);
    assert_eq!(
        app.db
            .store
            .attachments_of(&crate::reply::last_report(app.db.store.as_ref()).await)
            .await
            .unwrap()
            .len(),
        1
    );
}

fn scan_dir(dir: &std::path::Path, phrase: &str) -> usize {
    let mut files = 0;
    for entry in std::fs::read_dir(dir).expect("read data dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            files += scan_dir(&path, phrase);
        } else {
            assert_absent(
                &std::fs::read(&path).expect("read file"),
                phrase,
                &path.display().to_string(),
            );
            files += 1;
        }
    }
    files
}

#[tokio::test]
async fn the_canary_is_nowhere_in_the_sqlite_file_its_wal_the_data_dir_or_the_logs() {
    captured_logs();
    let phrase = canary();
    let app = spawn_app().await;
    tell_the_canary(&app, &phrase).await;
    let dir = app.db.dir().expect("sqlite dir").to_owned();
    assert!(
        dir.join("suara.db-wal").exists(),
        "the WAL is there to be searched"
    );
    let files = scan_dir(&dir, &phrase);
    assert!(files >= 2, "scanned the database and its WAL");
    assert_absent(captured_logs().as_bytes(), &phrase, "the logs");
}

#[tokio::test]
async fn the_canary_is_nowhere_in_postgresql_table_data_or_the_logs() {
    captured_logs();
    let phrase = canary();
    let app = spawn_app_on(TestDb::postgres().await).await;
    tell_the_canary(&app, &phrase).await;
    let dump = app.db.postgres_dump().await;
    assert!(
        dump.contains("report.submitted"),
        "the dump reads real rows"
    );
    assert_absent(dump.as_bytes(), &phrase, "PostgreSQL table data");
    assert_absent(captured_logs().as_bytes(), &phrase, "the logs");
}
