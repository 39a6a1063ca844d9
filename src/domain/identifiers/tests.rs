use super::*;
use crate::domain::RecruiterDetails;

fn value(id: Option<Identifier>) -> Option<String> {
    id.map(|i| i.value().to_owned())
}

/// A small deterministic generator, so the property tests need no crate
/// and fail the same way every time.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// One Indonesian mobile number's national digits (after the 0), written
/// in a random one of its forms with random separators.
fn written(rng: &mut Rng, national: &str) -> String {
    let prefix = ["0", "62", "+62", "+62 ", "+62 (0)", "0062", "+62-", "(0"][rng.below(8) as usize]
        .to_owned();
    let mut out = prefix.clone();
    for (i, c) in national.chars().enumerate() {
        if i > 0 {
            out.push_str(["", "", " ", "-", ".", "  "][rng.below(6) as usize]);
        }
        out.push(c);
        if i == 2 && prefix == "(0" {
            out.push_str(") ");
        }
    }
    out
}

#[test]
fn every_written_form_of_one_number_normalises_to_the_same_value() {
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    for _ in 0..200 {
        let len = 9 + rng.below(3) as usize;
        let national: String = std::iter::once('8')
            .chain((1..len).map(|_| char::from(b'0' + rng.below(10) as u8)))
            .collect();
        let expected = format!("+62{national}");
        for _ in 0..20 {
            let form = written(&mut rng, &national);
            assert_eq!(value(phone(&form)), Some(expected.clone()), "{form}");
            // The same number inside a sentence is found too.
            let sentence = format!("Dia kasih nomor {form}, katanya bos.");
            let found: Vec<_> = from_text(&sentence)
                .into_iter()
                .map(|i| i.value().to_owned())
                .collect();
            assert_eq!(found, std::slice::from_ref(&expected), "{sentence}");
        }
    }
}

#[test]
fn foreign_numbers_keep_their_country_code() {
    assert_eq!(value(phone("+60 12-345 6789")), Some("+60123456789".into()));
    assert_eq!(
        value(phone("0060 12 345 6789")),
        Some("+60123456789".into())
    );
    assert_eq!(value(phone("+852 9123 4567")), Some("+85291234567".into()));
}

#[test]
fn what_is_not_a_phone_number_is_not_taken_for_one() {
    for text in [
        "12345",
        "Rp 15.000.000",
        "0812",
        "abc 0812345678",
        "+62+812345678",
    ] {
        assert_eq!(value(phone(text)), None, "{text}");
    }
    assert!(from_text("gaji Rp 15.000.000.000 per tahun 2023").is_empty());
}

#[test]
fn two_numbers_in_one_sentence_are_two() {
    let found: Vec<_> = from_text("WA 0812 3456 7890 atau 0813-1111-2222")
        .into_iter()
        .map(|i| i.value().to_owned())
        .collect();
    assert_eq!(found, ["+6281234567890", "+6281311112222"]);
}

#[test]
fn accounts_are_platform_and_handle_whatever_the_link() {
    let ig = Some("instagram/calo.kerja".to_owned());
    assert_eq!(
        value(account("https://www.instagram.com/Calo.Kerja/?hl=id", None)),
        ig
    );
    assert_eq!(value(account("instagram.com/calo.kerja", None)), ig);
    assert_eq!(value(account("@Calo.Kerja", Some("instagram"))), ig);
    assert_eq!(
        value(account("tiktok.com/@LokerMalaysia", None)),
        Some("tiktok/lokermalaysia".into())
    );
    assert_eq!(
        value(account("t.me/lokerkerja", None)),
        Some("telegram/lokerkerja".into())
    );
    assert_eq!(
        value(account("@lokerkerja", None)),
        Some("unknown/lokerkerja".into())
    );
    let wa = account("https://wa.me/6281234567890?text=halo", None).unwrap();
    assert_eq!((wa.kind, wa.value()), (LinkKind::Phone, "+6281234567890"));
}

#[test]
fn handles_and_links_are_found_in_a_story() {
    let found: Vec<_> = from_text(
        "Saya lihat iklan di facebook.com/loker.sukses lalu chat IG: @Agen_Rina, \
         dia suruh hubungi wa.me/628123456789.",
    )
    .into_iter()
    .map(|i| i.value().to_owned())
    .collect();
    assert_eq!(
        found,
        [
            "facebook/loker.sukses",
            "instagram/agen_rina",
            "+628123456789"
        ]
    );
}

#[test]
fn company_names_lose_their_legal_form_case_and_punctuation() {
    let one = Some("majujayasejahtera".to_owned());
    for text in [
        "PT. Maju Jaya Sejahtera",
        "pt maju-jaya sejahtera",
        "Maju Jaya Sejahtera, P.T.",
        "PT MAJU JAYA SEJAHTERA (P3MI)",
    ] {
        assert_eq!(value(company(text)), one, "{text}");
    }
    assert_eq!(
        value(company("Sinar Harapan Sdn. Bhd.")),
        Some("sinarharapan".into())
    );
    assert_eq!(value(company("PT")), None);
}

#[test]
fn person_names_lose_honorifics_case_and_spacing() {
    for text in [
        "Pak Budi Santoso",
        "budi  santoso",
        "Bapak BUDI SANTOSO",
        "Budi Santoso.",
    ] {
        assert_eq!(
            value(person_name(text)),
            Some("budisantoso".into()),
            "{text}"
        );
    }
    assert_eq!(value(person_name("Pak")), None);
}

#[test]
fn bank_accounts_are_their_digits() {
    assert_eq!(
        value(bank_account("BCA 123-456-7890")),
        Some("1234567890".into())
    );
    assert_eq!(value(bank_account("123")), None);
}

#[test]
fn recruiter_details_give_each_identifier_once() {
    let details = RecruiterDetails {
        names: vec!["Pak Anton, Bu Siti".into(), "anton".into()],
        phones: vec!["0812-3456-7890".into(), "WA +62 812 3456 7890".into()],
        accounts: vec!["ig @agen.rina".into(), "tiktok.com/@lokerku".into()],
        companies: vec!["PT Maju Jaya".into(), "pt. maju jaya".into()],
    };
    let found: Vec<_> = from_recruiter(&details)
        .into_iter()
        .map(|i| (i.kind, i.value().to_owned()))
        .collect();
    assert_eq!(
        found,
        [
            (LinkKind::Phone, "+6281234567890".to_owned()),
            (LinkKind::Account, "instagram/agen.rina".to_owned()),
            (LinkKind::Account, "tiktok/lokerku".to_owned()),
            (LinkKind::Company, "majujaya".to_owned()),
            (LinkKind::Name, "anton".to_owned()),
            (LinkKind::Name, "siti".to_owned()),
        ]
    );
}

#[test]
fn an_identifier_never_shows_its_value_in_debug() {
    let id = phone("0812 3456 7890").unwrap();
    let shown = format!("{id:?}");
    assert!(!shown.contains("3456"), "{shown}");
}

#[test]
fn a_bank_account_is_a_number_after_a_word_that_says_so() {
    let found: Vec<_> = from_text("Uangnya ditransfer ke rek. BCA 123-456-7890 atas nama agen.")
        .into_iter()
        .map(|i| (i.kind, i.value().to_owned()))
        .collect();
    assert_eq!(found, [(LinkKind::Bank, "1234567890".to_owned())]);
    assert!(
        from_text("Saya kerja 12 jam sehari selama 2023 dan 2024")
            .iter()
            .all(|i| i.kind != LinkKind::Bank)
    );
}

#[test]
fn a_display_name_is_one_account_not_one_per_word() {
    let details = RecruiterDetails {
        accounts: vec!["fb Loker Malaysia Resmi".into(), "Agen Resmi".into()],
        ..RecruiterDetails::default()
    };
    let found: Vec<_> = from_recruiter(&details)
        .into_iter()
        .map(|i| i.value().to_owned())
        .collect();
    assert_eq!(found, ["facebook/lokermalaysiaresmi", "unknown/agenresmi"]);
}
