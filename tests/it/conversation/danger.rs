//! Safe in someone else's hands (issue 11), through the simulator: the
//! lock after a quick exit, the danger fast lane and its short message,
//! and help for a woman abroad.

use suara::domain::Urgency;
use suara::i18n::Lang;
use suara::service::casework::queue_message;
use suara::service::keys::load_server_key;
use suara::store::Direction;

use super::support::{text_of, the_submitted_report};
use super::{tell_and_send, up_to_the_story};
use crate::app::{Reporter, spawn_app};
use crate::reply::last_report;

/// The fast lane: the numbers, the line about the person near her, and
/// its three buttons.
async fn expects_fast_lane(sari: &Reporter<'_>) {
    let lane = sari.expects(&["129", "110", "Keluar cepat"]).await;
    let labels: Vec<String> = (lane.reply_markup.as_ref())
        .and_then(|m| m["inline_keyboard"].as_array().cloned())
        .into_iter()
        .flatten()
        .flat_map(|row| row.as_array().cloned().unwrap_or_default())
        .filter_map(|b| b["text"].as_str().map(str::to_owned))
        .collect();
    assert_eq!(
        labels,
        ["Kirim pesan singkat", "Lanjut bercerita", "Keluar cepat"]
    );
    assert!(!text_of(&lane).contains("tombol"), "{}", text_of(&lane));
}

#[tokio::test]
async fn after_quick_exit_pesan_asks_for_the_code_and_shows_nothing_and_sends_nothing() {
    let app = spawn_app().await;
    let store = app.db.store.as_ref();
    let sari = app.reporter("Sari", "id").await;
    up_to_the_story(&sari).await;
    tell_and_send(&sari, "Suami saya memukul saya.").await;
    sari.expects(&["Yang terjadi selanjutnya"]).await;
    let report = last_report(store).await;
    let key = load_server_key(&app.settings).unwrap();
    let reply = "Kapan waktu aman untuk menelepon Anda?";
    let meta = store.report_meta(&report).await.unwrap();
    queue_message(store, &key, &meta, "p-1", reply, Lang::Id)
        .await
        .unwrap();
    sari.expects(&["Ada kabar baru."]).await;

    sari.presses("Keluar cepat").await;
    sari.expects(&["Oke."]).await;

    // Whoever holds her phone now.
    sari.says("/pesan").await;
    let asked = sari.expects(&["kode atau PIN"]).await;
    assert!(!text_of(&asked).contains("waktu aman"));
    sari.says("/tambah").await;
    sari.expects(&["kode atau PIN"]).await;
    sari.says("halo").await;
    sari.expects(&["tidak cocok"]).await;
    sari.says("Saya baik-baik saja, jangan hubungi saya lagi.")
        .await;
    sari.expects(&["tidak cocok"]).await;

    let transcript = sari.transcript().await;
    assert!(
        transcript
            .entries
            .iter()
            .filter(|e| !e.deleted)
            .all(|e| !text_of(e).contains("waktu aman")),
        "the case worker's message is nowhere on her screen"
    );
    let from_her = (store.messages_of(&report).await.unwrap())
        .into_iter()
        .filter(|m| m.direction == Direction::FromReporter)
        .count();
    assert_eq!(from_her, 0, "nothing was sent to petugas in her name");
}

#[tokio::test]
async fn a_plea_typed_at_three_different_steps_gets_the_fast_lane() {
    let app = spawn_app().await;
    let sari = app.reporter("Sari", "id").await;
    sari.says("/start").await;
    sari.expects(&["Halo"]).await;
    sari.says("tolong saya, suami saya mau bunuh saya").await;
    expects_fast_lane(&sari).await;
    sari.presses("Lanjut bercerita").await;
    sari.expects(&["aman sekarang"]).await;

    sari.says("tolong saya dipukul terus").await;
    expects_fast_lane(&sari).await;
    sari.presses("Lanjut bercerita").await;
    sari.expects(&["aman sekarang"]).await;
    sari.presses("Ya, saya aman").await;
    sari.expects(&["setuju"]).await;
    sari.presses("Setuju, lanjut").await;
    sari.expects(&["polisi"]).await;
    sari.presses("Lewati").await;
    sari.expects(&["diri sendiri"]).await;

    sari.says("aku takut dia pulang, tolooong").await;
    expects_fast_lane(&sari).await;
    sari.presses("Lanjut bercerita").await;
    sari.expects(&["diri sendiri"]).await;
}

#[tokio::test]
async fn the_short_message_arrives_as_urgent_after_consent_place_and_contact() {
    let app = spawn_app().await;
    let sari = app.reporter("Sari", "id").await;
    sari.says("/start").await;
    sari.expects(&["Halo"]).await;
    sari.presses("Mulai").await;
    sari.expects(&["aman sekarang"]).await;
    sari.presses("Tidak aman").await;
    expects_fast_lane(&sari).await;
    sari.presses("Kirim pesan singkat").await;
    sari.expects(&["Pesan singkat ini", "setuju"]).await;
    sari.presses("Setuju, lanjut").await;
    sari.expects(&["Di mana"]).await;
    sari.presses("Kalimantan Timur").await;
    sari.expects(&["kabupaten"]).await;
    sari.presses("Kota Samarinda").await;
    sari.expects(&["menghubungi"]).await;
    sari.presses("Lewat bot ini saja").await;
    let receipt = sari.expects(&["Kode Anda:"]).await;
    assert!(receipt.protect_content);

    let report = the_submitted_report(app.db.store.as_ref()).await;
    assert_eq!(report.urgency, Urgency::Urgent, "{report:#?}");
}

#[tokio::test]
async fn a_woman_in_malaysia_sees_her_embassy_and_no_indonesia_only_number_without_the_note() {
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
    sari.presses("Kerja paksa, tak bebas").await;
    sari.presses("Selesai memilih").await;
    sari.expects(&["dikurung"]).await;
    sari.presses("Lewati semua").await;
    sari.expects(&["Kapan"]).await;
    sari.presses("Masih terjadi").await;
    sari.expects(&["Di mana"]).await;
    sari.presses("Luar negeri").await;
    sari.expects(&["negara mana"]).await;
    sari.presses("Malaysia").await;
    sari.expects(&["Di mana Anda sekarang"]).await;
    sari.presses("Masih di luar negeri").await;
    sari.expects(&["berangkat"]).await;

    sari.says("/darurat").await;
    let help = sari.expects(&["Nomor bantuan"]).await;
    let help = text_of(&help);
    let lines: Vec<&str> = help.lines().filter(|l| l.starts_with("• ")).collect();
    assert!(lines[0].starts_with("• KBRI Kuala Lumpur"), "{help}");
    assert!(
        help.contains("+62 21 29244800"),
        "KP2MI from abroad: {help}"
    );
    assert!(help.contains("https://wa.me/628111129129"), "{help}");
    for local in ["Telepon 129", "Telepon 110", "Telepon 112", "0800-1000"] {
        assert!(lines.iter().all(|l| !l.contains(local)), "{local}: {help}");
    }
    assert!(
        help.contains("110, 112, dan 129 hanya bisa dihubungi dari Indonesia"),
        "{help}"
    );
}
