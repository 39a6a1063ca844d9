//! Multipart uploads, getFile and downloads, and the request log.

use teloxide::net::Download;
use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup, InputFile};

use super::{ok, sari, setup};

#[tokio::test]
async fn multipart_send_photo_upload_can_be_fetched_back_with_get_file() {
    let (h, bot) = setup().await;
    let user = sari(&h).await;
    let bytes = b"\xFF\xD8\xFFfake-jpeg-bytes".to_vec();
    let kb = InlineKeyboardMarkup::new(vec![vec![InlineKeyboardButton::callback("OK", "ok")]]);
    let m = ok(bot
        .send_photo(
            ChatId(user.id),
            InputFile::memory(bytes.clone()).file_name("bukti.jpg"),
        )
        .caption("Bukti")
        .reply_markup(kb)
        .await);
    let photo = m.photo().unwrap_or_else(|| panic!("no photo in {m:?}"));
    assert_eq!(photo.len(), 3);
    assert_eq!(m.caption(), Some("Bukti"));
    let file = ok(bot.get_file(photo[2].file.id.clone()).await);
    let mut dst = Vec::new();
    ok(bot.download_file(&file.path, &mut dst).await);
    assert_eq!(dst, bytes);
    let rec = h
        .requests()
        .into_iter()
        .find(|r| r.method == "sendPhoto")
        .unwrap_or_else(|| panic!("not logged"));
    assert_eq!(rec.transport, "multipart");
    assert_eq!(rec.raw_method, "SendPhoto");
    assert_eq!(
        rec.params["reply_markup"]["inline_keyboard"][0][0]["callback_data"],
        "ok"
    );
    assert_eq!(rec.params["chat_id"], user.id);
    assert!(
        rec.params["photo"]
            .as_str()
            .is_some_and(|p| p.starts_with("attach://"))
    );
    assert_eq!(rec.uploads[0].size, bytes.len());
}

#[tokio::test]
async fn multipart_send_document_keeps_name_and_bytes() {
    let (h, bot) = setup().await;
    let user = sari(&h).await;
    let m = ok(bot
        .send_document(
            ChatId(user.id),
            InputFile::memory(b"%PDF-1.4 hi".to_vec()).file_name("laporan.pdf"),
        )
        .await);
    let doc = m.document().unwrap_or_else(|| panic!("no document"));
    assert_eq!(doc.file_name.as_deref(), Some("laporan.pdf"));
    assert_eq!(
        doc.mime_type.as_ref().map(|m| m.to_string()).as_deref(),
        Some("application/pdf")
    );
    let file = ok(bot.get_file(doc.file.id.clone()).await);
    let mut dst = Vec::new();
    ok(bot.download_file(&file.path, &mut dst).await);
    assert_eq!(dst, b"%PDF-1.4 hi");
}

#[tokio::test]
async fn a_users_voice_note_and_photo_reach_the_bot_and_can_be_downloaded() {
    let (h, bot) = setup().await;
    let user = sari(&h).await;
    ok(h.send(
        user.id,
        None,
        suara::sim::UserMessage::Voice {
            bytes: None,
            duration: 5,
        },
    )
    .await);
    ok(h.send(
        user.id,
        None,
        suara::sim::UserMessage::Photo {
            bytes: Some(vec![1, 2, 3]),
            caption: None,
        },
    )
    .await);
    let updates = ok(bot.get_updates().await);
    let voice = match &updates[0].kind {
        teloxide::types::UpdateKind::Message(m) => {
            m.voice().cloned().unwrap_or_else(|| panic!("no voice"))
        }
        other => panic!("unexpected {other:?}"),
    };
    assert_eq!(voice.duration.seconds(), 5);
    let file = ok(bot.get_file(voice.file.id).await);
    let mut dst = Vec::new();
    ok(bot.download_file(&file.path, &mut dst).await);
    assert!(dst.starts_with(b"OggS"));
    assert!(
        matches!(&updates[1].kind, teloxide::types::UpdateKind::Message(m) if m.photo().is_some())
    );
}

#[tokio::test]
async fn copy_message_and_send_chat_action_show_up_in_the_transcript() {
    let (h, bot) = setup().await;
    let user = sari(&h).await;
    let sent = ok(h.send_text(user.id, "asli").await);
    let from = sent["message_id"].as_i64().unwrap_or_default() as i32;
    ok(bot
        .send_chat_action(ChatId(user.id), teloxide::types::ChatAction::Typing)
        .await);
    assert_eq!(
        ok(h.transcript(user.id).await).action.as_deref(),
        Some("typing")
    );
    ok(bot
        .copy_message(
            ChatId(user.id),
            ChatId(user.id),
            teloxide::types::MessageId(from),
        )
        .await);
    let t = ok(h.transcript(user.id).await);
    assert_eq!(t.entries[1].text.as_deref(), Some("asli"));
    assert!(t.action.is_none(), "sending clears the chat action");
    let chat = ok(bot.get_chat(ChatId(user.id)).await);
    assert!(chat.is_private());
}

#[tokio::test]
async fn every_kind_of_user_message_parses_in_teloxide() {
    use suara::sim::UserMessage;
    use teloxide::types::UpdateKind;
    let (h, bot) = setup().await;
    let user = sari(&h).await;
    let other = ok(h.create_user_named("Ayu", "en").await);
    let kinds = [
        UserMessage::Sticker {
            emoji: "🙂".into()
        },
        UserMessage::Location {
            latitude: -6.2,
            longitude: 106.8,
        },
        UserMessage::Contact {
            phone_number: "+628123".into(),
            first_name: "Ibu".into(),
        },
        UserMessage::Forwarded {
            text: "pesan".into(),
            sender_name: "Anon".into(),
        },
        UserMessage::Document {
            file_name: "a.txt".into(),
            mime_type: Some("text/plain".into()),
            bytes: None,
            caption: Some("c".into()),
        },
    ];
    for k in kinds {
        ok(h.send(user.id, None, k).await);
    }
    let m = ok(h.send_text(user.id, "salah").await);
    ok(h.edit_message(
        user.id,
        m["message_id"].as_i64().unwrap_or_default(),
        "benar",
    )
    .await);
    let group = ok(h.create_group("Kelompok", &[user.id, other.id]).await);
    ok(h.send(
        other.id,
        Some(group),
        UserMessage::Text("/lapor@suara_sim_bot".into()),
    )
    .await);
    let updates = ok(bot.get_updates().await);
    assert_eq!(updates.len(), 9);
    for u in &updates {
        assert!(
            !matches!(u.kind, UpdateKind::Error(_)),
            "teloxide could not parse {u:?}"
        );
    }
    assert!(matches!(&updates[6].kind, UpdateKind::EditedMessage(m) if m.text() == Some("benar")));
    assert!(matches!(&updates[8].kind, UpdateKind::Message(m) if m.chat.is_group()));
    let sent = ok(bot.send_message(ChatId(group), "halo grup").await);
    assert!(sent.chat.is_group());
    ok(bot.leave_chat(ChatId(group)).await);
    assert!(bot.send_message(ChatId(group), "x").await.is_err());
}
