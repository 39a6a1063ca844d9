//! Messages the conversation cannot use: each gets a short, kind answer
//! with the question again, and the draft carries on.

use suara::sim::{ButtonRef, Direction, TranscriptEntry, UserMessage};

use super::support::{send, text_of};
use crate::app::{Reporter, TestApp, spawn_app};

/// Sends `message` and waits for the answer containing `words`.
async fn sends(
    app: &TestApp,
    sari: &Reporter<'_>,
    message: UserMessage,
    words: &[&str],
) -> TranscriptEntry {
    app.sim.send(sari.user.id, None, message).await.unwrap();
    sari.expects(words).await
}

/// Presses `data` on `message_id` although no button there carries it.
async fn forges(app: &TestApp, sari: &Reporter<'_>, message_id: i64, data: &str) {
    let which = ButtonRef {
        message_id: Some(message_id),
        label: None,
        data: Some(data.into()),
        forged: true,
    };
    app.sim.press(sari.user.id, None, which).await.unwrap();
}

#[tokio::test]
async fn odd_messages_get_a_kind_short_answer_and_never_lose_the_draft() {
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
    sari.presses("Saya sendiri").await;
    sari.expects(&["Apa yang terjadi"]).await;
    sari.presses("Dipukul atau disakiti").await;
    sari.presses("Selesai memilih").await;
    sari.expects(&["dikurung"]).await;
    sari.presses("Lewati semua").await;
    let when = sari.expects(&["Kapan"]).await;

    // A forged button of this very step, with a value it never offered.
    forges(&app, &sari, when.message_id, "wh:v.kemarin").await;
    sari.expects(&["sudah tidak berlaku", "Kapan"]).await;
    let sticker = UserMessage::Sticker {
        emoji: "😀".into()
    };
    // A second odd message in a row: a short line and the buttons only.
    let short = sends(&app, &sari, sticker, &["Stiker"]).await;
    assert!(!text_of(&short).contains("Kapan"), "{}", text_of(&short));
    assert!(short.reply_markup.is_some(), "the buttons come with it");
    sari.presses("Masih terjadi").await;
    sari.expects(&["Di mana"]).await;

    let location = UserMessage::Location {
        latitude: -0.502,
        longitude: 117.153,
    };
    let answer = sends(&app, &sari, location, &["Lokasi", "Di mana"]).await;
    assert!(!text_of(&answer).contains("-0.502"));
    sari.presses("Kalimantan Timur").await;
    sari.expects(&["kabupaten"]).await;

    let contact = UserMessage::Contact {
        phone_number: "+6281234567890".into(),
        first_name: "Budi".into(),
    };
    let answer = sends(
        &app,
        &sari,
        contact,
        &["Kontak tidak saya simpan", "kabupaten"],
    )
    .await;
    assert!(!text_of(&answer).contains("Budi"));
    sari.presses("Kota Samarinda").await;
    sari.expects(&["tempat seperti apa"]).await;
    sari.presses("Di rumah").await;
    sari.expects(&["Siapa yang melakukannya"]).await;

    let forwarded = UserMessage::Forwarded {
        text: "Kamu tidak boleh keluar rumah.".into(),
        sender_name: "Suami".into(),
    };
    sends(&app, &sari, forwarded, &["Pesan terusan", "Siapa"]).await;
    sari.presses("Suami atau istri").await;
    sari.expects(&["laki-laki atau perempuan"]).await;
    sari.presses("Laki-laki").await;
    sari.expects(&["umur"]).await;

    // She edits her first message, the /start.
    let first = sari
        .transcript()
        .await
        .entries
        .into_iter()
        .find(|e| e.direction == Direction::FromUser && e.kind == "text")
        .expect("her first message");
    app.sim
        .edit_message(sari.user.id, first.message_id, "halo")
        .await
        .unwrap();
    sari.expects(&["Pesan yang diubah", "umur"]).await;
    sari.presses("25–44 tahun").await;
    sari.expects(&["jenis kelamin"]).await;

    // Words that answer nothing: the help line and the question again.
    sari.says("hmm, entah").await;
    sari.expects(&["belum mengerti", "UPTD PPA Samarinda", "jenis kelamin"])
        .await;
    // A typed word that names one button is taken as pressing it.
    sari.says("perempuan").await;
    sari.expects(&["sulit melihat"]).await;
    sari.presses("Tidak").await;
    let story = sari.expects(&["Ceritakan"]).await;

    // A forged button from another step's keyboard altogether.
    forges(&app, &sari, story.message_id, "zz:v.x").await;
    sari.expects(&["sudah tidak berlaku", "Ceritakan"]).await;
    sari.says("Dia memukul saya.").await;
    sari.expects(&["Tersimpan"]).await;
    sari.presses("Selesai").await;
    sari.expects(&["Bantuan apa"]).await;
    sari.presses("Lewati").await;
    sari.expects(&["menghubungi"]).await;
    sari.presses("Lewati").await;
    sari.expects(&["kata aman"]).await;
    sari.presses("Lewati").await;

    // Every answer is there, and nothing odd crept into the story.
    let summary = sari.expects(&["ringkasan"]).await;
    let summary = text_of(&summary);
    for line in [
        "Yang terjadi: Dipukul atau disakiti",
        "Kapan: Masih terjadi",
        "Di mana: Kota Samarinda, Kalimantan Timur",
        "Yang melakukan: Suami atau istri",
        "Umur: 25–44 tahun",
        "Jenis kelamin: Perempuan",
        "Cerita: 1 pesan tulisan, 0 file",
    ] {
        assert!(summary.contains(line), "{line:?} missing from:\n{summary}");
    }
    send(&sari).await;
    assert_eq!(app.db.store.count_reports().await.unwrap(), 1);
}
