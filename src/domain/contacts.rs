//! Help lines and services shown to reporters, and where each applies.
//!
//! The defaults live in `contacts.toml` beside this file, every number
//! with its source and the date it was entered; deployments may replace
//! the list from config. [`contact_warnings`] lists what a deployment must
//! check before going live (unverified, old, or without any number).
//! Which contacts she is shown, and in what order, is in [`super::help`].

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::destination::Destination;
use super::region::RegionCode;

/// Where a contact can be reached from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Only from inside Indonesia (110, 112, a local UPTD PPA). The
    /// default, so a deployment's own list stays as it was.
    #[default]
    Indonesia,
    /// Only for someone abroad (an embassy or consulate).
    Abroad,
    /// From anywhere; from abroad through `phone_abroad` and WhatsApp.
    Everywhere,
}

/// A service the reporter can call or write to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    /// Stable id, e.g. "sapa129".
    pub id: String,
    /// Name shown to the reporter.
    pub name: String,
    /// Number to call, as displayed.
    #[serde(default)]
    pub phone: Option<String>,
    /// WhatsApp number, as displayed; shown as a `wa.me` link.
    #[serde(default)]
    pub whatsapp: Option<String>,
    /// The number to call from outside Indonesia (`+62 …`), if it differs.
    #[serde(default)]
    pub phone_abroad: Option<String>,
    /// An official web page, shown when there is no number to give.
    #[serde(default)]
    pub web: Option<String>,
    /// Shown first, and when she is not safe.
    #[serde(default)]
    pub emergency: bool,
    /// Where it can be reached from.
    #[serde(default)]
    pub scope: Scope,
    /// Regions served (provinces or regencies); empty means all of them.
    #[serde(default)]
    pub regions: Vec<RegionCode>,
    /// For [`Scope::Abroad`]: the countries it serves; empty means all.
    #[serde(default)]
    pub countries: Vec<Destination>,
    /// Where the number was published (the official page's name).
    #[serde(default)]
    pub source: Option<String>,
    /// When it was entered or last checked against `source`.
    #[serde(default)]
    pub checked: Option<NaiveDate>,
    /// Whether someone confirmed it against `source` on `checked`.
    #[serde(default)]
    pub verified: bool,
    /// A note for whoever maintains the list; never shown to reporters.
    #[serde(default)]
    pub note: Option<String>,
}

impl Contact {
    /// Whether the contact serves `region`. Nationwide contacts serve
    /// everyone; a regional one serves its region and the regencies inside
    /// it, and nobody whose region is unknown.
    pub fn serves(&self, region: Option<&RegionCode>) -> bool {
        if self.regions.is_empty() {
            return true;
        }
        region.is_some_and(|r| self.regions.iter().any(|own| own.contains(r)))
    }

    /// Whether she can be given anything to call, write to or open.
    pub fn reachable(&self) -> bool {
        self.phone.is_some()
            || self.whatsapp.is_some()
            || self.phone_abroad.is_some()
            || self.web.is_some()
    }

    /// `https://wa.me/<number>` link for the WhatsApp number, converting the
    /// Indonesian trunk prefix 0 to the country code 62.
    pub fn whatsapp_link(&self) -> Option<String> {
        let digits: String = self
            .whatsapp
            .as_deref()?
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        let international = match digits.strip_prefix('0') {
            Some(rest) => format!("62{rest}"),
            None => digits,
        };
        (!international.is_empty()).then(|| format!("https://wa.me/{international}"))
    }
}

/// The shipped list, parsed from `contacts.toml`.
pub fn default_contacts() -> Vec<Contact> {
    #[derive(Deserialize)]
    struct File {
        contacts: Vec<Contact>,
    }
    let file: File = toml::from_str(include_str!("contacts.toml")).expect("contacts.toml is valid");
    file.contacts
}

/// The contacts to show at once when she is not safe: 110, 112, SAPA 129.
pub fn emergency_contacts() -> Vec<Contact> {
    default_contacts()
        .into_iter()
        .filter(|c| c.emergency)
        .collect()
}

/// Something to check in a contact before a deployment relies on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactWarning {
    /// The contact's id.
    pub id: String,
    /// What is wrong.
    pub problem: ContactProblem,
}

/// What [`contact_warnings`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactProblem {
    /// No number and no page: it is never shown until one is added.
    NoWayToReach,
    /// No source recorded.
    NoSource,
    /// No date recorded.
    NoDate,
    /// Not confirmed against its source.
    NotVerified,
    /// Entered or checked more than a year ago.
    Old {
        /// Days since `checked`.
        days: i64,
    },
}

impl std::fmt::Display for ContactWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let id = &self.id;
        match self.problem {
            ContactProblem::NoWayToReach => {
                write!(
                    f,
                    "contact `{id}` has no number or page yet; it is not shown"
                )
            }
            ContactProblem::NoSource => write!(f, "contact `{id}` has no source"),
            ContactProblem::NoDate => write!(f, "contact `{id}` has no `checked` date"),
            ContactProblem::NotVerified => {
                write!(f, "contact `{id}` is not verified against its source")
            }
            ContactProblem::Old { days } => {
                write!(
                    f,
                    "contact `{id}` was checked {days} days ago; check it again"
                )
            }
        }
    }
}

/// Days after which a contact counts as old.
pub const CONTACT_MAX_AGE_DAYS: i64 = 365;

/// What to check before relying on `contacts` on `today`, for
/// `suara check-config`: a wrong number given to a woman in danger costs
/// more than a warning at deployment.
pub fn contact_warnings(contacts: &[Contact], today: NaiveDate) -> Vec<ContactWarning> {
    let mut out = Vec::new();
    for c in contacts {
        let mut warn = |problem| {
            out.push(ContactWarning {
                id: c.id.clone(),
                problem,
            })
        };
        if !c.reachable() {
            warn(ContactProblem::NoWayToReach);
            continue;
        }
        if c.source.as_deref().is_none_or(|s| s.trim().is_empty()) {
            warn(ContactProblem::NoSource);
        }
        match c.checked {
            None => warn(ContactProblem::NoDate),
            Some(date) => {
                let days = (today - date).num_days();
                if days > CONTACT_MAX_AGE_DAYS {
                    warn(ContactProblem::Old { days });
                }
            }
        }
        if !c.verified {
            warn(ContactProblem::NotVerified);
        }
    }
    out
}

#[cfg(test)]
#[path = "contacts_tests.rs"]
mod tests;
