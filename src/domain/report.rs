//! Report identity, lifecycle and the metadata kept in clear.

use std::collections::BTreeSet;
use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::answers::ReporterRole;
use super::error::{DomainError, shorten};
use super::region::RegionCode;
use super::taxonomy::{AgeBand, Sex, ViolenceType};
use super::urgency::Urgency;

/// Internal id of a report: a UUID v7, so ids sort by creation time.
/// Not the reporter's receipt code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ReportId(Uuid);

impl ReportId {
    /// A fresh id for a report created now.
    #[allow(clippy::new_without_default)] // a default id would hide that it is random
    pub fn new() -> Self {
        Self(Uuid::now_v7())
    }

    /// Parses the hyphenated or simple form; only version 7 is accepted.
    pub fn parse(input: &str) -> Result<Self, DomainError> {
        match Uuid::parse_str(input) {
            Ok(uuid) if uuid.get_version_num() == 7 => Ok(Self(uuid)),
            _ => Err(DomainError::InvalidReportId(shorten(input))),
        }
    }

    /// The underlying UUID.
    pub fn as_uuid(&self) -> Uuid {
        self.0
    }

    /// Eight uppercase hex characters for alerts and the console.
    ///
    /// Taken from the end of the id: the first 8 hex characters of a v7
    /// UUID are its timestamp, so they are shared by every report created in
    /// the same minute and would reveal the time.
    pub fn short(&self) -> String {
        let hex = self.0.simple().to_string();
        hex[hex.len() - 8..].to_ascii_uppercase()
    }
}

impl fmt::Display for ReportId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0.hyphenated(), f)
    }
}

impl std::str::FromStr for ReportId {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl Serialize for ReportId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ReportId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = std::borrow::Cow::<'de, str>::deserialize(d)?;
        Self::parse(&s).map_err(serde::de::Error::custom)
    }
}

code_enum! {
    /// Where a report is in the case workers' workflow.
    pub enum Status (kind = "status", key = "status") {
        /// Received, nobody has looked yet.
        Baru => "baru",
        /// A case worker is reviewing it.
        Ditinjau => "ditinjau",
        /// Being acted on.
        Ditindaklanjuti => "ditindaklanjuti",
        /// Referred to a partner agency.
        Dirujuk => "dirujuk",
        /// Handled to the end.
        Selesai => "selesai",
        /// Closed without (further) action.
        Ditutup => "ditutup",
    }
}

impl Status {
    /// Whether the workflow allows going from `self` to `next`.
    /// Finished and closed reports can be reopened.
    pub fn can_transition_to(self, next: Status) -> bool {
        use Status::*;
        matches!(
            (self, next),
            (Baru, Ditinjau | Ditutup)
                | (Ditinjau, Ditindaklanjuti | Dirujuk | Ditutup)
                | (Ditindaklanjuti, Dirujuk | Selesai | Ditutup)
                | (Dirujuk, Ditindaklanjuti | Selesai | Ditutup)
                | (Selesai, Ditindaklanjuti)
                | (Ditutup, Ditinjau)
        )
    }

    /// Returns `next` if the change is allowed.
    pub fn transition(self, next: Status) -> Result<Status, DomainError> {
        if self.can_transition_to(next) {
            Ok(next)
        } else {
            Err(DomainError::InvalidTransition {
                from: self,
                to: next,
            })
        }
    }

    /// Whether the report still needs work.
    pub fn is_open(self) -> bool {
        !matches!(self, Self::Selesai | Self::Ditutup)
    }

    /// Fluent id of the short text the reporter sees when she checks her
    /// code (`status-reporter-<code>`); the console uses [`Self::label_key`].
    pub const fn reporter_label_key(self) -> &'static str {
        match self {
            Self::Baru => "status-reporter-baru",
            Self::Ditinjau => "status-reporter-ditinjau",
            Self::Ditindaklanjuti => "status-reporter-ditindaklanjuti",
            Self::Dirujuk => "status-reporter-dirujuk",
            Self::Selesai => "status-reporter-selesai",
            Self::Ditutup => "status-reporter-ditutup",
        }
    }
}

/// The metadata of a report stored in clear: what someone holding the
/// database may see. Everything else (story, answers, country abroad,
/// contact details) is sealed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportMeta {
    /// Report id.
    pub id: ReportId,
    /// When the reporter sent it.
    pub created_at: DateTime<Utc>,
    /// Workflow status.
    pub status: Status,
    /// Urgency from [`super::assess`], possibly changed by a case worker.
    pub urgency: Urgency,
    /// Simfoni-PPA types.
    pub violence_types: BTreeSet<ViolenceType>,
    /// Province or regency of the incident, if in Indonesia and given.
    pub region: Option<RegionCode>,
    /// Whether it happened abroad; the country itself is sealed because
    /// it is free text typed by the reporter.
    pub abroad: bool,
    /// Victim's age band, if given.
    pub age_band: Option<AgeBand>,
    /// Victim's sex, if given.
    pub victim_sex: Option<Sex>,
    /// Who reported, if given.
    pub reporter: Option<ReporterRole>,
    /// Whether case workers may contact the reporter.
    pub contact_allowed: bool,
}

#[cfg(test)]
#[path = "report_tests.rs"]
mod tests;
