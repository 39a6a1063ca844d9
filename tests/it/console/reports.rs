//! Working a report: status with a reason, assignment, notes, messages to
//! the reporter, and the timeline.

use suara::domain::report::Status;
use suara::domain::role::Role;

use super::{Console, account, report_with_story};
use crate::app::spawn_app;

#[tokio::test]
async fn a_status_change_needs_a_reason_and_follows_the_workflow() {
    let app = spawn_app().await;
    let k = account(&app, "koor", Role::Koordinator, &["64"], None).await;
    let id = report_with_story(&app, 0, "Tolong saya.", None).await;
    let c = Console::new(&app).await;
    c.login(&k).await;
    let path = format!("/reports/{id}");
    c.get(&path).await;
    let no_reason = c
        .post(
            &format!("{path}/status"),
            &[("from", "baru"), ("to", "ditinjau"), ("reason", " ")],
        )
        .await;
    assert!(no_reason.location().contains("notice=reason-needed"));
    let skip = c
        .post(
            &format!("{path}/status"),
            &[
                ("from", "baru"),
                ("to", "selesai"),
                ("reason", "langsung selesai"),
            ],
        )
        .await;
    assert!(
        skip.location().contains("notice=status-invalid"),
        "baru cannot jump to selesai"
    );
    let ok = c
        .post(
            &format!("{path}/status"),
            &[
                ("from", "baru"),
                ("to", "ditinjau"),
                ("reason", "Sudah dibaca, menghubungi UPTD."),
            ],
        )
        .await;
    assert!(ok.location().contains("notice=saved"));
    let meta = app.db.store.report_meta(&id).await.unwrap();
    assert_eq!(meta.status, Status::Ditinjau);
    assert!(meta.acknowledged_at.is_some());
    // A form from before the change is refused as stale, not applied.
    let stale = c
        .post(
            &format!("{path}/status"),
            &[("from", "baru"), ("to", "ditutup"), ("reason", "dobel")],
        )
        .await;
    assert!(stale.location().contains("notice=status-stale"));
    let page = c.get(&path).await;
    assert!(
        page.body.contains("Sudah dibaca, menghubungi UPTD."),
        "reason on the timeline"
    );
    // The reason is sealed: not in the database in clear.
    let events = app.db.store.events_of(&id).await.unwrap();
    let body = events.iter().find_map(|e| e.body.as_ref()).unwrap();
    assert!(!String::from_utf8_lossy(body.as_bytes()).contains("UPTD"));
}

#[tokio::test]
async fn a_koordinator_assigns_and_a_petugas_takes_an_unassigned_report() {
    let app = spawn_app().await;
    let k = account(&app, "koor", Role::Koordinator, &["64"], None).await;
    let p = account(&app, "ani", Role::Petugas, &["64.72"], None).await;
    // Samples 0 and 2 happened in Samarinda, ani's region.
    let samarinda = report_with_story(&app, 0, "A.", None).await;
    let second = report_with_story(&app, 2, "B.", None).await;
    let kc = Console::new(&app).await;
    kc.login(&k).await;
    kc.get(&format!("/reports/{samarinda}")).await;
    kc.post(&format!("/reports/{samarinda}/assign"), &[("to", &p.id)])
        .await;
    assert_eq!(
        app.db
            .store
            .report_meta(&samarinda)
            .await
            .unwrap()
            .assigned_to
            .as_deref(),
        Some(p.id.as_str())
    );
    let pc = Console::new(&app).await;
    pc.login(&p).await;
    let mine = pc.get("/?mine=1").await;
    assert!(mine.body.contains(&samarinda.short()));
    assert!(!mine.body.contains(&second.short()));
    pc.get(&format!("/reports/{second}")).await;
    let took = pc
        .post(&format!("/reports/{second}/assign"), &[("to", &p.id)])
        .await;
    assert_eq!(took.status, 303);
    assert_eq!(
        app.db
            .store
            .report_meta(&second)
            .await
            .unwrap()
            .assigned_to
            .as_deref(),
        Some(p.id.as_str())
    );
    // A petugas cannot hand a report to someone else.
    let handoff = pc
        .post(&format!("/reports/{second}/assign"), &[("to", &k.id)])
        .await;
    assert_ne!(handoff.status, 303);
}

#[tokio::test]
async fn a_message_reaches_her_chat_only_as_a_neutral_notice() {
    let app = spawn_app().await;
    let k = account(&app, "koor", Role::Koordinator, &["64"], None).await;
    let her = app.reporter("Siti", "id").await;
    let id = report_with_story(&app, 0, "Saya butuh bantuan.", Some(her.user.chat_id)).await;
    let c = Console::new(&app).await;
    c.login(&k).await;
    let page = c.get(&format!("/reports/{id}")).await;
    assert!(page.body.contains("/message\""), "message form offered");
    let sent = c
        .post(
            &format!("/reports/{id}/message"),
            &[("text", "Kami akan menghubungi Ibu besok pagi di UPTD.")],
        )
        .await;
    assert!(
        sent.location().contains("notice=message-sent"),
        "{}",
        sent.location()
    );
    let locales = suara::i18n::Locales::load().unwrap();
    let notice = suara::conversation::update_notice(&locales, suara::i18n::Lang::Id);
    let entry = her.expects(&[&notice]).await;
    assert!(
        !entry.text.unwrap_or_default().contains("UPTD"),
        "content never in the notice"
    );
    let page = c.get(&format!("/reports/{id}")).await;
    assert!(
        page.body
            .contains("Kami akan menghubungi Ibu besok pagi di UPTD.")
    );
}

#[tokio::test]
async fn messaging_is_disabled_with_an_explanation_when_she_chose_no_contact() {
    let app = spawn_app().await;
    let k = account(&app, "koor", Role::Koordinator, &["64"], None).await;
    let id = report_with_story(&app, 0, "Jangan hubungi saya.", None).await;
    let c = Console::new(&app).await;
    c.login(&k).await;
    let page = c.get(&format!("/reports/{id}")).await;
    assert!(!page.body.contains("/message\""));
    assert!(page.body.contains("tidak ingin dihubungi") || page.body.contains("tidak dihubungi"));
    let forced = c
        .post(&format!("/reports/{id}/message"), &[("text", "Halo")])
        .await;
    assert!(forced.location().contains("notice=not-contactable"));
}

#[tokio::test]
async fn a_note_is_sealed_and_shows_on_the_timeline() {
    let app = spawn_app().await;
    let k = account(&app, "koor", Role::Koordinator, &["64"], None).await;
    let id = report_with_story(&app, 0, "Cerita.", None).await;
    let c = Console::new(&app).await;
    c.login(&k).await;
    c.get(&format!("/reports/{id}")).await;
    c.post(
        &format!("/reports/{id}/note"),
        &[("text", "Sudah koordinasi dengan RS Abdul Wahab.")],
    )
    .await;
    let page = c.get(&format!("/reports/{id}")).await;
    assert!(
        page.body
            .contains("Sudah koordinasi dengan RS Abdul Wahab.")
    );
    assert!(page.body.contains("menulis catatan"));
    let audit = app.db.store.audit_of_report(&id).await.unwrap();
    let actions: Vec<&str> = audit.iter().map(|a| a.action.as_str()).collect();
    assert!(
        actions.contains(&"report.viewed") && actions.contains(&"report.note"),
        "{actions:?}"
    );
    assert!(audit.iter().all(|a| !a.detail.contains("Abdul")));
    let events = app.db.store.events_of(&id).await.unwrap();
    let note = events
        .iter()
        .find_map(|e| e.body.as_ref())
        .expect("the note's body");
    assert!(
        !String::from_utf8_lossy(note.as_bytes()).contains("Abdul"),
        "sealed, not clear"
    );
}
