//! No secret readers (issue 12, point 4): an admin invites, the owner sets
//! the password through a one-time link, a second person approves before
//! any report key is sealed to the account, and every koordinator (and the
//! alert group) hears of every change to who reads reports.

use suara::domain::account::ApprovalMode;
use suara::domain::role::Role;

use super::{Console, account, enrol_through_link, invite, on_both_databases, report_with_story};
use crate::app::{TestApp, spawn_app};

on_both_databases!(a_new_reader_opens_no_report_until_a_koordinator_approves_and_then_opens_it);

async fn a_new_reader_opens_no_report_until_a_koordinator_approves_and_then_opens_it(app: TestApp) {
    let admin = account(&app, "admin", Role::Admin, &[], None).await;
    let k = account(&app, "koor", Role::Koordinator, &["64"], None).await;
    let ac = Console::new(&app).await;
    ac.login(&admin).await;
    let link = invite(&ac, "nina", "petugas", "64.72", "").await;
    let nina = enrol_through_link(&app, &link, "nina", "nina-sets-her-own-password").await;

    // Sent after the account was made: sealed to the koordinator, not to her.
    let before = report_with_story(&app, 0, "Cerita sebelum persetujuan.", None).await;
    let nc = Console::new(&app).await;
    let queue = nc.login(&nina).await;
    assert!(!queue.body.contains(&before.short()), "not in her queue");
    let page = nc.get(&format!("/reports/{before}")).await;
    assert_eq!(page.status, 404);
    assert!(!page.body.contains("sebelum persetujuan"));

    // The koordinator is told, and approves.
    let kc = Console::new(&app).await;
    let queue = kc.login(&k).await;
    assert!(
        queue.body.contains("href=\"/team\""),
        "the queue has the banner"
    );
    let team = kc.get("/team").await;
    assert!(team.body.contains("nina"), "{}", team.body);
    let approved = kc.post(&format!("/team/{}/approve", nina.id), &[]).await;
    assert!(
        approved.location().contains("notice=approved&granted=1"),
        "{}",
        approved.location()
    );

    // The report sent since her account was made, and every new one.
    let page = nc.get(&format!("/reports/{before}")).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("Cerita sebelum persetujuan."));
    let after = report_with_story(&app, 0, "Cerita sesudah persetujuan.", None).await;
    assert_eq!(nc.get(&format!("/reports/{after}")).await.status, 200);
    let audit = app.db.store.audit_page(None, 50).await.unwrap();
    let entry = audit
        .iter()
        .find(|e| e.action == "account.approved")
        .expect("the approval is in the audit log");
    assert_eq!(entry.actor, k.id);
    assert!(entry.detail.contains(&nina.id), "{}", entry.detail);
}

#[tokio::test]
async fn the_link_works_once_and_the_admin_never_knows_the_password() {
    let app = spawn_app().await;
    let admin = account(&app, "admin", Role::Admin, &[], None).await;
    let ac = Console::new(&app).await;
    let users = ac.login(&admin).await;
    assert!(
        !users.body.contains("type=\"password\""),
        "no password field on the admin's page"
    );
    let link = invite(&ac, "sari", "koordinator", "64", "").await;
    let c = Console::new(&app).await;
    c.get(&link).await;
    let weak = c
        .post(&link, &[("password", "short"), ("repeat", "short")])
        .await;
    assert_eq!(weak.status, 422);
    let differ = c
        .post(
            &link,
            &[
                ("password", "one-long-password"),
                ("repeat", "another-password"),
            ],
        )
        .await;
    assert_eq!(differ.status, 422);
    // Before the owner sets it, nothing signs in to the account.
    assert_eq!(c.try_login("sari", "", "").await.status, 401);
    enrol_through_link(&app, &link, "sari", "sari-long-password").await;
    let again = Console::new(&app).await;
    assert_eq!(again.get(&link).await.status, 404, "used up");
    assert_eq!(again.get("/welcome/not-a-token").await.status, 404);
    let audit = app.db.store.audit_page(None, 50).await.unwrap();
    assert!(audit.iter().any(|e| e.action == "account.enrolled"));
}

#[tokio::test]
async fn an_unapproved_account_reads_nothing_and_an_unapproved_admin_administers_nothing() {
    let app = spawn_app().await;
    let admin = account(&app, "admin", Role::Admin, &[], None).await;
    let ac = Console::new(&app).await;
    ac.login(&admin).await;
    let link = invite(&ac, "admin2", "admin", "", "").await;
    let second = enrol_through_link(&app, &link, "admin2", "second-admin-password").await;
    let c = Console::new(&app).await;
    c.login(&second).await;
    assert_eq!(c.get("/admin/users").await.status, 404);
    // A liaison waiting for approval is no agency a report can go to.
    let link = invite(&ac, "dinsos", "mitra", "", "dinsos").await;
    enrol_through_link(&app, &link, "dinsos", "dinsos-long-password").await;
    let k = account(&app, "koor", Role::Koordinator, &["64"], None).await;
    let id = report_with_story(&app, 0, "Cerita.", None).await;
    let kc = Console::new(&app).await;
    kc.login(&k).await;
    let page = kc.get(&format!("/reports/{id}")).await;
    assert_eq!(page.status, 200);
    assert!(!page.body.contains("value=\"dinsos\""), "not offered");
}

#[tokio::test]
async fn in_admin_mode_a_second_admin_approves_never_the_creator() {
    let mut app = spawn_app().await;
    app.settings.console.approval = ApprovalMode::Admin;
    app.restart_bot().await;
    let first = account(&app, "admin", Role::Admin, &[], None).await;
    let second = account(&app, "admin2", Role::Admin, &[], None).await;
    let k = account(&app, "koor", Role::Koordinator, &["64"], None).await;
    let c1 = Console::new(&app).await;
    c1.login(&first).await;
    let link = invite(&c1, "nina", "petugas", "64.72", "").await;
    let nina = enrol_through_link(&app, &link, "nina", "nina-long-password").await;
    let path = format!("/team/{}/approve", nina.id);
    let team = c1.get("/team").await;
    assert!(!team.body.contains(&path), "no button for the creator");
    assert!(c1.post(&path, &[]).await.location().contains("not-allowed"));
    let kc = Console::new(&app).await;
    kc.login(&k).await;
    kc.get("/team").await;
    assert!(kc.post(&path, &[]).await.location().contains("not-allowed"));
    let c2 = Console::new(&app).await;
    c2.login(&second).await;
    assert!(c2.get("/team").await.body.contains(&path));
    assert!(c2.post(&path, &[]).await.location().contains("approved"));
    let w = app.db.store.worker_by_id(&nina.id).await.unwrap().unwrap();
    assert_eq!(w.approved_by.as_deref(), Some(second.id.as_str()));
}

#[tokio::test]
async fn koordinators_and_the_alert_group_hear_of_new_regions_and_a_re_enabled_account() {
    let mut app = spawn_app().await;
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
    let admin = account(&app, "admin", Role::Admin, &[], None).await;
    let k = account(&app, "koor", Role::Koordinator, &["64"], None).await;
    let p = account(&app, "budi", Role::Petugas, &["64.72"], None).await;
    let ac = Console::new(&app).await;
    ac.login(&admin).await;
    let regions = ac
        .post(
            &format!("/admin/users/{}/regions", p.id),
            &[("regions", "64.72, 64.71")],
        )
        .await;
    assert!(
        regions.location().contains("user-regions"),
        "{}",
        regions.location()
    );
    ac.get("/admin/users").await;
    ac.post(&format!("/admin/users/{}/disable", p.id), &[])
        .await;
    ac.get("/admin/users").await;
    let enabled = ac.post(&format!("/admin/users/{}/enable", p.id), &[]).await;
    assert!(enabled.location().contains("user-enabled"));

    let kc = Console::new(&app).await;
    kc.login(&k).await;
    let team = kc.get("/team").await;
    for event in ["Wilayah baru", "Diaktifkan lagi"] {
        assert!(team.body.contains(event), "{event}: {}", team.body);
    }
    for wanted in ["mendapat wilayah baru", "diaktifkan lagi"] {
        let found = app
            .sim
            .wait_for_bot_message(
                group,
                |e| e.text.as_deref().is_some_and(|t| t.contains(wanted)),
                crate::app::WAIT,
            )
            .await
            .expect("announced in the alert group");
        let text = found.text.unwrap();
        assert!(!text.contains("budi"), "no name in the group: {text}");
    }
}

#[tokio::test]
async fn a_worker_changes_her_own_password_and_still_reads_her_reports() {
    let app = spawn_app().await;
    let mut k = account(&app, "koor", Role::Koordinator, &["64"], None).await;
    let id = report_with_story(&app, 0, "Cerita yang tetap terbaca.", None).await;
    let c = Console::new(&app).await;
    c.login(&k).await;
    c.get("/account/password").await;
    let wrong = c
        .post(
            "/account/password",
            &[
                ("old", "not-the-password"),
                ("new", "a-new-long-password"),
                ("repeat", "a-new-long-password"),
            ],
        )
        .await;
    assert_eq!(wrong.status, 422);
    let old = k.password.clone();
    let done = c
        .post(
            "/account/password",
            &[
                ("old", &old),
                ("new", "a-new-long-password"),
                ("repeat", "a-new-long-password"),
            ],
        )
        .await;
    assert_eq!(done.location(), "/account/password?done=1", "{}", done.body);
    k.password = "a-new-long-password".into();
    let again = Console::new(&app).await;
    assert_eq!(again.try_login("koor", &old, "123456").await.status, 401);
    again.login(&k).await;
    let page = again.get(&format!("/reports/{id}")).await;
    assert!(page.body.contains("Cerita yang tetap terbaca."));
}

#[tokio::test]
async fn an_account_made_by_the_operator_is_approved_in_the_operators_name() {
    let app = spawn_app().await;
    let k = account(&app, "koor", Role::Koordinator, &["64"], None).await;
    let w = app.db.store.worker_by_id(&k.id).await.unwrap().unwrap();
    assert!(w.approved() && w.trusted());
    assert_eq!(w.approved_by.as_deref(), Some("test"));
    let audit = app.db.store.audit_page(None, 10).await.unwrap();
    assert!(
        audit
            .iter()
            .any(|e| e.action == "account.approved" && e.actor == "test")
    );
}
