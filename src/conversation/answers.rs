//! Her answers as they are collected, and the finished report handed to
//! the adapter.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::io::AttachmentRef;
use crate::domain::{
    AgeBand, Assessment, Behaviour, Classification, ContactPreference, Country, HelpWanted,
    Location, PhoneVia, Place, RecruiterDetails, RegionCode, Relation, ReporterRole, SafeTime, Sex,
    TraffickingIndicator, UrgencyInput, WhenHappened, assess, classify,
};
use crate::i18n::Lang;

/// Where it happened, as she answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WhereAnswer {
    /// A province, or a regency/city, of the catalog.
    Region(RegionCode),
    /// Outside Indonesia; the country if she typed one.
    Abroad {
        /// As typed.
        country: Option<Country>,
    },
}

/// One piece of her story.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StoryPart {
    /// A text message, exactly as typed.
    Text(String),
    /// A voice note, photo or document, sealed by the adapter.
    Attachment(AttachmentRef),
}

/// Everything she answered. Unanswered and skipped are both `None`/empty:
/// skipping is always allowed and never counted against her.
///
/// Stored sealed in submitted reports: every field added later has a
/// default, so older payloads still open (`#[serde(default)]`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Answers {
    /// Safe now?
    pub safe_now: Option<bool>,
    /// Who is telling.
    pub reporter: Option<ReporterRole>,
    /// What happened.
    pub behaviours: BTreeSet<Behaviour>,
    /// Indicator questions answered: `true` for yes, `false` for no.
    pub indicators: BTreeMap<TraffickingIndicator, bool>,
    /// When.
    pub when: Option<WhenHappened>,
    /// Where.
    pub location: Option<WhereAnswer>,
    /// Who did it.
    pub relation: Option<Relation>,
    /// Victim's age band.
    pub age_band: Option<AgeBand>,
    /// Child or adult, when the age band was skipped.
    pub victim_is_child: Option<bool>,
    /// Victim's sex.
    pub victim_sex: Option<Sex>,
    /// Her story, in the order sent.
    pub story: Vec<StoryPart>,
    /// Help wanted.
    pub help: BTreeSet<HelpWanted>,
    /// How petugas may reach her.
    pub contact: Option<ContactPreference>,
    /// The number she typed, only with [`ContactPreference::Phone`].
    pub phone: Option<String>,
    /// Whether the task force may tell the police, if needed: `None` when
    /// skipped or not asked (the short message), which must be read as
    /// "ask her first", never as yes.
    pub police_ok: Option<bool>,
    /// What kind of place it happened in.
    pub place: Option<Place>,
    /// Abroad: whether she (or the person it happened to) is still abroad.
    pub still_abroad: Option<bool>,
    /// Abroad: the regency or province she left Indonesia from.
    pub origin: Option<RegionCode>,
    /// The perpetrator's sex.
    pub perpetrator_sex: Option<Sex>,
    /// For a recruiter or agency: what she knows of them, as typed.
    pub recruiter: RecruiterDetails,
    /// Difficulty seeing, hearing, walking or learning.
    pub disability: Option<bool>,
    /// Child branch: the kecamatan or desa, as typed.
    pub subdistrict: Option<String>,
    /// With a phone number: WhatsApp, a call, or either.
    pub phone_via: Option<PhoneVia>,
    /// With a phone number: when a call or message is safe.
    pub safe_times: BTreeSet<SafeTime>,
    /// Sent as the short message of the danger fast lane (urgent).
    pub short_message: bool,
}

impl Answers {
    /// What the urgency rules need.
    pub fn urgency_input(&self) -> UrgencyInput {
        UrgencyInput {
            safe_now: self.safe_now,
            age_band: self.age_band,
            victim_is_child: self.victim_is_child,
            behaviours: self.behaviours.iter().copied().collect(),
            indicators: (self.indicators.iter())
                .filter(|(_, yes)| **yes)
                .map(|(i, _)| *i)
                .collect(),
            short_message: self.short_message,
        }
    }

    /// Characters of story text so far.
    pub fn story_chars(&self) -> usize {
        self.story
            .iter()
            .map(|p| match p {
                StoryPart::Text(t) => t.chars().count(),
                StoryPart::Attachment(_) => 0,
            })
            .sum()
    }

    /// The files of the story.
    pub fn attachments(&self) -> impl Iterator<Item = &AttachmentRef> {
        self.story.iter().filter_map(|p| match p {
            StoryPart::Attachment(a) => Some(a),
            StoryPart::Text(_) => None,
        })
    }

    /// The region, if she chose one in Indonesia.
    pub fn region(&self) -> Option<&RegionCode> {
        match &self.location {
            Some(WhereAnswer::Region(code)) => Some(code),
            _ => None,
        }
    }
}

/// A finished report for the adapter to seal and store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmitRequest {
    /// Her language, for later messages.
    pub lang: Lang,
    /// Her answers and story.
    pub answers: Answers,
    /// Categories suggested from the behaviours.
    pub classification: Classification,
    /// Urgency and why.
    pub assessment: Assessment,
}

impl SubmitRequest {
    /// Builds the request, computing classification and urgency.
    pub fn new(lang: Lang, answers: Answers) -> Self {
        let behaviours: Vec<Behaviour> = answers.behaviours.iter().copied().collect();
        Self {
            lang,
            classification: classify(&behaviours),
            assessment: assess(&answers.urgency_input()),
            answers,
        }
    }

    /// The region kept in clear, if any.
    pub fn region(&self) -> Option<&RegionCode> {
        self.answers.region()
    }

    /// Whether it happened abroad (the country itself is to be sealed).
    pub fn abroad(&self) -> bool {
        matches!(self.answers.location, Some(WhereAnswer::Abroad { .. }))
    }

    /// The answer as a domain [`Location`]; abroad without a country and
    /// skipped both become [`Location::Unknown`], so check [`Self::abroad`].
    pub fn location(&self) -> Location {
        match &self.answers.location {
            Some(WhereAnswer::Region(code)) => Location::Region(code.clone()),
            Some(WhereAnswer::Abroad {
                country: Some(country),
            }) => Location::Abroad {
                country: country.clone(),
            },
            _ => Location::Unknown,
        }
    }

    /// Whether petugas may reach her: only if she chose a way. Skipping the
    /// question keeps nothing that could reach her (minimum data).
    pub fn contact_allowed(&self) -> bool {
        self.answers.contact.is_some_and(|c| c.allows_contact())
    }

    /// Whether she allowed the police to be told. Only `Some(true)` allows
    /// a police referral; `None` (skipped, or the short message) means
    /// the task force asks her first.
    pub fn police_ok(&self) -> Option<bool> {
        self.answers.police_ok
    }

    /// The kind of place, coarse enough to keep in clear for statistics.
    pub fn place_type(&self) -> Option<Place> {
        self.answers.place
    }

    /// Abroad: the regency or province she left from, coarse enough to
    /// keep in clear so statistics by kabupaten/kota count migrant cases.
    pub fn origin(&self) -> Option<&RegionCode> {
        self.answers.origin.as_ref()
    }
}
