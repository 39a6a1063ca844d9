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

/// Something a console account may do. Opening a particular report also
/// needs its key (see `service::access`); a permission only says the role
/// can do this kind of thing at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// See the triage queue and open reports sealed or referred to them.
    WorkReports,
    /// Change a report's status, write notes, message the reporter, refer.
    ActOnReports,
    /// Give a report to any entitled worker, or take it back.
    AssignOthers,
    /// Take an unassigned report for oneself.
    TakeReports,
    /// Statistics and the Simfoni-PPA export.
    ViewStatistics,
    /// Create and disable accounts, read the audit log.
    Administer,
}

impl Role {
    /// Whether this role may do `permission`: the one table of who does what.
    pub fn may(self, permission: Permission) -> bool {
        use Permission::*;
        match self {
            Role::Admin => matches!(permission, ViewStatistics | Administer),
            Role::Koordinator => matches!(
                permission,
                WorkReports | ActOnReports | AssignOthers | TakeReports | ViewStatistics
            ),
            Role::Petugas => matches!(permission, WorkReports | ActOnReports | TakeReports),
            Role::Mitra => permission == WorkReports,
        }
    }

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
    fn only_an_admin_administers_and_only_a_koordinator_assigns_to_others() {
        for role in Role::ALL {
            assert_eq!(role.may(Permission::Administer), *role == Role::Admin);
            assert_eq!(
                role.may(Permission::AssignOthers),
                *role == Role::Koordinator
            );
        }
        assert!(!Role::Mitra.may(Permission::ActOnReports));
        assert!(!Role::Admin.may(Permission::WorkReports));
    }

    #[test]
    fn roles_parse_from_their_codes() {
        assert_eq!(Role::parse("mitra").unwrap(), Role::Mitra);
        assert!(Role::parse("Admin").is_err());
    }
}
