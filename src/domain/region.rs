//! Regions: BPS-style province and regency codes and the configurable
//! region catalog.

use std::collections::BTreeSet;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::error::{DomainError, shorten};

/// A BPS-style region code: a province ("64") or a regency/city ("64.72").
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RegionCode(String);

impl RegionCode {
    /// Parses `NN` or `NN.NN` (ASCII digits).
    pub fn parse(input: &str) -> Result<Self, DomainError> {
        let b = input.as_bytes();
        let digits = |s: &[u8]| s.iter().all(u8::is_ascii_digit);
        let ok = match b.len() {
            2 => digits(b),
            5 => digits(&b[..2]) && b[2] == b'.' && digits(&b[3..]),
            _ => false,
        };
        if ok {
            Ok(Self(input.to_owned()))
        } else {
            Err(DomainError::InvalidRegionCode(shorten(input)))
        }
    }

    /// The code as written ("64.72").
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether this is a province code.
    pub fn is_province(&self) -> bool {
        self.0.len() == 2
    }

    /// The province this code belongs to (itself for a province).
    pub fn province(&self) -> RegionCode {
        Self(self.0[..2].to_owned())
    }

    /// Whether `other` is this region or lies inside it.
    pub fn contains(&self, other: &RegionCode) -> bool {
        self == other || (self.is_province() && other.0.starts_with(&self.0))
    }

    /// Fluent id of the region's name: `region-64` or `region-64-72`.
    pub fn label_key(&self) -> String {
        format!("region-{}", self.0.replace('.', "-"))
    }
}

impl fmt::Display for RegionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for RegionCode {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl Serialize for RegionCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for RegionCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = std::borrow::Cow::<'de, str>::deserialize(d)?;
        Self::parse(&s).map_err(serde::de::Error::custom)
    }
}

code_enum! {
    /// Whether a second-level region is a city or a regency.
    pub enum RegencyKind (kind = "regency kind", key = "regency-kind") {
        /// Kota (city).
        Kota => "kota",
        /// Kabupaten (regency).
        Kabupaten => "kabupaten",
    }
}

/// A regency or city of the catalog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Regency {
    /// Code, e.g. "64.72".
    pub code: RegionCode,
    /// Name as people say it, e.g. "Kota Samarinda".
    pub name: String,
    /// Kota or kabupaten.
    pub kind: RegencyKind,
}

/// A province of the catalog with its regencies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProvinceEntry {
    /// Code, e.g. "64".
    pub code: RegionCode,
    /// Name, e.g. "Kalimantan Timur".
    pub name: String,
    /// Its regencies and cities, in the order offered to reporters.
    #[serde(default)]
    pub regencies: Vec<Regency>,
}

/// A region found in the catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Region<'a> {
    /// A province.
    Province(&'a ProvinceEntry),
    /// A regency or city, with its province.
    Regency {
        /// The province it belongs to.
        province: &'a ProvinceEntry,
        /// The regency itself.
        regency: &'a Regency,
    },
}

impl<'a> Region<'a> {
    /// The region's name from the catalog.
    pub fn name(&self) -> &'a str {
        match self {
            Self::Province(p) => &p.name,
            Self::Regency { regency, .. } => &regency.name,
        }
    }

    /// The region's code.
    pub fn code(&self) -> &'a RegionCode {
        match self {
            Self::Province(p) => &p.code,
            Self::Regency { regency, .. } => &regency.code,
        }
    }
}

/// The provinces and regencies a deployment offers; loaded from config.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionCatalog {
    /// Provinces, in the order offered to reporters.
    pub provinces: Vec<ProvinceEntry>,
}

impl RegionCatalog {
    /// Kalimantan Timur (64) and its ten regencies and cities.
    pub fn default_kaltim() -> Self {
        use RegencyKind::{Kabupaten, Kota};
        let regencies = [
            ("64.01", "Paser", Kabupaten),
            ("64.02", "Kutai Barat", Kabupaten),
            ("64.03", "Kutai Kartanegara", Kabupaten),
            ("64.04", "Kutai Timur", Kabupaten),
            ("64.05", "Berau", Kabupaten),
            ("64.09", "Penajam Paser Utara", Kabupaten),
            ("64.11", "Mahakam Ulu", Kabupaten),
            ("64.71", "Kota Balikpapan", Kota),
            ("64.72", "Kota Samarinda", Kota),
            ("64.74", "Kota Bontang", Kota),
        ]
        .into_iter()
        .map(|(code, name, kind)| Regency {
            code: RegionCode(code.to_owned()),
            name: name.to_owned(),
            kind,
        })
        .collect();
        Self {
            provinces: vec![ProvinceEntry {
                code: RegionCode("64".to_owned()),
                name: "Kalimantan Timur".to_owned(),
                regencies,
            }],
        }
    }

    /// Checks the rules serde cannot: at least one province, province and
    /// regency codes at the right level, regencies inside their province,
    /// unique codes, non-blank names.
    pub fn validate(&self) -> Result<(), DomainError> {
        let bad = |msg: String| Err(DomainError::InvalidCatalog(msg));
        if self.provinces.is_empty() {
            return bad("no provinces".to_owned());
        }
        let mut seen = BTreeSet::new();
        for p in &self.provinces {
            if !p.code.is_province() {
                return bad(format!(
                    "province code {} must have two digits only",
                    p.code
                ));
            }
            if p.name.trim().is_empty() {
                return bad(format!("province {} has no name", p.code));
            }
            if !seen.insert(&p.code) {
                return bad(format!("code {} is used twice", p.code));
            }
            for r in &p.regencies {
                if r.code.is_province() || !p.code.contains(&r.code) {
                    return bad(format!(
                        "regency code {} must start with its province code {}.",
                        r.code, p.code
                    ));
                }
                if r.name.trim().is_empty() {
                    return bad(format!("regency {} has no name", r.code));
                }
                if !seen.insert(&r.code) {
                    return bad(format!("code {} is used twice", r.code));
                }
            }
        }
        Ok(())
    }

    /// Finds a province or regency by code.
    pub fn lookup(&self, code: &RegionCode) -> Option<Region<'_>> {
        let province = self.provinces.iter().find(|p| p.code == code.province())?;
        if code.is_province() {
            return Some(Region::Province(province));
        }
        let regency = province.regencies.iter().find(|r| &r.code == code)?;
        Some(Region::Regency { province, regency })
    }

    /// The catalog name of a region, if known.
    pub fn name(&self, code: &RegionCode) -> Option<&str> {
        self.lookup(code).map(|r| r.name())
    }
}

#[cfg(test)]
#[path = "region_tests.rs"]
mod tests;
