//! Questions that fit: danger signs by what she chose, a witness asked
//! about the other person, the child branch, ticks on chosen options, and
//! what the task force needs (place, perpetrator, recruiter, disability,
//! phone contact).

use super::safety::mid_report;
use super::*;
use crate::domain::{
    PhoneVia, Place, RecruiterField, Relation, SafeTime, Sex, TraffickingIndicator,
};

/// At the first danger sign, having chosen `behaviours`, telling for
/// `reporter` ("rp:v.myself" or "rp:v.someone_else").
fn at_signs<'f>(fix: &'f Fixture, reporter: &str, behaviours: &[&str]) -> Session<'f> {
    let mut s = Session::new(fix, Lang::Id);
    s.through_consent("sn:y");
    s.press(reporter);
    s.press_all(behaviours);
    s.press("bh:d");
    s
}

/// Answers "no" to every sign and returns their questions.
fn signs_asked(s: &mut Session) -> Vec<String> {
    let mut asked = Vec::new();
    while let Step::Indicator(i) = *s.d.step() {
        asked.push(s.said());
        s.press(&format!("i{i}:n"));
    }
    asked
}

#[test]
fn a_wife_reporting_threats_gets_the_three_urgent_questions_and_two_that_fit() {
    let fix = Fixture::new();
    let mut s = at_signs(&fix, "rp:v.myself", &["bh:v.threatened_controlled"]);
    let asked = signs_asked(&mut s);
    assert_eq!(asked.len(), 5);
    assert!(asked[0].contains("(pertanyaan 1 dari 5)"), "{}", asked[0]);
    assert!(asked[2].contains("di dekat Anda sekarang"));
    assert!(
        asked
            .iter()
            .all(|q| !q.contains("paspor") && !q.contains("gaji"))
    );
    assert_eq!(s.d.step(), &Step::When);
}

#[test]
fn forced_labour_asks_at_most_five_signs_after_the_urgent_three() {
    let fix = Fixture::new();
    let mut s = at_signs(
        &fix,
        "rp:v.myself",
        &[
            "bh:v.forced_labour",
            "bh:v.job_deception",
            "bh:v.forced_marriage",
        ],
    );
    assert_eq!(signs_asked(&mut s).len(), 8, "not fourteen");
}

#[test]
fn a_witness_is_asked_about_the_other_person_never_about_herself() {
    let fix = Fixture::new();
    let mut s = at_signs(&fix, "rp:v.someone_else", &["bh:v.forced_labour"]);
    let asked = signs_asked(&mut s).join("\n");
    assert!(asked.contains("Apakah orang itu dikurung"), "{asked}");
    assert!(asked.contains("paspor atau KTP orang itu"), "{asked}");
    assert!(asked.contains("Apakah gajinya ditahan"), "{asked}");
    for herself in [
        "Anda dikurung",
        "KTP Anda",
        "gaji Anda",
        "Apakah Anda harus",
    ] {
        assert!(!asked.contains(herself), "{herself}: {asked}");
    }
    s.press_all(&["wh:s", "wr:v.abroad", "ct:v.malaysia"]);
    assert!(
        s.said().contains("Di mana orang itu sekarang?"),
        "{}",
        s.said()
    );
    s.press_all(&["nw:y", "or:s", "pt:s", "rl:s", "ps:s", "ag:s"]);
    assert!(s.said().contains("orang itu masih anak-anak"));
    s.press_all(&["ca:n", "sx:s"]);
    assert!(s.said().contains("Apakah orang itu sulit melihat"));
}

#[test]
fn a_child_gets_the_child_branch_and_a_yes_brings_the_fast_lane() {
    let fix = Fixture::new();
    let mut s = at_signs(&fix, "rp:v.someone_else", &["bh:v.sexual_touch_forced"]);
    s.press_all(&[
        "i0:sr",
        "wh:s",
        "wr:v.64",
        "rg64:v.64.74",
        "pt:v.rumah_tangga",
    ]);
    s.press_all(&[
        "rl:v.tetangga",
        "ps:v.laki_laki",
        "ag:v.a6_12",
        "sx:v.perempuan",
    ]);
    assert!(!s.said().contains("110"), "no numbers before asking");
    s.press("ds:n");
    let said = s.said();
    assert!(
        said.contains("Terima kasih sudah peduli pada anak ini."),
        "{said}"
    );
    assert!(
        said.contains("Apakah anak itu dalam bahaya sekarang?"),
        "{said}"
    );
    s.press("cd:y");
    assert_eq!(s.d.step(), &Step::FastLane);
    s.press("fl:r");
    assert_eq!(s.d.step(), &Step::Subdistrict);
    s.text("Kelurahan Api-Api, Bontang Utara");
    assert_eq!(s.d.step(), &Step::Story);
    let a = s.d.answers();
    assert_eq!(
        a.indicators.get(&TraffickingIndicator::ChildInDanger),
        Some(&true)
    );
    assert_eq!(
        a.subdistrict.as_deref(),
        Some("Kelurahan Api-Api, Bontang Utara")
    );
}

#[test]
fn an_adult_or_a_place_abroad_skips_the_child_questions_that_do_not_apply() {
    let fix = Fixture::new();
    let mut s = mid_report(&fix);
    s.press_all(&["bh:d", "i0:sr", "wh:s", "wr:s", "pt:s", "rl:s", "ps:s"]);
    s.press_all(&["ag:v.a25_44", "sx:s", "ds:s"]);
    assert_eq!(s.d.step(), &Step::Story, "an adult: no child branch");
    let mut s = mid_report(&fix);
    s.press_all(&[
        "bh:d",
        "i0:sr",
        "wh:s",
        "wr:v.abroad",
        "ct:s",
        "nw:s",
        "or:s",
    ]);
    s.press_all(&[
        "pt:s",
        "rl:s",
        "ps:s",
        "ag:v.a13_17",
        "sx:s",
        "ds:s",
        "cd:n",
    ]);
    assert_eq!(s.d.step(), &Step::Story, "no kecamatan abroad");
}

#[test]
fn a_recruiter_is_asked_for_names_numbers_accounts_and_companies_all_optional() {
    let fix = Fixture::new();
    let mut s = at_signs(&fix, "rp:v.myself", &["bh:v.job_deception"]);
    s.press_all(&["i0:sr", "wh:s", "wr:s", "pt:v.online", "rl:v.perekrut"]);
    assert_eq!(s.d.step(), &Step::Recruiter(RecruiterField::Names));
    assert!(s.said().contains("agen, calo, atau sponsor"));
    s.text("Bu Rina");
    assert!(s.said().contains("Tersimpan: 1"), "{}", s.said());
    s.text("Pak Anton (sponsor)");
    s.press("rcnames:d");
    s.text("0812-5555-0000");
    s.press_all(&["rcphones:d", "rcaccounts:s"]);
    s.text("PT Maju Jaya Abadi");
    s.press("rccompanies:d");
    assert_eq!(s.d.step(), &Step::PerpetratorSex);
    let r = &s.d.answers().recruiter;
    assert_eq!(r.names, ["Bu Rina", "Pak Anton (sponsor)"]);
    assert_eq!(r.phones, ["0812-5555-0000"]);
    assert!(r.accounts.is_empty());
    assert_eq!(r.companies, ["PT Maju Jaya Abadi"]);
    s.press("ps:b");
    s.press("rccompanies:sr");
    assert!(
        s.d.answers().recruiter.companies.is_empty(),
        "skipping forgets"
    );
}

#[test]
fn the_new_answers_reach_the_report_and_the_summary() {
    let fix = Fixture::new();
    let mut s = Session::new(&fix, Lang::Id);
    s.input(Input::Start);
    s.press_all(&[
        "wl:go",
        "sn:y",
        "cs:go",
        "pl:n",
        "rp:v.myself",
        "bh:s",
        "i0:sr",
    ]);
    s.press_all(&["wh:s", "wr:v.abroad", "ct:v.hong_kong", "nw:n", "or:v.64"]);
    s.press_all(&["og64:v.64.03", "pt:v.tempat_kerja", "rl:v.mantan_pasangan"]);
    s.press_all(&["ps:v.laki_laki", "ag:v.a25_44", "sx:v.perempuan", "ds:y"]);
    s.press_all(&["st:s", "hp:s", "cp:v.phone"]);
    s.text("0813 0000 1111");
    s.press_all(&["pv:v.call", "tm:v.morning", "tm:v.midday", "tm:d", "so:s"]);
    let summary = s.said();
    for line in [
        "Boleh memberi tahu polisi: Tidak",
        "Di mana: Luar negeri: Hong Kong",
        "Sekarang: Sudah di Indonesia",
        "Berangkat dari: Kutai Kartanegara",
        "Tempat: Di tempat kerja",
        "Yang melakukan: Mantan suami/pasangan",
        "Jenis kelamin yang melakukan: Laki-laki",
        "Sulit melihat, mendengar, berjalan, atau belajar: Ya",
        "Lewat: Telepon",
        "Waktu aman: Pagi (06–10), Siang (10–14)",
    ] {
        assert!(summary.contains(line), "{line:?} missing from:\n{summary}");
    }
    s.press("sm:go");
    let req = s.submitted().unwrap();
    let a = &req.answers;
    assert_eq!(req.police_ok(), Some(false));
    assert_eq!(req.place_type(), Some(Place::TempatKerja));
    assert_eq!(a.still_abroad, Some(false));
    assert_eq!(req.origin().map(|r| r.as_str()), Some("64.03"));
    assert_eq!(
        a.relation.map(Relation::simfoni),
        Some(Relation::PacarTeman)
    );
    assert_eq!(a.perpetrator_sex, Some(Sex::LakiLaki));
    assert_eq!(a.disability, Some(true));
    assert_eq!(a.phone_via, Some(PhoneVia::Call));
    assert_eq!(a.safe_times.len(), 2);
    assert!(a.safe_times.contains(&SafeTime::Midday));
}

#[test]
fn chosen_options_are_ticked_on_their_buttons() {
    let fix = Fixture::new();
    let mut s = mid_report(&fix);
    assert_eq!(
        s.label("bh:v.threatened_controlled"),
        "✓ Diancam atau dikekang"
    );
    assert_eq!(s.label("bh:v.hurt_physically"), "Dipukul atau disakiti");
    s.press_all(&["bh:d", "i0:y"]);
    s.press("i1:b");
    assert_eq!(s.label("i0:y"), "✓ Ya", "her answer to a sign too");
}
