//! The main destination countries of Indonesian migrant workers, offered
//! as buttons when she says it happened abroad, so the embassy or
//! consulate of that country can be shown. Any other country is typed.

use super::location::Country;

code_enum! {
    /// A country many Indonesian migrant workers go to.
    pub enum Destination (kind = "destination", key = "destination") {
        /// Malaysia (incl. Sabah and Sarawak, close to Kalimantan).
        Malaysia => "malaysia",
        /// Saudi Arabia.
        SaudiArabia => "saudi_arabia",
        /// Hong Kong.
        HongKong => "hong_kong",
        /// Taiwan.
        Taiwan => "taiwan",
        /// Singapore.
        Singapore => "singapore",
        /// United Arab Emirates.
        Uae => "uae",
        /// Brunei Darussalam.
        Brunei => "brunei",
        /// South Korea.
        SouthKorea => "south_korea",
        /// Japan.
        Japan => "japan",
    }
}

impl Destination {
    /// The name stored as her answer (Indonesian, as case workers write it).
    pub fn country_name(self) -> &'static str {
        match self {
            Self::Malaysia => "Malaysia",
            Self::SaudiArabia => "Arab Saudi",
            Self::HongKong => "Hong Kong",
            Self::Taiwan => "Taiwan",
            Self::Singapore => "Singapura",
            Self::Uae => "Uni Emirat Arab",
            Self::Brunei => "Brunei Darussalam",
            Self::SouthKorea => "Korea Selatan",
            Self::Japan => "Jepang",
        }
    }

    /// The answer stored for this button.
    pub fn country(self) -> Country {
        Country::parse(self.country_name()).expect("built-in names are valid")
    }

    /// Names people type for each country, folded (lowercase, letters and
    /// single spaces only), so a typed country still finds its embassy.
    const ALIASES: &'static [(&'static str, Self)] = &[
        ("malaysia", Self::Malaysia),
        ("malaysa", Self::Malaysia),
        ("malasia", Self::Malaysia),
        ("sabah", Self::Malaysia),
        ("sarawak", Self::Malaysia),
        ("kuala lumpur", Self::Malaysia),
        ("arab saudi", Self::SaudiArabia),
        ("saudi arabia", Self::SaudiArabia),
        ("saudi", Self::SaudiArabia),
        ("arab", Self::SaudiArabia),
        ("ksa", Self::SaudiArabia),
        ("hong kong", Self::HongKong),
        ("hongkong", Self::HongKong),
        ("hk", Self::HongKong),
        ("taiwan", Self::Taiwan),
        ("singapura", Self::Singapore),
        ("singapore", Self::Singapore),
        ("singapur", Self::Singapore),
        ("uni emirat arab", Self::Uae),
        ("united arab emirates", Self::Uae),
        ("uae", Self::Uae),
        ("uea", Self::Uae),
        ("emirat", Self::Uae),
        ("dubai", Self::Uae),
        ("abu dhabi", Self::Uae),
        ("brunei", Self::Brunei),
        ("brunei darussalam", Self::Brunei),
        ("korea", Self::SouthKorea),
        ("korea selatan", Self::SouthKorea),
        ("south korea", Self::SouthKorea),
        ("korsel", Self::SouthKorea),
        ("jepang", Self::Japan),
        ("japan", Self::Japan),
    ];

    /// The destination a country answer names, if it is one of these.
    pub fn of(country: &Country) -> Option<Self> {
        let folded = fold(country.as_str());
        Self::ALIASES
            .iter()
            .find(|(alias, _)| *alias == folded)
            .map(|(_, d)| *d)
    }
}

/// Lowercase ASCII letters with single spaces; everything else dropped.
fn fold(name: &str) -> String {
    let lower: String = name
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_lowercase() { c } else { ' ' })
        .collect();
    lower.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_destination_finds_itself_by_its_stored_name() {
        for d in Destination::ALL {
            assert_eq!(Destination::of(&d.country()), Some(*d));
            assert_eq!(Destination::parse(d.as_str()).unwrap(), *d);
        }
    }

    #[test]
    fn typed_names_in_other_spellings_find_the_destination() {
        let typed = |s: &str| Destination::of(&Country::parse(s).unwrap());
        assert_eq!(typed("  MALAYSIA "), Some(Destination::Malaysia));
        assert_eq!(typed("Hong-Kong"), Some(Destination::HongKong));
        assert_eq!(typed("saudi arabia"), Some(Destination::SaudiArabia));
        assert_eq!(typed("Dubai"), Some(Destination::Uae));
        assert_eq!(typed("Kamboja"), None);
    }
}
