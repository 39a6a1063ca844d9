//! Case-worker roles and what each may see.

use super::RegionCode;
use super::area::Area;

code_enum! {
    /// A console account's role.
    pub enum Role (kind = "role", key = "role") {
        /// Accounts, settings and keys; reads no report by this role alone.
        Admin => "admin",
        /// Every report in their regions; assigns.
        Koordinator => "koordinator",
        /// Reports assigned to them, and unassigned ones in their regions.
        Petugas => "petugas",
        /// A partner agency's liaison: only what was referred to the agency.
        Mitra => "mitra",
    }
}

impl Role {
    /// Whether a new report in the worker's region is sealed to this role at
    /// submission. Mitra see reports only through a referral, which grants
    /// the key then; admins never get report keys by role.
    pub fn receives_new_reports(self) -> bool {
        matches!(self, Role::Koordinator | Role::Petugas)
    }
}

/// Whether a worker with `role` and `regions` is sealed a new report's key
/// at submission. A report in a region goes to the koordinator and petugas
/// whose regions contain it; one with no region in Indonesia (abroad, or
/// skipped) goes to every koordinator, who triages it.
pub fn entitled_at_submission(role: Role, regions: &[RegionCode], area: Option<&Area>) -> bool {
    if !role.receives_new_reports() {
        return false;
    }
    match area {
        Some(Area::Region(code)) => regions.iter().any(|r| r.contains(code)),
        Some(Area::Abroad) | None => role == Role::Koordinator,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(list: &[&str]) -> Vec<RegionCode> {
        list.iter().map(|c| RegionCode::parse(c).unwrap()).collect()
    }

    #[test]
    fn a_report_in_samarinda_goes_to_its_petugas_and_the_provinces_koordinator() {
        let samarinda = Area::Region(RegionCode::parse("64.72").unwrap());
        assert!(entitled_at_submission(
            Role::Petugas,
            &codes(&["64.72"]),
            Some(&samarinda)
        ));
        assert!(entitled_at_submission(
            Role::Koordinator,
            &codes(&["64"]),
            Some(&samarinda)
        ));
        assert!(!entitled_at_submission(
            Role::Petugas,
            &codes(&["64.71"]),
            Some(&samarinda)
        ));
        assert!(!entitled_at_submission(
            Role::Mitra,
            &codes(&["64"]),
            Some(&samarinda)
        ));
        assert!(!entitled_at_submission(
            Role::Admin,
            &codes(&["64"]),
            Some(&samarinda)
        ));
    }

    #[test]
    fn a_report_without_a_region_goes_to_koordinators_only() {
        assert!(entitled_at_submission(
            Role::Koordinator,
            &codes(&["64"]),
            None
        ));
        assert!(entitled_at_submission(
            Role::Koordinator,
            &codes(&["64"]),
            Some(&Area::Abroad)
        ));
        assert!(!entitled_at_submission(
            Role::Petugas,
            &codes(&["64.72"]),
            None
        ));
    }

    #[test]
    fn a_province_level_report_is_not_sealed_to_a_regency_petugas() {
        let province = Area::Region(RegionCode::parse("64").unwrap());
        assert!(!entitled_at_submission(
            Role::Petugas,
            &codes(&["64.72"]),
            Some(&province)
        ));
        assert!(entitled_at_submission(
            Role::Koordinator,
            &codes(&["64"]),
            Some(&province)
        ));
    }

    #[test]
    fn only_koordinator_and_petugas_receive_new_reports() {
        let receiving: Vec<_> = Role::ALL
            .iter()
            .filter(|r| r.receives_new_reports())
            .collect();
        assert_eq!(receiving, [&Role::Koordinator, &Role::Petugas]);
    }

    #[test]
    fn roles_parse_from_their_codes() {
        assert_eq!(Role::parse("mitra").unwrap(), Role::Mitra);
        assert!(Role::parse("Admin").is_err());
    }
}
