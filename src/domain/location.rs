//! Where an incident happened: a catalog region, a country abroad, or
//! unknown.

use serde::{Deserialize, Serialize};

use super::error::DomainError;
use super::region::RegionCode;

/// A country typed by the reporter: trimmed, 1 to 60 characters, no
/// control characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Country(String);

impl Country {
    /// Longest accepted name, in characters.
    pub const MAX_CHARS: usize = 60;

    /// Validates and trims a country name.
    pub fn parse(input: &str) -> Result<Self, DomainError> {
        let name = input.trim();
        if name.is_empty() {
            return Err(DomainError::InvalidCountry("it is empty"));
        }
        if name.chars().count() > Self::MAX_CHARS {
            return Err(DomainError::InvalidCountry(
                "it is longer than 60 characters",
            ));
        }
        if name.chars().any(char::is_control) {
            return Err(DomainError::InvalidCountry(
                "it contains control characters",
            ));
        }
        Ok(Self(name.to_owned()))
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Country {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = std::borrow::Cow::<'de, str>::deserialize(d)?;
        Self::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// Where the incident happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Location {
    /// A province or regency in Indonesia.
    Region(RegionCode),
    /// Outside Indonesia.
    Abroad {
        /// Country as typed by the reporter.
        country: Country,
    },
    /// Skipped or not known.
    Unknown,
}

impl Location {
    /// Label keys of the variants that carry no region.
    pub const FIXED_LABEL_KEYS: &'static [&'static str] = &["location-abroad", "location-unknown"];

    /// Builds [`Location::Abroad`] from typed text.
    pub fn abroad(country: &str) -> Result<Self, DomainError> {
        Ok(Self::Abroad {
            country: Country::parse(country)?,
        })
    }

    /// Fluent id of the label: the region name, "abroad" or "unknown".
    pub fn label_key(&self) -> String {
        match self {
            Self::Region(code) => code.label_key(),
            Self::Abroad { .. } => Self::FIXED_LABEL_KEYS[0].to_owned(),
            Self::Unknown => Self::FIXED_LABEL_KEYS[1].to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_is_trimmed_and_bounded() {
        assert_eq!(Country::parse("  Malaysia ").unwrap().as_str(), "Malaysia");
        assert!(Country::parse("   ").is_err());
        assert!(Country::parse(&"a".repeat(60)).is_ok());
        assert!(Country::parse(&"é".repeat(61)).is_err());
        assert!(Country::parse("Kam\u{0}boja").is_err());
    }

    #[test]
    fn location_serde() {
        let locs = [
            Location::Region(RegionCode::parse("64.72").unwrap()),
            Location::abroad("Kamboja").unwrap(),
            Location::Unknown,
        ];
        let json = serde_json::to_string(&locs).unwrap();
        assert_eq!(
            json,
            r#"[{"region":"64.72"},{"abroad":{"country":"Kamboja"}},"unknown"]"#
        );
        let back: Vec<Location> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, locs);
        assert!(serde_json::from_str::<Location>(r#"{"abroad":{"country":" "}}"#).is_err());
    }

    #[test]
    fn location_label_keys() {
        assert_eq!(Location::Unknown.label_key(), "location-unknown");
        assert_eq!(
            Location::abroad("Arab Saudi").unwrap().label_key(),
            "location-abroad"
        );
        assert_eq!(
            Location::Region(RegionCode::parse("64").unwrap()).label_key(),
            "region-64"
        );
    }
}
