//! After sending, she answers a case worker ("Balas" under /pesan) or adds
//! information (/tambah). Her messages are stored for her newest report,
//! sealed under the server key, and survive a server-key rotation.

use suara::domain::ReportId;
use suara::i18n::Lang;
use suara::service::casework::queue_message;
use suara::service::keys::load_server_key;
use suara::service::rotate::reseal_all;
use suara::store::{Direction, StoredMessage};

use super::support::text_of;
use super::{tell_and_send, tell_and_send_without_contact, up_to_the_story};
use crate::app::spawn_app;
use crate::reply::last_report;

/// Her messages to petugas about `report`, oldest first.
async fn from_her(store: &dyn suara::store::Store, report: &ReportId) -> Vec<StoredMessage> {
    let mut messages: Vec<StoredMessage> = (store.messages_of(report).await.unwrap())
        .into_iter()
        .filter(|m| m.direction == Direction::FromReporter)
        .collect();
    messages.sort_by_key(|m| m.created_at);
    messages
}

fn open(key: &suara::crypto::ServerKey, message: &StoredMessage) -> String {
    let context = format!("{}/{}", message.report_id, message.id);
    let body = (message.body)
        .open(key, &context)
        .expect("her message opens with the server key");
    String::from_utf8(body.to_vec()).unwrap()
}

fn labels(entry: &suara::sim::TranscriptEntry) -> Vec<String> {
    (entry.reply_markup.as_ref())
        .and_then(|m| m["inline_keyboard"].as_array().cloned())
        .into_iter()
        .flatten()
        .flat_map(|row| row.as_array().cloned().unwrap_or_default())
        .filter_map(|b| b["text"].as_str().map(str::to_owned))
        .collect()
}

#[tokio::test]
async fn she_answers_a_case_worker_with_balas_and_adds_more_with_tambah() {
    let app = spawn_app().await;
    let store = app.db.store.as_ref();
    let sari = app.reporter("Sari", "id").await;
    up_to_the_story(&sari).await;
    tell_and_send(&sari, "Suami saya memukul saya.").await;
    sari.expects(&["Yang terjadi selanjutnya"]).await;
    let report = last_report(store).await;
    let key = load_server_key(&app.settings).unwrap();
    queue_message(
        store,
        &key,
        &store.report_meta(&report).await.unwrap(),
        "petugas-1",
        "Kapan kami bisa menelepon Anda?",
        Lang::Id,
    )
    .await
    .unwrap();
    let notice = sari.expects(&["Ada kabar baru."]).await;
    assert!(!text_of(&notice).contains('/'), "no command in the notice");

    sari.says("/pesan").await;
    let shown = sari.expects(&["bisa menelepon"]).await;
    assert!(shown.protect_content);
    assert_eq!(labels(&shown), ["Balas", "Keluar cepat"]);
    sari.presses("Balas").await;
    let asked = sari.expects(&["Ketik pesan Anda untuk petugas"]).await;
    assert_eq!(labels(&asked), ["Batal", "Keluar cepat"]);
    let answer = "Besok pagi jam 9, <b>jangan</b> malam. 🙏";
    sari.says(answer).await;
    sari.expects(&["Terkirim", "Terima kasih"]).await;

    let mine = from_her(store, &report).await;
    assert_eq!(mine.len(), 1);
    assert_eq!(open(&key, &mine[0]), answer, "exactly her words");
    assert_eq!(mine[0].author_id, None, "no identity is recorded");
    assert!(
        !String::from_utf8_lossy(mine[0].body.as_bytes()).contains("Besok pagi"),
        "sealed on disk"
    );
    let audit = store.audit_entries(0, 1000).await.unwrap();
    let received: Vec<_> = audit
        .iter()
        .filter(|e| e.action == "message.received")
        .collect();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].actor, "bot");
    assert_eq!(
        received[0].report_id.as_deref(),
        Some(report.to_string().as_str())
    );
    assert!(received[0].detail.is_empty(), "no content in the audit log");

    sari.says("/tambah").await;
    sari.expects(&["Ketik pesan Anda untuk petugas"]).await;
    sari.says("Dia juga menyimpan KTP saya.").await;
    sari.expects(&["Terkirim"]).await;
    let mine = from_her(store, &report).await;
    assert_eq!(mine.len(), 2);
    let texts: Vec<String> = mine.iter().map(|m| open(&key, m)).collect();
    assert!(texts.contains(&"Dia juga menyimpan KTP saya.".to_owned()));
    assert!(texts.contains(&answer.to_owned()));

    // A server-key rotation re-seals her messages too, under their field.
    let dir = tempfile::tempdir().unwrap();
    let new = key.rotate_to_file(&dir.path().join("next")).unwrap();
    let done = reseal_all(store, &key, &new).await.unwrap();
    assert_eq!(
        done.count("ToReporter") + done.count("FromReporter"),
        3,
        "one to her, two from her"
    );
    for message in from_her(store, &report).await {
        let context = format!("{}/{}", message.report_id, message.id);
        let opened = message.body.open(&new, &context).unwrap();
        assert!(texts.contains(&String::from_utf8(opened.to_vec()).unwrap()));
        assert!(message.body.open(&key, &context).is_err());
    }
}

#[tokio::test]
async fn tambah_during_a_new_story_keeps_that_story_and_stores_nothing() {
    let app = spawn_app().await;
    let store = app.db.store.as_ref();
    let sari = app.reporter("Sari", "id").await;
    up_to_the_story(&sari).await;
    tell_and_send(&sari, "Suami saya memukul saya.").await;
    let report = last_report(store).await;

    up_to_the_story(&sari).await;
    sari.says("Ini cerita kedua.").await;
    sari.expects(&["Tersimpan"]).await;
    sari.says("/tambah").await;
    sari.expects(&["belum terkirim", "/batal", "Ceritakan"])
        .await;
    sari.says("Masih bagian cerita kedua.").await;
    sari.expects(&["Tersimpan"]).await;
    sari.presses("Selesai").await;
    sari.expects(&["Bantuan apa"]).await;
    assert!(from_her(store, &report).await.is_empty());
}

#[tokio::test]
async fn with_no_contact_tambah_explains_kindly_and_stores_nothing() {
    let app = spawn_app().await;
    let store = app.db.store.as_ref();
    let sari = app.reporter("Sari", "id").await;
    up_to_the_story(&sari).await;
    tell_and_send_without_contact(&sari, "Jangan hubungi saya.").await;
    let report = last_report(store).await;

    sari.says("/tambah").await;
    sari.expects(&["Ketik pesan Anda untuk petugas"]).await;
    sari.says("Saya mau menambah sesuatu.").await;
    let refused = sari
        .expects(&["tidak tersimpan", "memilih tidak dihubungi", "/mulai"])
        .await;
    let text = refused.text.unwrap().to_lowercase();
    for word in ["kenapa", "seharusnya", "salah anda"] {
        assert!(!text.contains(word), "{word}: {text}");
    }
    assert!(store.messages_of(&report).await.unwrap().is_empty());
    let audit = store.audit_entries(0, 1000).await.unwrap();
    assert!(audit.iter().all(|e| e.action != "message.received"));

    // She is back where she was: a new text is not taken as a message.
    sari.says("halo").await;
    sari.expects(&["Cerita Anda sudah terkirim"]).await;
    assert!(store.messages_of(&report).await.unwrap().is_empty());
}
