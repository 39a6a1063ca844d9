//! Case-worker roles and what each may see.

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

#[cfg(test)]
mod tests {
    use super::*;

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
