//! The adapter's plumbing over real HTTP: teloxide's own client against the
//! simulator. The conversation itself is tested in `conversation.rs`.

use std::time::Duration;

use suara::sim::FaultKind;

use crate::app::spawn_app;

#[tokio::test]
async fn start_gets_the_neutral_welcome_and_a_language_button_edits_it_in_place() {
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
    assert_eq!(edited.callback_answers.len(), 1, "the press was answered");
}

#[tokio::test]
async fn the_command_menu_is_set_in_indonesian_and_english() {
    let app = spawn_app().await;
    app.sim
        .wait_for_requests("setMyCommands", 2, crate::app::WAIT)
        .await
        .unwrap();
    let calls: Vec<_> = app
        .sim
        .requests()
        .into_iter()
        .filter(|r| r.method == "setMyCommands")
        .collect();
    assert!(
        calls
            .iter()
            .any(|c| c.params.get("language_code").is_none())
    );
    assert!(calls.iter().any(|c| c.params["language_code"] == "en"));
}

#[tokio::test]
async fn a_forged_button_press_changes_nothing_but_is_answered() {
    let app = spawn_app().await;
    let sari = app.reporter("Sari", "id").await;
    sari.says("/start").await;
    let welcome = sari.expects(&["Halo"]).await;
    let which = suara::sim::ButtonRef {
        message_id: Some(welcome.message_id),
        data: Some("lg:xx".into()),
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
    // The real buttons still work afterwards, so the draft survived.
    sari.presses("Mulai").await;
    sari.expects(&["aman sekarang"]).await;
    let transcript = sari.transcript().await;
    let first = transcript
        .entries
        .iter()
        .find(|e| e.message_id == welcome.message_id)
        .unwrap();
    assert!(!first.deleted && first.text.as_deref().unwrap().contains("Halo"));
}

#[tokio::test]
async fn the_bot_delivers_through_429s_honouring_retry_after() {
    let app = spawn_app().await;
    let sari = app.reporter("Sari", "id").await;
    app.sim
        .wait_for_requests("setMyCommands", 2, crate::app::WAIT)
        .await
        .unwrap();
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
    assert_eq!(app.sim.request_counts().get("sendMessage"), Some(&3));
}
