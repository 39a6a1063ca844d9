//! What a sent report holds: urgency for a child, a report of nothing but
//! skips, and answers changed from the summary.

use suara::domain::area::Area;
use suara::domain::{AgeBand, RegionCode, ReporterRole, Urgency, ViolenceType};

use super::support::{finish_to_summary, send, text_of, the_submitted_report};
use super::{code_in, tell_and_send};
use crate::app::spawn_app;

#[tokio::test]
async fn a_witness_reporting_for_a_child_sends_an_urgent_report() {
    let app = spawn_app().await;
    let ibu = app.reporter("Wati", "id").await;
    ibu.says("/start").await;
    ibu.expects(&["Halo"]).await;
    ibu.presses("Mulai").await;
    ibu.expects(&["aman sekarang", "untuk orang lain"]).await;
    ibu.presses("Ya, saya aman").await;
    ibu.expects(&["setuju"]).await;
    ibu.presses("Setuju, lanjut").await;
    ibu.expects(&["polisi"]).await;
    ibu.presses("Lewati").await;
    ibu.expects(&["diri sendiri"]).await;
    ibu.presses("Orang lain").await;
    let chosen = ibu.expects(&["Apa yang terjadi"]).await;
    ibu.presses("Disentuh, dipaksa seks").await;
    ibu.presses("Selesai memilih").await;
    // She is asked about the child, not about herself.
    ibu.expects(&["Apakah orang itu dikurung"]).await;
    ibu.presses("Tidak").await;
    ibu.expects(&["mengancam orang itu atau keluarganya"]).await;
    ibu.presses("Tidak").await;
    ibu.expects(&["ada di dekatnya sekarang"]).await;
    ibu.presses("Tidak").await;
    ibu.expects(&["Kapan"]).await;
    ibu.presses("Minggu ini").await;
    ibu.expects(&["Di mana"]).await;
    ibu.presses("Kalimantan Timur").await;
    ibu.expects(&["kabupaten"]).await;
    ibu.presses("Kota Bontang").await;
    ibu.expects(&["tempat seperti apa"]).await;
    ibu.presses("Di rumah").await;
    ibu.expects(&["Siapa yang melakukannya"]).await;
    ibu.presses("Tetangga").await;
    ibu.expects(&["laki-laki atau perempuan"]).await;
    ibu.presses("Laki-laki").await;
    ibu.expects(&["umur orang yang mengalaminya"]).await;
    ibu.presses("13–17 tahun").await;
    ibu.expects(&["jenis kelamin orang itu"]).await;
    ibu.presses("Perempuan").await;
    ibu.expects(&["orang itu sulit melihat"]).await;
    ibu.presses("Tidak").await;
    // The child branch.
    ibu.expects(&[
        "peduli pada anak ini",
        "Apakah anak itu dalam bahaya sekarang?",
    ])
    .await;
    ibu.presses("Tidak").await;
    ibu.expects(&["kecamatan atau desa"]).await;
    ibu.says("Kelurahan Api-Api").await;
    ibu.expects(&["Ceritakan"]).await;
    tell_and_send(&ibu, "Anak tetangga saya dipaksa oleh tetangga kami.").await;
    let asked_her: Vec<String> = (ibu.transcript().await.entries.iter())
        .filter(|e| e.message_id > chosen.message_id)
        .filter(|e| e.direction == suara::sim::Direction::FromBot)
        .map(|e| text_of(e).to_owned())
        .collect();
    for about_herself in [
        "Apakah Anda dikurung",
        "umur Anda",
        "jenis kelamin Anda",
        "KTP Anda",
        "gaji Anda",
        "Anda sulit melihat",
        "Apakah Anda dalam bahaya",
    ] {
        assert!(
            asked_her.iter().all(|t| !t.contains(about_herself)),
            "a witness was asked {about_herself:?}"
        );
    }

    assert_eq!(app.db.store.count_reports().await.unwrap(), 1);
    let report = the_submitted_report(app.db.store.as_ref()).await;
    assert_eq!(report.urgency, Urgency::Urgent, "{report:#?}");
    assert_eq!(report.age_band, Some(AgeBand::A13_17));
    assert_eq!(report.reporter, Some(ReporterRole::SomeoneElse));
    assert!(report.violence_types.contains(&ViolenceType::Seksual));
    assert_eq!(
        report.area,
        Some(Area::Region(RegionCode::parse("64.74").unwrap()))
    );
}

#[tokio::test]
async fn a_report_of_nothing_but_skipped_questions_is_still_sent_with_a_code() {
    let app = spawn_app().await;
    let sari = app.reporter("Sari", "id").await;
    sari.says("/start").await;
    sari.expects(&["Halo"]).await;
    sari.presses("Mulai").await;
    sari.expects(&["aman sekarang"]).await;
    sari.presses("Lewati").await;
    sari.expects(&["setuju"]).await;
    // Consent is the one step that cannot be skipped.
    sari.presses("Setuju, lanjut").await;
    // Every later question, in order, by a word of its text.
    for question in [
        "polisi",
        "diri sendiri",
        "Apa yang terjadi",
        "dikurung",
        "menyakiti atau mengancam",
        "di dekat Anda",
        "Kapan",
        "Di mana",
        "tempat seperti apa",
        "Siapa yang melakukannya",
        "laki-laki atau perempuan",
        "umur",
        "anak-anak",
        "jenis kelamin",
        "sulit melihat",
        "Ceritakan",
        "Bantuan apa",
        "menghubungi",
        "kata aman",
    ] {
        sari.expects(&[question]).await;
        sari.presses("Lewati").await;
    }
    let summary = sari.expects(&["ringkasan"]).await;
    let summary = text_of(&summary);
    for line in [
        "Aman sekarang: dilewati",
        "Boleh memberi tahu polisi: dilewati",
        "Tempat: dilewati",
        "Jenis kelamin yang melakukan: dilewati",
        "Yang mengalami: dilewati",
        "Yang terjadi: dilewati",
        "Kapan: dilewati",
        "Di mana: dilewati",
        "Yang melakukan: dilewati",
        "Umur: dilewati",
        "Jenis kelamin: dilewati",
        "Cerita: dilewati",
        "Bantuan: dilewati",
        "Cara dihubungi: dilewati",
        "Kata aman: dilewati",
    ] {
        assert!(summary.contains(line), "{line:?} missing from:\n{summary}");
    }
    let receipt = send(&sari).await;
    let code = code_in(text_of(&receipt));
    assert!(suara::crypto::ReceiptCode::parse(&code).is_ok(), "{code}");
    assert_eq!(app.db.store.count_reports().await.unwrap(), 1);
    let report = the_submitted_report(app.db.store.as_ref()).await;
    assert_eq!(report.area, None);
    assert_eq!(report.age_band, None);
    assert_eq!(report.reporter, None);
}

#[tokio::test]
async fn two_answers_changed_from_the_summary_show_there_and_are_what_is_sent() {
    let app = spawn_app().await;
    let sari = app.reporter("Sari", "id").await;
    super::up_to_the_story(&sari).await;
    sari.says("Suami saya memukul saya.").await;
    sari.expects(&["Tersimpan"]).await;
    let before = finish_to_summary(&sari).await;
    let before = text_of(&before);
    assert!(before.contains("Kapan: Masih terjadi"), "{before}");
    assert!(
        before.contains("Di mana: Kota Samarinda, Kalimantan Timur"),
        "{before}"
    );

    sari.presses("Ubah: kapan").await;
    sari.expects(&["Kapan itu terjadi"]).await;
    sari.presses("Bulan ini").await;
    let after_when = sari.expects(&["ringkasan"]).await;
    assert!(
        text_of(&after_when).contains("Kapan: Bulan ini"),
        "{}",
        text_of(&after_when)
    );

    sari.presses("Ubah: di mana").await;
    sari.expects(&["Di mana itu terjadi"]).await;
    sari.presses("Kalimantan Timur").await;
    sari.expects(&["kabupaten"]).await;
    sari.presses("Kota Balikpapan").await;
    // The kind of place belongs to "where": asked again, her answer ticked.
    sari.expects(&["tempat seperti apa"]).await;
    sari.presses("✓ Di rumah").await;
    let after = sari.expects(&["ringkasan"]).await;
    let after = text_of(&after);
    assert!(after.contains("Kapan: Bulan ini"), "{after}");
    assert!(
        after.contains("Di mana: Kota Balikpapan, Kalimantan Timur"),
        "{after}"
    );
    assert!(!after.contains("Samarinda"), "{after}");
    // The answers she did not touch are as she gave them.
    assert!(
        after.contains("Yang melakukan: Suami atau istri"),
        "{after}"
    );
    assert!(after.contains("Cerita: 1 pesan tulisan, 0 file"), "{after}");

    send(&sari).await;
    let report = the_submitted_report(app.db.store.as_ref()).await;
    assert_eq!(
        report.area,
        Some(Area::Region(RegionCode::parse("64.71").unwrap()))
    );
}
