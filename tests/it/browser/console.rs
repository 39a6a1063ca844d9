//! The triage console in a real browser: a case worker signs in with her
//! password and authenticator code and works a report that a woman sent
//! by chatting with the bot through the simulator.
//!
//! Pages are found by stable things (form actions, names, classes, links)
//! rather than by words; where a word matters it comes from the locales.
//! With `SUARA_UPDATE_SCREENSHOTS=1` the queue, report and statistics
//! pages are written to `docs/screenshots/`; otherwise only to the target
//! directory, so that CI never rewrites committed files.

use std::time::Duration;

use suara::domain::ReportId;
use suara::domain::report::Status;
use suara::domain::role::Role;
use suara::i18n::{Lang, Locales};

use super::webdriver::Session;
use super::{browser, browser_available};
use crate::app::{Reporter, TestApp, spawn_app};
use crate::console::{Account, account, report_with_story};
use crate::conversation::{tell_and_send, up_to_the_story};
use crate::reply::last_report;

const WAIT: Duration = Duration::from_secs(20);

/// What she types to the bot as her story.
const STORY: &str = "Suami saya memukul saya kemarin malam. Saya takut pulang ke rumah.";
const REASON: &str = "Sudah dibaca, besok menghubungi UPTD PPA Samarinda.";
const MESSAGE: &str = "Kami sudah membaca pesan Ibu. Bolehkah kami menelepon besok pagi?";
const AGENCY: &str = "dinsos-samarinda";

/// The accounts a walkthrough needs. They exist before any report, so
/// that each report's key is sealed to the workers of its region.
struct Team {
    koordinator: Account,
    petugas: Account,
    mitra: Account,
    admin: Account,
}

async fn team(app: &TestApp) -> Team {
    Team {
        koordinator: account(app, "rina", Role::Koordinator, &["64"], None).await,
        petugas: account(app, "ani", Role::Petugas, &["64.72"], None).await,
        mitra: account(app, "dinsos", Role::Mitra, &[], Some(AGENCY)).await,
        admin: account(app, "admin", Role::Admin, &[], None).await,
    }
}

/// Sari tells the bot her story in Samarinda and sends it; returns her
/// and the report's id.
async fn her_report(app: &TestApp) -> (Reporter<'_>, ReportId) {
    let sari = app.reporter("Sari", "id").await;
    up_to_the_story(&sari).await;
    tell_and_send(&sari, STORY).await;
    let id = last_report(app.db.store.as_ref()).await;
    (sari, id)
}

/// A few made-up reports from elsewhere in Kalimantan Timur, so the queue
/// is not a single row.
async fn more_reports(app: &TestApp) -> Vec<ReportId> {
    let mut ids = Vec::new();
    for i in 1..=4 {
        let story = format!("Cerita contoh nomor {i}.");
        ids.push(report_with_story(app, i, &story, None).await);
    }
    ids
}

fn link_to(id: &ReportId) -> String {
    format!("//table[contains(@class,'queue')]//a[@href='/reports/{id}']")
}

async fn desktop(page: &Session) {
    page.set_window_size(1280, 900).await;
}

/// Signs in on the login form, as a person would type it. Chromium asks
/// for English first; `?lang=id` keeps the console in Indonesian, as the
/// task force uses it (and as the locales this file reads are).
async fn sign_in(page: &Session, base: &str, who: &Account) {
    page.goto(&format!("{base}/login?lang=id")).await;
    page.wait_for(
        "//form[contains(@class,'login')]//input[@name='username']",
        WAIT,
    )
    .await
    .type_text(&who.username)
    .await;
    page.wait_for(
        "//form[contains(@class,'login')]//input[@name='password']",
        WAIT,
    )
    .await
    .type_text(&who.password)
    .await;
    page.wait_for(
        "//form[contains(@class,'login')]//input[@name='code']",
        WAIT,
    )
    .await
    .type_text(&who.fresh_code())
    .await;
    page.wait_for(
        "//form[contains(@class,'login')]//button[@type='submit']",
        WAIT,
    )
    .await
    .click()
    .await;
    // Only a signed-in page has the logout form in its header.
    page.wait_for("//header//form[contains(@class,'logout')]", WAIT)
        .await;
}

async fn sign_out(page: &Session) {
    page.wait_for(
        "//header//form[contains(@class,'logout')]//button[@type='submit']",
        WAIT,
    )
    .await
    .click()
    .await;
    page.wait_for("//form[contains(@class,'login')]", WAIT)
        .await;
}

/// Changes the status on the open report page and waits for the reason on
/// the timeline.
async fn change_status(page: &Session, to: Status, reason: &str) {
    let form = "//form[contains(@action,'/status')]";
    page.wait_for(&format!("{form}//select[@name='to']"), WAIT)
        .await
        .select(to.as_str())
        .await;
    page.wait_for(&format!("{form}//textarea[@name='reason']"), WAIT)
        .await
        .type_text(reason)
        .await;
    page.wait_for(&format!("{form}//button[@type='submit']"), WAIT)
        .await
        .click()
        .await;
    page.wait_for(
        &format!("//section[contains(@class,'timeline')]//li[blockquote[.='{reason}']]"),
        WAIT,
    )
    .await;
}

/// Keeps a screenshot in the target directory and, when asked with
/// `SUARA_UPDATE_SCREENSHOTS=1`, in `docs/screenshots/`.
async fn keep_screenshot(page: &Session, name: &str, full_height: bool) {
    if full_height {
        // The whole page, not only what fits in the window (whose outer
        // height includes the browser's own bars).
        let sizes = page
            .execute(
                "return [document.documentElement.scrollHeight, window.outerHeight - window.innerHeight];",
                vec![],
            )
            .await;
        let height = sizes[0].as_u64().unwrap_or(900) + sizes[1].as_u64().unwrap_or(0);
        page.set_window_size(1280, height.clamp(900, 3200) as u32)
            .await;
    }
    // From the top, with the header, even after a redirect to `#actions`.
    page.execute("window.scrollTo(0, 0);", vec![]).await;
    let png = page.screenshot().await;
    assert!(png.starts_with(b"\x89PNG"), "{name} is a PNG");
    let _ = std::fs::write(
        format!("{}/console-{name}", env!("CARGO_TARGET_TMPDIR")),
        &png,
    );
    if std::env::var("SUARA_UPDATE_SCREENSHOTS").as_deref() == Ok("1") {
        let path = format!("{}/docs/screenshots/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::write(&path, &png).unwrap_or_else(|e| panic!("write {path}: {e}"));
    }
    if full_height {
        desktop(page).await;
    }
}

#[tokio::test]
async fn a_koordinator_signs_in_with_a_code_and_reads_the_story_sent_through_the_bot() {
    if !browser_available() {
        return;
    }
    let app = spawn_app().await;
    let team = team(&app).await;
    let (_sari, id) = her_report(&app).await;
    let others = more_reports(&app).await;
    let base = app.console_url().await;
    let (_driver, page) = browser().await;
    desktop(&page).await;

    sign_in(&page, &base, &team.koordinator).await;
    let row = page.wait_for(&link_to(&id), WAIT).await;
    assert_eq!(row.text().await, format!("#{}", id.short()));
    for other in &others {
        assert_eq!(page.count(&link_to(other)).await, 1, "{other} in the queue");
    }
    keep_screenshot(&page, "queue.png", false).await;

    row.click().await;
    let story = page
        .wait_for(
            "//section[contains(@class,'story')]//p[contains(@class,'says')]",
            WAIT,
        )
        .await;
    assert_eq!(story.text().await, STORY);
    assert!(
        page.current_url()
            .await
            .ends_with(&format!("/reports/{id}")),
        "the row links to the report"
    );
    page.close().await;
}

#[tokio::test]
async fn the_status_changes_with_a_reason_a_petugas_is_assigned_and_she_gets_a_bare_notice() {
    if !browser_available() {
        return;
    }
    let app = spawn_app().await;
    let team = team(&app).await;
    let (sari, id) = her_report(&app).await;
    more_reports(&app).await;
    let base = app.console_url().await;
    let locales = Locales::load().unwrap();
    let (_driver, page) = browser().await;
    desktop(&page).await;
    sign_in(&page, &base, &team.koordinator).await;
    page.goto(&format!("{base}/reports/{id}")).await;

    // baru → ditinjau, with a reason that then stands on the timeline.
    change_status(&page, Status::Ditinjau, REASON).await;
    let entry = page
        .wait_for(
            &format!("//section[contains(@class,'timeline')]//li[blockquote[.='{REASON}']]"),
            WAIT,
        )
        .await
        .text()
        .await;
    for status in [Status::Baru, Status::Ditinjau] {
        let label = locales.text(Lang::Id, status.label_key());
        assert!(entry.contains(&label), "`{label}` in {entry:?}");
    }
    assert!(entry.contains(&team.koordinator.username), "{entry:?}");
    // The form now starts from the new status.
    page.wait_for(
        "//form[contains(@action,'/status')]//input[@name='from'][@value='ditinjau']",
        WAIT,
    )
    .await;
    assert_eq!(
        app.db.store.report_meta(&id).await.unwrap().status,
        Status::Ditinjau
    );

    // Assigned to the petugas of Samarinda.
    let assign = "//form[contains(@action,'/assign')]";
    page.wait_for(&format!("{assign}//select[@name='to']"), WAIT)
        .await
        .select(&team.petugas.id)
        .await;
    page.wait_for(&format!("{assign}//button[@type='submit']"), WAIT)
        .await
        .click()
        .await;
    page.wait_for(
        &format!(
            "//p[contains(@class,'meta')]/strong[.='{}']",
            team.petugas.username
        ),
        WAIT,
    )
    .await;
    let assigned = format!(
        "//section[contains(@class,'timeline')]//li[contains(., '{}')][not(blockquote)]",
        team.petugas.username
    );
    assert_eq!(
        page.count(&assigned).await,
        1,
        "the assignment on the timeline"
    );
    assert_eq!(
        app.db
            .store
            .report_meta(&id)
            .await
            .unwrap()
            .assigned_to
            .as_deref(),
        Some(team.petugas.id.as_str())
    );

    // A message: in the console in full, on her phone only as a notice.
    let message = "//form[contains(@action,'/message')]";
    page.wait_for(&format!("{message}//textarea[@name='text']"), WAIT)
        .await
        .type_text(MESSAGE)
        .await;
    page.wait_for(&format!("{message}//button[@type='submit']"), WAIT)
        .await
        .click()
        .await;
    page.wait_for(
        &format!(
            "//section[contains(@class,'messages')]//p[contains(@class,'says')][.='{MESSAGE}']"
        ),
        WAIT,
    )
    .await;
    let notice = suara::conversation::update_notice(&locales, Lang::Id);
    let arrived = sari.expects(&[&notice]).await;
    let text = arrived.text.unwrap_or_default();
    assert!(
        !text.contains(MESSAGE) && !text.contains("menelepon"),
        "the notice carries nothing of the message: {text:?}"
    );

    keep_screenshot(&page, "report.png", true).await;
    page.close().await;
}

#[tokio::test]
async fn after_a_referral_the_agencys_liaison_sees_that_report_and_not_one_never_referred() {
    if !browser_available() {
        return;
    }
    let app = spawn_app().await;
    let team = team(&app).await;
    let (_sari, id) = her_report(&app).await;
    // Also in Samarinda, never referred.
    let unreferred = report_with_story(&app, 2, "Cerita yang tidak dirujuk.", None).await;
    let base = app.console_url().await;
    let locales = Locales::load().unwrap();
    let (_driver, page) = browser().await;
    desktop(&page).await;

    sign_in(&page, &base, &team.koordinator).await;
    page.goto(&format!("{base}/reports/{id}")).await;
    let refer = "//form[contains(@action,'/refer')]";
    page.wait_for(&format!("{refer}//select[@name='agency']"), WAIT)
        .await
        .select(AGENCY)
        .await;
    // By default her story and how to reach her stay with the task force.
    assert_eq!(
        page.count(&format!(
            "{refer}//input[@name='share-story'][not(@checked)]"
        ))
        .await,
        1
    );
    // The status change a referral makes carries its reason.
    page.wait_for(&format!("{refer}//textarea[@name='reason']"), WAIT)
        .await
        .type_text("Butuh rumah aman dari dinas sosial.")
        .await;
    page.wait_for(&format!("{refer}//button[@type='submit']"), WAIT)
        .await
        .click()
        .await;
    page.wait_until(
        "return location.search.includes('notice=referred');",
        "the referral",
        WAIT,
    )
    .await;
    page.wait_for(
        &format!("//section[contains(@class,'timeline')]//li[contains(., '{AGENCY}')]"),
        WAIT,
    )
    .await;
    sign_out(&page).await;

    sign_in(&page, &base, &team.mitra).await;
    let row = page.wait_for(&link_to(&id), WAIT).await;
    assert_eq!(
        page.count(&link_to(&unreferred)).await,
        0,
        "an unreferred report is not in the liaison's queue"
    );
    row.click().await;
    // The referral notice names what is shared; the story was not.
    page.wait_for("//main//p[contains(@class,'notice')]", WAIT)
        .await;
    assert!(
        !page.source().await.contains("memukul"),
        "her story was not shared"
    );
    assert_eq!(page.count("//form[contains(@action,'/status')]").await, 0);

    page.goto(&format!("{base}/reports/{unreferred}")).await;
    let title = page.wait_for("//main/h1", WAIT).await.text().await;
    assert_eq!(title, locales.text(Lang::Id, "error-not-found-title"));
    assert!(!page.source().await.contains("tidak dirujuk"));
    page.close().await;
}

#[tokio::test]
async fn an_admin_finds_the_sign_in_the_view_and_the_status_change_in_the_audit_log() {
    if !browser_available() {
        return;
    }
    let app = spawn_app().await;
    let team = team(&app).await;
    let (_sari, id) = her_report(&app).await;
    let base = app.console_url().await;
    let (_driver, page) = browser().await;
    desktop(&page).await;

    sign_in(&page, &base, &team.koordinator).await;
    page.wait_for(&link_to(&id), WAIT).await.click().await;
    change_status(&page, Status::Ditinjau, REASON).await;
    sign_out(&page).await;

    sign_in(&page, &base, &team.admin).await;
    page.wait_for("//header//a[@href='/admin/audit']", WAIT)
        .await
        .click()
        .await;
    page.wait_for("//table[contains(@class,'audit')]", WAIT)
        .await;
    for action in ["login.ok", "report.viewed", "report.status", "logout"] {
        let cell = format!("//table[contains(@class,'audit')]//td/code[.='{action}']");
        assert!(page.count(&cell).await >= 1, "{action} in the audit log");
    }
    let status_row = format!(
        "//table[contains(@class,'audit')]//tr[td/code[.='report.status']][td[.='#{}']][td[contains(., '{}')]]",
        id.short(),
        team.koordinator.username
    );
    assert_eq!(page.count(&status_row).await, 1, "who changed which report");
    // The reason is sealed: the audit log never shows it.
    assert!(!page.source().await.contains("UPTD"));
    // The page's links verify.
    page.wait_for("//main/p[@role='status'][contains(@class,'ok')]", WAIT)
        .await;
    page.close().await;
}

#[tokio::test]
async fn the_statistics_page_draws_its_charts_as_svg_at_a_reading_size() {
    if !browser_available() {
        return;
    }
    let app = spawn_app().await;
    let team = team(&app).await;
    her_report(&app).await;
    more_reports(&app).await;
    let base = app.console_url().await;
    let (_driver, page) = browser().await;
    desktop(&page).await;

    sign_in(&page, &base, &team.koordinator).await;
    page.wait_for("//header//a[@href='/stats']", WAIT)
        .await
        .click()
        .await;
    page.wait_for_css("section.chart svg.chart-months", WAIT)
        .await;
    let charts = page
        .execute(
            "return Array.from(document.querySelectorAll('section.chart svg')).map(function (s) {
                 var r = s.getBoundingClientRect();
                 var texts = Array.from(s.querySelectorAll('text')).map(function (t) {
                     return t.getBoundingClientRect().height;
                 });
                 return { w: r.width, h: r.height, bars: s.querySelectorAll('rect.chart-bar').length,
                          text_min: Math.min.apply(null, texts), text_max: Math.max.apply(null, texts) };
             });",
            vec![],
        )
        .await;
    let charts = charts.as_array().expect("a list of charts");
    assert_eq!(
        charts.len(),
        8,
        "by month and seven dimensions (kabupaten/kota too): {charts:?}"
    );
    for chart in charts {
        assert!(
            chart["w"].as_f64().unwrap() > 100.0 && chart["h"].as_f64().unwrap() > 20.0,
            "every chart is drawn at a readable size: {chart}"
        );
        assert!(chart["bars"].as_u64().unwrap() >= 1, "bars in {chart}");
        let (small, large) = (
            chart["text_min"].as_f64().unwrap(),
            chart["text_max"].as_f64().unwrap(),
        );
        assert!(
            (9.0..=24.0).contains(&small) && (9.0..=24.0).contains(&large),
            "labels and numbers at a reading size, neither tiny nor huge: {chart}"
        );
    }
    assert!(
        !page.source().await.contains("memukul"),
        "statistics never show a story"
    );
    keep_screenshot(&page, "stats.png", true).await;
    page.close().await;
}

#[tokio::test]
async fn the_queue_and_a_report_fit_a_phone_screen_without_sideways_scrolling() {
    if !browser_available() {
        return;
    }
    let app = spawn_app().await;
    let team = team(&app).await;
    let (_sari, id) = her_report(&app).await;
    more_reports(&app).await;
    let base = app.console_url().await;
    let (_driver, page) = browser().await;
    page.set_window_size(390, 844).await;

    sign_in(&page, &base, &team.koordinator).await;
    page.wait_for(&link_to(&id), WAIT).await;
    // clientWidth is innerWidth less the scroll bar, which a page that fits
    // does not reach under either.
    let fits =
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth];";
    let widths = page.execute(fits, vec![]).await;
    let (scroll, inner) = (widths[0].as_u64().unwrap(), widths[1].as_u64().unwrap());
    assert!(inner <= 400, "the window is phone-sized: {inner}px");
    assert!(
        scroll <= inner,
        "the queue is {scroll}px wide on a {inner}px screen"
    );
    let _ = std::fs::write(
        concat!(env!("CARGO_TARGET_TMPDIR"), "/console-queue-phone.png"),
        page.screenshot().await,
    );

    page.wait_for(&link_to(&id), WAIT).await.click().await;
    page.wait_for("//section[contains(@class,'story')]", WAIT)
        .await;
    let widths = page.execute(fits, vec![]).await;
    let (scroll, inner) = (widths[0].as_u64().unwrap(), widths[1].as_u64().unwrap());
    let _ = std::fs::write(
        concat!(env!("CARGO_TARGET_TMPDIR"), "/console-report-phone.png"),
        page.screenshot().await,
    );
    assert!(
        scroll <= inner,
        "the report page is {scroll}px wide on a {inner}px screen"
    );
    page.close().await;
}
