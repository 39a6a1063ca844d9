//! Her story in her own words: voice notes and photos, a very long story,
//! many messages at once, and text exactly as typed.

use suara::conversation::StoryPart;
use suara::domain::attachment::AttachmentKind;
use suara::sim::UserMessage;

use super::support::{
    add_reader, finish_to_summary, open_attachment, open_report, send, story_texts, text_of,
    the_submitted_report,
};
use super::up_to_the_story;
use crate::app::{WAIT, spawn_app};

/// Recognisable bytes for a file she uploads.
fn upload(marker: &str, len: usize) -> Vec<u8> {
    marker.bytes().cycle().take(len).collect()
}

#[tokio::test]
async fn two_voice_notes_and_a_photo_are_kept_sealed_with_the_story() {
    let app = spawn_app().await;
    add_reader(app.db.store.as_ref()).await;
    let sari = app.reporter("Sari", "id").await;
    up_to_the_story(&sari).await;

    let uploads = [
        upload("SUARA-VOICE-ONE-", 6_000),
        upload("SUARA-VOICE-TWO-", 9_000),
        upload("SUARA-PHOTO-", 20_000),
    ];
    for (i, bytes) in uploads.iter().enumerate() {
        let message = if i < 2 {
            UserMessage::Voice {
                bytes: Some(bytes.clone()),
                duration: 5,
            }
        } else {
            UserMessage::Photo {
                bytes: Some(bytes.clone()),
                caption: None,
            }
        };
        app.sim.send(sari.user.id, None, message).await.unwrap();
        sari.expects(&["Tersimpan"]).await;
    }
    let summary = finish_to_summary(&sari).await;
    assert!(
        text_of(&summary).contains("Cerita: 0 pesan tulisan, 3 file"),
        "{}",
        text_of(&summary)
    );
    send(&sari).await;

    let store = app.db.store.as_ref();
    let report = the_submitted_report(store).await;
    let attachments = store.attachments_of(&report.id).await.unwrap();
    assert_eq!(attachments.len(), 3, "{attachments:#?}");
    let kinds: Vec<_> = attachments.iter().map(|a| a.kind).collect();
    assert_eq!(
        kinds
            .iter()
            .filter(|k| **k == AttachmentKind::Voice)
            .count(),
        2
    );
    assert_eq!(
        kinds
            .iter()
            .filter(|k| **k == AttachmentKind::Photo)
            .count(),
        1
    );
    let opened_report = open_report(store, &report.id).await;
    let referenced: Vec<&str> = (opened_report.answers.story.iter())
        .filter_map(|p| match p {
            StoryPart::Attachment(a) => Some(a.id.as_str()),
            StoryPart::Text(_) => None,
        })
        .collect();
    for attachment in &attachments {
        assert!(referenced.contains(&attachment.id.as_str()));
        let sealed = store.attachment_content(&attachment.id).await.unwrap();
        let sealed = sealed.as_bytes();
        for raw in &uploads {
            assert!(
                !sealed.windows(16).any(|w| w == &raw[..16]),
                "the stored file shows what she uploaded"
            );
        }
        // And the case worker gets back exactly what she sent.
        let opened = open_attachment(store, &report.id, &attachment.id).await;
        assert!(
            uploads.contains(&opened),
            "attachment {} differs",
            attachment.id
        );
        assert_eq!(attachment.size_bytes, opened.len() as i64);
    }
}

#[tokio::test]
async fn a_story_past_the_length_cap_is_told_kindly_and_can_still_be_sent() {
    let app = spawn_app().await;
    add_reader(app.db.store.as_ref()).await;
    let sari = app.reporter("Sari", "id").await;
    up_to_the_story(&sari).await;
    // Five messages that fill the 20 000-character cap exactly...
    let parts: Vec<String> = (0..5).map(|i| format!("{i}").repeat(4_000)).collect();
    for part in &parts {
        sari.says(part).await;
        sari.expects(&["Tersimpan"]).await;
    }
    // ...and a sixth, a full Telegram message, beyond it.
    sari.says(&"x".repeat(4_096)).await;
    let full = sari.expects(&["sudah sangat panjang"]).await;
    assert!(text_of(&full).contains("pesan suara"), "{}", text_of(&full));
    let summary = finish_to_summary(&sari).await;
    assert!(
        text_of(&summary).contains("Cerita: 5 pesan tulisan, 0 file"),
        "{}",
        text_of(&summary)
    );
    send(&sari).await;

    assert_eq!(app.db.store.count_reports().await.unwrap(), 1);
    let report = the_submitted_report(app.db.store.as_ref()).await;
    let opened = open_report(app.db.store.as_ref(), &report.id).await;
    let texts = story_texts(&opened);
    assert_eq!(texts, parts.iter().map(String::as_str).collect::<Vec<_>>());
}

#[tokio::test]
async fn thirty_messages_sent_in_quick_succession_are_all_kept_in_order() {
    let app = spawn_app().await;
    add_reader(app.db.store.as_ref()).await;
    let sari = app.reporter("Sari", "id").await;
    up_to_the_story(&sari).await;
    let before = app
        .sim
        .request_counts()
        .get("sendMessage")
        .copied()
        .unwrap_or(0);
    let parts: Vec<String> = (1..=30)
        .map(|i| format!("Bagian {i} dari cerita."))
        .collect();
    for part in &parts {
        sari.says(part).await;
    }
    // Every part is answered, but the same "saved" twice in a row shows
    // once: Telegram lets a chat get about one message a second.
    app.sim
        .wait_for_requests("sendMessage", before + 1, WAIT)
        .await
        .expect("her parts are answered");
    let summary = finish_to_summary(&sari).await;
    assert!(
        text_of(&summary).contains("Cerita: 30 pesan tulisan, 0 file"),
        "{}",
        text_of(&summary)
    );
    send(&sari).await;

    let report = the_submitted_report(app.db.store.as_ref()).await;
    let opened = open_report(app.db.store.as_ref(), &report.id).await;
    assert_eq!(
        story_texts(&opened),
        parts.iter().map(String::as_str).collect::<Vec<_>>()
    );
}

#[tokio::test]
async fn emoji_right_to_left_zero_width_and_markup_are_kept_exactly_as_typed() {
    let app = spawn_app().await;
    add_reader(app.db.store.as_ref()).await;
    let sari = app.reporter("Sari", "id").await;
    up_to_the_story(&sari).await;
    let typed = [
        "Dia marah 😡😢👩🏽‍👧 lagi",
        "مرحبا، اسمي سارة",
        "tolong\u{200B}bantu\u{200D}saya\u{FEFF}\u{200E}",
        "<b>x</b> *y* _z_ `kode` [tautan](http://contoh.id) &amp; <script>",
    ];
    for text in typed {
        sari.says(text).await;
        if text.starts_with("tolong") {
            // A plea in her story is kept, and brings the fast lane once.
            sari.expects(&["Tersimpan", "Keluar cepat", "129"]).await;
            sari.presses("Lanjut bercerita").await;
            sari.expects(&["Ceritakan"]).await;
        } else {
            sari.expects(&["Tersimpan"]).await;
        }
    }
    let summary = finish_to_summary(&sari).await;
    assert!(
        text_of(&summary).contains("Cerita: 4 pesan tulisan, 0 file"),
        "{}",
        text_of(&summary)
    );
    send(&sari).await;

    let with_parse_mode: Vec<_> = app
        .sim
        .requests()
        .into_iter()
        .filter(|r| r.params.get("parse_mode").is_some())
        .map(|r| r.method)
        .collect();
    assert!(
        with_parse_mode.is_empty(),
        "no text is parsed as markup: {with_parse_mode:?}"
    );
    let report = the_submitted_report(app.db.store.as_ref()).await;
    let opened = open_report(app.db.store.as_ref(), &report.id).await;
    assert_eq!(story_texts(&opened), typed);
}
