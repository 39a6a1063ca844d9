use std::collections::BTreeSet;

use super::*;
use crate::domain;

fn locales() -> Locales {
    Locales::load().expect("embedded locales load")
}

#[test]
fn locales_are_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Locales>();
}

#[test]
fn embedded_locales_are_consistent() {
    let problems = check_parity(&locales());
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn every_domain_key_exists_in_both_languages() {
    let l = locales();
    let mut missing = Vec::new();
    for key in domain::fluent_keys() {
        for lang in Lang::ALL {
            if !l.has(*lang, &key) {
                missing.push(format!("{lang}: {key}"));
            }
        }
    }
    for lang in Lang::ALL {
        if !l.has(*lang, lang.label_key()) {
            missing.push(format!("{lang}: {}", lang.label_key()));
        }
    }
    assert!(missing.is_empty(), "{missing:#?}");
}

#[test]
fn every_ftl_file_on_disk_is_embedded() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    let mut on_disk = BTreeSet::new();
    for dir in std::fs::read_dir(&root).unwrap() {
        let dir = dir.unwrap().path();
        for file in std::fs::read_dir(&dir).unwrap() {
            let file = file.unwrap().path();
            if file.extension().is_some_and(|e| e == "ftl") {
                let rel = file
                    .strip_prefix(&root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                on_disk.insert(rel);
            }
        }
    }
    let embedded: BTreeSet<String> = FILES.iter().map(|(_, f, _)| (*f).to_owned()).collect();
    assert_eq!(on_disk, embedded);
    for (lang, file, _) in FILES {
        assert!(file.starts_with(&format!("{}/", lang.code())), "{file}");
    }
}

#[test]
fn buttons_are_short() {
    let mut keys: Vec<&str> = Vec::new();
    keys.extend(domain::Behaviour::ALL.iter().map(|v| v.label_key()));
    keys.extend(domain::WhenHappened::ALL.iter().map(|v| v.label_key()));
    keys.extend(domain::HelpWanted::ALL.iter().map(|v| v.label_key()));
    keys.extend(domain::ContactPreference::ALL.iter().map(|v| v.label_key()));
    keys.extend(domain::AgeBand::ALL.iter().map(|v| v.label_key()));
    keys.extend(domain::Relation::ALL.iter().map(|v| v.label_key()));
    keys.extend(domain::Sex::ALL.iter().map(|v| v.label_key()));
    keys.extend(domain::ReporterRole::ALL.iter().map(|v| v.label_key()));
    keys.extend(["answer-yes", "answer-no", "answer-skip", "answer-dont-know"]);
    let l = locales();
    for lang in Lang::ALL {
        for key in &keys {
            let text = l.text(*lang, key);
            assert!(text.chars().count() <= 24, "{lang} {key}: {text:?}");
        }
    }
}

#[test]
fn indonesian_uses_anda_and_no_blaming_words() {
    let l = locales();
    let banned = ["kamu", "kenapa", "seharusnya", "yakin?", "kok bisa"];
    for key in l.keys(Lang::Id) {
        let text = l.text(Lang::Id, key).to_lowercase();
        for word in banned {
            assert!(!text.contains(word), "{key}: {text:?} contains {word:?}");
        }
        let blame = text.replace("bukan salah anda", "");
        assert!(!blame.contains("salah anda"), "{key}: {text:?}");
    }
}

#[test]
fn indicator_questions_are_questions() {
    let l = locales();
    for i in domain::TraffickingIndicator::ALL {
        assert_eq!(l.text(Lang::Id, i.question_key()).chars().last(), Some('?'));
        assert_eq!(l.text(Lang::En, i.question_key()).chars().last(), Some('?'));
    }
    assert_eq!(
        l.text(
            Lang::Id,
            domain::TraffickingIndicator::DocumentsHeld.question_key()
        ),
        "Apakah seseorang mengambil paspor atau KTP Anda?"
    );
}

#[test]
fn text_with_args_has_no_isolation_marks() {
    let l = locales();
    let args = FluentArgs::from_iter([("number", "129")]);
    assert_eq!(l.text_args(Lang::Id, "contact-call", &args), "Telepon 129");
    assert_eq!(l.text_args(Lang::En, "contact-call", &args), "Call 129");
    let mut one = FluentArgs::new();
    one.set("minutes", 1);
    assert_eq!(
        l.text_args(Lang::En, "error-retry-after", &one),
        "Please try again in one minute."
    );
    let mut five = FluentArgs::new();
    five.set("minutes", 5);
    let en = l.text_args(Lang::En, "error-retry-after", &five);
    assert_eq!(en, "Please try again in 5 minutes.");
    assert!(!en.contains(['\u{2068}', '\u{2069}']));
    assert_eq!(
        l.text_args(Lang::Id, "error-retry-after", &five),
        "Coba lagi dalam 5 menit."
    );
}

#[test]
fn fallback_to_indonesian_then_to_key() {
    let l = Locales::from_sources(&[
        (
            Lang::Id,
            "id/a.ftl",
            "only-id = Hanya di sini\nboth = Dua\n",
        ),
        (Lang::En, "en/a.ftl", "both = Two\n"),
    ])
    .unwrap();
    assert_eq!(l.text(Lang::En, "both"), "Two");
    assert_eq!(l.text(Lang::En, "only-id"), "Hanya di sini");
    assert_eq!(l.text(Lang::En, "nowhere"), "nowhere");
    assert_eq!(l.try_text(Lang::Id, "nowhere"), None);
    assert!(!l.has(Lang::En, "only-id"));
    assert_eq!(check_parity(&l), ["only-id: missing in en"]);
}

#[test]
fn parity_reports_variable_mismatch_and_empty_messages() {
    let l = Locales::from_sources(&[
        (
            Lang::Id,
            "id/a.ftl",
            "greet = Halo { $name }\nsel = { $n ->\n    [one] satu { $x }\n   *[other] banyak\n}\nblank = { \"\" }\n",
        ),
        (
            Lang::En,
            "en/a.ftl",
            "greet = Hello { $nama }\nsel = { $n ->\n    [one] one\n   *[other] { $x } many\n}\nblank = x\n",
        ),
    ])
    .unwrap();
    let problems = check_parity(&l);
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(problems[0].starts_with("blank: empty in id"));
    assert!(problems[1].starts_with("greet: variables differ"));
}

#[test]
fn parse_error_names_file_and_line() {
    let err = Locales::from_sources(&[(Lang::Id, "id/bad.ftl", "ok = Baik\n\nbroken { = x\n")])
        .unwrap_err();
    match &err {
        I18nError::Parse { file, line, .. } => {
            assert_eq!(file, "id/bad.ftl");
            assert_eq!(*line, 3);
        }
        other => panic!("{other:?}"),
    }
    assert!(err.to_string().starts_with("id/bad.ftl:3: "));
}

#[test]
fn duplicate_keys_are_rejected() {
    let err = Locales::from_sources(&[
        (Lang::Id, "id/a.ftl", "x = A\n"),
        (Lang::Id, "id/b.ftl", "x = B\n"),
    ])
    .unwrap_err();
    assert_eq!(
        err,
        I18nError::Duplicate {
            file: "id/b.ftl".into(),
            key: "x".into()
        }
    );
}

#[test]
fn lang_from_telegram() {
    assert_eq!(Lang::from_telegram_code(Some("en")), Lang::En);
    assert_eq!(Lang::from_telegram_code(Some("en-GB")), Lang::En);
    assert_eq!(Lang::from_telegram_code(Some("EN")), Lang::En);
    assert_eq!(Lang::from_telegram_code(Some("id")), Lang::Id);
    assert_eq!(Lang::from_telegram_code(Some("ms")), Lang::Id);
    assert_eq!(Lang::from_telegram_code(Some("e")), Lang::Id);
    assert_eq!(Lang::from_telegram_code(Some("")), Lang::Id);
    assert_eq!(Lang::from_telegram_code(None), Lang::Id);
}

#[test]
fn lang_codes() {
    for lang in Lang::ALL {
        assert_eq!(Lang::parse(lang.code()).unwrap(), *lang);
    }
    assert!(Lang::parse("EN").is_err());
    assert_eq!(serde_json::to_string(&Lang::En).unwrap(), "\"en\"");
}

#[test]
fn region_names_prefer_locale_then_catalog() {
    let l = locales();
    let cat = domain::RegionCatalog::default_kaltim();
    let code = domain::RegionCode::parse("64.72").unwrap();
    assert_eq!(
        l.try_text(Lang::En, &code.label_key()).as_deref(),
        Some("Samarinda City")
    );
    assert_eq!(
        l.text(Lang::Id, &code.label_key()),
        cat.name(&code).unwrap()
    );
}
