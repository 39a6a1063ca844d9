//! Scripted reporters through the simulator, over real HTTP: the reporting
//! conversation as a woman on Telegram meets it.

mod danger;
mod networks;
mod odd_input;
mod replies;
mod reports;
mod safety;
mod story;
pub(crate) mod support;

use suara::crypto::ReceiptCode;

use crate::app::{Reporter, spawn_app};
use support::text_of;

/// Walks from /start to the story question as someone telling her own story.
pub(crate) async fn up_to_the_story(sari: &Reporter<'_>) {
    sari.says("/start").await;
    sari.expects(&["Halo", "bukan layanan darurat"]).await;
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
    sari.presses("Diancam atau dikekang").await;
    sari.presses("Selesai memilih").await;
    sari.expects(&["dikurung", "pertanyaan 1 dari 5"]).await;
    sari.presses("Lewati semua").await;
    sari.expects(&["Kapan"]).await;
    sari.presses("Masih terjadi").await;
    sari.expects(&["Di mana"]).await;
    sari.presses("Kalimantan Timur").await;
    sari.expects(&["kabupaten"]).await;
    sari.presses("Kota Samarinda").await;
    sari.expects(&["tempat seperti apa"]).await;
    sari.presses("Di rumah").await;
    sari.expects(&["Siapa yang melakukannya"]).await;
    sari.presses("Suami atau istri").await;
    sari.expects(&["laki-laki atau perempuan"]).await;
    sari.presses("Laki-laki").await;
    sari.expects(&["umur"]).await;
    sari.presses("25–44 tahun").await;
    sari.expects(&["jenis kelamin"]).await;
    sari.presses("Perempuan").await;
    sari.expects(&["sulit melihat"]).await;
    sari.presses("Tidak").await;
    sari.expects(&["Ceritakan"]).await;
}

/// From the story question to the receipt, reachable through this bot;
/// returns the receipt message.
pub(crate) async fn tell_and_send(sari: &Reporter<'_>, story: &str) -> String {
    tell_and_send_choosing(sari, story, "Lewat bot ini saja").await
}

/// The same, choosing not to be contacted at all.
pub(crate) async fn tell_and_send_without_contact(sari: &Reporter<'_>, story: &str) -> String {
    tell_and_send_choosing(sari, story, "Tidak usah dihubungi").await
}

async fn tell_and_send_choosing(sari: &Reporter<'_>, story: &str, contact: &str) -> String {
    sari.says(story).await;
    let saved = sari.expects(&["Tersimpan"]).await;
    if support::text_of(&saved).contains("Keluar cepat") {
        // A plea in the story ("tolong") brings the fast lane once.
        sari.presses("Lanjut bercerita").await;
        sari.expects(&["Ceritakan"]).await;
    }
    sari.presses("Selesai").await;
    sari.expects(&["Bantuan apa"]).await;
    sari.presses("Tempat yang aman").await;
    sari.presses("Selesai memilih").await;
    sari.expects(&["menghubungi"]).await;
    sari.presses(contact).await;
    sari.expects(&["kata aman"]).await;
    sari.presses("Lewati").await;
    sari.expects(&["ringkasan"]).await;
    sari.presses("Kirim ke petugas").await;
    let receipt = sari.expects(&["Kode Anda:"]).await;
    assert!(
        receipt.protect_content,
        "the receipt repeats her report: protect it"
    );
    receipt.text.unwrap()
}

pub(crate) fn code_in(receipt: &str) -> String {
    let line = receipt
        .lines()
        .find(|l| l.contains("Kode Anda:"))
        .expect("code line");
    line.split(':')
        .nth(1)
        .expect("code after colon")
        .trim()
        .to_owned()
}

#[tokio::test]
async fn a_victims_full_report_is_sealed_stored_and_acknowledged_with_a_code() {
    let app = spawn_app().await;
    let sari = app.reporter("Sari", "id").await;
    up_to_the_story(&sari).await;
    let receipt = tell_and_send(&sari, "Suami saya memukul saya setiap malam.").await;
    let code = code_in(&receipt);
    assert!(ReceiptCode::parse(&code).is_ok(), "{code}");
    assert_eq!(app.db.store.count_reports().await.unwrap(), 1);

    sari.says(&format!("/status {code}")).await;
    sari.expects(&["Sudah diterima"]).await;

    let transcript = sari.transcript().await;
    let lines: Vec<String> = transcript
        .entries
        .iter()
        .map(|e| {
            let who = if e.direction == suara::sim::Direction::FromBot {
                "BOT"
            } else {
                "SARI"
            };
            let buttons = e
                .reply_markup
                .as_ref()
                .and_then(|m| m["inline_keyboard"].as_array().cloned())
                .map(|rows| {
                    rows.iter()
                        .map(|r| {
                            let labels: Vec<_> = r
                                .as_array()
                                .into_iter()
                                .flatten()
                                .filter_map(|b| b["text"].as_str())
                                .collect();
                            format!("[{}]", labels.join("] ["))
                        })
                        .collect::<Vec<_>>()
                        .join("\n      ")
                })
                .unwrap_or_default();
            format!(
                "{who}: {}\n      {buttons}",
                e.text.clone().unwrap_or_default()
            )
        })
        .collect();
    let _ = std::fs::write(
        concat!(env!("CARGO_TARGET_TMPDIR"), "/happy-path-id.txt"),
        lines.join("\n"),
    );
}

#[tokio::test]
async fn not_safe_shows_the_emergency_numbers_first_and_marks_the_report_urgent() {
    let app = spawn_app().await;
    let sari = app.reporter("Sari", "id").await;
    sari.says("/start").await;
    sari.expects(&["Halo"]).await;
    sari.presses("Mulai").await;
    sari.expects(&["aman sekarang"]).await;
    sari.presses("Tidak aman").await;
    sari.expects(&["110", "112", "129"]).await;
}

#[tokio::test]
async fn quick_exit_deletes_the_conversation_and_leaves_one_bland_word() {
    let app = spawn_app().await;
    let sari = app.reporter("Sari", "id").await;
    up_to_the_story(&sari).await;
    sari.says("Ini rahasia.").await;
    sari.expects(&["Tersimpan"]).await;
    sari.presses("Keluar cepat").await;
    let last = sari.expects(&["Oke."]).await;
    assert_eq!(text_of(&last), "Oke.", "nothing about what was erased");
    let transcript = sari.transcript().await;
    let visible: Vec<_> = transcript.entries.iter().filter(|e| !e.deleted).collect();
    assert_eq!(
        visible.len(),
        1,
        "only the neutral line is left: {visible:#?}"
    );
    assert_eq!(visible[0].message_id, last.message_id);
    assert_eq!(app.db.store.count_reports().await.unwrap(), 0);
}

#[tokio::test]
async fn a_conversation_survives_a_bot_restart() {
    let app = spawn_app().await;
    let sari = app.reporter("Sari", "id").await;
    sari.says("/start").await;
    sari.expects(&["Halo"]).await;
    sari.presses("Mulai").await;
    sari.expects(&["aman sekarang"]).await;
    app.restart_bot().await;
    sari.presses("Ya, saya aman").await;
    sari.expects(&["setuju"]).await;
}

#[tokio::test]
async fn switching_to_english_midway_changes_the_following_questions() {
    let app = spawn_app().await;
    let sari = app.reporter("Sari", "id").await;
    sari.says("/start").await;
    sari.expects(&["Halo"]).await;
    sari.presses("Mulai").await;
    sari.expects(&["aman sekarang"]).await;
    sari.says("/bahasa").await;
    sari.expects(&["Pilih bahasa"]).await;
    sari.presses("English").await;
    sari.expects(&["safe"]).await;
}

#[tokio::test]
async fn a_group_chat_gets_one_line_and_the_bot_leaves() {
    let app = spawn_app().await;
    let sari = app.reporter("Sari", "id").await;
    let group = app
        .sim
        .create_group("Keluarga", &[sari.user.id])
        .await
        .unwrap();
    app.sim
        .send(
            sari.user.id,
            Some(group),
            suara::sim::UserMessage::Text("/start".into()),
        )
        .await
        .unwrap();
    app.sim
        .wait_for_requests("leaveChat", 1, crate::app::WAIT)
        .await
        .unwrap();
    let transcript = app.sim.transcript(group).await.unwrap();
    let said: Vec<_> = transcript
        .entries
        .iter()
        .filter(|e| e.direction == suara::sim::Direction::FromBot)
        .collect();
    assert_eq!(said.len(), 1);
    assert!(said[0].text.as_deref().unwrap().contains("obrolan pribadi"));
}
