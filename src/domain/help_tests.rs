use super::*;
use crate::domain::contacts::default_contacts;

fn ids(list: &[Reach]) -> Vec<String> {
    list.iter().map(|r| r.contact.id.clone()).collect()
}

fn code(s: &str) -> Option<RegionCode> {
    Some(RegionCode::parse(s).unwrap())
}

#[test]
fn at_home_her_citys_uptd_ppa_comes_first_then_129_110_112() {
    let all = default_contacts();
    let list = contacts_for(&all, &Whereabouts::Indonesia(code("64.72")), true);
    assert_eq!(
        ids(&list),
        ["uptd_ppa_samarinda", "sapa129", "polisi", "darurat"]
    );
    assert_eq!(
        list[0].whatsapp.as_deref(),
        Some("https://wa.me/6282324421313")
    );
    assert_eq!(list[1].phone, Some("129"));
}

#[test]
fn a_regency_without_its_own_number_gets_the_provinces_service() {
    let all = default_contacts();
    let list = contacts_for(&all, &Whereabouts::Indonesia(code("64.05")), true);
    assert_eq!(ids(&list)[0], "uptd_ppa_kaltim");
    assert_eq!(list[0].web, Some("dkp3a.kaltimprov.go.id"));
    assert!(ids(&list).iter().all(|id| id != "uptd_ppa_berau"));
}

#[test]
fn the_full_list_at_home_adds_the_national_services() {
    let all = default_contacts();
    let list = contacts_for(&all, &Whereabouts::Indonesia(code("64.71")), false);
    let ids = ids(&list);
    assert_eq!(ids[0], "uptd_ppa_balikpapan");
    for id in ["lpsk", "komnas_perempuan", "kp2mi"] {
        assert!(ids.iter().any(|i| i == id), "{id}");
    }
    assert!(
        ids.iter().all(|i| !i.starts_with("kbri")),
        "no embassy at home"
    );
    let kp2mi = list.iter().find(|r| r.contact.id == "kp2mi").unwrap();
    assert_eq!(kp2mi.phone, Some("0800-1000"));
}

#[test]
fn abroad_her_countrys_embassy_comes_first_and_no_indonesia_only_number() {
    let all = default_contacts();
    let place = Whereabouts::Abroad(Some(Destination::Malaysia));
    for urgent in [true, false] {
        let list = contacts_for(&all, &place, urgent);
        let ids = ids(&list);
        assert_eq!(ids[0], "kbri_kuala_lumpur");
        assert!(ids.iter().any(|i| i == "kjri_kota_kinabalu"));
        for local in ["polisi", "darurat", "uptd_ppa_samarinda", "lpsk"] {
            assert!(ids.iter().all(|i| i != local), "{local} abroad");
        }
        for r in &list {
            assert_ne!(r.phone, Some("129"));
            assert_ne!(r.phone, Some("0800-1000"));
        }
        let kp2mi = list.iter().find(|r| r.contact.id == "kp2mi").unwrap();
        assert_eq!(kp2mi.phone, Some("+62 21 29244800"));
        let sapa = list.iter().find(|r| r.contact.id == "sapa129").unwrap();
        assert_eq!(
            (sapa.phone, sapa.whatsapp.as_deref()),
            (None, Some("https://wa.me/628111129129"))
        );
    }
    assert!(indonesia_only_left_out(&place));
}

#[test]
fn abroad_in_another_country_she_still_gets_kemlu_kp2mi_and_sapa_whatsapp() {
    let all = default_contacts();
    let list = contacts_for(&all, &Whereabouts::Abroad(None), true);
    assert_eq!(ids(&list), ["peduli_wni", "sapa129", "kp2mi"]);
}

#[test]
fn not_knowing_where_she_is_gives_the_emergency_numbers_and_kp2mi_from_abroad() {
    let all = default_contacts();
    let list = contacts_for(&all, &Whereabouts::Unknown, true);
    assert_eq!(ids(&list), ["sapa129", "polisi", "darurat", "kp2mi"]);
    let kp2mi = &list[3];
    assert_eq!(kp2mi.phone, Some("0800-1000"));
    assert_eq!(kp2mi.phone_abroad, Some("+62 21 29244800"));
    assert!(!indonesia_only_left_out(&Whereabouts::Unknown));
}

#[test]
fn a_deployment_without_regional_data_still_shows_the_national_numbers() {
    let all: Vec<_> = default_contacts()
        .into_iter()
        .filter(|c| c.regions.is_empty())
        .collect();
    let list = contacts_for(&all, &Whereabouts::Indonesia(code("31.71")), true);
    assert_eq!(ids(&list), ["sapa129", "polisi", "darurat"]);
}
