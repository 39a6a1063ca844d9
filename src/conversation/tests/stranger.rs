//! What a stranger holding her phone can see after a quick exit: the last
//! word, notices that arrive later, the bot's profile and command menu,
//! and whatever the commands that would open her messages answer. None of
//! it may name anything sensitive, or tell him which command opens what.

use super::replies::sent;
use super::*;

/// The words a lock screen or a stranger must not see (docs/safety.md), in
/// both languages, since English words turn up in Indonesian texts too.
const DENIED: &[&str] = &[
    "kekerasan",
    "laporan",
    "lapor",
    "polisi",
    "tppo",
    "korban",
    "perkosa",
    "pelecehan",
    "trafficking",
    "perdagangan orang",
    "dinas",
    "violence",
    "report",
    "police",
    "victim",
    "rape",
    "abuse",
    "harass",
];

/// Commands that open or add to her messages or status.
const OPENING: &[&str] = &[
    "/pesan",
    "/tambah",
    "/balas",
    "/status",
    "/messages",
    "/add",
    "/reply",
];

/// Every text a stranger sees when he tries what is left on her phone.
fn what_a_stranger_sees(fix: &Fixture, lang: Lang) -> Vec<String> {
    let mut texts: Vec<String> = [
        "conv-erased",
        "notice-update",
        "bot-description",
        "bot-short-description",
    ]
    .iter()
    .map(|k| fix.locales.text(lang, k))
    .collect();
    texts.extend(
        (fix.locales.keys(lang))
            .filter(|k| k.starts_with("command-"))
            .map(|k| fix.locales.text(lang, k)),
    );
    let mut s = sent(fix, lang);
    s.press("x");
    texts.extend(s.out.iter().filter_map(Output::text).map(str::to_owned));
    let attempts = [
        Input::Command {
            name: "pesan".to_owned(),
            args: String::new(),
        },
        Input::Text("1234".to_owned()),
        Input::UnlockRefused {
            reason: UnlockRefusal::NotMatching,
        },
        Input::Text("0000".to_owned()),
        Input::UnlockRefused {
            reason: UnlockRefusal::TooManyTries,
        },
        Input::Command {
            name: "tambah".to_owned(),
            args: String::new(),
        },
        Input::Button("re".to_owned()),
        Input::UnlockRefused {
            reason: UnlockRefusal::Unavailable,
        },
        // Buttons of messages Telegram did not let the bot delete.
        Input::Button("dn:v.pin".to_owned()),
        Input::Button("sm:go".to_owned()),
        Input::Button("x".to_owned()),
    ];
    for input in attempts {
        s.input(input);
        assert!(
            !s.out.iter().any(|o| matches!(
                o,
                Output::ShowMessages { .. } | Output::StoreReply { .. } | Output::SetPin { .. }
            )),
            "nothing opens for a stranger: {:?}",
            s.out
        );
        texts.extend(s.out.iter().filter_map(Output::text).map(str::to_owned));
    }
    texts
}

#[test]
fn nothing_a_stranger_can_see_after_quick_exit_names_anything_sensitive_or_a_command() {
    let fix = Fixture::new();
    for lang in Lang::ALL {
        let texts = what_a_stranger_sees(&fix, *lang);
        assert!(texts.len() >= 20, "{texts:#?}");
        for text in &texts {
            let lower = text.to_lowercase();
            for word in DENIED {
                assert!(!lower.contains(word), "{lang:?} says {word:?}: {text}");
            }
            for command in OPENING {
                assert!(!lower.contains(command), "{lang:?} names {command}: {text}");
            }
        }
    }
}

#[test]
fn the_last_word_after_quick_exit_is_bland_in_both_languages() {
    let fix = Fixture::new();
    assert_eq!(fix.locales.text(Lang::Id, "conv-erased"), "Oke.");
    assert_eq!(fix.locales.text(Lang::En, "conv-erased"), "OK.");
}

#[test]
fn the_limits_of_erasing_are_explained_under_bantuan() {
    let fix = Fixture::new();
    let mut s = Session::new(&fix, Lang::Id);
    s.command("bantuan", "");
    let help = s.said();
    for part in ["48 jam", "notifikasi", "galeri", "riwayat panggilan"] {
        assert!(help.contains(part), "{part} missing from {help}");
    }
}

#[test]
fn the_bot_description_names_the_service_that_runs_it() {
    let fix = Fixture::new();
    for lang in Lang::ALL {
        let long = fix.locales.text(*lang, "bot-description");
        let short = fix.locales.text(*lang, "bot-short-description");
        assert!(
            long.contains("DKP3A") && short.contains("DKP3A"),
            "{long} / {short}"
        );
        assert!(long.chars().count() <= 512 && short.chars().count() <= 120);
    }
}
