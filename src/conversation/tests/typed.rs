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
    assert_eq!(*s.d.step(), Step::Reporter);
}

#[test]
fn an_ambiguous_or_unknown_word_asks_for_the_buttons_and_changes_nothing() {
    let fix = Fixture::new();
    let mut s = at_safe_now(&fix);
    s.text("ya");
    s.text("setuju");
    s.text("saya");
    assert_eq!(
        *s.d.step(),
        Step::Behaviours,
        "'Saya sendiri' is the only button starting with 'saya'"
    );
    s.text("dipaksa");
    assert_eq!(
        *s.d.step(),
        Step::Behaviours,
        "three behaviours start with 'dipaksa'"
    );
    assert!(s.said().contains("tombol"), "{}", s.said());
    s.text("halo apa kabar");
    assert_eq!(*s.d.step(), Step::Behaviours);
}
