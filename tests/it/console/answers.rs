//! Her new answers on the report page, in plain words (issue 11): what she
//! said, what follows from another answer shown as such, and what the short
//! message never asked said as "not asked", never as "not answered".

use chrono::Utc;
use suara::conversation::{Answers, StoryPart, SubmitRequest, WhereAnswer};
use suara::domain::role::Role;
use suara::domain::*;

use super::{Console, account, on_both_databases, server_key};
use crate::app::TestApp;

async fn page_of(app: &TestApp, c: &Console, answers: Answers) -> String {
    let request = SubmitRequest::new(suara::i18n::Lang::Id, answers);
    let id = suara::samples::submit_request(
        app.db.store.as_ref(),
        &server_key(app),
        &request,
        None,
        Utc::now(),
    )
    .await
    .unwrap()
    .id;
    let page = c.get(&format!("/reports/{id}")).await;
    assert_eq!(page.status, 200);
    page.body
}

on_both_databases!(the_report_page_shows_her_new_answers_and_what_follows_from_them);

async fn the_report_page_shows_her_new_answers_and_what_follows_from_them(app: TestApp) {
    let k = account(&app, "koor", Role::Koordinator, &["64"], None).await;
    let c = Console::new(&app).await;
    c.login(&k).await;

    let mut abroad = Answers {
        location: Some(WhereAnswer::Abroad {
            country: Some(Country::parse("Malaysia").unwrap()),
        }),
        still_abroad: Some(true),
        origin: Some(RegionCode::parse("64.05").unwrap()),
        place: Some(Place::TempatKerja),
        relation: Some(Relation::Perekrut),
        perpetrator_sex: Some(Sex::LakiLaki),
        age_band: Some(AgeBand::A13_17),
        disability: Some(true),
        contact: Some(ContactPreference::Phone),
        phone: Some("0812 555".into()),
        phone_via: Some(PhoneVia::Whatsapp),
        safe_times: [SafeTime::Evening].into(),
        police_ok: Some(false),
        story: vec![StoryPart::Text("Cerita.".into())],
        ..Answers::default()
    };
    abroad
        .recruiter
        .add(RecruiterField::Companies, "PT MAJU JAYA");
    let body = page_of(&app, &c, abroad).await;
    for shown in [
        "Masih di luar negeri",
        "Berau",
        "Tempat kerja",
        "Agen/calo/sponsor/PT",
        "PT MAJU JAYA",
        "Nama perusahaan",
        "Laki-laki",
        "Sulit melihat, mendengar, berjalan atau belajar",
        "WhatsApp",
        "Malam (18–22)",
        "jangan dirujuk ke polisi",
        "Ya, dari umur",
    ] {
        assert!(body.contains(shown), "{shown} is shown");
    }

    let ex = Answers {
        relation: Some(Relation::MantanPasangan),
        location: Some(WhereAnswer::Region(RegionCode::parse("64.72").unwrap())),
        age_band: Some(AgeBand::A25_44),
        ..Answers::default()
    };
    let body = page_of(&app, &c, ex).await;
    assert!(body.contains("Mantan suami/pasangan"));
    assert!(
        body.contains("Tidak, dari umur"),
        "derived, not 'not answered'"
    );
    assert!(!body.contains("Masih di luar negeri") && !body.contains("Berangkat dari"));

    let short = Answers {
        short_message: true,
        location: Some(WhereAnswer::Region(RegionCode::parse("64.72").unwrap())),
        contact: Some(ContactPreference::ThroughBot),
        ..Answers::default()
    };
    let body = page_of(&app, &c, short).await;
    assert!(body.contains("Pesan singkat dari jalur darurat"));
    assert!(body.contains("Tidak ditanyakan (pesan singkat)"));
    assert!(!body.contains("Tidak dijawab<"), "nothing she skipped");
    assert!(body.contains("tanyakan dulu sebelum merujuk ke polisi"));
}
