//! Urgency of a report, derived from the danger and trafficking indicators
//! of docs/safety.md, with the reasons kept so the console can explain it.

use serde::{Deserialize, Serialize};

use super::behaviour::Behaviour;
use super::taxonomy::AgeBand;

code_enum! {
    /// How soon a report needs a case worker. Ordered: normal < high < urgent.
    pub enum Urgency (kind = "urgency", key = "urgency") {
        /// Handle in the normal queue.
        Normal => "normal",
        /// Look at it soon.
        High => "high",
        /// Danger now: act at once.
        Urgent => "urgent",
    }
}

code_enum! {
    /// Weight of a trafficking indicator.
    pub enum IndicatorTier (kind = "indicator tier", key = "indicator-tier") {
        /// Danger now; the emergency contacts are shown at once.
        Urgent => "urgent",
        /// Strong sign of trafficking or forced labour.
        High => "high",
        /// Background that helps the case worker, not urgent by itself.
        Context => "context",
    }
}

impl IndicatorTier {
    /// The urgency this tier raises a report to.
    pub fn urgency(self) -> Urgency {
        match self {
            Self::Urgent => Urgency::Urgent,
            Self::High => Urgency::High,
            Self::Context => Urgency::Normal,
        }
    }
}

code_enum! {
    /// A danger or trafficking sign, asked as a plain yes/no question.
    pub enum TraffickingIndicator (kind = "trafficking indicator", key = "indicator") {
        /// Locked in or guarded, cannot leave.
        LockedIn => "locked_in",
        /// Violence or threats against her or her family.
        ViolenceOrThreats => "violence_or_threats",
        /// The person who controls her is present.
        ControllerPresent => "controller_present",
        /// A child is in danger.
        ChildInDanger => "child_in_danger",
        /// Passport or KTP held by an employer or agent.
        DocumentsHeld => "documents_held",
        /// A debt to be worked off.
        DebtBondage => "debt_bondage",
        /// Wages withheld.
        WagesWithheld => "wages_withheld",
        /// The job differs from what was promised.
        JobDiffers => "job_differs",
        /// Phone taken or contact with family limited.
        ContactRestricted => "contact_restricted",
        /// Cannot go out without permission.
        MovementRestricted => "movement_restricted",
        /// Does not know her address.
        AddressUnknown => "address_unknown",
        /// Job offered on social media, no qualifications needed.
        SocialMediaJobOffer => "social_media_job_offer",
        /// Forced into online scam or gambling work abroad.
        ScamWorkAbroad => "scam_work_abroad",
        /// Afraid of the police or of her immigration status.
        FearOfAuthorities => "fear_of_authorities",
    }
}

impl TraffickingIndicator {
    /// How much this indicator weighs.
    pub fn tier(self) -> IndicatorTier {
        match self {
            Self::LockedIn
            | Self::ViolenceOrThreats
            | Self::ControllerPresent
            | Self::ChildInDanger => IndicatorTier::Urgent,
            Self::DocumentsHeld
            | Self::DebtBondage
            | Self::WagesWithheld
            | Self::JobDiffers
            | Self::ContactRestricted
            | Self::MovementRestricted
            | Self::AddressUnknown => IndicatorTier::High,
            Self::SocialMediaJobOffer | Self::ScamWorkAbroad | Self::FearOfAuthorities => {
                IndicatorTier::Context
            }
        }
    }

    /// Fluent id of the plain yes/no question asked to the reporter
    /// (`indicator-question-<code>`); "yes" means the indicator is present.
    pub const fn question_key(self) -> &'static str {
        match self {
            Self::LockedIn => "indicator-question-locked_in",
            Self::ViolenceOrThreats => "indicator-question-violence_or_threats",
            Self::ControllerPresent => "indicator-question-controller_present",
            Self::ChildInDanger => "indicator-question-child_in_danger",
            Self::DocumentsHeld => "indicator-question-documents_held",
            Self::DebtBondage => "indicator-question-debt_bondage",
            Self::WagesWithheld => "indicator-question-wages_withheld",
            Self::JobDiffers => "indicator-question-job_differs",
            Self::ContactRestricted => "indicator-question-contact_restricted",
            Self::MovementRestricted => "indicator-question-movement_restricted",
            Self::AddressUnknown => "indicator-question-address_unknown",
            Self::SocialMediaJobOffer => "indicator-question-social_media_job_offer",
            Self::ScamWorkAbroad => "indicator-question-scam_work_abroad",
            Self::FearOfAuthorities => "indicator-question-fear_of_authorities",
        }
    }
}

/// Why a report got its urgency; shown to the case worker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UrgencyReason {
    /// She answered that she is not safe now.
    NotSafeNow,
    /// A child victim of physical or sexual harm or of a trafficking-like
    /// situation.
    ChildAtRisk,
    /// A child victim, other harm.
    ChildVictim,
    /// A behaviour that suggests trafficking was chosen.
    TraffickingLike,
    /// An indicator question was answered "yes".
    Indicator(TraffickingIndicator),
    /// She sent the short message of the danger fast lane.
    ShortMessage,
}

impl UrgencyReason {
    /// The reasons that carry no data, for enumerating their label keys.
    pub const ALL_FIXED: &'static [Self] = &[
        Self::NotSafeNow,
        Self::ChildAtRisk,
        Self::ChildVictim,
        Self::TraffickingLike,
        Self::ShortMessage,
    ];

    /// The urgency this reason alone justifies.
    pub fn urgency(self) -> Urgency {
        match self {
            Self::NotSafeNow | Self::ChildAtRisk | Self::ShortMessage => Urgency::Urgent,
            Self::ChildVictim | Self::TraffickingLike => Urgency::High,
            Self::Indicator(i) => i.tier().urgency(),
        }
    }

    /// Fluent id of the explanation for case workers: `urgency-reason-<code>`,
    /// or the indicator's own label for [`UrgencyReason::Indicator`].
    pub const fn label_key(self) -> &'static str {
        match self {
            Self::NotSafeNow => "urgency-reason-not_safe_now",
            Self::ChildAtRisk => "urgency-reason-child_at_risk",
            Self::ChildVictim => "urgency-reason-child_victim",
            Self::TraffickingLike => "urgency-reason-trafficking_like",
            Self::ShortMessage => "urgency-reason-short_message",
            Self::Indicator(i) => i.label_key(),
        }
    }
}

/// What the urgency rules look at.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UrgencyInput {
    /// Answer to "are you safe now?"; `None` when skipped.
    pub safe_now: Option<bool>,
    /// Victim's age band, if given.
    pub age_band: Option<AgeBand>,
    /// Answer to "child or adult?", used when the age band was skipped.
    pub victim_is_child: Option<bool>,
    /// Behaviours chosen.
    pub behaviours: Vec<Behaviour>,
    /// Indicators answered "yes".
    pub indicators: Vec<TraffickingIndicator>,
    /// Whether she sent the short message of the danger fast lane.
    #[serde(default)]
    pub short_message: bool,
}

impl UrgencyInput {
    /// Whether the victim is known to be a child (age band wins over the
    /// child/adult answer).
    pub fn is_child_victim(&self) -> bool {
        match self.age_band {
            Some(band) => band.is_child(),
            None => self.victim_is_child == Some(true),
        }
    }
}

/// Result of [`assess`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    /// The highest urgency any reason justifies.
    pub urgency: Urgency,
    /// Every reason found, most urgent first.
    pub reasons: Vec<UrgencyReason>,
}

/// Applies the urgency rules.
///
/// - Not safe now → urgent.
/// - Child victim of physical or sexual harm (incl. online) or of a
///   trafficking-like situation → urgent ("a child in danger"); a child
///   victim otherwise → high, because a child cannot be assumed safe but
///   e.g. neglect reported long after is not an emergency.
/// - A trafficking-like behaviour → at least high: forced labour already
///   spans the high-tier indicators (documents held, wages withheld).
/// - Each indicator raises to its tier; context-tier ones stay normal but
///   are kept as reasons.
///
/// Skipped answers never raise urgency by themselves.
pub fn assess(input: &UrgencyInput) -> Assessment {
    let mut reasons = Vec::new();
    if input.short_message {
        reasons.push(UrgencyReason::ShortMessage);
    }
    if input.safe_now == Some(false) {
        reasons.push(UrgencyReason::NotSafeNow);
    }
    if input.is_child_victim() {
        let harmed = input.behaviours.iter().any(|b| {
            matches!(
                b,
                Behaviour::HurtPhysically | Behaviour::SexualTouchForced | Behaviour::SexualOnline
            ) || b.is_trafficking_like()
        });
        reasons.push(if harmed {
            UrgencyReason::ChildAtRisk
        } else {
            UrgencyReason::ChildVictim
        });
    }
    if input.behaviours.iter().any(Behaviour::is_trafficking_like) {
        reasons.push(UrgencyReason::TraffickingLike);
    }
    for indicator in &input.indicators {
        let reason = UrgencyReason::Indicator(*indicator);
        if !reasons.contains(&reason) {
            reasons.push(reason);
        }
    }
    // Stable sort: same-urgency reasons keep the order above.
    reasons.sort_by_key(|r| std::cmp::Reverse(r.urgency()));
    let urgency = reasons
        .iter()
        .map(|r| r.urgency())
        .max()
        .unwrap_or(Urgency::Normal);
    Assessment { urgency, reasons }
}

#[cfg(test)]
#[path = "urgency_tests.rs"]
mod tests;
