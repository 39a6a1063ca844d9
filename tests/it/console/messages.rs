//! Limits that cannot be turned against her (issue 12, point 5): a few
//! messages a day from the task force, and one notice on her phone for
//! however many messages wait behind it.

use chrono::Utc;
use suara::domain::role::Role;
use suara::i18n::Lang;
use suara::service::casework::{CaseError, MessageLimit, queue_limited};

use super::{Console, account, on_both_databases, report_with_story, server_key};
use crate::app::TestApp;
use crate::helpers::TestDb;

on_both_databases!(the_fourth_message_in_a_day_is_refused_with_its_reason);

async fn the_fourth_message_in_a_day_is_refused_with_its_reason(app: TestApp) {
    let k = account(&app, "koor", Role::Koordinator, &["64"], None).await;
    let her = app.reporter("Sari", "id").await;
    let id = report_with_story(&app, 0, "Cerita.", Some(her.user.chat_id)).await;
    let c = Console::new(&app).await;
    c.login(&k).await;
    let path = format!("/reports/{id}");
    for n in 1..=3 {
        c.get(&path).await;
        let sent = c
            .post(
                &format!("{path}/message"),
                &[("text", &format!("Pesan {n}."))],
            )
            .await;
        assert!(
            sent.location().contains("message-sent"),
            "message {n}: {}",
            sent.location()
        );
    }
    c.get(&path).await;
    let fourth = c
        .post(&format!("{path}/message"), &[("text", "Pesan 4.")])
        .await;
    assert!(
        fourth.location().contains("notice=message-limit"),
        "{}",
        fourth.location()
    );
    let page = c.get(fourth.location()).await;
    assert!(page.body.contains("dibanjiri"), "the reason is said");
    assert_eq!(app.db.store.messages_of(&id).await.unwrap().len(), 3);
}

/// Without a sender running, every notice stays pending: the outbox shows
/// what the messages queued.
async fn one_notice_waits_for_any_number_of_messages(db: TestDb) {
    let key = suara::crypto::ServerKey::from_bytes(&[9; 32]);
    let request = {
        let mut r = suara::samples::sample_request(0);
        r.answers.contact = Some(suara::domain::ContactPreference::ThroughBot);
        r
    };
    let store = db.store.as_ref();
    suara::service::keys::init_recovery(store).await.unwrap();
    let made = suara::samples::submit_request(store, &key, &request, Some(4242), Utc::now())
        .await
        .unwrap();
    let meta = store.report_meta(&made.id).await.unwrap();
    let limit = MessageLimit { per_day: 5 };
    for n in 0..5 {
        let text = format!("Pesan {n}.");
        queue_limited(store, &key, (&meta, "p-1"), &text, (Lang::Id, limit))
            .await
            .unwrap();
    }
    let notices = store
        .unsent_outbox()
        .await
        .unwrap()
        .into_iter()
        .filter(|row| row.kind == "notice")
        .count();
    assert_eq!(notices, 1, "one notice for five messages");
    let sixth = queue_limited(store, &key, (&meta, "p-1"), "Pesan 6.", (Lang::Id, limit)).await;
    assert!(
        matches!(sixth, Err(CaseError::TooManyMessages)),
        "{sixth:?}"
    );
}

#[tokio::test]
async fn one_notice_waits_for_any_number_of_messages_on_sqlite() {
    one_notice_waits_for_any_number_of_messages(TestDb::sqlite().await).await;
}

#[tokio::test]
async fn one_notice_waits_for_any_number_of_messages_on_postgresql() {
    one_notice_waits_for_any_number_of_messages(TestDb::postgres().await).await;
}

#[tokio::test]
async fn the_daily_limit_is_a_setting() {
    let mut app = crate::app::spawn_app().await;
    app.settings.console.messages_per_day = 1;
    app.restart_bot().await;
    let k = account(&app, "koor", Role::Koordinator, &["64"], None).await;
    let id = report_with_story(&app, 0, "Cerita.", Some(777)).await;
    let c = Console::new(&app).await;
    c.login(&k).await;
    let path = format!("/reports/{id}");
    c.get(&path).await;
    assert!(
        c.post(&format!("{path}/message"), &[("text", "Satu.")])
            .await
            .location()
            .contains("message-sent")
    );
    c.get(&path).await;
    assert!(
        c.post(&format!("{path}/message"), &[("text", "Dua.")])
            .await
            .location()
            .contains("message-limit")
    );
    let _ = server_key(&app);
}
