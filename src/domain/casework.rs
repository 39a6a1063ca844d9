//! Case work on a report: the kinds of event on its timeline, what a
//! referral may share, and the service-level deadlines of the queue.

use chrono::{DateTime, Duration, Utc};

use super::urgency::Urgency;

code_enum! {
    /// What happened to a report, as shown on its timeline.
    pub enum EventKind (kind = "event kind", key = "event") {
        /// Its status changed, with a reason.
        Status => "status",
        /// It was assigned to a case worker (or unassigned).
        Assigned => "assigned",
        /// A private note.
        Note => "note",
        /// It was referred to a partner agency.
        Referred => "referred",
        /// A message was sent to the reporter.
        Message => "message",
        /// Her safe word, typed as a silent alarm: the report became urgent.
        Alarm => "alarm",
    }
}

code_enum! {
    /// A part of a report that a referral may share with a partner agency.
    pub enum ShareField (kind = "shared field", key = "share") {
        /// What happened: the types of violence and the behaviours named.
        WhatHappened => "what_happened",
        /// The victim: age band, sex, and who did it.
        Victim => "victim",
        /// Where and when.
        Place => "place",
        /// The help she asked for.
        Help => "help",
        /// Her story, in her words.
        Story => "story",
        /// How to reach her, if she gave a phone number.
        Contact => "contact",
    }
}

impl ShareField {
    /// Encodes a set of fields as the comma-separated codes stored in clear.
    pub fn join(fields: &[ShareField]) -> String {
        fields
            .iter()
            .map(|f| f.as_str())
            .collect::<Vec<_>>()
            .join(",")
    }

    /// Parses what [`ShareField::join`] wrote; unknown codes are dropped.
    pub fn split(codes: &str) -> Vec<ShareField> {
        codes
            .split(',')
            .filter_map(|c| ShareField::parse(c.trim()).ok())
            .collect()
    }
}

/// The agencies that are the police, by code: a referral to one of them
/// needs her yes to "may the police be told" (issue 11). An agency is
/// police when its code is one of these, or starts with one followed by
/// `-`, `_` or `.` (`polres-samarinda`, `polda.kaltim`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoliceAgencies(Vec<String>);

impl Default for PoliceAgencies {
    fn default() -> Self {
        Self::new(["polisi", "polda", "polres"])
    }
}

impl PoliceAgencies {
    pub fn new<S: AsRef<str>>(codes: impl IntoIterator<Item = S>) -> Self {
        Self(
            codes
                .into_iter()
                .map(|c| c.as_ref().trim().to_ascii_lowercase())
                .filter(|c| !c.is_empty())
                .collect(),
        )
    }

    /// Whether a referral to `agency` reaches the police.
    pub fn is_police(&self, agency: &str) -> bool {
        let agency = agency.trim().to_ascii_lowercase();
        self.0.iter().any(|code| {
            agency == *code
                || agency
                    .strip_prefix(code.as_str())
                    .is_some_and(|rest| rest.starts_with(['-', '_', '.']))
        })
    }

    /// Whether she allows a referral to `agency`: anything but the police,
    /// and the police only with her explicit yes. Skipped or not asked
    /// (`None`) means "ask her first", never yes.
    pub fn allows(&self, agency: &str, police_ok: Option<bool>) -> bool {
        !self.is_police(agency) || police_ok == Some(true)
    }
}

/// How long a report may wait for a first response before it is flagged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sla {
    pub urgent: Duration,
    pub other: Duration,
}

impl Default for Sla {
    fn default() -> Self {
        Self {
            urgent: Duration::hours(1),
            other: Duration::hours(24),
        }
    }
}

impl Sla {
    /// Whether a report created at `created` and not yet acknowledged is
    /// overdue at `now`. An acknowledged report is never overdue.
    pub fn overdue(
        &self,
        urgency: Urgency,
        created: DateTime<Utc>,
        acknowledged: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> bool {
        if acknowledged.is_some() {
            return false;
        }
        let limit = match urgency {
            Urgency::Urgent => self.urgent,
            _ => self.other,
        };
        now - created > limit
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_urgent_report_is_overdue_after_an_hour_without_response() {
        let sla = Sla::default();
        let t0 = Utc::now();
        assert!(!sla.overdue(Urgency::Urgent, t0, None, t0 + Duration::minutes(59)));
        assert!(sla.overdue(Urgency::Urgent, t0, None, t0 + Duration::minutes(61)));
        assert!(!sla.overdue(Urgency::Urgent, t0, Some(t0), t0 + Duration::hours(5)));
    }

    #[test]
    fn a_normal_report_is_overdue_after_a_day() {
        let sla = Sla::default();
        let t0 = Utc::now();
        assert!(!sla.overdue(Urgency::Normal, t0, None, t0 + Duration::hours(23)));
        assert!(sla.overdue(Urgency::High, t0, None, t0 + Duration::hours(25)));
    }

    #[test]
    fn a_police_agency_is_known_by_its_code_or_its_prefix() {
        let police = PoliceAgencies::default();
        for code in [
            "polisi",
            "polres",
            "Polres-Samarinda",
            "polda.kaltim",
            "polda_x",
        ] {
            assert!(police.is_police(code), "{code}");
        }
        for code in ["dinsos", "polresta", "uptd-ppa", "rs-polri-x", ""] {
            assert!(!police.is_police(code), "{code}");
        }
    }

    #[test]
    fn only_her_yes_allows_a_referral_to_the_police() {
        let police = PoliceAgencies::default();
        assert!(police.allows("polres-samarinda", Some(true)));
        assert!(!police.allows("polres-samarinda", Some(false)));
        assert!(!police.allows("polres-samarinda", None), "not asked is no");
        assert!(police.allows("dinsos", None));
        assert!(PoliceAgencies::new(["polresta"]).is_police("polresta"));
    }

    #[test]
    fn shared_fields_round_trip_and_ignore_unknown_codes() {
        let fields = [ShareField::Victim, ShareField::Story];
        assert_eq!(ShareField::split(&ShareField::join(&fields)), fields);
        assert_eq!(ShareField::split("story,bogus"), [ShareField::Story]);
    }
}
