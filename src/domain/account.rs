//! The rules of a console account, written once: a username, a role, the
//! regions a koordinator or petugas serves (from the configured catalog),
//! the agency of a mitra. The CLI, the admin page and the demo all parse a
//! [`NewAccount`] and hand it to `service::accounts::create`.

use super::region::{RegionCatalog, RegionCode};
use super::role::Role;

/// Why an account cannot be created as asked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AccountRuleError {
    #[error("a username is 1 to 64 letters, digits, '.', '_' or '-'")]
    Username,
    #[error(
        "a {0} account needs regions (for example 64 or 64.72): new reports in those regions are sealed to it"
    )]
    RegionsNeeded(Role),
    #[error("region {0} is not a region code")]
    BadRegion(String),
    #[error("region {0} is not in the configured region catalog")]
    UnknownRegion(String),
    #[error("a mitra account needs an agency: the partner agency whose referrals it reads")]
    AgencyNeeded,
    #[error("an agency is 1 to 64 letters, digits, '-', '_' or '.'")]
    BadAgency,
    #[error("an agency is only for mitra accounts, not {0}")]
    AgencyNotAllowed(Role),
}

/// Who confirms a new account before it receives report keys (or, for an
/// admin account, before it administers): a second person, never its
/// creator.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ApprovalMode {
    /// An approved, active koordinator (the default).
    #[default]
    Koordinator,
    /// An approved, active admin other than the creator.
    Admin,
}

/// One side of an approval, as the rule needs it.
#[derive(Debug, Clone, Copy)]
pub struct Party<'a> {
    pub id: &'a str,
    pub role: Role,
    /// Approved itself, enrolled and not disabled.
    pub trusted: bool,
}

impl ApprovalMode {
    /// Whether `approver` may approve `subject`, which `creator` made. Nobody
    /// approves their own account or one they created: the point is a
    /// second person.
    pub fn may_approve(
        self,
        approver: Party<'_>,
        subject: Party<'_>,
        creator: Option<&str>,
    ) -> bool {
        let role = match self {
            ApprovalMode::Koordinator => Role::Koordinator,
            ApprovalMode::Admin => Role::Admin,
        };
        approver.trusted
            && approver.role == role
            && approver.id != subject.id
            && creator != Some(approver.id)
    }
}

/// A username: what a worker signs in with, and what the audit log and
/// the console show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Username(String);

impl Username {
    pub fn parse(raw: &str) -> Result<Self, AccountRuleError> {
        let name = raw.trim();
        let ok = (1..=64).contains(&name.chars().count())
            && name
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-'));
        if ok {
            Ok(Self(name.to_owned()))
        } else {
            Err(AccountRuleError::Username)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An account to create, checked against the rules and the catalog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAccount {
    pub username: Username,
    pub role: Role,
    /// Region codes as stored: each in the catalog, without repeats.
    pub regions: Vec<String>,
    pub agency: Option<String>,
}

impl NewAccount {
    /// Checks `regions` (codes as typed) and `agency` for `role`.
    pub fn parse(
        username: &str,
        role: Role,
        regions: &[&str],
        agency: Option<&str>,
        catalog: &RegionCatalog,
    ) -> Result<Self, AccountRuleError> {
        let username = Username::parse(username)?;
        let mut codes: Vec<String> = Vec::new();
        for raw in regions.iter().map(|r| r.trim()).filter(|r| !r.is_empty()) {
            let code =
                RegionCode::parse(raw).map_err(|_| AccountRuleError::BadRegion(raw.to_owned()))?;
            if catalog.lookup(&code).is_none() {
                return Err(AccountRuleError::UnknownRegion(code.as_str().to_owned()));
            }
            if !codes.iter().any(|c| c == code.as_str()) {
                codes.push(code.as_str().to_owned());
            }
        }
        if codes.is_empty() && role.receives_new_reports() {
            return Err(AccountRuleError::RegionsNeeded(role));
        }
        let agency = agency.map(str::trim).filter(|a| !a.is_empty());
        let agency = match (role, agency) {
            (Role::Mitra, None) => return Err(AccountRuleError::AgencyNeeded),
            (Role::Mitra, Some(code)) => {
                let ok = code.len() <= 64
                    && code
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
                if !ok {
                    return Err(AccountRuleError::BadAgency);
                }
                Some(code.to_owned())
            }
            (_, Some(_)) => return Err(AccountRuleError::AgencyNotAllowed(role)),
            (_, None) => None,
        };
        Ok(Self {
            username,
            role,
            regions: codes,
            agency,
        })
    }

    /// The account's scope in words, for the audit log and the CLI.
    pub fn scope(&self) -> String {
        let mut out = String::new();
        if !self.regions.is_empty() {
            out.push_str(&format!(", regions {}", self.regions.join(", ")));
        }
        if let Some(agency) = &self.agency {
            out.push_str(&format!(", agency {agency}"));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> RegionCatalog {
        RegionCatalog::default_kaltim()
    }

    #[test]
    fn a_petugas_needs_regions_from_the_catalog() {
        assert_eq!(
            NewAccount::parse("sari", Role::Petugas, &[], None, &catalog()),
            Err(AccountRuleError::RegionsNeeded(Role::Petugas))
        );
        assert_eq!(
            NewAccount::parse("sari", Role::Petugas, &["31.71"], None, &catalog()),
            Err(AccountRuleError::UnknownRegion("31.71".into()))
        );
        let ok = NewAccount::parse("sari", Role::Petugas, &["64.72", "64.72"], None, &catalog())
            .unwrap();
        assert_eq!(ok.regions, ["64.72"]);
    }

    #[test]
    fn a_mitra_needs_an_agency_and_only_a_mitra_has_one() {
        assert_eq!(
            NewAccount::parse("m", Role::Mitra, &[], None, &catalog()),
            Err(AccountRuleError::AgencyNeeded)
        );
        assert_eq!(
            NewAccount::parse("k", Role::Koordinator, &["64"], Some("polda"), &catalog()),
            Err(AccountRuleError::AgencyNotAllowed(Role::Koordinator))
        );
        assert!(NewAccount::parse("m", Role::Mitra, &[], Some("polda-kaltim"), &catalog()).is_ok());
    }

    #[test]
    fn a_second_person_approves_never_the_creator_or_the_account_itself() {
        let party = |id, role| Party {
            id,
            role,
            trusted: true,
        };
        let subject = Party {
            trusted: false,
            ..party("new", Role::Koordinator)
        };
        let k = party("k", Role::Koordinator);
        let admin = party("a", Role::Admin);
        let other_admin = party("b", Role::Admin);
        let mode = ApprovalMode::Koordinator;
        assert!(mode.may_approve(k, subject, Some("a")));
        assert!(
            !mode.may_approve(admin, subject, Some("b")),
            "not in koordinator mode"
        );
        assert!(!mode.may_approve(k, subject, Some("k")), "not the creator");
        assert!(!mode.may_approve(
            Party {
                trusted: false,
                ..k
            },
            subject,
            None
        ));
        assert!(!mode.may_approve(subject, subject, None));
        let mode = ApprovalMode::Admin;
        assert!(mode.may_approve(other_admin, subject, Some("a")));
        assert!(!mode.may_approve(admin, subject, Some("a")), "the creator");
        assert!(!mode.may_approve(k, subject, Some("a")));
    }

    #[test]
    fn usernames_are_plain_words_without_spaces_or_markup() {
        for bad in ["", " ", "a b", "<script>", "x\u{0}", &"a".repeat(65)] {
            assert_eq!(
                Username::parse(bad),
                Err(AccountRuleError::Username),
                "{bad:?}"
            );
        }
        assert_eq!(Username::parse(" sari.w ").unwrap().as_str(), "sari.w");
    }
}
