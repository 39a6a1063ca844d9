//! Help by place: her local service first at home, her country's embassy
//! abroad with the note that 110 and 129 work only in Indonesia, WhatsApp
//! as tap links, and `/darurat` before and after a report.

use super::safety::mid_report;
use super::*;

/// The text of `/darurat` for a dialogue at `where_` (button data after
/// "what happened" was done).
fn darurat_after(fix: &Fixture, where_: &[&str]) -> String {
    let mut s = mid_report(fix);
    s.press_all(&["bh:d", "i0:sr", "wh:s"]);
    s.press_all(where_);
    s.command("darurat", "");
    s.said()
}

#[test]
fn at_home_her_citys_service_comes_first_with_a_whatsapp_link() {
    let fix = Fixture::new();
    let said = darurat_after(&fix, &["wr:v.64", "rg64:v.64.72"]);
    let lines: Vec<&str> = said.lines().filter(|l| l.starts_with("• ")).collect();
    assert!(lines[0].starts_with("• UPTD PPA Samarinda"), "{said}");
    assert!(lines[0].contains("https://wa.me/6282324421313"), "{said}");
    assert!(lines[1].starts_with("• SAPA 129: Telepon 129"), "{said}");
    assert!(!said.contains("KBRI"), "{said}");
}

#[test]
fn a_regency_without_a_number_of_its_own_gets_the_province() {
    let fix = Fixture::new();
    let said = darurat_after(&fix, &["wr:v.64", "rg64:v.64.02"]);
    assert!(
        said.contains("UPTD PPA Provinsi Kalimantan Timur"),
        "{said}"
    );
    assert!(
        !said.contains("UPTD PPA Kutai Barat"),
        "an entry without a number"
    );
}

#[test]
fn abroad_she_sees_her_countrys_embassy_and_no_indonesia_only_number_without_the_note() {
    let fix = Fixture::new();
    for lang in [Lang::Id, Lang::En] {
        let mut s = Session::new(&fix, lang);
        s.through_consent("sn:y");
        s.press_all(&["rp:v.myself", "bh:s", "i0:sr", "wh:s", "wr:v.abroad"]);
        s.press("ct:v.saudi_arabia");
        s.command("darurat", "");
        let said = s.said();
        let lines: Vec<&str> = said.lines().filter(|l| l.starts_with("• ")).collect();
        assert!(lines[0].starts_with("• KBRI Riyadh"), "{said}");
        assert!(said.contains("KJRI Jeddah"), "{said}");
        assert!(
            said.contains("+62 21 29244800"),
            "KP2MI from abroad: {said}"
        );
        assert!(
            said.contains("https://wa.me/628111129129"),
            "SAPA by WhatsApp"
        );
        let local_numbers = [
            "Telepon 129",
            "Call 129",
            "Telepon 110",
            "Call 110",
            "Telepon 112",
            "Call 112",
            "0800-1000",
            "LPSK",
        ];
        for local in local_numbers {
            let stated = lines.iter().any(|l| l.contains(local));
            assert!(!stated, "{local} abroad: {said}");
        }
        assert!(
            said.contains("110, 112, dan 129 hanya bisa dihubungi dari Indonesia")
                || said.contains("110, 112 and 129 only work from inside Indonesia"),
            "{said}"
        );
        assert!(!said.contains("Malaysia"), "no other country's embassy");
    }
}

#[test]
fn a_typed_country_finds_its_embassy_too() {
    let fix = Fixture::new();
    let mut s = mid_report(&fix);
    s.press_all(&["bh:d", "i0:sr", "wh:s", "wr:v.abroad"]);
    s.text("hongkong");
    s.command("darurat", "");
    assert!(s.said().contains("KJRI Hong Kong"), "{}", s.said());
    let mut s = mid_report(&fix);
    s.press_all(&["bh:d", "i0:sr", "wh:s", "wr:v.abroad"]);
    s.text("Kamboja");
    s.command("darurat", "");
    assert!(
        s.said().contains("https://peduliwni.kemlu.go.id"),
        "a tappable page: {}",
        s.said()
    );
}

#[test]
fn back_in_indonesia_she_gets_the_service_where_she_left_from() {
    let fix = Fixture::new();
    let said = darurat_after(
        &fix,
        &[
            "wr:v.abroad",
            "ct:v.malaysia",
            "nw:n",
            "or:v.64",
            "og64:v.64.71",
        ],
    );
    assert!(said.contains("UPTD PPA Balikpapan"), "{said}");
    assert!(!said.contains("KBRI"), "{said}");
}

#[test]
fn not_safe_before_she_said_where_shows_the_emergency_numbers_and_kp2mi_from_abroad() {
    let fix = Fixture::new();
    let mut s = Session::new(&fix, Lang::Id);
    s.input(Input::Start);
    s.press_all(&["wl:go", "sn:n"]);
    let said = s.said();
    assert!(said.contains("Telepon 129") && said.contains("Telepon 110"));
    assert!(said.contains("dari luar negeri +62 21 29244800"), "{said}");
}

#[test]
fn darurat_works_before_a_report_and_after_it_with_her_place_kept() {
    let fix = Fixture::new();
    let mut s = Session::new(&fix, Lang::Id);
    s.command("darurat", "");
    assert!(s.said().contains("SAPA 129"));
    s.through_consent("sn:y");
    s.press_all(&["rp:s", "bh:s", "i0:sr", "wh:s", "wr:v.64", "rg64:v.64.72"]);
    s.press_all(&["pt:s", "rl:s", "ps:s", "ag:s", "ca:s", "sx:s", "ds:s"]);
    s.press_all(&["st:s", "hp:s", "cp:s", "so:s", "sm:go"]);
    s.input(Input::Submitted {
        receipt_code: "KODE".to_owned(),
    });
    assert_eq!(s.d.answers(), &Answers::default(), "the draft is gone");
    s.command("darurat", "");
    assert!(s.said().contains("UPTD PPA Samarinda"), "{}", s.said());
    s.press("x");
    s.command("darurat", "");
    assert!(!s.said().contains("Samarinda"), "forgotten after erasing");
}
