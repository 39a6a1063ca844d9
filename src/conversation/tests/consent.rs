//! True consent: who reads her story, where it may go, how long it is
//! kept, the police asked on their own, and what "no contact" means.

use super::safety::mid_report;
use super::*;

#[test]
fn choosing_not_to_be_reached_forgets_the_phone_and_its_times() {
    let fix = Fixture::new();
    let mut s = mid_report(&fix);
    s.press_all(&[
        "bh:d", "i0:sr", "wh:s", "wr:s", "pt:s", "rl:s", "ps:s", "ag:s",
    ]);
    s.press_all(&["ca:s", "sx:s", "ds:s", "st:s", "hp:s", "cp:v.phone"]);
    s.text("0813 0000 1111");
    s.press_all(&[
        "pv:v.whatsapp",
        "tm:v.evening",
        "tm:d",
        "so:s",
        "sm:e.contact",
    ]);
    let asked = s.said();
    assert!(
        asked.contains("tidak bisa menambah cerita nanti"),
        "{asked}"
    );
    s.press("cp:v.none");
    let a = s.d.answers();
    assert_eq!((a.phone.as_deref(), a.phone_via), (None, None));
    assert!(a.safe_times.is_empty());
}

#[test]
fn consent_says_who_reads_it_where_it_may_go_and_how_long_it_is_kept() {
    let mut fix = Fixture::new();
    let mut s = Session::new(&fix, Lang::Id);
    s.input(Input::Start);
    s.press_all(&["wl:go", "sn:y"]);
    let consent = s.said();
    for part in [
        "petugas perlindungan perempuan dan anak",
        "rumah sakit, rumah aman, KP2MI, atau polisi",
        "dihapus 365 hari setelah penanganannya selesai",
    ] {
        assert!(consent.contains(part), "{part:?} missing from {consent}");
    }
    assert!(!consent.contains("hanya dibaca"), "no untrue 'only'");
    s.press("cs:go");
    assert!(s.said().contains("bolehkah petugas memberi tahu polisi"));
    fix.retention_days = 0;
    let mut s = Session::new(&fix, Lang::En);
    s.input(Input::Start);
    s.press_all(&["wl:go", "sn:y"]);
    assert!(
        s.said().contains("kept until a case worker deletes it"),
        "{}",
        s.said()
    );
}

#[test]
fn a_receipt_without_contact_drops_tambah_and_pesan_and_says_why() {
    let fix = Fixture::new();
    let s = super::replies::sent_choosing(&fix, Lang::Id, "cp:v.none");
    let said = s.said();
    assert!(
        !said.contains("/tambah") && !said.contains("/pesan"),
        "{said}"
    );
    assert!(said.contains("Anda memilih tidak dihubungi"), "{said}");
    assert!(!said.contains("menghubungi Anda dengan cara"), "{said}");
    let s = super::replies::sent(&fix, Lang::Id);
    assert!(
        s.said().contains("/pesan, lalu kode atau PIN Anda"),
        "{}",
        s.said()
    );
}
