//! Input she did not mean as an answer (forged buttons, stickers, edits,
//! very long stories, files at odd moments) never loses the draft.

use super::safety::mid_report;
use super::*;

#[test]
fn forged_callback_data_changes_nothing() {
    let fix = Fixture::new();
    let mut s = mid_report(&fix);
    s.press_all(&["bh:d", "i0:sr"]);
    let before = s.d.clone();
    let long = format!("wh:v.{}", "a".repeat(300));
    let forged = [
        "sn:y",
        "wl:go",
        "wh:v.yesterday",
        "wh:e.when",
        "sm:go",
        "x:y",
        "wh",
        "",
        "lg:fr",
        "wh:v.64.72",
        "rg64:v.64.72",
        &long,
        "wh:v.<script>",
    ];
    for (n, data) in forged.into_iter().enumerate() {
        s.input(Input::Button(data.to_owned()));
        assert_eq!(draft(&s.d), before, "{data:?} changed the dialogue");
        let kb = s.out[0].keyboard().expect("the buttons come back");
        assert!(kb.buttons().any(|b| b.data == "wh:v.today"), "{data:?}");
        if n == 0 {
            assert!(s.said().contains("Kapan itu terjadi?"), "asks again");
        } else {
            assert!(!s.said().contains("Kapan"), "then only a short line");
        }
    }
}

#[test]
fn stickers_and_other_odd_messages_get_a_kind_answer_and_keep_the_draft() {
    let fix = Fixture::new();
    let mut s = mid_report(&fix);
    let before = s.d.clone();
    let kinds = [
        UnsupportedKind::Sticker,
        UnsupportedKind::Location,
        UnsupportedKind::Contact,
        UnsupportedKind::Poll,
        UnsupportedKind::Forward,
        UnsupportedKind::Other,
    ];
    for kind in kinds {
        s.input(Input::Unsupported(kind));
        assert_eq!(draft(&s.d), before);
        assert!(s.out[0].keyboard().is_some(), "the buttons come back");
    }
    for input in [
        Input::Edited,
        Input::Text("halo?".to_owned()),
        Input::AttachmentRejected {
            reason: RejectReason::TooLarge,
        },
        Input::Command {
            name: "entah".to_owned(),
            args: String::new(),
        },
    ] {
        s.input(input);
        assert_eq!(draft(&s.d), before);
    }
    s.command("status", "");
    assert_eq!(s.d, before);
    assert_eq!(
        s.command("status", " AB12 ").to_vec(),
        [
            Output::DeleteIncoming,
            Output::ShowStatus {
                code: "AB12".to_owned()
            }
        ],
        "the code she typed leaves her screen"
    );
    let shown = s.command("pesan", "").to_vec();
    assert!(
        !shown
            .iter()
            .any(|o| matches!(o, Output::ShowMessages { .. })),
        "locked: {shown:?}"
    );
    s.press("um:b");
    assert_eq!(s.d, before);
}

#[test]
fn story_text_is_kept_exactly_up_to_the_cap() {
    let fix = Fixture::new();
    let mut s = mid_report(&fix);
    s.press_all(&["bh:d", "i0:sr", "wh:s", "wr:s", "pt:s", "rl:s", "ps:s"]);
    s.press_all(&["ag:s", "ca:s", "sx:s", "ds:s"]);
    let odd = "<b>tolong</b> 🙏 \u{200B}مرحبا *bukan* [tautan](x)";
    s.text(odd);
    assert_eq!(s.d.step(), &Step::FastLane, "a plea in her story");
    assert!(s.said().starts_with("Tersimpan."), "{}", s.said());
    s.press("fl:r");
    let long = "a".repeat(4096);
    let mut accepted = 1;
    for _ in 0..10 {
        s.text(&long);
        if s.said().contains("tidak tersimpan") {
            break;
        }
        accepted += 1;
    }
    let story = &s.d.answers().story;
    assert_eq!(story.len(), accepted);
    assert_eq!(story[0], StoryPart::Text(odd.to_owned()));
    assert!(s.d.answers().story_chars() <= fix.limits.max_story_chars);
    assert_eq!(accepted, 5, "four long messages fit after the short one");
    s.text("selesai");
    assert_eq!(s.d.step(), &Step::Help);
}

#[test]
fn files_are_kept_only_after_consent_and_up_to_the_limit() {
    let fix = Fixture::new();
    let mut s = Session::new(&fix, Lang::Id);
    s.input(Input::Start);
    s.input(Input::Attachment(voice("early")));
    assert!(
        matches!(&s.out[0], Output::Discard { attachment_ids } if attachment_ids == &["early"])
    );
    assert!(!s.d.accepts_attachments());
    s.press_all(&["wl:go", "sn:y", "cs:go", "pl:s"]);
    for i in 0..fix.limits.max_attachments {
        s.input(Input::Attachment(voice(&format!("f{i}"))));
    }
    assert_eq!(
        s.d.step(),
        &Step::Reporter,
        "a file early on does not move her on"
    );
    s.input(Input::Attachment(voice("one-too-many")));
    assert!(matches!(&s.out[0], Output::Discard { .. }));
    assert_eq!(
        s.d.answers().attachments().count(),
        fix.limits.max_attachments
    );
}

#[test]
fn dialogue_round_trips_through_serde_json() {
    let fix = Fixture::new();
    let mut s = mid_report(&fix);
    s.command("kataaman", "");
    s.text("apel");
    s.press("sa:y");
    s.press_all(&["bh:v.forced_marriage", "bh:d", "i0:y", "i1:n", "i2:sr"]);
    s.press_all(&["wh:v.today", "wr:v.64", "rg64:v.64.05", "pt:v.rumah_tangga"]);
    s.press_all(&[
        "rl:v.keluarga",
        "ps:s",
        "ag:s",
        "ca:y",
        "sx:s",
        "ds:n",
        "cd:n",
    ]);
    s.text("Desa Suka Maju");
    s.text("cerita");
    s.input(Input::Attachment(voice("v9")));
    let json = serde_json::to_string(&s.d).unwrap();
    let back: Dialogue = serde_json::from_str(&json).unwrap();
    assert_eq!(back, s.d);
    assert!(json.contains("\"locked_in\":true"), "{json}");
}
