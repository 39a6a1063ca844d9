//! The locale files as shipped: complete in both languages, and the example
//! configuration parses.

use suara::i18n::{Locales, check_parity};

#[test]
fn every_text_exists_in_both_languages_with_the_same_variables() {
    let locales = Locales::load().expect("locales load");
    let problems = check_parity(&locales);
    assert!(
        problems.is_empty(),
        "locale problems:\n{}",
        problems.join("\n")
    );
}

#[test]
fn every_domain_label_has_a_text() {
    let locales = Locales::load().expect("locales load");
    for lang in suara::i18n::Lang::ALL {
        for key in suara::domain::fluent_keys() {
            assert!(locales.has(*lang, &key), "{key} missing in {lang:?}");
        }
    }
}

#[test]
fn the_example_configuration_is_valid() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/suara.example.toml");
    let settings =
        suara::config::Settings::load(Some(std::path::Path::new(path))).expect("example parses");
    assert_eq!(settings.regions.provinces[0].regencies.len(), 10);
    assert!(settings.contacts.iter().any(|c| c.emergency));
}
