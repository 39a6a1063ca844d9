//! The steps of the conversation, and the parts of the summary they
//! belong to.

use serde::{Deserialize, Serialize};

use crate::domain::{RecruiterField, RegionCode};

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
    /// Whether the police may be told, asked on its own.
    Police,
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
    /// Country abroad: a button for the main destinations, or typed.
    Country,
    /// Abroad: still there, or back in Indonesia?
    NowWhere,
    /// Abroad: the province she left from.
    Origin,
    /// Abroad: the regency or city in that province.
    OriginRegency(RegionCode),
    /// What kind of place.
    PlaceType,
    /// Who did it.
    Relation,
    /// A recruiter's details she may know, one kind at a time.
    Recruiter(RecruiterField),
    /// The perpetrator's sex.
    PerpetratorSex,
    /// Victim's age band.
    Age,
    /// Child or adult, asked when the age band was skipped.
    ChildOrAdult,
    /// Victim's sex.
    Sex,
    /// Difficulty seeing, hearing, walking or learning.
    Disability,
    /// Child branch: is the child in danger now?
    ChildDanger,
    /// Child branch: kecamatan or desa, typed.
    Subdistrict,
    /// Her own words, files and voice notes.
    Story,
    /// Help wanted (several).
    Help,
    /// How petugas may reach her.
    Contact,
    /// The phone number she types.
    Phone,
    /// WhatsApp or a call.
    PhoneVia,
    /// When a call or message is safe (several).
    SafeTimes,
    /// Offer to set a safe word.
    SafeWordOffer,
    /// She types her safe word.
    SafeWord,
    /// Whether the safe word also alerts petugas, silently.
    SilentAlarm,
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
    /// Her messages are locked: she types her code or PIN, for this.
    Unlock(UnlockFor),
    /// After the receipt: she types a PIN to use instead of her code.
    Pin,
    /// The danger fast lane: the numbers, and three ways on. The step to
    /// go back to with "Lanjut bercerita" is the last in `history`.
    FastLane,
}

/// What she asked for when her messages were locked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnlockFor {
    /// `/pesan`: read the messages from petugas.
    Messages,
    /// "Balas" or `/tambah`: write to petugas.
    Reply,
}

/// A part of the summary that can be edited; the steps belonging to it are
/// asked again, then the summary comes back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Part {
    Safety,
    Police,
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
        Self::Police,
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
            Self::Police => "police",
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
            Self::Police => Step::Police,
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
            Self::Police => Part::Police,
            Self::Reporter => Part::Reporter,
            Self::Behaviours | Self::Indicator(_) => Part::Behaviours,
            Self::When => Part::When,
            Self::Where
            | Self::Regency(_)
            | Self::Country
            | Self::NowWhere
            | Self::Origin
            | Self::OriginRegency(_)
            | Self::PlaceType => Part::Where,
            Self::Relation | Self::Recruiter(_) | Self::PerpetratorSex => Part::Relation,
            Self::Age
            | Self::ChildOrAdult
            | Self::Sex
            | Self::Disability
            | Self::ChildDanger
            | Self::Subdistrict => Part::Victim,
            Self::Story => Part::Story,
            Self::Help => Part::Help,
            Self::Contact | Self::Phone | Self::PhoneVia | Self::SafeTimes => Part::Contact,
            Self::SafeWordOffer | Self::SafeWord | Self::SilentAlarm => Part::SafeWord,
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
            Self::Police => "pl",
            Self::Reporter => "rp",
            Self::Behaviours => "bh",
            Self::Indicator(i) => return format!("i{i}"),
            Self::When => "wh",
            Self::Where => "wr",
            Self::Regency(p) => return format!("rg{}", p.as_str().replace('.', "")),
            Self::Country => "ct",
            Self::NowWhere => "nw",
            Self::Origin => "or",
            Self::OriginRegency(p) => return format!("og{}", p.as_str().replace('.', "")),
            Self::PlaceType => "pt",
            Self::Relation => "rl",
            Self::Recruiter(f) => return format!("rc{}", f.as_str()),
            Self::PerpetratorSex => "ps",
            Self::Age => "ag",
            Self::ChildOrAdult => "ca",
            Self::Sex => "sx",
            Self::Disability => "ds",
            Self::ChildDanger => "cd",
            Self::Subdistrict => "sd",
            Self::Story => "st",
            Self::Help => "hp",
            Self::Contact => "cp",
            Self::Phone => "ph",
            Self::PhoneVia => "pv",
            Self::SafeTimes => "tm",
            Self::SafeWordOffer => "so",
            Self::SafeWord => "sw",
            Self::SilentAlarm => "sa",
            Self::Summary => "sm",
            Self::Submitting => "sb",
            Self::Done => "dn",
            Self::Stopped => "sp",
            Self::Reply => "ry",
            Self::Unlock(UnlockFor::Messages) => "um",
            Self::Unlock(UnlockFor::Reply) => "ur",
            Self::Pin => "pn",
            Self::FastLane => "fl",
        };
        fixed.to_owned()
    }
}
