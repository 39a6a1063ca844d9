//! The lock on her messages: whoever holds her phone after a quick exit,
//! `/hapus` or a long pause needs her code or PIN for `/pesan`, "Balas"
//! and `/tambah`; the message with the code leaves her screen.

use super::replies::{sent, sent_choosing};
use super::*;
use crate::conversation::steps::UnlockFor;

fn verify_of(out: &[Output]) -> Option<&str> {
    out.iter().find_map(|o| match o {
        Output::VerifyUnlock { secret } => Some(secret.as_str()),
        _ => None,
    })
}

fn shows_messages(out: &[Output]) -> bool {
    out.iter().any(|o| matches!(o, Output::ShowMessages { .. }))
}

#[test]
fn a_fresh_dialogue_is_locked_and_one_that_just_sent_is_not() {
    let fix = Fixture::new();
    assert!(Dialogue::new(Lang::Id).is_locked());
    let s = sent(&fix, Lang::Id);
    assert!(!s.d.is_locked(), "she has the code on screen right now");
}

#[test]
fn after_quick_exit_pesan_asks_for_the_code_and_shows_nothing() {
    let fix = Fixture::new();
    let mut s = sent(&fix, Lang::Id);
    s.press("x");
    s.command("pesan", "");
    assert!(!shows_messages(&s.out));
    assert_eq!(s.d.step(), &Step::Unlock(UnlockFor::Messages));
    assert!(
        s.said().contains("Ketik kode atau PIN Anda"),
        "{}",
        s.said()
    );
    assert_eq!(s.buttons(), ["um:b", "x"], "Batal and quick exit only");
}

#[test]
fn the_code_she_types_is_deleted_first_then_checked_then_the_messages_open() {
    let fix = Fixture::new();
    let mut s = Session::new(&fix, Lang::Id);
    s.command("pesan", "");
    s.text(" ABCD-EFGH-JKMN ");
    assert_eq!(s.out[0], Output::DeleteIncoming, "off her screen first");
    assert_eq!(verify_of(&s.out), Some("ABCD-EFGH-JKMN"));
    assert!(!shows_messages(&s.out), "nothing until the adapter says so");
    s.input(Input::Unlocked);
    assert!(shows_messages(&s.out));
    assert!(!s.d.is_locked());
    assert_eq!(s.d.step(), &Step::Welcome, "back where she was");
    s.command("pesan", "");
    assert!(shows_messages(&s.out), "open until locked again");
}

#[test]
fn pesan_with_the_code_after_it_is_checked_at_once() {
    let fix = Fixture::new();
    let mut s = Session::new(&fix, Lang::Id);
    s.command("pesan", "1357");
    assert_eq!(s.out[0], Output::DeleteIncoming);
    assert_eq!(verify_of(&s.out), Some("1357"));
}

#[test]
fn balas_and_tambah_ask_for_the_code_too_and_then_take_her_message() {
    let fix = Fixture::new();
    for first in [
        Input::Button("re".to_owned()),
        Input::Command {
            name: "tambah".to_owned(),
            args: String::new(),
        },
    ] {
        let mut s = sent(&fix, Lang::Id);
        s.d.lock();
        s.input(first);
        assert_eq!(s.d.step(), &Step::Unlock(UnlockFor::Reply));
        s.text("246810");
        assert_eq!(verify_of(&s.out), Some("246810"));
        s.input(Input::Unlocked);
        assert_eq!(s.d.step(), &Step::Reply);
        assert!(s.said().contains("Ketik pesan Anda untuk petugas"));
        s.text("Jangan telepon malam.");
        assert!(
            s.out.iter().any(
                |o| matches!(o, Output::StoreReply { text } if text == "Jangan telepon malam.")
            )
        );
    }
}

#[test]
fn a_wrong_code_asks_again_and_too_many_tries_give_up_kindly() {
    let fix = Fixture::new();
    let mut s = Session::new(&fix, Lang::Id);
    s.command("tambah", "");
    s.text("SALAH-1234");
    s.input(Input::UnlockRefused {
        reason: UnlockRefusal::NotMatching,
    });
    assert!(s.said().contains("tidak cocok"), "{}", s.said());
    assert_eq!(s.d.step(), &Step::Unlock(UnlockFor::Reply));
    assert!(s.d.is_locked());
    s.text("SALAH-5678");
    s.input(Input::UnlockRefused {
        reason: UnlockRefusal::TooManyTries,
    });
    assert!(
        s.said().contains("Terlalu banyak percobaan"),
        "{}",
        s.said()
    );
    assert_eq!(s.d.step(), &Step::Welcome);
    s.command("pesan", "");
    s.text("x");
    s.input(Input::UnlockRefused {
        reason: UnlockRefusal::Unavailable,
    });
    assert!(s.said().contains("gangguan"), "{}", s.said());
    assert!(s.d.is_locked());
}

#[test]
fn cancelling_at_the_code_question_sends_nothing_and_keeps_the_lock() {
    let fix = Fixture::new();
    for cancel in [
        Input::Button("um:b".to_owned()),
        Input::Command {
            name: "batal".to_owned(),
            args: String::new(),
        },
    ] {
        let mut s = Session::new(&fix, Lang::Id);
        s.command("pesan", "");
        s.input(cancel);
        assert_eq!(s.d.step(), &Step::Welcome);
        assert!(s.d.is_locked());
        assert!(verify_of(&s.out).is_none());
    }
}

#[test]
fn an_answer_nobody_asked_for_opens_nothing() {
    let fix = Fixture::new();
    let mut s = Session::new(&fix, Lang::Id);
    s.input(Input::Unlocked);
    assert!(s.out.is_empty());
    assert!(s.d.is_locked(), "only an answer to her own code unlocks");
}

#[test]
fn a_plea_typed_at_the_code_question_is_not_counted_as_a_wrong_code() {
    let fix = Fixture::new();
    let mut s = Session::new(&fix, Lang::Id);
    s.command("pesan", "");
    s.text("tolong saya");
    assert!(verify_of(&s.out).is_none());
    assert_eq!(s.d.step(), &Step::FastLane);
}

#[test]
fn locking_an_idle_session_abandons_a_message_she_had_begun() {
    let fix = Fixture::new();
    let mut s = sent(&fix, Lang::Id);
    s.command("tambah", "");
    assert_eq!(s.d.step(), &Step::Reply);
    s.d.lock();
    assert_eq!(s.d.step(), &Step::Done);
    s.text("pesan dari orang lain");
    assert!(!s.out.iter().any(|o| matches!(o, Output::StoreReply { .. })));
}

#[test]
fn a_dialogue_stored_before_the_lock_existed_opens_locked() {
    let fix = Fixture::new();
    let s = sent(&fix, Lang::Id);
    let mut json: serde_json::Value = serde_json::to_value(&s.d).unwrap();
    let map = json.as_object_mut().unwrap();
    for field in ["locked", "silent_alarm", "short", "odd", "contactable"] {
        map.remove(field);
    }
    let old: Dialogue = serde_json::from_value(json).unwrap();
    assert!(old.is_locked());
}

#[test]
fn after_the_receipt_she_may_set_a_pin_which_leaves_her_screen_at_once() {
    let fix = Fixture::new();
    let mut s = sent(&fix, Lang::Id);
    assert!(
        s.buttons().contains(&"dn:v.pin".to_owned()),
        "{:?}",
        s.buttons()
    );
    s.press("dn:v.pin");
    assert_eq!(s.d.step(), &Step::Pin);
    s.text("1234");
    assert_eq!(s.out[0], Output::DeleteIncoming);
    assert!(s.said().contains("mudah ditebak"), "a run is refused");
    s.text("80514");
    assert_eq!(
        s.out[..2],
        [
            Output::DeleteIncoming,
            Output::SetPin {
                pin: "80514".to_owned()
            }
        ]
    );
    assert_eq!(s.d.step(), &Step::Done);
    assert!(!format!("{:?}", s.d).contains("80514"), "not kept");
}

#[test]
fn no_pin_is_offered_when_nobody_may_answer_her_or_the_messages_are_locked() {
    let fix = Fixture::new();
    let mut s = sent_choosing(&fix, Lang::Id, "cp:v.none");
    assert!(!s.buttons().contains(&"dn:v.pin".to_owned()));
    let mut t = sent(&fix, Lang::Id);
    t.d.lock();
    t.input(Input::Button("dn:v.pin".to_owned()));
    assert_ne!(t.d.step(), &Step::Pin, "an old button sets no PIN");
    s.input(Input::Button("dn:v.pin".to_owned()));
    assert_ne!(s.d.step(), &Step::Pin);
}

#[test]
fn pins_are_four_to_eight_digits_and_not_trivial() {
    use crate::conversation::lock::parse_pin;
    for ok in ["1357", "80514", "12121212", " 2580 "] {
        assert!(parse_pin(ok).is_some(), "{ok}");
    }
    for bad in [
        "123",
        "123456789",
        "0000",
        "1234",
        "9876",
        "12a4",
        "",
        "١٢٣٤",
    ] {
        assert_eq!(parse_pin(bad), None, "{bad}");
    }
}

#[test]
fn the_safe_word_alarm_is_silent_on_screen() {
    let fix = Fixture::new();
    let mut s = super::safety::mid_report(&fix);
    s.command("kataaman", "");
    s.text("Rambutan");
    s.press("sa:y");
    s.text("rambutan");
    assert_eq!(s.out.last(), Some(&Output::SilentAlarm));
    let said = s.said().to_lowercase();
    assert!(said.contains("129"));
    for word in ["petugas", "diberi tahu", "alarm"] {
        assert!(!said.contains(word), "{word}: {said}");
    }
    let mut quiet = super::safety::mid_report(&fix);
    quiet.command("kataaman", "");
    quiet.text("Rambutan");
    quiet.press("sa:n");
    quiet.text("rambutan");
    assert!(
        !quiet.out.contains(&Output::SilentAlarm),
        "only if she chose it"
    );
}

#[test]
fn a_plea_at_the_pin_question_brings_help_and_sets_no_pin() {
    let fix = Fixture::new();
    let mut s = sent(&fix, Lang::Id);
    s.press("dn:v.pin");
    s.text("tolong dia datang");
    assert_eq!(s.d.step(), &Step::FastLane);
    assert!(!s.out.iter().any(|o| matches!(o, Output::SetPin { .. })));
}
