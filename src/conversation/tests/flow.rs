//! Whole reports, skipping, back and editing.

use super::*;
use crate::domain::{
    AgeBand, Behaviour, ContactPreference, HelpWanted, PhoneVia, Place, RegionCode, Relation,
    ReporterRole, SafeTime, Sex, TraffickingIndicator, Urgency, UrgencyReason, WhenHappened,
};

#[test]
fn a_victims_full_report_reaches_submit_with_the_right_answers_and_urgency() {
    let fix = Fixture::new();
    let mut s = Session::new(&fix, Lang::Id);
    s.through_consent("sn:y");
    s.press_all(&["rp:v.myself", "bh:v.forced_labour", "bh:v.hurt_physically"]);
    assert!(
        matches!(s.out[0], Output::Replace { .. }),
        "a toggle edits in place"
    );
    s.press("bh:d");
    assert_eq!(s.d.step(), &Step::Indicator(0));
    s.press("i0:n");
    s.press("i1:y");
    assert!(
        s.said().contains("112"),
        "an urgent sign shows the contacts"
    );
    s.press_all(&["i2:s", "i4:y", "i5:sr"]);
    s.press_all(&[
        "wh:v.ongoing",
        "wr:v.64",
        "rg64:v.64.72",
        "pt:v.tempat_kerja",
    ]);
    s.press_all(&[
        "rl:v.majikan",
        "ps:v.laki_laki",
        "ag:v.a25_44",
        "sx:v.perempuan",
    ]);
    s.press("ds:n");
    assert_eq!(s.d.step(), &Step::Story);
    s.text("Saya bekerja di rumah majikan. Paspor saya diambil.");
    s.input(Input::Attachment(voice("file-1")));
    assert!(s.said().contains("Tersimpan"));
    s.press("st:d");
    assert!(
        s.said()
            .starts_with("Terima kasih sudah bercerita. Ini bukan salah Anda.")
    );
    s.press_all(&[
        "hp:v.safety_shelter",
        "hp:v.going_home",
        "hp:d",
        "cp:v.phone",
    ]);
    s.text("0812 3456 7890");
    s.press_all(&["pv:v.whatsapp", "tm:v.evening", "tm:d", "so:s"]);
    assert_eq!(s.d.step(), &Step::Summary);
    assert!(matches!(
        s.out[0],
        Output::Send {
            protect_content: true,
            ..
        }
    ));
    assert!(s.said().contains("Kota Samarinda, Kalimantan Timur"));
    assert!(s.said().contains("Waktu aman: Malam (18–22)"));
    s.press("sm:go");

    let req = s.submitted().expect("submit").clone();
    let a = &req.answers;
    assert_eq!(a.safe_now, Some(true));
    assert_eq!(a.reporter, Some(ReporterRole::Myself));
    assert_eq!(
        a.behaviours.iter().copied().collect::<Vec<_>>(),
        [Behaviour::HurtPhysically, Behaviour::ForcedLabour]
    );
    assert_eq!(a.indicators.len(), 3);
    assert!(a.indicators[&TraffickingIndicator::ViolenceOrThreats]);
    assert!(a.indicators[&TraffickingIndicator::DocumentsHeld]);
    assert!(!a.indicators[&TraffickingIndicator::LockedIn]);
    assert_eq!(a.when, Some(WhenHappened::Ongoing));
    assert_eq!(req.region(), Some(&RegionCode::parse("64.72").unwrap()));
    assert!(!req.abroad());
    assert_eq!(a.place, Some(Place::TempatKerja));
    assert_eq!(a.relation, Some(Relation::Majikan));
    assert_eq!(a.perpetrator_sex, Some(Sex::LakiLaki));
    assert_eq!(a.age_band, Some(AgeBand::A25_44));
    assert_eq!(a.victim_sex, Some(Sex::Perempuan));
    assert_eq!(a.disability, Some(false));
    assert_eq!(a.story.len(), 2);
    assert_eq!(a.help.len(), 2);
    assert!(a.help.contains(&HelpWanted::GoingHome));
    assert_eq!(a.contact, Some(ContactPreference::Phone));
    assert_eq!(a.phone.as_deref(), Some("0812 3456 7890"));
    assert_eq!(a.phone_via, Some(PhoneVia::Whatsapp));
    assert_eq!(
        a.safe_times.iter().collect::<Vec<_>>(),
        [&SafeTime::Evening]
    );
    assert_eq!(a.police_ok, None, "skipped");
    assert!(req.contact_allowed());
    assert_eq!(req.assessment.urgency, Urgency::Urgent);
    let reasons = &req.assessment.reasons;
    assert!(reasons.contains(&UrgencyReason::Indicator(
        TraffickingIndicator::ViolenceOrThreats
    )));
    assert!(reasons.contains(&UrgencyReason::TraffickingLike));
    assert!(req.classification.trafficking_like);
    assert!(s.d.is_submitting());

    s.input(Input::Submitted {
        receipt_code: "ABCD-EFGH-JKLM-NPQR".to_owned(),
    });
    assert!(
        matches!(&s.out[0], Output::Send { text, protect_content: true, .. }
        if text.contains("ABCD-EFGH-JKLM-NPQR"))
    );
    assert!(s.said().contains("UPTD PPA Samarinda"), "regional contacts");
    assert_eq!(s.d.step(), &Step::Done);
    assert_eq!(s.d.answers(), &Answers::default(), "the draft is forgotten");
}

#[test]
fn every_question_skipped_still_reaches_submit() {
    let fix = Fixture::new();
    let mut s = Session::new(&fix, Lang::Id);
    s.through_consent("sn:s");
    s.press_all(&["rp:s", "bh:s", "i0:sr", "wh:s", "wr:s", "pt:s", "rl:s"]);
    s.press_all(&["ps:s", "ag:s", "ca:s", "sx:s", "ds:s"]);
    s.press_all(&["st:s", "hp:s", "cp:s", "so:s"]);
    assert!(s.said().contains("dilewati"));
    s.press("sm:go");
    let req = s.submitted().expect("submit");
    assert_eq!(req.answers, Answers::default());
    assert_eq!(req.assessment.urgency, Urgency::Normal);
    assert!(
        !req.contact_allowed(),
        "a skipped contact question keeps nothing that could reach her"
    );
}

#[test]
fn back_goes_to_the_previous_question() {
    let fix = Fixture::new();
    let mut s = Session::new(&fix, Lang::Id);
    s.through_consent("sn:y");
    s.press_all(&["rp:v.myself", "bh:v.neglected", "bh:d", "i0:sr"]);
    assert_eq!(s.d.step(), &Step::When);
    s.press("wh:b");
    assert_eq!(s.d.step(), &Step::Indicator(0));
    s.press("i0:b");
    assert_eq!(s.d.step(), &Step::Behaviours);
    assert!(
        s.said().contains("Tidak dinafkahi/diurus"),
        "her choice is still shown"
    );
    assert_eq!(s.label("bh:v.neglected"), "✓ Tidak dinafkahi/diurus");
    s.press_all(&["bh:d", "i0:sr", "wh:v.today", "wr:v.64"]);
    s.press("rg64:b");
    assert_eq!(s.d.step(), &Step::Where);
    s.press("wr:b");
    assert_eq!(s.d.step(), &Step::When);
    assert_eq!(s.label("wh:v.today"), "✓ Hari ini", "her answer is ticked");
    s.press_all(&["wh:b", "i0:b", "bh:b", "rp:b", "pl:b"]);
    assert_eq!(s.d.step(), &Step::Consent);
    assert_eq!(
        s.d.answers().when,
        Some(WhenHappened::Today),
        "back keeps answers"
    );
}

#[test]
fn editing_two_answers_from_the_summary() {
    let fix = Fixture::new();
    let mut s = Session::new(&fix, Lang::Id);
    s.through_consent("sn:y");
    s.press_all(&["rp:s", "bh:s", "i0:sr", "wh:v.longer_ago", "wr:s", "pt:s"]);
    s.press_all(&["rl:s", "ps:s", "ag:v.a18_24", "sx:s", "ds:s"]);
    s.press_all(&["st:s", "hp:s", "cp:s", "so:s"]);
    assert_eq!(s.d.step(), &Step::Summary);

    s.press("sm:e.when");
    assert_eq!(s.d.step(), &Step::When);
    s.press("wh:v.today");
    assert_eq!(
        s.d.step(),
        &Step::Summary,
        "back to the summary after one part"
    );

    s.press("sm:e.where");
    s.press("wr:v.abroad");
    assert_eq!(s.d.step(), &Step::Country);
    s.text("Malaysia");
    assert_eq!(s.d.step(), &Step::NowWhere, "the abroad questions follow");
    s.press_all(&["nw:y", "or:v.64", "og64:v.64.05", "pt:s"]);
    assert_eq!(s.d.step(), &Step::Summary);
    assert!(s.said().contains("Luar negeri: Malaysia"));
    assert!(s.said().contains("Berangkat dari: Berau"), "{}", s.said());

    s.press("sm:e.victim");
    s.press("ag:s");
    assert_eq!(s.d.step(), &Step::ChildOrAdult, "the whole part is asked");
    s.press_all(&["ca:n", "sx:v.perempuan", "ds:s"]);
    assert_eq!(s.d.step(), &Step::Summary);

    s.press("sm:go");
    let req = s.submitted().expect("submit");
    assert_eq!(req.answers.when, Some(WhenHappened::Today));
    assert!(req.abroad());
    assert_eq!(req.answers.still_abroad, Some(true));
    assert_eq!(req.origin().map(RegionCode::as_str), Some("64.05"));
    assert_eq!(req.answers.victim_is_child, Some(false));
    assert_eq!(req.answers.age_band, None);
    assert_eq!(
        req.location(),
        crate::domain::Location::abroad("Malaysia").unwrap()
    );
}

#[test]
fn a_failed_send_returns_to_the_summary_with_nothing_lost() {
    let fix = Fixture::new();
    let mut s = Session::new(&fix, Lang::Id);
    s.through_consent("sn:y");
    s.press_all(&["rp:v.myself", "bh:s", "i0:sr", "wh:s", "wr:s", "pt:s"]);
    s.press_all(&["rl:s", "ps:s", "ag:s", "ca:s", "sx:s", "ds:s"]);
    s.text("Ini cerita saya.");
    s.press_all(&["st:d", "hp:s", "cp:s", "so:s", "sm:go"]);
    let before = s.d.answers().clone();
    s.input(Input::Start);
    assert!(s.d.is_submitting(), "starting over waits for the result");
    s.input(Input::SubmitFailed);
    assert_eq!(s.d.step(), &Step::Summary);
    assert!(s.said().contains("belum terkirim"));
    assert_eq!(s.d.answers(), &before);
    s.press("sm:go");
    assert_eq!(s.submitted().unwrap().answers, before);
}

#[test]
fn a_result_arriving_after_erasing_shows_no_code() {
    let fix = Fixture::new();
    let mut s = Session::new(&fix, Lang::Id);
    s.input(Input::Submitted {
        receipt_code: "ABCD".to_owned(),
    });
    assert!(s.out.is_empty());
}
