//! A partner agency sees only what a referral shares (issue 12, point 1),
//! everywhere: the queue row, the header, the answers, the story, files
//! and timeline. Checked over every combination of shared parts. And a
//! referral carries her answer about the police, and its reason.

use chrono::Utc;
use suara::conversation::{StoryPart, SubmitRequest, WhereAnswer};
use suara::domain::casework::ShareField;
use suara::domain::role::Role;
use suara::domain::*;

use super::{Console, account, on_both_databases, server_key};
use crate::app::TestApp;

/// What each part shows when shared, and nothing else on the page does.
fn markers(field: ShareField) -> &'static [&'static str] {
    match field {
        ShareField::WhatHappened => &["Dipukul atau disakiti", "Mendesak", "urgency-urgent"],
        ShareField::Victim => &["13–17 tahun", "Agen/calo/sponsor/PT", "REKRUTER-RAHASIA"],
        ShareField::Place => &["Kota Samarinda", "DESA-RAHASIA"],
        ShareField::Help => &["Bantuan hukum"],
        ShareField::Story => &["CERITA-RAHASIA"],
        ShareField::Contact => &["0812-RAHASIA"],
    }
}

/// A report with every part filled with words only that part shows.
fn everything(police_ok: Option<bool>) -> SubmitRequest {
    let mut a = suara::conversation::Answers {
        safe_now: Some(false),
        reporter: Some(ReporterRole::Myself),
        behaviours: [Behaviour::HurtPhysically].into(),
        location: Some(WhereAnswer::Region(RegionCode::parse("64.72").unwrap())),
        subdistrict: Some("DESA-RAHASIA".into()),
        relation: Some(Relation::Perekrut),
        age_band: Some(AgeBand::A13_17),
        story: vec![StoryPart::Text("CERITA-RAHASIA".into())],
        help: [HelpWanted::Legal].into(),
        contact: Some(ContactPreference::Phone),
        phone: Some("0812-RAHASIA".into()),
        police_ok,
        ..Default::default()
    };
    a.recruiter.add(RecruiterField::Names, "REKRUTER-RAHASIA");
    SubmitRequest::new(suara::i18n::Lang::Id, a)
}

async fn submit(app: &TestApp, request: &SubmitRequest) -> ReportId {
    suara::samples::submit_request(
        app.db.store.as_ref(),
        &server_key(app),
        request,
        None,
        Utc::now(),
    )
    .await
    .unwrap()
    .id
}

/// The queue row of report `id`, as HTML.
fn row<'a>(queue: &'a str, id: &ReportId) -> &'a str {
    let link = format!("/reports/{id}\"");
    let at = queue.find(&link).expect("the report is in the queue");
    let start = queue[..at].rfind("<tr").unwrap();
    let end = at + queue[at..].find("</tr>").unwrap();
    &queue[start..end]
}

on_both_databases!(
    a_liaison_sees_every_shared_part_and_nothing_else_in_every_combination,
    no_referral_reaches_the_police_without_her_yes
);

async fn a_liaison_sees_every_shared_part_and_nothing_else_in_every_combination(app: TestApp) {
    let k = account(&app, "koor", Role::Koordinator, &["64"], None).await;
    let m = account(&app, "dinsos", Role::Mitra, &[], Some("dinsos")).await;
    let request = everything(Some(true));
    let kc = Console::new(&app).await;
    kc.login(&k).await;
    let mut cases = Vec::new();
    for mask in 0u32..(1 << ShareField::ALL.len()) {
        let shared: Vec<ShareField> = (ShareField::ALL.iter().enumerate())
            .filter(|(i, _)| mask & (1 << i) != 0)
            .map(|(_, f)| *f)
            .collect();
        let id = submit(&app, &request).await;
        let mut form: Vec<(String, String)> = vec![
            ("agency".into(), "dinsos".into()),
            ("reason".into(), "Pendampingan.".into()),
        ];
        form.extend(
            shared
                .iter()
                .map(|f| (format!("share-{}", f.as_str()), "on".into())),
        );
        let form: Vec<(&str, &str)> = form.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        kc.get(&format!("/reports/{id}")).await;
        let done = kc.post(&format!("/reports/{id}/refer"), &form).await;
        if shared.is_empty() {
            assert!(
                done.location().contains("fields-needed"),
                "nothing to share is refused"
            );
            continue;
        }
        assert!(
            done.location().contains("notice=referred"),
            "{mask}: {}",
            done.location()
        );
        cases.push((id, shared));
    }
    assert_eq!(cases.len(), 63);

    let mc = Console::new(&app).await;
    let mut queue = mc.login(&m).await;
    // Every page of the queue, following its "next" links.
    let mut all = queue.body.clone();
    while let Some(at) = queue.body.find("href=\"/?after=") {
        let start = at + "href=\"".len();
        let end = start + queue.body[start..].find('"').unwrap();
        let next = queue.body[start..end].replace("&amp;", "&");
        queue = mc.get(&next).await;
        all.push_str(&queue.body);
    }
    for (id, shared) in &cases {
        let page = mc.get(&format!("/reports/{id}")).await;
        assert_eq!(page.status, 200);
        let row = row(&all, id);
        for field in ShareField::ALL {
            for marker in markers(*field) {
                let on_page = page.body.contains(marker);
                assert_eq!(
                    on_page,
                    shared.contains(field),
                    "{field:?} {marker} on the page, shared {shared:?}"
                );
            }
        }
        // The row: types and urgency with what happened, region with place.
        let what = shared.contains(&ShareField::WhatHappened);
        assert_eq!(
            row.contains("Fisik") || row.contains("u-urgent"),
            what,
            "{shared:?}: {row}"
        );
        assert_eq!(
            row.contains("Kota Samarinda"),
            shared.contains(&ShareField::Place),
            "{row}"
        );
        let withheld = ShareField::ALL.len() - shared.len();
        assert_eq!(
            page.body
                .matches("Tidak dibagikan dengan lembaga Anda")
                .count()
                > 0,
            withheld > 0,
            "not shared is said as such: {shared:?}"
        );
        // Never the task force's own: deadlines, assignment, timeline, files.
        for never in [
            "Belum ditanggapi",
            "Riwayat",
            "/files/",
            "Pelapor tidak menulis cerita",
        ] {
            assert!(!page.body.contains(never), "{never} for a liaison");
        }
        assert!(
            page.body.contains("Boleh memberi tahu polisi"),
            "her answer goes with it"
        );
    }
    // Nothing in the queue sorts or filters by what is kept back.
    assert!(!queue.body.contains("name=\"urgency\"") && !queue.body.contains("name=\"region\""));
    assert_eq!(mc.get("/stats").await.status, 404);
}

async fn no_referral_reaches_the_police_without_her_yes(app: TestApp) {
    let k = account(&app, "koor", Role::Koordinator, &["64"], None).await;
    account(&app, "polres", Role::Mitra, &[], Some("polres-samarinda")).await;
    let kc = Console::new(&app).await;
    kc.login(&k).await;
    for (police_ok, allowed, shown) in [
        (None, false, "tanyakan dulu sebelum merujuk ke polisi"),
        (Some(false), false, "jangan dirujuk ke polisi"),
        (Some(true), true, "Ya, ia mengizinkan"),
    ] {
        let id = submit(&app, &everything(police_ok)).await;
        let page = kc.get(&format!("/reports/{id}")).await;
        assert!(
            page.body.contains(shown),
            "{police_ok:?}: the console shows her answer"
        );
        let done = kc
            .post(
                &format!("/reports/{id}/refer"),
                &[
                    ("agency", "polres-samarinda"),
                    ("share-place", "on"),
                    ("reason", "Perlu polisi."),
                ],
            )
            .await;
        let referred = app.db.store.referrals_of(&id).await.unwrap();
        if allowed {
            assert!(
                done.location().contains("notice=referred"),
                "{}",
                done.location()
            );
            assert_eq!(referred.len(), 1);
        } else {
            assert!(
                done.location().contains("notice=police-not-allowed"),
                "{}",
                done.location()
            );
            assert!(referred.is_empty());
            assert_eq!(
                app.db.store.report_meta(&id).await.unwrap().status,
                Status::Baru
            );
        }
    }
}

#[tokio::test]
async fn a_referral_moves_the_status_with_its_reason_and_audit_entries() {
    let app = crate::app::spawn_app().await;
    let k = account(&app, "koor", Role::Koordinator, &["64"], None).await;
    account(&app, "dinsos", Role::Mitra, &[], Some("dinsos")).await;
    let id = submit(&app, &everything(None)).await;
    let kc = Console::new(&app).await;
    kc.login(&k).await;
    let path = format!("/reports/{id}");
    kc.get(&path).await;
    let without = kc
        .post(
            &format!("{path}/refer"),
            &[("agency", "dinsos"), ("share-help", "on")],
        )
        .await;
    assert!(
        without.location().contains("reason-needed"),
        "{}",
        without.location()
    );
    kc.get(&path).await;
    let done = kc
        .post(
            &format!("{path}/refer"),
            &[
                ("agency", "dinsos"),
                ("share-help", "on"),
                ("reason", "ALASAN-RUJUKAN"),
            ],
        )
        .await;
    assert!(done.location().contains("referred"));
    assert_eq!(
        app.db.store.report_meta(&id).await.unwrap().status,
        Status::Dirujuk
    );
    let audit = app.db.store.audit_of_report(&id).await.unwrap();
    let moves: Vec<&str> = (audit.iter())
        .filter(|e| e.action == "report.status")
        .map(|e| e.detail.as_str())
        .collect();
    assert_eq!(moves, ["baru -> ditinjau", "ditinjau -> dirujuk"]);
    let page = kc.get(&path).await;
    assert_eq!(
        page.body.matches("ALASAN-RUJUKAN").count(),
        2,
        "the reason on each step"
    );
}
