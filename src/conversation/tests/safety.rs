//! Danger first, quick exit, the safe word, stopping, and language.

use super::*;
use crate::domain::{Behaviour, Urgency, UrgencyReason};

/// A session at "what happened" with one behaviour chosen.
pub(super) fn mid_report(fix: &Fixture) -> Session<'_> {
    let mut s = Session::new(fix, Lang::Id);
    s.through_consent("sn:y");
    s.press_all(&["rp:v.myself", "bh:v.threatened_controlled"]);
    s
}

#[test]
fn not_safe_shows_the_emergency_numbers_in_one_short_message_with_three_ways_on() {
    let fix = Fixture::new();
    let mut s = Session::new(&fix, Lang::Id);
    s.input(Input::Start);
    s.press_all(&["wl:go", "sn:n"]);
    assert_eq!(s.out.len(), 1, "nothing pushes the numbers off her screen");
    let first = s.out[0].text().unwrap();
    for number in ["110", "112", "129"] {
        assert!(first.contains(number), "{number} missing in {first:?}");
    }
    assert!(!first.contains("148"), "only the urgent contacts");
    assert!(first.contains("tekan \"Keluar cepat\". Anda bisa kembali nanti."));
    assert_eq!(s.d.step(), &Step::FastLane);
    assert_eq!(s.buttons(), ["fl:go", "fl:r", "x"]);
    assert_eq!(s.label("fl:go"), "Kirim pesan singkat");
    assert_eq!(s.label("fl:r"), "Lanjut bercerita");
    s.press("fl:r");
    assert_eq!(s.d.step(), &Step::Consent, "going on continues the report");
    s.press_all(&[
        "cs:go", "pl:s", "rp:s", "bh:s", "i0:sr", "wh:s", "wr:s", "pt:s",
    ]);
    s.press_all(&["rl:s", "ps:s", "ag:s", "ca:s", "sx:s", "ds:s"]);
    s.press_all(&["st:s", "hp:s", "cp:s", "so:s", "sm:go"]);
    let req = s.submitted().unwrap();
    assert_eq!(req.assessment.urgency, Urgency::Urgent);
    assert_eq!(req.assessment.reasons, [UrgencyReason::NotSafeNow]);
}

#[test]
fn quick_exit_and_hapus_give_erase_chat() {
    let fix = Fixture::new();
    for erase in [
        Input::Button("x".to_owned()),
        Input::Command {
            name: "hapus".to_owned(),
            args: String::new(),
        },
    ] {
        let mut s = mid_report(&fix);
        s.input(erase);
        assert_eq!(s.out[0], Output::EraseChat);
        assert_eq!(s.out[1].text(), Some("Oke."), "one bland word");
        assert!(s.out[1].keyboard().is_none());
        assert_eq!(s.out.len(), 2);
        assert_eq!(s.d, Dialogue::new(Lang::Id));
        assert!(s.d.is_locked(), "her messages are locked after erasing");
    }
}

#[test]
fn every_keyboard_has_quick_exit() {
    let fix = Fixture::new();
    let mut s = Session::new(&fix, Lang::En);
    s.input(Input::Start);
    for data in [
        "wl:go",
        "sn:y",
        "cs:go",
        "pl:s",
        "rp:s",
        "bh:v.job_deception",
        "bh:d",
        "i0:sr",
    ] {
        s.press(data);
        let kb = s.out.last().and_then(Output::keyboard).expect("keyboard");
        assert!(kb.buttons().any(|b| b.data == "x"), "at {:?}", s.d.step());
    }
}

#[test]
fn the_safe_word_shows_contacts_without_losing_the_draft() {
    let fix = Fixture::new();
    let mut s = mid_report(&fix);
    s.command("kataaman", "");
    assert_eq!(s.d.step(), &Step::SafeWord);
    s.text("Mangga");
    assert!(s.said().starts_with("Kata aman Anda tersimpan."));
    assert_eq!(s.d.step(), &Step::SilentAlarm);
    s.press("sa:n");
    assert_eq!(s.d.step(), &Step::Behaviours, "back where she was");
    let draft = s.d.clone();

    s.text("  mangga ");
    assert!(s.said().contains("SAPA 129"), "{}", s.said());
    assert_eq!(s.d, draft);
    s.press("bh:r");
    assert_eq!(s.d.step(), &Step::Behaviours);

    s.press_all(&["bh:d", "i0:sr", "wh:s", "wr:s", "pt:s", "rl:s", "ps:s"]);
    s.press_all(&["ag:s", "ca:s", "sx:s", "ds:s"]);
    s.text("mangga");
    assert!(
        s.d.answers().story.is_empty(),
        "the safe word is not part of the story"
    );
    assert!(s.said().contains("110"));
    s.press_all(&["st:r", "st:s", "hp:s", "cp:s"]);
    assert_eq!(
        s.d.step(),
        &Step::Summary,
        "no offer once a safe word is set"
    );
}

#[test]
fn darurat_shows_contacts_and_keeps_the_draft() {
    let fix = Fixture::new();
    let mut s = mid_report(&fix);
    let draft = s.d.clone();
    s.command("darurat", "");
    assert!(s.said().contains("129") && s.said().contains("LPSK"));
    assert_eq!(s.d, draft);
}

#[test]
fn batal_stops_and_still_shows_help() {
    let fix = Fixture::new();
    let mut s = mid_report(&fix);
    s.press("bh:d");
    s.input(Input::Attachment(voice("v1")));
    s.command("batal", "");
    assert_eq!(
        s.out[0],
        Output::Discard {
            attachment_ids: vec!["v1".to_owned()]
        }
    );
    assert!(s.said().contains("SAPA 129"));
    assert_eq!(s.d.step(), &Step::Stopped);
    assert_eq!(s.d.answers(), &Answers::default());
    s.command("mulai", "");
    assert_eq!(s.d.step(), &Step::Welcome);
}

#[test]
fn bahasa_switches_language_midway_and_later_texts_are_english() {
    let fix = Fixture::new();
    let mut s = mid_report(&fix);
    s.command("bahasa", "");
    s.press("lg:en");
    assert!(s.said().contains("What happened?"), "{}", s.said());
    s.press_all(&["bh:d", "i0:sr"]);
    assert!(s.said().contains("When did it happen?"));
    s.command("bahasa", "id");
    assert!(s.said().contains("Kapan itu terjadi?"));
    assert!(
        s.d.answers()
            .behaviours
            .contains(&Behaviour::ThreatenedControlled)
    );
}

#[test]
fn the_welcome_language_button_edits_the_welcome() {
    let fix = Fixture::new();
    let mut s = Session::new(&fix, Lang::Id);
    s.input(Input::Start);
    s.press("lg:en");
    assert!(matches!(&s.out[0], Output::Replace { text, .. } if text.starts_with("Hello.")));
    assert_eq!(s.d.lang(), Lang::En);
}
