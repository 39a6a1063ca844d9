use super::*;

fn code(s: &str) -> RegionCode {
    RegionCode::parse(s).unwrap()
}

#[test]
fn region_code_format() {
    for ok in ["64", "64.72", "00", "11.01"] {
        assert_eq!(code(ok).as_str(), ok);
    }
    for bad in [
        "", "6", "640", "64.7", "64-72", "64.722", "6a", "٦٤", "64.72 ", " 64",
    ] {
        assert!(RegionCode::parse(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn region_code_hierarchy() {
    assert!(code("64").is_province());
    assert!(!code("64.72").is_province());
    assert_eq!(code("64.72").province(), code("64"));
    assert!(code("64").contains(&code("64.72")));
    assert!(code("64.72").contains(&code("64.72")));
    assert!(!code("64.72").contains(&code("64")));
    assert!(!code("63").contains(&code("64.72")));
    assert_eq!(code("64.72").label_key(), "region-64-72");
}

#[test]
fn kaltim_catalog_is_valid_and_complete() {
    let cat = RegionCatalog::default_kaltim();
    cat.validate().unwrap();
    assert_eq!(cat.provinces.len(), 1);
    assert_eq!(cat.provinces[0].regencies.len(), 10);
    assert_eq!(cat.name(&code("64")), Some("Kalimantan Timur"));
    assert_eq!(cat.name(&code("64.74")), Some("Kota Bontang"));
    assert_eq!(cat.name(&code("64.11")), Some("Mahakam Ulu"));
    let kota = cat.provinces[0]
        .regencies
        .iter()
        .filter(|r| r.kind == RegencyKind::Kota)
        .count();
    assert_eq!(kota, 3);
}

#[test]
fn lookup() {
    let cat = RegionCatalog::default_kaltim();
    match cat.lookup(&code("64.71")).unwrap() {
        Region::Regency { province, regency } => {
            assert_eq!(province.name, "Kalimantan Timur");
            assert_eq!(regency.name, "Kota Balikpapan");
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(cat.lookup(&code("64")), Some(Region::Province(_))));
    assert!(cat.lookup(&code("64.99")).is_none());
    assert!(cat.lookup(&code("63.71")).is_none());
}

#[test]
fn validate_rejects_inconsistent_catalogs() {
    let mut dup = RegionCatalog::default_kaltim();
    dup.provinces[0].regencies[1].code = code("64.01");
    assert!(
        dup.validate()
            .unwrap_err()
            .to_string()
            .contains("used twice")
    );

    let mut outside = RegionCatalog::default_kaltim();
    outside.provinces[0].regencies[0].code = code("63.01");
    assert!(
        outside
            .validate()
            .unwrap_err()
            .to_string()
            .contains("must start with")
    );

    let mut level = RegionCatalog::default_kaltim();
    level.provinces[0].code = code("64.00");
    assert!(level.validate().is_err());

    let mut blank = RegionCatalog::default_kaltim();
    blank.provinces[0].regencies[0].name = "  ".into();
    assert!(blank.validate().is_err());

    assert!(RegionCatalog { provinces: vec![] }.validate().is_err());
}

#[test]
fn catalog_loads_from_toml_config() {
    #[derive(serde::Deserialize)]
    struct Config {
        regions: RegionCatalog,
    }
    let toml = r#"
        [[regions.provinces]]
        code = "64"
        name = "Kalimantan Timur"

        [[regions.provinces.regencies]]
        code = "64.72"
        name = "Kota Samarinda"
        kind = "kota"

        [[regions.provinces]]
        code = "65"
        name = "Kalimantan Utara"
    "#;
    let cfg: Config = toml::from_str(toml).unwrap();
    cfg.regions.validate().unwrap();
    assert_eq!(
        cfg.regions.provinces[0].regencies[0].kind,
        RegencyKind::Kota
    );
    assert!(cfg.regions.provinces[1].regencies.is_empty());

    let bad = toml.replace("\"64.72\"", "\"64/72\"");
    assert!(toml::from_str::<Config>(&bad).is_err());
}
