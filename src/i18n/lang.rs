//! The languages the bot speaks.

use std::fmt;

use serde::{Deserialize, Serialize};
use unic_langid::LanguageIdentifier;

use super::I18nError;

/// A language the bot speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Bahasa Indonesia, the default and fallback.
    Id,
    /// English.
    En,
}

impl Lang {
    /// Every language, default first.
    pub const ALL: &'static [Lang] = &[Lang::Id, Lang::En];

    /// Picks the language from Telegram's `language_code` (an IETF tag):
    /// English for any `en*` tag, Indonesian for everything else.
    pub fn from_telegram_code(code: Option<&str>) -> Self {
        match code.and_then(|c| c.get(..2)) {
            Some(prefix) if prefix.eq_ignore_ascii_case("en") => Self::En,
            _ => Self::Id,
        }
    }

    /// The code: "id" or "en".
    pub const fn code(self) -> &'static str {
        match self {
            Self::Id => "id",
            Self::En => "en",
        }
    }

    /// Parses "id" or "en".
    pub fn parse(code: &str) -> Result<Self, I18nError> {
        Self::ALL
            .iter()
            .copied()
            .find(|l| l.code() == code)
            .ok_or_else(|| I18nError::UnknownLang(code.chars().take(16).collect()))
    }

    /// Fluent id of the language's own name (`lang-id`, `lang-en`).
    pub const fn label_key(self) -> &'static str {
        match self {
            Self::Id => "lang-id",
            Self::En => "lang-en",
        }
    }

    pub(super) fn langid(self) -> LanguageIdentifier {
        match self {
            Self::Id => unic_langid::langid!("id"),
            Self::En => unic_langid::langid!("en"),
        }
    }

    pub(super) const fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}
