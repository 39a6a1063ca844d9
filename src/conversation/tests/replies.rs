//! Writing to petugas after sending: "Balas" under /pesan and /tambah,
//! never while a draft is in progress, and never losing a draft.

use super::safety::mid_report;
use super::*;

/// A session whose report was just sent: she is at `Done`.
pub(super) fn sent(fix: &Fixture, lang: Lang) -> Session<'_> {
    sent_choosing(fix, lang, "cp:v.through_bot")
}

/// The same, choosing `contact` (the button's data).
pub(super) fn sent_choosing<'f>(fix: &'f Fixture, lang: Lang, contact: &str) -> Session<'f> {
    let mut s = Session::new(fix, lang);
    s.through_consent("sn:y");
    s.press_all(&["rp:s", "bh:s", "i0:sr", "wh:s", "wr:s", "pt:s", "rl:s"]);
    s.press_all(&["ps:s", "ag:s", "ca:s", "sx:s", "ds:s"]);
    s.press_all(&["st:s", "hp:s", contact, "so:s", "sm:go"]);
    assert!(s.submitted().is_some());
    s.input(Input::Submitted {
        receipt_code: "CODE-1234".to_owned(),
    });
    assert_eq!(s.d.step(), &Step::Done);
    s
}

/// The keyboard of the `ShowMessages` among the last outputs.
fn messages_keyboard(s: &Session) -> Keyboard {
    s.out
        .iter()
        .find_map(|o| match o {
            Output::ShowMessages { keyboard } => Some(keyboard.clone()),
            _ => None,
        })
        .expect("ShowMessages")
}

fn store_reply(out: &[Output]) -> Option<&str> {
    out.iter().find_map(|o| match o {
        Output::StoreReply { text } => Some(text.as_str()),
        _ => None,
    })
}

fn reply_keyboard_is_shown(s: &Session) {
    let kb = s.out.last().and_then(Output::keyboard).expect("keyboard");
    let data: Vec<&str> = kb.buttons().map(|b| b.data.as_str()).collect();
    assert_eq!(data, ["ry:b", "x"], "Batal and quick exit");
}

#[test]
fn balas_under_pesan_takes_her_next_text_as_the_answer_and_thanks_her() {
    let fix = Fixture::new();
    let mut s = sent(&fix, Lang::Id);
    s.command("pesan", "");
    let kb = messages_keyboard(&s);
    let buttons: Vec<(&str, &str)> = kb
        .buttons()
        .map(|b| (b.label.as_str(), b.data.as_str()))
        .collect();
    assert_eq!(buttons, [("Balas", "re"), ("Keluar cepat", "x")]);
    assert_eq!(s.d.step(), &Step::Done, "/pesan alone changes nothing");

    s.press("re");
    assert_eq!(s.d.step(), &Step::Reply);
    assert!(s.said().contains("Ketik pesan Anda untuk petugas"));
    reply_keyboard_is_shown(&s);

    let answer = "Besok pagi bisa. <b>Jangan</b> telepon malam 🙏";
    s.text(answer);
    assert_eq!(
        s.out,
        [Output::StoreReply {
            text: answer.to_owned()
        }],
        "exactly as typed, and nothing else"
    );
    assert_eq!(s.d.step(), &Step::Reply, "until the adapter answers");

    s.input(Input::ReplyStored);
    assert!(
        s.said().starts_with("Terkirim. Terima kasih."),
        "{}",
        s.said()
    );
    assert_eq!(s.d.step(), &Step::Done);
    assert!(s.d.history.is_empty());
    let kb = s.out.last().and_then(Output::keyboard).expect("keyboard");
    assert!(kb.buttons().any(|b| b.data == "x"));
    assert!(
        !format!("{:?}", s.d).contains("Besok pagi"),
        "her message is not kept in the dialogue"
    );
}

#[test]
fn tambah_after_sending_adds_information_and_the_alias_works() {
    let fix = Fixture::new();
    for name in ["tambah", "add", "/Tambah@SuaraBot"] {
        let mut s = sent(&fix, Lang::Id);
        s.command(name, "");
        assert_eq!(s.d.step(), &Step::Reply, "{name}");
        s.text("Dia juga mengambil KTP saya.");
        assert_eq!(store_reply(&s.out), Some("Dia juga mengambil KTP saya."));
        s.input(Input::ReplyStored);
        assert_eq!(s.d.step(), &Step::Done);
    }
}

#[test]
fn tambah_with_no_linked_report_explains_kindly_and_goes_back() {
    let fix = Fixture::new();
    // Sent with "no contact", and later after stopping a new draft.
    let plain = sent_choosing(&fix, Lang::Id, "cp:v.none");
    let mut stopped = sent_choosing(&fix, Lang::Id, "cp:v.none");
    stopped.command("batal", "");
    assert_eq!(stopped.d.step(), &Step::Stopped);
    for (mut s, from) in [(plain, Step::Done), (stopped, Step::Stopped)] {
        s.command("tambah", "");
        assert_eq!(s.d.step(), &Step::Reply);
        s.text("halo");
        s.input(Input::ReplyFailed {
            reason: ReplyFailure::NoReport,
        });
        let said = s.said();
        assert!(said.contains("tidak tersimpan"), "{said}");
        assert!(said.contains("memilih tidak dihubungi"), "{said}");
        assert!(said.contains("/mulai"), "{said}");
        assert_eq!(s.d.step(), &from);
        assert!(store_reply(&s.out).is_none());
    }
    let mut en = sent_choosing(&fix, Lang::En, "cp:v.none");
    en.command("add", "");
    en.text("hello");
    en.input(Input::ReplyFailed {
        reason: ReplyFailure::NoReport,
    });
    assert!(en.said().contains("not linked to this chat"));
}

#[test]
fn tambah_or_balas_during_a_draft_keeps_the_draft_and_says_to_finish_first() {
    let fix = Fixture::new();
    let mut s = mid_report(&fix);
    s.press_all(&["bh:d", "i0:sr", "wh:s", "wr:s", "pt:s", "rl:s", "ps:s"]);
    s.press_all(&["ag:s", "ca:s", "sx:s", "ds:s"]);
    s.text("Ini cerita saya.");
    assert_eq!(s.d.step(), &Step::Story);
    let before = s.d.clone();
    for input in [
        Input::Command {
            name: "tambah".to_owned(),
            args: String::new(),
        },
        Input::Button("re".to_owned()),
    ] {
        s.input(input);
        assert_eq!(s.d, before, "the draft is untouched");
        let said = s.said();
        assert!(said.contains("belum terkirim"), "{said}");
        assert!(said.contains("/batal"), "{said}");
        assert!(said.contains("Ceritakan"), "asks the story again: {said}");
        assert!(store_reply(&s.out).is_none());
    }
    // Her next text is still part of her story, not a message to petugas.
    s.text("Dan dia mengunci pintu.");
    assert!(store_reply(&s.out).is_none());
    assert_eq!(s.d.answers().story.len(), 2);

    // While sending, too.
    let mut s = mid_report(&fix);
    s.press_all(&["bh:d", "i0:sr", "wh:s", "wr:s", "pt:s", "rl:s", "ps:s"]);
    s.press_all(&[
        "ag:s", "ca:s", "sx:s", "ds:s", "st:s", "hp:s", "cp:s", "so:s",
    ]);
    s.press("sm:go");
    let before = s.d.clone();
    s.command("tambah", "");
    assert_eq!(s.d, before);
    assert!(s.said().contains("Sedang mengirim"));
}

#[test]
fn quick_exit_and_hapus_from_the_reply_step_erase_and_send_nothing() {
    let fix = Fixture::new();
    for erase in [
        Input::Button("x".to_owned()),
        Input::Command {
            name: "hapus".to_owned(),
            args: String::new(),
        },
    ] {
        let mut s = sent(&fix, Lang::Id);
        s.command("tambah", "");
        reply_keyboard_is_shown(&s);
        s.input(erase);
        assert_eq!(s.out[0], Output::EraseChat);
        assert_eq!(s.d, Dialogue::new(Lang::Id));
        // A late result finds nothing to thank for.
        s.input(Input::ReplyStored);
        assert!(s.out.is_empty());
    }
}

#[test]
fn batal_or_the_cancel_button_leave_the_reply_step_without_sending() {
    let fix = Fixture::new();
    for cancel in [
        Input::Button("ry:b".to_owned()),
        Input::Command {
            name: "batal".to_owned(),
            args: String::new(),
        },
    ] {
        let mut s = sent(&fix, Lang::Id);
        s.command("tambah", "");
        s.input(cancel);
        assert!(s.said().starts_with("Baik, pesan tidak dikirim."));
        assert_eq!(s.d.step(), &Step::Done, "back where she was");
        assert!(s.d.history.is_empty());
        assert!(store_reply(&s.out).is_none());
        s.text("halo");
        assert!(store_reply(&s.out).is_none(), "a later text is not sent");
    }
}

#[test]
fn a_failed_store_keeps_her_at_the_reply_step_to_send_again() {
    let fix = Fixture::new();
    let mut s = sent(&fix, Lang::Id);
    s.input(Input::Button("re".to_owned()));
    s.text("Satu");
    s.input(Input::ReplyFailed {
        reason: ReplyFailure::NotStored,
    });
    assert!(s.said().contains("kirim sekali lagi"), "{}", s.said());
    assert_eq!(s.d.step(), &Step::Reply);
    reply_keyboard_is_shown(&s);
    s.text("Satu");
    assert_eq!(store_reply(&s.out), Some("Satu"));
}

#[test]
fn odd_input_at_the_reply_step_sends_nothing() {
    let fix = Fixture::new();
    let mut s = sent(&fix, Lang::Id);
    s.d.safe_word = Some("apel".to_owned());
    s.command("tambah", "");
    let before = s.d.clone();
    s.text("   ");
    assert!(store_reply(&s.out).is_none());
    s.text("Apel");
    assert!(s.said().contains("129"), "the safe word shows the contacts");
    assert!(store_reply(&s.out).is_none());
    s.input(Input::Attachment(voice("v1")));
    assert_eq!(
        s.out[0],
        Output::Discard {
            attachment_ids: vec!["v1".to_owned()]
        }
    );
    assert!(s.said().contains("pesan tulisan"), "{}", s.said());
    s.input(Input::Unsupported(UnsupportedKind::Sticker));
    s.input(Input::Edited);
    s.input(Input::Button("re".to_owned()));
    assert!(s.said().contains("Ketik pesan Anda"));
    assert_eq!(draft(&s.d), before);
    s.text("Ini pesan saya.");
    assert_eq!(store_reply(&s.out), Some("Ini pesan saya."));
}

#[test]
fn forged_data_around_the_reply_step_changes_nothing() {
    let fix = Fixture::new();
    let mut s = sent(&fix, Lang::Id);
    let before = s.d.clone();
    for data in ["ry:b", "ry:go", "ry:d", "ry", "re:b", "re ", "rex", "dn:go"] {
        s.input(Input::Button(data.to_owned()));
        assert_eq!(draft(&s.d), before, "{data:?}");
        assert!(store_reply(&s.out).is_none());
    }
    // Results nobody asked for are ignored.
    for input in [
        Input::ReplyStored,
        Input::ReplyFailed {
            reason: ReplyFailure::NoReport,
        },
    ] {
        s.input(input);
        assert!(s.out.is_empty());
        assert_eq!(s.d, before);
    }
    s.command("tambah", "");
    let at_reply = s.d.clone();
    for data in ["dn:go", "sm:go", "st:d", "ry:go", "ry:v.x", "lg:fr"] {
        s.input(Input::Button(data.to_owned()));
        assert_eq!(draft(&s.d), at_reply, "{data:?}");
        assert!(store_reply(&s.out).is_none());
    }
}

#[test]
fn the_english_texts_of_the_reply_step() {
    let fix = Fixture::new();
    let mut s = sent(&fix, Lang::En);
    s.command("pesan", "");
    let kb = messages_keyboard(&s);
    assert_eq!(kb.rows[0][0].label, "Reply");
    s.input(Input::Button("re".to_owned()));
    assert!(s.said().contains("case workers"));
    assert_eq!(
        s.out.last().and_then(Output::keyboard).unwrap().rows[0][0].label,
        "Cancel"
    );
    s.text("Thank you.");
    s.input(Input::ReplyStored);
    assert!(s.said().starts_with("Sent. Thank you."));
}
