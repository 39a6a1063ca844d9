//! The steps of the conversation, and the parts of the summary they
//! belong to.

use serde::{Deserialize, Serialize};

use crate::domain::RegionCode;

/// Where she is in the conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// What the bot is, privacy, language; nothing asked yet.
    Welcome,
    /// "Are you safe now?"
    SafeNow,
    /// Who reads it and what happens next; she agrees or not.
    Consent,
    /// Herself or someone else.
    Reporter,
    /// What happened (several).
    Behaviours,
    /// Trafficking indicator question, index into `TraffickingIndicator::ALL`.
    Indicator(usize),
    /// When.
    When,
    /// Province, or abroad.
    Where,
    /// Regency or city in this province.
    Regency(RegionCode),
    /// Country abroad, typed.
    Country,
    /// Who did it.
    Relation,
    /// Victim's age band.
    Age,
    /// Child or adult, asked when the age band was skipped.
    ChildOrAdult,
    /// Victim's sex.
    Sex,
    /// Her own words, files and voice notes.
    Story,
    /// Help wanted (several).
    Help,
    /// How petugas may reach her.
    Contact,
    /// The phone number she types.
    Phone,
    /// Offer to set a safe word.
    SafeWordOffer,
    /// She types her safe word.
    SafeWord,
    /// Everything she said, each part editable, and the send button.
    Summary,
    /// Waiting for the adapter to store the report.
    Submitting,
    /// Sent; the receipt code was shown.
    Done,
    /// She stopped; the draft is gone.
    Stopped,
    /// She types a message to petugas about her newest sent report (an
    /// answer to their messages, or more information). Only reached with
    /// no draft in progress; the step to return to is the last in
    /// `history`.
    Reply,
}

/// A part of the summary that can be edited; the steps belonging to it are
/// asked again, then the summary comes back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Part {
    Safety,
    Reporter,
    Behaviours,
    When,
    Where,
    Relation,
    Victim,
    Story,
    Help,
    Contact,
    SafeWord,
}

impl Part {
    /// In the order of the summary.
    pub(super) const ALL: &'static [Part] = &[
        Self::Safety,
        Self::Reporter,
        Self::Behaviours,
        Self::When,
        Self::Where,
        Self::Relation,
        Self::Victim,
        Self::Story,
        Self::Help,
        Self::Contact,
        Self::SafeWord,
    ];

    /// Code used in callback data.
    pub(super) fn code(self) -> &'static str {
        match self {
            Self::Safety => "safety",
            Self::Reporter => "reporter",
            Self::Behaviours => "behaviours",
            Self::When => "when",
            Self::Where => "where",
            Self::Relation => "relation",
            Self::Victim => "victim",
            Self::Story => "story",
            Self::Help => "help",
            Self::Contact => "contact",
            Self::SafeWord => "safe_word",
        }
    }

    pub(super) fn parse(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|p| p.code() == code)
    }

    /// The first step asked when she edits this part.
    pub(super) fn first_step(self) -> Step {
        match self {
            Self::Safety => Step::SafeNow,
            Self::Reporter => Step::Reporter,
            Self::Behaviours => Step::Behaviours,
            Self::When => Step::When,
            Self::Where => Step::Where,
            Self::Relation => Step::Relation,
            Self::Victim => Step::Age,
            Self::Story => Step::Story,
            Self::Help => Step::Help,
            Self::Contact => Step::Contact,
            Self::SafeWord => Step::SafeWord,
        }
    }
}

impl Step {
    /// The summary part this step answers, if any.
    pub(super) fn part(&self) -> Option<Part> {
        Some(match self {
            Self::SafeNow => Part::Safety,
            Self::Reporter => Part::Reporter,
            Self::Behaviours | Self::Indicator(_) => Part::Behaviours,
            Self::When => Part::When,
            Self::Where | Self::Regency(_) | Self::Country => Part::Where,
            Self::Relation => Part::Relation,
            Self::Age | Self::ChildOrAdult | Self::Sex => Part::Victim,
            Self::Story => Part::Story,
            Self::Help => Part::Help,
            Self::Contact | Self::Phone => Part::Contact,
            Self::SafeWordOffer | Self::SafeWord => Part::SafeWord,
            _ => return None,
        })
    }

    /// Short tag put in front of every callback data issued at this step,
    /// so a button of an older keyboard cannot act on a later question.
    pub(super) fn tag(&self) -> String {
        let fixed = match self {
            Self::Welcome => "wl",
            Self::SafeNow => "sn",
            Self::Consent => "cs",
            Self::Reporter => "rp",
            Self::Behaviours => "bh",
            Self::Indicator(i) => return format!("i{i}"),
            Self::When => "wh",
            Self::Where => "wr",
            Self::Regency(p) => return format!("rg{}", p.as_str().replace('.', "")),
            Self::Country => "ct",
            Self::Relation => "rl",
            Self::Age => "ag",
            Self::ChildOrAdult => "ca",
            Self::Sex => "sx",
            Self::Story => "st",
            Self::Help => "hp",
            Self::Contact => "cp",
            Self::Phone => "ph",
            Self::SafeWordOffer => "so",
            Self::SafeWord => "sw",
            Self::Summary => "sm",
            Self::Submitting => "sb",
            Self::Done => "dn",
            Self::Stopped => "sp",
            Self::Reply => "ry",
        };
        fixed.to_owned()
    }
}
