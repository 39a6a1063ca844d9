//! Whole paths through bot and console together: her files played from
//! memory, the alert group, and the main flow on PostgreSQL.

use suara::domain::role::Role;
use suara::sim::UserMessage;

use super::{Console, account};
use crate::app::{spawn_app, spawn_app_on};
use crate::conversation::{tell_and_send, up_to_the_story};
use crate::helpers::TestDb;
use crate::reply::last_report;

#[tokio::test]
async fn her_photo_and_voice_note_play_in_the_console_from_decrypted_bytes() {
    let app = spawn_app().await;
    let k = account(&app, "koor", Role::Koordinator, &["64"], None).await;
    let sari = app.reporter("Sari", "id").await;
    up_to_the_story(&sari).await;
    let photo: Vec<u8> = b"SUARA-PHOTO-"
        .iter()
        .copied()
        .cycle()
        .take(20_000)
        .collect();
    let voice: Vec<u8> = b"SUARA-VOICE-"
        .iter()
        .copied()
        .cycle()
        .take(8_000)
        .collect();
    app.sim
        .send(
            sari.user.id,
            None,
            UserMessage::Photo {
                bytes: Some(photo.clone()),
                caption: None,
            },
        )
        .await
        .unwrap();
    sari.expects(&["Tersimpan"]).await;
    app.sim
        .send(
            sari.user.id,
            None,
            UserMessage::Voice {
                bytes: Some(voice.clone()),
                duration: 4,
            },
        )
        .await
        .unwrap();
    sari.expects(&["Tersimpan"]).await;
    tell_and_send(&sari, "Ini buktinya.").await;
    let id = last_report(app.db.store.as_ref()).await;

    let c = Console::new(&app).await;
    c.login(&k).await;
    let page = c.get(&format!("/reports/{id}")).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("<img src=\"/reports/"), "photo inline");
    assert!(page.body.contains("<audio controls"), "voice note player");
    let files = app.db.store.attachments_of(&id).await.unwrap();
    assert_eq!(files.len(), 2);
    for file in &files {
        let url = format!("/reports/{id}/files/{}", file.id);
        let served = c.get_bytes(&url).await;
        assert_eq!(served.0, 200);
        let expected = if served.1.starts_with("image/") {
            &photo
        } else {
            &voice
        };
        assert_eq!(&served.2, expected, "the bytes she sent, decrypted");
        assert!(
            served.1 == "image/jpeg" || served.1 == "audio/ogg",
            "{}",
            served.1
        );
        let download = c.get(&format!("{url}?download=1")).await;
        assert!(
            download
                .header("content-disposition")
                .starts_with("attachment")
        );
        assert_eq!(download.header("cache-control"), "no-store");
        assert!(
            download
                .header("content-security-policy")
                .contains("sandbox")
        );
    }
    let audit = app.db.store.audit_of_report(&id).await.unwrap();
    assert!(
        audit
            .iter()
            .filter(|a| a.action == "attachment.downloaded")
            .count()
            >= 4
    );
    // Someone without the report's key gets nothing.
    let other = account(&app, "jauh", Role::Petugas, &["64.71"], None).await;
    let oc = Console::new(&app).await;
    oc.login(&other).await;
    assert_eq!(
        oc.get(&format!("/reports/{id}/files/{}", files[0].id))
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn the_alert_group_hears_of_a_new_report_without_its_content() {
    let mut app = spawn_app().await;
    account(&app, "koor", Role::Koordinator, &["64"], None).await;
    let member = app
        .sim
        .create_user_named("Koordinator", "id")
        .await
        .unwrap();
    let group = app
        .sim
        .create_group("Satgas PPA Kaltim", &[member.id])
        .await
        .unwrap();
    app.settings.console.alert_chat_id = Some(group);
    app.restart_bot().await;
    let sari = app.reporter("Sari", "id").await;
    up_to_the_story(&sari).await;
    tell_and_send(&sari, "Cerita rahasia yang tidak boleh bocor.").await;
    let id = last_report(app.db.store.as_ref()).await;
    let alert = app
        .sim
        .wait_for_bot_message(
            group,
            |e| e.text.as_deref().is_some_and(|t| t.contains(&id.short())),
            crate::app::WAIT,
        )
        .await
        .expect("alert in the group");
    let text = alert.text.unwrap();
    let transcript = app.sim.transcript(group).await.unwrap();
    assert!(
        transcript
            .entries
            .iter()
            .all(|e| !e.text.as_deref().unwrap_or("").contains("keluar")),
        "the bot stays in its alert group"
    );
    assert!(text.contains("Kota Samarinda"), "{text}");
    assert!(!text.contains("rahasia"), "{text}");
}

#[tokio::test]
async fn the_main_console_flow_runs_on_postgresql() {
    let app = spawn_app_on(TestDb::postgres().await).await;
    let k = account(&app, "koor", Role::Koordinator, &["64"], None).await;
    let m = account(&app, "dinsos", Role::Mitra, &[], Some("dinsos")).await;
    let her = app.reporter("Sari", "id").await;
    up_to_the_story(&her).await;
    tell_and_send(&her, "Tolong bantu saya.").await;
    let id = last_report(app.db.store.as_ref()).await;
    let c = Console::new(&app).await;
    let queue = c.login(&k).await;
    assert!(queue.body.contains(&id.short()));
    let path = format!("/reports/{id}");
    assert!(c.get(&path).await.body.contains("Tolong bantu saya."));
    let changed = c
        .post(
            &format!("{path}/status"),
            &[("from", "baru"), ("to", "ditinjau"), ("reason", "Dibaca.")],
        )
        .await;
    assert!(changed.location().contains("saved"));
    c.get(&path).await;
    c.post(&format!("{path}/note"), &[("text", "Catatan.")])
        .await;
    c.get(&path).await;
    c.post(
        &format!("{path}/refer"),
        &[
            ("agency", "dinsos"),
            ("share-place", "on"),
            ("reason", "Rumah aman."),
        ],
    )
    .await;
    c.get(&path).await;
    c.post(
        &format!("{path}/message"),
        &[("text", "Kami akan membantu.")],
    )
    .await;
    let locales = suara::i18n::Locales::load().unwrap();
    her.expects(&[&suara::conversation::update_notice(
        &locales,
        suara::i18n::Lang::Id,
    )])
    .await;
    let mc = Console::new(&app).await;
    mc.login(&m).await;
    let shared = mc.get(&path).await;
    assert_eq!(shared.status, 200);
    assert!(
        !shared.body.contains("Tolong bantu saya."),
        "story not shared"
    );
    assert!(c.get("/stats").await.body.contains("<svg"));
}
