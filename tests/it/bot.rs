//! The bot over real HTTP: teloxide's own client against the simulator.

use std::time::Duration;

use suara::sim::FaultKind;

use crate::app::spawn_app;

#[tokio::test]
async fn start_gets_the_neutral_welcome_with_emergency_contacts() {
    let app = spawn_app().await;
    let sari = app.reporter("Sari", "id").await;
    sari.says("/start").await;
    let welcome = sari
        .expects(&["bukan layanan darurat", "SAPA 129", "112", "110"])
        .await;
    assert!(welcome.text.unwrap().contains("Anda"));
}

#[tokio::test]
async fn an_english_telegram_gets_english_and_a_button_switches_language_in_place() {
    let app = spawn_app().await;
    let ann = app.reporter("Ann", "en-GB").await;
    ann.says("/start").await;
    let welcome = ann.expects(&["not an emergency service"]).await;
    ann.presses("Bahasa Indonesia").await;
    let edited = ann
        .expects_change(welcome.message_id, |e| {
            e.edited && e.text.as_deref().is_some_and(|t| t.contains("Halo"))
        })
        .await;
    assert!(!edited.deleted);
    // The press was answered, so her button stopped spinning.
    assert_eq!(edited.callback_answers.len(), 1);
}

#[tokio::test]
async fn quick_exit_deletes_the_welcome_and_leaves_one_neutral_line() {
    let app = spawn_app().await;
    let sari = app.reporter("Sari", "id").await;
    sari.says("/start").await;
    let welcome = sari.expects(&["Halo"]).await;
    sari.presses("Keluar cepat").await;
    sari.expects_change(welcome.message_id, |e| e.deleted).await;
    let done = sari.expects(&["Selesai"]).await;
    let text = done.text.unwrap();
    for word in ["laporan", "kekerasan", "polisi"] {
        assert!(!text.to_lowercase().contains(word), "{text}");
    }
}

#[tokio::test]
async fn a_forged_button_press_changes_nothing_but_is_answered() {
    let app = spawn_app().await;
    let sari = app.reporter("Sari", "id").await;
    sari.says("/start").await;
    let welcome = sari.expects(&["Halo"]).await;
    let which = suara::sim::ButtonRef {
        message_id: Some(welcome.message_id),
        data: Some("lang:xx".into()),
        forged: true,
        ..Default::default()
    };
    app.sim
        .press(sari.user.id, None, which)
        .await
        .expect("forged press sent");
    app.sim
        .wait_for_requests("answerCallbackQuery", 1, crate::app::WAIT)
        .await
        .unwrap();
    let transcript = sari.transcript().await;
    let bot_messages: Vec<_> = transcript
        .entries
        .iter()
        .filter(|e| e.message_id == welcome.message_id)
        .collect();
    assert!(!bot_messages[0].edited && !bot_messages[0].deleted);
}

#[tokio::test]
async fn the_bot_delivers_through_429s_honouring_retry_after() {
    let app = spawn_app().await;
    let sari = app.reporter("Sari", "id").await;
    app.sim
        .inject_fault(
            "sendMessage",
            FaultKind::TooManyRequests { retry_after: 1 },
            2,
        )
        .await;
    let started = std::time::Instant::now();
    sari.says("/start").await;
    sari.expects(&["Halo"]).await;
    assert!(
        started.elapsed() >= Duration::from_secs(2),
        "retried before retry_after"
    );
    let counts = app.sim.request_counts();
    assert_eq!(counts.get("sendMessage"), Some(&3));
}

#[tokio::test]
async fn the_bot_says_nothing_in_a_group() {
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
    // A private /start afterwards is answered, so the group update was seen.
    sari.says("/start").await;
    sari.expects(&["Halo"]).await;
    let transcript = app.sim.transcript(group).await.unwrap();
    assert!(
        transcript
            .entries
            .iter()
            .all(|e| e.direction != suara::sim::Direction::FromBot)
    );
}
