//! Where an incident happened, at the grain a stolen database may show:
//! a province or kabupaten/kota code, or "abroad" (the country stays sealed).

use std::fmt;

use super::{DomainError, Location, RegionCode};

/// The clear-text area of a report.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Area {
    Region(RegionCode),
    Abroad,
}

impl Area {
    const ABROAD: &'static str = "abroad";

    /// The stored code: a region code such as `64.72`, or `abroad`.
    pub fn as_str(&self) -> &str {
        match self {
            Area::Region(code) => code.as_str(),
            Area::Abroad => Self::ABROAD,
        }
    }

    pub fn parse(input: &str) -> Result<Self, DomainError> {
        if input == Self::ABROAD {
            Ok(Area::Abroad)
        } else {
            RegionCode::parse(input).map(Area::Region)
        }
    }

    /// The coarse area of a full location; `None` when it is unknown.
    pub fn of(location: &Location) -> Option<Self> {
        match location {
            Location::Region(code) => Some(Area::Region(code.clone())),
            Location::Abroad { .. } => Some(Area::Abroad),
            Location::Unknown => None,
        }
    }
}

impl fmt::Display for Area {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn areas_round_trip_through_their_codes() {
        for code in ["64", "64.72", "abroad"] {
            assert_eq!(Area::parse(code).unwrap().as_str(), code);
        }
    }

    #[test]
    fn a_malformed_area_is_refused() {
        assert!(Area::parse("Samarinda").is_err());
        assert!(Area::parse("").is_err());
    }
}
