//! Whole reports, skipping, back and editing.

use super::*;
use crate::domain::{
    AgeBand, Behaviour, ContactPreference, HelpWanted, RegionCode, Relation, ReporterRole, Sex,
    TraffickingIndicator, Urgency, UrgencyReason, WhenHappened,
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
    s.press_all(&["i2:s", "i3:n", "i4:y", "i5:sr"]);
    s.press_all(&["wh:v.ongoing", "wr:v.64", "rg64:v.64.72", "rl:v.majikan"]);
    s.press_all(&["ag:v.a25_44", "sx:v.perempuan"]);
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
    s.press("so:s");
    assert_eq!(s.d.step(), &Step::Summary);
    assert!(matches!(
        s.out[0],
        Output::Send {
            protect_content: true,
            ..
        }
    ));
    assert!(s.said().contains("Kota Samarinda, Kalimantan Timur"));
    s.press("sm:go");

    let req = s.submitted().expect("submit").clone();
    let a = &req.answers;
    assert_eq!(a.safe_now, Some(true));
    assert_eq!(a.reporter, Some(ReporterRole::Myself));
    assert_eq!(
        a.behaviours.iter().copied().collect::<Vec<_>>(),
        [Behaviour::HurtPhysically, Behaviour::ForcedLabour]
    );
    assert_eq!(a.indicators.len(), 4);
    assert!(a.indicators[&TraffickingIndicator::ViolenceOrThreats]);
    assert!(!a.indicators[&TraffickingIndicator::LockedIn]);
    assert_eq!(a.when, Some(WhenHappened::Ongoing));
    assert_eq!(req.region(), Some(&RegionCode::parse("64.72").unwrap()));
    assert!(!req.abroad());
    assert_eq!(a.relation, Some(Relation::Majikan));
    assert_eq!(a.age_band, Some(AgeBand::A25_44));
    assert_eq!(a.victim_sex, Some(Sex::Perempuan));
    assert_eq!(a.story.len(), 2);
    assert_eq!(a.help.len(), 2);
    assert!(a.help.contains(&HelpWanted::GoingHome));
    assert_eq!(a.contact, Some(ContactPreference::Phone));
    assert_eq!(a.phone.as_deref(), Some("0812 3456 7890"));
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
fn a_witness_reporting_for_a_child_comes_out_urgent() {
    let fix = Fixture::new();
    let mut s = Session::new(&fix, Lang::Id);
    s.through_consent("sn:s");
    s.press_all(&["rp:v.someone_else", "bh:v.sexual_touch_forced", "bh:d"]);
    s.press_all(&["wh:v.this_week", "wr:s", "rl:v.tetangga"]);
    assert!(
        s.said().contains("orang yang mengalaminya"),
        "asks about her, not the witness"
    );
    s.press("ag:v.a6_12");
    let said = s.said();
    assert!(
        said.contains("129") && said.contains("112"),
        "a child at risk: the emergency numbers come at once: {said}"
    );
    s.press_all(&["sx:v.perempuan", "st:s", "hp:d", "cp:v.through_bot", "so:s"]);
    s.press("sm:go");
    let req = s.submitted().expect("submit");
    assert_eq!(req.answers.reporter, Some(ReporterRole::SomeoneElse));
    assert_eq!(req.assessment.urgency, Urgency::Urgent);
    assert_eq!(req.assessment.reasons[0], UrgencyReason::ChildAtRisk);
}

#[test]
fn an_adult_victim_is_not_shown_the_emergency_numbers_for_her_age() {
    let fix = Fixture::new();
    let mut s = Session::new(&fix, Lang::Id);
    s.through_consent("sn:y");
    s.press_all(&["rp:v.myself", "bh:v.hurt_physically", "bh:d"]);
    s.press_all(&["wh:v.this_week", "wr:s", "rl:v.suami_istri"]);
    s.press("ag:v.a25_44");
    assert!(!s.said().contains("129"), "{}", s.said());
}

#[test]
fn every_question_skipped_still_reaches_submit() {
    let fix = Fixture::new();
    let mut s = Session::new(&fix, Lang::Id);
    s.through_consent("sn:s");
    s.press_all(&[
        "rp:s", "bh:s", "wh:s", "wr:s", "rl:s", "ag:s", "ca:s", "sx:s",
    ]);
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
    s.press_all(&["rp:v.myself", "bh:v.neglected", "bh:d"]);
    assert_eq!(s.d.step(), &Step::When);
    s.press("wh:b");
    assert_eq!(s.d.step(), &Step::Behaviours);
    assert!(
        s.said().contains("Dibiarkan, tidak diurus"),
        "her choice is still shown"
    );
    s.press_all(&["bh:d", "wh:v.today", "wr:v.64"]);
    s.press("rg64:b");
    assert_eq!(s.d.step(), &Step::Where);
    s.press("wr:b");
    assert_eq!(s.d.step(), &Step::When);
    s.press_all(&["wh:b", "bh:b", "rp:b"]);
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
    s.press_all(&[
        "rp:s",
        "bh:s",
        "wh:v.longer_ago",
        "wr:s",
        "rl:s",
        "ag:v.a18_24",
    ]);
    s.press_all(&["sx:s", "st:s", "hp:s", "cp:s", "so:s"]);
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
    assert_eq!(s.d.step(), &Step::Summary);
    assert!(s.said().contains("Luar negeri: Malaysia"));

    s.press("sm:e.victim");
    s.press("ag:s");
    assert_eq!(s.d.step(), &Step::ChildOrAdult, "the whole part is asked");
    s.press_all(&["ca:n", "sx:v.perempuan"]);
    assert_eq!(s.d.step(), &Step::Summary);

    s.press("sm:go");
    let req = s.submitted().expect("submit");
    assert_eq!(req.answers.when, Some(WhenHappened::Today));
    assert!(req.abroad());
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
    s.press_all(&[
        "rp:v.myself",
        "bh:s",
        "wh:s",
        "wr:s",
        "rl:s",
        "ag:s",
        "ca:s",
        "sx:s",
    ]);
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
