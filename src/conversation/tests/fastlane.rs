//! The danger fast lane, typed pleas at any step, and short answers to
//! repeated odd input.

use super::safety::mid_report;
use super::*;
use crate::domain::{ContactPreference, RegionCode, Urgency, UrgencyReason};

/// Says `text` and checks that the fast lane came, with its three ways on.
fn pleads(s: &mut Session, text: &str) {
    s.text(text);
    assert_eq!(s.d.step(), &Step::FastLane, "{text:?} at {:?}", s.d.history);
    assert_eq!(s.buttons(), ["fl:go", "fl:r", "x"]);
    let said = s.said();
    assert!(said.contains("129") && said.contains("110"), "{said}");
    assert!(said.contains("Keluar cepat"), "{said}");
}

#[test]
fn a_plea_before_mulai_gets_the_fast_lane_not_the_welcome_again() {
    let fix = Fixture::new();
    let mut s = Session::new(&fix, Lang::Id);
    s.input(Input::Start);
    pleads(&mut s, "tolong saya, suami saya mau bunuh saya");
    assert!(!s.said().contains("Privasi Anda"), "{}", s.said());
    s.press("fl:r");
    assert_eq!(s.d.step(), &Step::SafeNow, "going on starts her report");
}

#[test]
fn a_plea_at_the_safety_question_is_not_answered_with_choose_a_button() {
    let fix = Fixture::new();
    let mut s = Session::new(&fix, Lang::Id);
    s.input(Input::Start);
    s.press("wl:go");
    pleads(&mut s, "tolong saya dipukul terus");
    assert!(!s.said().contains("tombol"), "{}", s.said());
    s.press("fl:r");
    assert_eq!(s.d.step(), &Step::SafeNow, "the same question again");
}

#[test]
fn a_plea_at_three_different_steps_brings_the_fast_lane_each_time() {
    let fix = Fixture::new();
    let mut s = mid_report(&fix);
    pleads(&mut s, "TOLOOONG!!!");
    s.press("fl:r");
    assert_eq!(s.d.step(), &Step::Behaviours);
    s.press_all(&["bh:d", "i0:sr"]);
    pleads(&mut s, "help me please");
    s.press("fl:r");
    assert_eq!(s.d.step(), &Step::When);
    s.press_all(&["wh:s", "wr:v.abroad"]);
    pleads(&mut s, "saya disekap majikan");
    s.press("fl:r");
    assert_eq!(s.d.step(), &Step::Country, "a plea is not a country");
    assert_eq!(
        s.d.answers().location,
        Some(WhereAnswer::Abroad { country: None })
    );
}

#[test]
fn yes_to_the_person_being_near_brings_the_fast_lane_before_any_other_question() {
    let fix = Fixture::new();
    let mut s = mid_report(&fix);
    s.press_all(&["bh:d", "i0:n", "i1:n"]);
    s.press("i2:y");
    assert_eq!(s.d.step(), &Step::FastLane);
    assert_eq!(s.out.len(), 1, "one short message");
    s.press("fl:r");
    assert_eq!(s.d.step(), &Step::Indicator(8), "then the next question");
}

#[test]
fn the_short_message_asks_consent_place_and_contact_then_sends_it_as_urgent() {
    let fix = Fixture::new();
    let mut s = Session::new(&fix, Lang::Id);
    s.input(Input::Start);
    s.press_all(&["wl:go", "sn:n", "fl:go"]);
    assert_eq!(s.d.step(), &Step::Consent);
    let consent = s.said();
    assert!(consent.contains("Pesan singkat ini"), "{consent}");
    assert!(
        consent.contains("polisi") && consent.contains("365 hari"),
        "{consent}"
    );
    s.press_all(&["cs:go", "wr:v.64", "rg64:v.64.03"]);
    assert_eq!(s.d.step(), &Step::Contact, "no other question");
    s.press("cp:v.phone");
    s.text("0812-1111-2222");
    let req = s.submitted().expect("sent without a summary").clone();
    assert!(req.answers.short_message);
    assert_eq!(req.answers.safe_now, Some(false));
    assert_eq!(req.region(), Some(&RegionCode::parse("64.03").unwrap()));
    assert_eq!(req.answers.contact, Some(ContactPreference::Phone));
    assert_eq!(req.answers.police_ok, None, "not asked: ask her first");
    assert_eq!(req.assessment.urgency, Urgency::Urgent);
    assert_eq!(req.assessment.reasons[0], UrgencyReason::ShortMessage);
}

#[test]
fn the_short_message_sends_what_she_already_told_and_skips_what_she_answered() {
    let fix = Fixture::new();
    let mut s = mid_report(&fix);
    s.press_all(&[
        "bh:d",
        "i0:sr",
        "wh:s",
        "wr:v.64",
        "rg64:v.64.72",
        "pt:s",
        "rl:s",
    ]);
    s.press_all(&["ps:s", "ag:s", "ca:s", "sx:s", "ds:s"]);
    s.text("Dia mengunci saya di kamar.");
    s.press_all(&["st:d", "hp:s", "cp:v.through_bot"]);
    pleads(&mut s, "dia datang, tolong");
    s.press("fl:go");
    let req = s.submitted().expect("nothing left to ask").clone();
    assert_eq!(req.answers.story.len(), 1);
    assert_eq!(req.answers.contact, Some(ContactPreference::ThroughBot));
    assert_eq!(req.assessment.urgency, Urgency::Urgent);
}

#[test]
fn going_on_after_choosing_the_short_message_makes_it_a_full_report_again() {
    let fix = Fixture::new();
    let mut s = Session::new(&fix, Lang::Id);
    s.input(Input::Start);
    s.press_all(&["wl:go", "sn:n", "fl:go", "cs:b", "fl:r"]);
    assert_eq!(s.d.step(), &Step::Consent);
    assert!(
        s.said().contains("Sebelum Anda bercerita"),
        "the full consent"
    );
    assert!(!s.d.answers().short_message);
}

#[test]
fn a_plea_in_her_story_is_kept_and_the_fast_lane_comes_only_once() {
    let fix = Fixture::new();
    let mut s = mid_report(&fix);
    s.press_all(&["bh:d", "i0:sr", "wh:s", "wr:s", "pt:s", "rl:s"]);
    s.press_all(&["ps:s", "ag:s", "ca:s", "sx:s", "ds:s"]);
    pleads(&mut s, "Dia memukul saya, tolong.");
    assert!(
        s.said().starts_with("Tersimpan."),
        "she is told it was kept"
    );
    assert_eq!(s.d.answers().story.len(), 1);
    s.press("fl:r");
    s.text("Kemarin saya dipukul lagi.");
    assert_eq!(s.d.step(), &Step::Story, "not again in the same story");
    assert_eq!(s.d.answers().story.len(), 2);
}

#[test]
fn a_plea_in_a_message_to_petugas_is_stored_and_the_numbers_follow() {
    let fix = Fixture::new();
    let mut s = super::replies::sent(&fix, Lang::Id);
    s.command("tambah", "");
    s.text("tolong, dia datang lagi");
    assert!(matches!(&s.out[0], Output::StoreReply { text } if text.contains("tolong")));
    assert!(s.said().contains("129"));
    assert_eq!(s.d.step(), &Step::Reply, "the result still finds her");
}

#[test]
fn a_valid_answer_is_never_taken_as_a_plea() {
    let fix = Fixture::new();
    let mut s = Session::new(&fix, Lang::Id);
    s.input(Input::Start);
    s.text("Mulai");
    s.text("Tidak aman");
    assert_eq!(
        s.d.answers().safe_now,
        Some(false),
        "the button, then the lane"
    );
    s.press_all(&["fl:r", "cs:go", "pl:s", "rp:s", "bh:s", "i0:sr", "wh:s"]);
    s.press("wr:v.abroad");
    s.text("Malaysia");
    assert_eq!(s.d.step(), &Step::NowWhere);
}

#[test]
fn thirty_five_stickers_on_the_welcome_get_short_answers_never_the_welcome() {
    let fix = Fixture::new();
    let mut s = Session::new(&fix, Lang::Id);
    s.input(Input::Start);
    let welcome = s.said();
    for _ in 0..35 {
        s.input(Input::Unsupported(UnsupportedKind::Sticker));
        let said = s.said();
        assert!(!said.contains("Privasi Anda"), "{said}");
        assert!(said.chars().count() < welcome.chars().count() / 3, "{said}");
        let kb = s.out[0].keyboard().expect("the buttons come back");
        assert!(kb.buttons().any(|b| b.data == "wl:go"));
    }
    s.text("halo");
    assert!(!s.said().contains("Privasi Anda"));
    s.press("wl:go");
    assert_eq!(s.d.step(), &Step::SafeNow);
}

#[test]
fn a_second_odd_message_in_a_row_gets_only_a_short_line_with_the_buttons() {
    let fix = Fixture::new();
    let mut s = mid_report(&fix);
    s.input(Input::Unsupported(UnsupportedKind::Sticker));
    assert!(s.said().contains("Apa yang terjadi?"), "the question once");
    s.input(Input::Unsupported(UnsupportedKind::Poll));
    assert_eq!(s.said(), "Polling tidak bisa saya baca.");
    s.press("bh:v.other");
    s.input(Input::Edited);
    assert!(s.said().contains("Apa yang terjadi?"), "a new streak");
}
