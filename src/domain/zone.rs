//! The task force's time zone, for every time the console shows.
//!
//! Indonesia keeps no daylight saving time, so its three zones are fixed
//! offsets: a small table names them, and no time-zone database is needed.
//! A deployment outside these zones can still give `UTC`.

use std::fmt;

use chrono::{DateTime, FixedOffset, Utc};

/// A zone the console can show times in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Zone {
    name: &'static str,
    /// The short name shown after a time, e.g. `WITA`.
    label: &'static str,
    offset_hours: i32,
}

/// The zones known by name: IANA names in use in Indonesia, and UTC.
const ZONES: &[Zone] = &[
    Zone::new("Asia/Jakarta", "WIB", 7),
    Zone::new("Asia/Pontianak", "WIB", 7),
    Zone::new("Asia/Makassar", "WITA", 8),
    Zone::new("Asia/Jayapura", "WIT", 9),
    Zone::new("UTC", "UTC", 0),
];

impl Zone {
    const fn new(name: &'static str, label: &'static str, offset_hours: i32) -> Self {
        Self {
            name,
            label,
            offset_hours,
        }
    }

    /// WITA (Asia/Makassar): Kalimantan Timur, where Suara starts.
    pub const DEFAULT: Zone = Zone::new("Asia/Makassar", "WITA", 8);

    /// A zone by its IANA name (any case), or its short name (WIB, WITA,
    /// WIT, UTC).
    pub fn parse(text: &str) -> Result<Self, UnknownZone> {
        let text = text.trim();
        ZONES
            .iter()
            .find(|z| z.name.eq_ignore_ascii_case(text) || z.label.eq_ignore_ascii_case(text))
            .copied()
            .ok_or(UnknownZone)
    }

    /// The IANA name, e.g. `Asia/Makassar`.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// `at` in this zone, as `2026-12-02 19:07 WITA`.
    pub fn format(&self, at: DateTime<Utc>) -> String {
        let offset = FixedOffset::east_opt(self.offset_hours * 3600).expect("offsets in range");
        format!(
            "{} {}",
            at.with_timezone(&offset).format("%Y-%m-%d %H:%M"),
            self.label
        )
    }
}

impl Default for Zone {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// A zone name that is not in the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnknownZone;

impl fmt::Display for UnknownZone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = ZONES.iter().map(|z| z.name).collect();
        write!(f, "must be one of {}", names.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_three_indonesian_zones_and_utc_are_known_by_either_name() {
        let at = Utc.with_ymd_and_hms(2026, 12, 2, 23, 30, 0).unwrap();
        assert_eq!(Zone::DEFAULT.format(at), "2026-12-03 07:30 WITA");
        assert_eq!(
            Zone::parse("asia/jakarta").unwrap().format(at),
            "2026-12-03 06:30 WIB"
        );
        assert_eq!(
            Zone::parse("WIT").unwrap().format(at),
            "2026-12-03 08:30 WIT"
        );
        assert_eq!(
            Zone::parse("UTC").unwrap().format(at),
            "2026-12-02 23:30 UTC"
        );
        assert_eq!(Zone::parse("Asia/Makassar").unwrap(), Zone::DEFAULT);
    }

    #[test]
    fn an_unknown_zone_is_refused_with_the_names_that_work() {
        let err = Zone::parse("Europe/Paris").unwrap_err();
        assert!(err.to_string().contains("Asia/Makassar"), "{err}");
    }
}
