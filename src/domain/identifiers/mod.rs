//! Identifiers that link reports: the recruiter's phone numbers, social
//! accounts, company and person names (and bank accounts, from the
//! watchlist), each reduced to one normal form so that every way of
//! writing the same number or name gives the same value (issue 16).
//!
//! Pure: no crypto here. The service turns each [`Identifier`] into a
//! keyed hash at once; the values themselves stay inside the sealed
//! report, and their `Debug` never shows them.

mod extract;
mod normalise;

use std::fmt;

use zeroize::Zeroizing;

pub use extract::{from_recruiter, from_text};
pub use normalise::{account, bank_account, company, person_name, phone};

code_enum! {
    /// What an identifier is; stored in clear next to its keyed hash, so
    /// a match can say what two reports share.
    pub enum LinkKind (kind = "link kind", key = "link-kind") {
        /// A phone or WhatsApp number, E.164.
        Phone => "phone",
        /// A social-media account: platform and handle.
        Account => "account",
        /// A company, agency or training centre, without its legal form.
        Company => "company",
        /// A person's name, without honorifics. Coarse on purpose.
        Name => "name",
        /// A bank account number.
        Bank => "bank",
    }
}

/// One normalised identifier. The value is wiped on drop and never shown
/// by `Debug`.
#[derive(Clone, PartialEq, Eq)]
pub struct Identifier {
    pub kind: LinkKind,
    value: Zeroizing<String>,
}

impl Identifier {
    /// Wraps an already normalised value (the normalisers build these).
    pub(crate) fn new(kind: LinkKind, value: String) -> Self {
        Self {
            kind,
            value: Zeroizing::new(value),
        }
    }

    /// Normalises `text` as an identifier of `kind`; `None` when nothing
    /// usable is left (too short, no digits, only a legal form).
    pub fn parse(kind: LinkKind, text: &str) -> Option<Self> {
        match kind {
            LinkKind::Phone => phone(text),
            LinkKind::Account => account(text, None),
            LinkKind::Company => company(text),
            LinkKind::Name => person_name(text),
            LinkKind::Bank => bank_account(text),
        }
    }

    /// The normal form, for hashing only.
    pub fn value(&self) -> &str {
        &self.value
    }
}

impl fmt::Debug for Identifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Identifier({}, <redacted>)", self.kind)
    }
}

/// Adds `id` to `list` unless it is there already.
pub(crate) fn push_unique(list: &mut Vec<Identifier>, id: Option<Identifier>) {
    if let Some(id) = id
        && !list.contains(&id)
    {
        list.push(id);
    }
}

#[cfg(test)]
mod tests;
