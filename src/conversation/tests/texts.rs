//! Button limits on every step, and the wording rules of docs/safety.md.

use super::*;
use crate::conversation::answers::WhereAnswer;
use crate::conversation::callback;
use crate::conversation::helplines::contacts_prompt;
use crate::conversation::questions::ask;
use crate::conversation::steps::UnlockFor;
use crate::domain::screening::screening;
use crate::domain::{
    AgeBand, Behaviour, ContactPreference, Country, HelpWanted, PhoneVia, Place, RecruiterField,
    RegionCode, Relation, ReporterRole, SafeTime, Sex, TraffickingIndicator, WhenHappened,
};
use crate::i18n::{FILES, check_parity};

/// A dialogue with every answer filled, so every optional button shows.
fn full_dialogue(lang: Lang) -> Dialogue {
    let mut d = Dialogue::new(lang);
    d.consented = true;
    d.safe_word = Some("apel".to_owned());
    d.silent_alarm = true;
    d.locked = false;
    d.contactable = true;
    let a = &mut d.answers;
    a.safe_now = Some(false);
    a.reporter = Some(ReporterRole::SomeoneElse);
    a.behaviours = Behaviour::ALL.iter().copied().collect();
    a.indicators = TraffickingIndicator::ALL
        .iter()
        .map(|i| (*i, true))
        .collect();
    a.when = Some(WhenHappened::ThisMonth);
    a.location = Some(WhereAnswer::Abroad {
        country: Some(Country::parse("Arab Saudi").unwrap()),
    });
    a.relation = Some(Relation::TidakDiketahui);
    a.age_band = Some(AgeBand::A60Plus);
    a.victim_sex = Some(Sex::TidakDisebut);
    a.story = vec![
        StoryPart::Text("x".to_owned()),
        StoryPart::Attachment(voice("v")),
    ];
    a.help = HelpWanted::ALL.iter().copied().collect();
    a.contact = Some(ContactPreference::Phone);
    a.phone = Some("+62 812-3456-7890".to_owned());
    a.police_ok = Some(false);
    a.place = Some(Place::LembagaPendidikanKilat);
    a.still_abroad = Some(false);
    a.origin = Some(RegionCode::parse("64.09").unwrap());
    a.perpetrator_sex = Some(Sex::TidakDisebut);
    a.disability = Some(true);
    a.subdistrict = Some("Desa Sumber Rejeki Kecamatan Muara".to_owned());
    a.phone_via = Some(PhoneVia::Either);
    a.safe_times = SafeTime::ALL.iter().copied().collect();
    for f in RecruiterField::ALL {
        a.recruiter.add(*f, "x");
    }
    d
}

fn every_step() -> Vec<Step> {
    let mut steps = vec![
        Step::Welcome,
        Step::SafeNow,
        Step::Consent,
        Step::Reporter,
        Step::Behaviours,
        Step::When,
        Step::Where,
        Step::Regency(RegionCode::parse("64").unwrap()),
        Step::Country,
        Step::NowWhere,
        Step::Origin,
        Step::OriginRegency(RegionCode::parse("64").unwrap()),
        Step::PlaceType,
        Step::Relation,
        Step::PerpetratorSex,
        Step::Age,
        Step::ChildOrAdult,
        Step::Sex,
        Step::Disability,
        Step::ChildDanger,
        Step::Subdistrict,
        Step::Story,
        Step::Help,
        Step::Contact,
        Step::Phone,
        Step::PhoneVia,
        Step::SafeTimes,
        Step::SafeWordOffer,
        Step::SafeWord,
        Step::SilentAlarm,
        Step::Summary,
        Step::Submitting,
        Step::Done,
        Step::Stopped,
        Step::Reply,
        Step::Police,
        Step::Unlock(UnlockFor::Messages),
        Step::Unlock(UnlockFor::Reply),
        Step::Pin,
        Step::FastLane,
    ];
    steps.extend((0..TraffickingIndicator::ALL.len()).map(Step::Indicator));
    steps.extend(RecruiterField::ALL.iter().map(|f| Step::Recruiter(*f)));
    steps
}

#[test]
fn every_callback_data_fits_64_bytes_and_every_label_24_chars() {
    let fix = Fixture::new();
    let ctx = fix.ctx();
    let mut checked = 0;
    for lang in Lang::ALL {
        for step in every_step() {
            let mut d = full_dialogue(*lang);
            d.step = step.clone();
            let mut prompts = vec![ask(&d, &ctx), contacts_prompt(&d, &ctx)];
            d.answers = Answers::default();
            prompts.push(ask(&d, &ctx));
            for prompt in prompts {
                assert_clean(&fix.locales, &prompt.text);
                assert!(prompt.text.chars().count() <= 4096, "{step:?}");
                for b in prompt.keyboard.iter().flat_map(Keyboard::buttons) {
                    assert!(b.data.len() <= 64, "{step:?}: {:?}", b.data);
                    let chars = b.label.chars().count();
                    assert!(chars <= MAX_LABEL_CHARS, "{lang} {step:?}: {:?}", b.label);
                    assert!(!b.label.trim().is_empty());
                    let ours = b.data == "x" || b.data.starts_with("lg:");
                    let parsed = callback::parse(&b.data);
                    assert!(
                        ours || parsed.is_some_and(|(tag, _)| tag == step.tag()),
                        "{b:?}"
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 500, "{checked}");
}

#[test]
fn commands_outside_the_flow_keep_to_the_limits() {
    let fix = Fixture::new();
    for lang in Lang::ALL {
        let mut s = Session::new(&fix, *lang);
        for (name, args) in [
            ("bahasa", ""),
            ("bantuan", ""),
            ("darurat", ""),
            ("batal", ""),
            ("pesan", ""),
            ("tambah", ""),
        ] {
            s.command(name, args);
            for b in s
                .out
                .iter()
                .filter_map(Output::keyboard)
                .flat_map(Keyboard::buttons)
            {
                assert!(b.data.len() <= 64 && b.label.chars().count() <= MAX_LABEL_CHARS);
            }
        }
    }
}

#[test]
fn an_english_run_produces_clean_english_texts() {
    let fix = Fixture::new();
    let mut s = Session::new(&fix, Lang::En);
    s.input(Input::Start);
    assert!(s.said().starts_with("Hello. This is Suara, a bot."));
    s.press_all(&["wl:go", "sn:n", "fl:r", "cs:go", "pl:y"]);
    s.press_all(&["rp:v.someone_else", "bh:v.job_deception", "bh:d"]);
    let signs = screening(&s.d.answers().behaviours);
    assert_eq!(signs.len(), 8, "three urgent, five that fit");
    for sign in signs {
        let i = TraffickingIndicator::ALL
            .iter()
            .position(|x| *x == sign)
            .unwrap();
        s.press(&format!("i{i}:y"));
        if s.d.step() == &Step::FastLane {
            assert!(s.said().contains("Quick exit"), "{}", s.said());
            s.press("fl:r");
        }
    }
    s.press_all(&["wh:v.today", "wr:v.64", "rg64:s", "pt:s", "rl:v.perekrut"]);
    assert!(s.said().contains("whoever recruited you"), "{}", s.said());
    s.text("Pak Budi");
    s.press_all(&["rcnames:d", "rcphones:sr", "ps:s", "ag:s", "ca:y"]);
    s.press_all(&["sx:v.perempuan", "ds:s"]);
    assert!(s.said().contains("Is the child in danger right now?"));
    s.press_all(&[
        "cd:n",
        "sd:s",
        "st:d",
        "hp:v.legal",
        "hp:d",
        "cp:v.none",
        "so:y",
    ]);
    s.text("banana");
    s.press("sa:n");
    assert!(s.said().contains("Here is a summary"));
    assert!(s.said().contains("East Kalimantan"));
    s.press("sm:go");
    assert!(!s.submitted().unwrap().contact_allowed());
    s.input(Input::Submitted {
        receipt_code: "CODE-1234".to_owned(),
    });
    assert!(s.said().contains("Your code: CODE-1234"));
}

fn source(path: &str) -> &'static str {
    FILES
        .iter()
        .find(|(_, p, _)| *p == path)
        .expect("embedded")
        .2
}

#[test]
fn the_indonesian_texts_contain_no_blaming_words() {
    let text = source("id/conversation.ftl").to_lowercase();
    for word in ["kenapa", "seharusnya", "yakin", "kok bisa", "kamu"] {
        assert!(!text.contains(word), "{word:?}");
    }
    assert!(!text.replace("bukan salah anda", "").contains("salah anda"));
    assert!(text.contains("terima kasih sudah bercerita"));
    assert!(text.contains("ini bukan salah anda"));
    assert!(text.contains("anda boleh melewati pertanyaan ini"));
}

#[test]
fn texts_that_may_show_on_a_lock_screen_name_nothing_sensitive() {
    let fix = Fixture::new();
    let id = [
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
        "cerita",
    ];
    let en = [
        "violence",
        "report",
        "police",
        "trafficking",
        "victim",
        "rape",
        "harass",
        "abuse",
    ];
    for key in ["notice-update", "conv-erased"] {
        let text = fix.locales.text(Lang::Id, key).to_lowercase();
        assert!(id.iter().all(|w| !text.contains(w)), "{key}: {text:?}");
        let text = fix.locales.text(Lang::En, key).to_lowercase();
        assert!(en.iter().all(|w| !text.contains(w)), "{key}: {text:?}");
    }
    assert_eq!(update_notice(&fix.locales, Lang::Id), "Ada kabar baru.");
    assert_eq!(
        update_notice(&fix.locales, Lang::En),
        "Something new for you."
    );
}

#[test]
fn locales_stay_in_parity() {
    let fix = Fixture::new();
    let problems = check_parity(&fix.locales);
    assert!(problems.is_empty(), "{problems:#?}");
}
