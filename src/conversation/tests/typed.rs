//! Typed answers at button questions.

use super::*;
use crate::conversation::steps::Step;

fn at_safe_now(fix: &Fixture) -> Session<'_> {
    let mut s = Session::new(fix, Lang::Id);
    s.input(Input::Start);
    s.text("mulai");
    assert_eq!(
        *s.d.step(),
        Step::SafeNow,
        "typing the start button's word starts"
    );
    s
}

#[test]
fn typing_ya_at_the_safety_question_answers_it() {
    let fix = Fixture::new();
    let mut s = at_safe_now(&fix);
    s.text("Ya");
    assert_eq!(*s.d.step(), Step::Consent);
    assert_eq!(s.d.answers().safe_now, Some(true));
}

#[test]
fn typing_tidak_at_the_safety_question_shows_the_emergency_numbers() {
    let fix = Fixture::new();
    let mut s = at_safe_now(&fix);
    s.text("tidak.");
    assert_eq!(s.d.answers().safe_now, Some(false));
    let said = s.said();
    assert!(said.contains("112") && said.contains("129"), "{said}");
}

#[test]
fn typing_lewati_skips_and_a_whole_label_picks_that_answer() {
    let fix = Fixture::new();
    let mut s = at_safe_now(&fix);
    s.text("lewati");
    assert_eq!(*s.d.step(), Step::Consent);
    assert_eq!(s.d.answers().safe_now, None);
    s.text("Setuju, lanjut");
    assert_eq!(*s.d.step(), Step::Police);
    s.text("✓ Boleh");
    assert_eq!(*s.d.step(), Step::Reporter, "a label copied with its tick");
    assert_eq!(s.d.answers().police_ok, Some(true));
}

#[test]
fn an_ambiguous_or_unknown_word_gets_the_help_line_and_changes_nothing() {
    let fix = Fixture::new();
    let mut s = at_safe_now(&fix);
    s.text("ya");
    s.text("setuju");
    s.text("lewati");
    s.text("saya");
    assert_eq!(
        *s.d.step(),
        Step::Behaviours,
        "'Saya sendiri' is the only button starting with 'saya'"
    );
    s.press_all(&["bh:d", "i0:sr", "wh:s", "wr:s", "pt:s"]);
    assert_eq!(*s.d.step(), Step::Relation);
    s.text("orang");
    assert_eq!(
        *s.d.step(),
        Step::Relation,
        "two relations start with 'orang'"
    );
    let said = s.said();
    assert!(said.contains("belum mengerti"), "{said}");
    assert!(said.contains("SAPA 129"), "with a help line: {said}");
    assert!(said.contains("Siapa yang melakukannya?"), "{said}");
    assert!(s.d.answers().story.is_empty(), "one word is not a story");
}

#[test]
fn a_sentence_typed_at_a_button_question_after_consent_is_kept_as_story() {
    let fix = Fixture::new();
    let mut s = at_safe_now(&fix);
    s.press_all(&["sn:y", "cs:go", "pl:s"]);
    s.text("suami saya selalu marah kalau saya keluar rumah");
    assert_eq!(*s.d.step(), Step::Reporter, "the question stays");
    assert!(
        s.said().starts_with("Tulisan ini saya simpan"),
        "{}",
        s.said()
    );
    assert_eq!(s.d.answers().story.len(), 1);
}

#[test]
fn before_consent_a_sentence_is_not_kept_but_gets_the_help_line() {
    let fix = Fixture::new();
    let mut s = at_safe_now(&fix);
    s.text("saya tidak tahu harus bagaimana");
    assert_eq!(*s.d.step(), Step::SafeNow);
    assert!(
        s.d.answers().story.is_empty(),
        "nothing kept before consent"
    );
    assert!(s.said().contains("belum mengerti"), "{}", s.said());
}
