use super::*;

fn by_id<'c>(all: &'c [Contact], id: &str) -> &'c Contact {
    all.iter().find(|c| c.id == id).expect(id)
}

#[test]
fn the_shipped_list_parses_with_unique_ids() {
    let all = default_contacts();
    let mut ids: Vec<_> = all.iter().map(|c| c.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), all.len());
}

#[test]
fn every_shipped_number_has_a_source_and_a_date() {
    for c in default_contacts().iter().filter(|c| c.reachable()) {
        assert!(
            c.source.as_deref().is_some_and(|s| !s.is_empty()),
            "{}",
            c.id
        );
        assert!(c.checked.is_some(), "{}", c.id);
    }
}

#[test]
fn nothing_shipped_claims_to_be_verified_without_a_check() {
    // The list was written without access to the official pages: every
    // entry must be confirmed by the deployment before it is trusted.
    assert!(default_contacts().iter().all(|c| !c.verified));
}

#[test]
fn kalimantan_timur_has_an_entry_for_the_province_and_each_of_its_ten_regencies() {
    let all = default_contacts();
    let catalog = crate::domain::RegionCatalog::default_kaltim();
    let kaltim = &catalog.provinces[0];
    let covered = |code: &RegionCode| all.iter().any(|c| c.regions.contains(code));
    assert!(covered(&kaltim.code));
    assert_eq!(kaltim.regencies.len(), 10);
    for r in &kaltim.regencies {
        assert!(covered(&r.code), "{}", r.name);
    }
}

#[test]
fn every_main_destination_country_has_an_embassy_or_consulate() {
    let all = default_contacts();
    for d in crate::domain::Destination::ALL {
        let here: Vec<_> = (all.iter())
            .filter(|c| c.scope == Scope::Abroad && c.countries.contains(d))
            .collect();
        assert!(!here.is_empty(), "{d}");
        assert!(here.iter().all(|c| c.reachable()), "{d}");
    }
}

#[test]
fn emergency_is_110_112_and_129() {
    let mut phones: Vec<_> = emergency_contacts()
        .into_iter()
        .filter_map(|c| c.phone)
        .collect();
    phones.sort();
    assert_eq!(phones, ["110", "112", "129"]);
}

#[test]
fn kp2mi_has_its_toll_free_and_its_international_number() {
    let all = default_contacts();
    let kp2mi = by_id(&all, "kp2mi");
    assert_eq!(kp2mi.phone.as_deref(), Some("0800-1000"));
    assert_eq!(kp2mi.phone_abroad.as_deref(), Some("+62 21 29244800"));
    assert_eq!(kp2mi.scope, Scope::Everywhere);
    assert!(all.iter().all(|c| c.id != "bp2mi"), "BP2MI is now KP2MI");
}

#[test]
fn regional_contacts_serve_their_region_only() {
    let all = default_contacts();
    let samarinda = by_id(&all, "uptd_ppa_samarinda");
    let here = RegionCode::parse("64.72").unwrap();
    let there = RegionCode::parse("64.71").unwrap();
    assert!(samarinda.serves(Some(&here)));
    assert!(!samarinda.serves(Some(&there)));
    assert!(!samarinda.serves(None));
    let sapa = by_id(&all, "sapa129");
    assert!(sapa.serves(None) && sapa.serves(Some(&there)));
}

#[test]
fn whatsapp_numbers_become_tap_links() {
    let all = default_contacts();
    assert_eq!(
        by_id(&all, "sapa129").whatsapp_link().as_deref(),
        Some("https://wa.me/628111129129")
    );
    assert_eq!(by_id(&all, "polisi").whatsapp_link(), None);
    assert_eq!(
        by_id(&all, "uptd_ppa_samarinda").whatsapp_link().as_deref(),
        Some("https://wa.me/6282324421313")
    );
}

#[test]
fn a_deployments_own_list_still_loads_from_toml_with_the_old_fields() {
    #[derive(serde::Deserialize)]
    struct Config {
        contacts: Vec<Contact>,
    }
    let cfg: Config = toml::from_str(
        r#"
        [[contacts]]
        id = "uptd"
        name = "UPTD PPA"
        whatsapp = "0800"
        regions = ["64.72"]
        "#,
    )
    .unwrap();
    let c = &cfg.contacts[0];
    assert!(!c.emergency && !c.verified);
    assert_eq!(c.scope, Scope::Indonesia);
    assert_eq!(c.regions[0].as_str(), "64.72");
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[test]
fn check_config_warns_about_old_unverified_undated_and_empty_contacts() {
    let mut all = default_contacts();
    let today = day("2026-12-02");
    let warnings = contact_warnings(&all, today);
    let empty = warnings
        .iter()
        .filter(|w| w.problem == ContactProblem::NoWayToReach)
        .count();
    assert_eq!(empty, 8, "eight kabupaten/kota still need a number");
    assert!(
        warnings
            .iter()
            .all(|w| !matches!(w.problem, ContactProblem::Old { .. }))
    );

    for c in &mut all {
        c.verified = true;
    }
    all[0].checked = Some(day("2025-12-01"));
    all[1].checked = None;
    all[2].source = None;
    let warnings = contact_warnings(&all, today);
    let of = |id: &str| -> Vec<ContactProblem> {
        (warnings.iter())
            .filter(|w| w.id == id)
            .map(|w| w.problem)
            .collect()
    };
    assert_eq!(of(&all[0].id), [ContactProblem::Old { days: 366 }]);
    assert_eq!(of(&all[1].id), [ContactProblem::NoDate]);
    assert_eq!(of(&all[2].id), [ContactProblem::NoSource]);
    assert!(of(&all[3].id).is_empty());
    let line = warnings[0].to_string();
    assert!(
        line.contains("sapa129") && line.contains("366 days"),
        "{line}"
    );
}

#[test]
fn a_contact_checked_exactly_a_year_ago_is_not_yet_old() {
    let mut all = default_contacts();
    all.truncate(1);
    all[0].verified = true;
    all[0].checked = Some(day("2025-12-02"));
    assert!(contact_warnings(&all, day("2026-12-02")).is_empty());
}
