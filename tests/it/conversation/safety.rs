//! Leaving no trace, the safe word, status codes that cannot be guessed,
//! neutral texts on screen, and drafts that expire.

use suara::crypto::ReceiptCode;
use suara::i18n::{Lang, Locales};

use super::support::{send, text_of};
use super::{code_in, tell_and_send, up_to_the_story};
use crate::app::spawn_app;

#[tokio::test]
async fn erasing_the_chat_after_sending_leaves_one_neutral_line_and_keeps_the_report() {
    let app = spawn_app().await;
    let sari = app.reporter("Sari", "id").await;
    up_to_the_story(&sari).await;
    let receipt = tell_and_send(&sari, "Suami saya memukul saya.").await;
    let code = code_in(&receipt);
    sari.expects(&["Yang terjadi selanjutnya"]).await;

    sari.says("/hapus").await;
    let last = sari.expects(&["Oke."]).await;
    let transcript = sari.transcript().await;
    let visible: Vec<_> = transcript.entries.iter().filter(|e| !e.deleted).collect();
    assert_eq!(
        visible.len(),
        1,
        "only the neutral line is left: {visible:#?}"
    );
    assert_eq!(visible[0].message_id, last.message_id);
    let receipt_entry = transcript
        .entries
        .iter()
        .find(|e| text_of(e).contains("Kode Anda:"))
        .expect("the receipt was in the chat");
    assert!(receipt_entry.deleted, "the receipt code is erased");
    assert!(
        !text_of(&last).contains(&code),
        "the remaining line does not repeat the code"
    );

    // Erasing the chat does not withdraw the report.
    assert_eq!(app.db.store.count_reports().await.unwrap(), 1);
    sari.says(&format!("/status {code}")).await;
    sari.expects(&["Sudah diterima"]).await;
}

#[tokio::test]
async fn her_safe_word_brings_back_the_contacts_and_the_draft_goes_on() {
    let app = spawn_app().await;
    let sari = app.reporter("Sari", "id").await;
    up_to_the_story(&sari).await;
    sari.says("Dia mengunci pintu.").await;
    sari.expects(&["Tersimpan"]).await;
    sari.presses("Selesai").await;
    sari.expects(&["Bantuan apa"]).await;
    sari.presses("Lewati").await;
    sari.expects(&["menghubungi"]).await;
    sari.presses("Lewat bot ini saja").await;
    sari.expects(&["kata aman"]).await;
    sari.presses("Buat kata aman").await;
    sari.expects(&["Ketik kata aman"]).await;
    sari.says("mangga").await;
    sari.expects(&["Kata aman Anda tersimpan", "diam-diam"])
        .await;
    sari.presses("Tidak").await;
    let summary = sari.expects(&["ringkasan"]).await;
    assert!(text_of(&summary).contains("Kata aman: sudah dibuat"));
    assert!(
        !text_of(&summary).contains("mangga"),
        "the safe word itself is not shown again"
    );

    // At the summary, in other capitals.
    sari.says("Mangga").await;
    sari.expects(&["Nomor bantuan", "110", "112", "129"]).await;
    // While changing the story: the safe word is not taken as story.
    sari.presses("Ubah: cerita").await;
    sari.expects(&["Ceritakan"]).await;
    sari.says("  MANGGA ").await;
    sari.expects(&["Nomor bantuan", "110", "112", "129"]).await;
    sari.presses("Selesai").await;
    let summary = sari.expects(&["ringkasan"]).await;
    assert!(
        text_of(&summary).contains("Cerita: 1 pesan tulisan, 0 file"),
        "{}",
        text_of(&summary)
    );
    // While changing "when": the step's own buttons still work after it.
    sari.presses("Ubah: kapan").await;
    sari.expects(&["Kapan itu terjadi"]).await;
    sari.says("mangga").await;
    sari.expects(&["Nomor bantuan", "110", "112", "129"]).await;
    sari.presses("Hari ini").await;
    let summary = sari.expects(&["ringkasan"]).await;
    assert!(
        text_of(&summary).contains("Kapan: Hari ini"),
        "{}",
        text_of(&summary)
    );
    send(&sari).await;
    assert_eq!(app.db.store.count_reports().await.unwrap(), 1);
}

#[tokio::test]
async fn status_works_with_the_code_and_guessing_is_stopped_after_five_wrong_codes() {
    let app = spawn_app().await;
    let sari = app.reporter("Sari", "id").await;
    up_to_the_story(&sari).await;
    let code = code_in(&tell_and_send(&sari, "Suami saya memukul saya.").await);
    sari.says(&format!("/status {code}")).await;
    sari.expects(&["Status:", "Sudah diterima"]).await;

    // Someone else, in her own chat, guesses.
    let tebak = app.reporter("Tebak", "id").await;
    tebak.says("/status").await;
    tebak.expects(&["Ketik /status, spasi, lalu kode"]).await;
    for _ in 0..5 {
        let wrong = ReceiptCode::generate().expose().to_string();
        assert_ne!(wrong, code);
        tebak.says(&format!("/status {wrong}")).await;
        tebak.expects(&["tidak ditemukan"]).await;
    }
    tebak.says(&format!("/status {code}")).await;
    let limited = tebak.expects(&["Terlalu banyak percobaan"]).await;
    assert!(!text_of(&limited).contains("Sudah diterima"));

    // Her own chat is not limited by the guesser.
    sari.says(&format!("/status {code}")).await;
    sari.expects(&["Sudah diterima"]).await;
}

/// Words that must never appear on a screen the abuser may see without
/// her having asked for it.
const DENIED_ID: &[&str] = &[
    "kekerasan",
    "laporan",
    "lapor",
    "polisi",
    "tppo",
    "korban",
    "perkosa",
    "pelecehan",
    "trafficking",
    "perdagangan orang",
    "dinas",
];
const DENIED_EN: &[&str] = &[
    "violence",
    "report",
    "police",
    "victim",
    "rape",
    "abuse",
    "trafficking",
    "harassment",
];

#[test]
fn every_text_shown_without_her_asking_avoids_alarming_words_in_both_languages() {
    let locales = Locales::load().expect("locales load");
    let mut checked = 0;
    for lang in [Lang::Id, Lang::En] {
        let menu: Vec<String> = locales
            .keys(lang)
            .filter(|k| k.starts_with("command-"))
            .map(str::to_owned)
            .collect();
        assert!(menu.len() >= 8, "the command menu texts: {menu:?}");
        let keys = ["notice-update", "conv-erased", "group-private-only"]
            .into_iter()
            .map(str::to_owned)
            .chain(menu);
        for key in keys {
            let text = locales.text(lang, &key).to_lowercase();
            assert!(!text.is_empty() && text != key, "{key} has no text");
            // Both lists in both languages: English words turn up in
            // Indonesian texts too.
            for word in DENIED_ID.iter().chain(DENIED_EN) {
                assert!(!text.contains(word), "{lang:?} {key} says {word:?}: {text}");
            }
            checked += 1;
        }
    }
    assert!(checked >= 22);
}

#[tokio::test]
async fn an_expired_draft_is_gone_and_its_old_buttons_do_not_bring_it_back() {
    let app = spawn_app().await;
    let sari = app.reporter("Sari", "id").await;
    sari.says("/start").await;
    sari.expects(&["Halo"]).await;
    sari.presses("Mulai").await;
    sari.expects(&["aman sekarang"]).await;
    sari.presses("Ya, saya aman").await;
    sari.expects(&["setuju"]).await;
    sari.presses("Setuju, lanjut").await;
    sari.expects(&["polisi"]).await;
    sari.presses("Lewati").await;
    sari.expects(&["diri sendiri"]).await;

    // A week passes (with a redeploy, which lets the last update finish
    // saving her draft), and the purge runs.
    app.restart_bot().await;
    let purged = app
        .db
        .store
        .purge_expired_dialogues(chrono::Utc::now() + chrono::Duration::days(8))
        .await
        .unwrap();
    assert_eq!(purged, 1);

    // A button of the old keyboard: the welcome, not the next question.
    sari.presses("Saya sendiri").await;
    let answer = sari.expects(&["sudah tidak berlaku", "Halo"]).await;
    assert!(
        !text_of(&answer).contains("Apa yang terjadi"),
        "{}",
        text_of(&answer)
    );
    // Nor does the older consent button.
    sari.presses("Setuju, lanjut").await;
    let again = sari.expects(&["sudah tidak berlaku"]).await;
    assert!(!text_of(&again).contains("diri sendiri"));

    // A fresh start works, from the beginning.
    sari.says("/start").await;
    sari.expects(&["Halo"]).await;
    sari.presses("Mulai").await;
    sari.expects(&["aman sekarang"]).await;
    sari.presses("Ya, saya aman").await;
    sari.expects(&["setuju"]).await;
    assert_eq!(app.db.store.count_reports().await.unwrap(), 0);
}
