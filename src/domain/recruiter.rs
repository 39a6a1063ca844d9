//! What she knows about the person or agency that recruited her: names,
//! phone numbers, social-media accounts and company names, as she typed
//! them. Kept inside the sealed report only; a later step (issue 16)
//! derives keyed hashes from them to link reports naming the same
//! recruiter, without storing the identifiers in clear.

use serde::{Deserialize, Serialize};

code_enum! {
    /// One kind of recruiter detail, asked in this order.
    pub enum RecruiterField (kind = "recruiter field", key = "recruiter-field") {
        /// Names of people (agen, calo, sponsor).
        Names => "names",
        /// Phone or WhatsApp numbers.
        Phones => "phones",
        /// Social-media accounts or links.
        Accounts => "accounts",
        /// Company names (PT, LPK, P3MI, agency abroad).
        Companies => "companies",
    }
}

/// The recruiter's details, each list in the order she typed them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RecruiterDetails {
    /// Names of people.
    pub names: Vec<String>,
    /// Phone or WhatsApp numbers, as typed.
    pub phones: Vec<String>,
    /// Social-media accounts or links, as typed.
    pub accounts: Vec<String>,
    /// Company names, as typed.
    pub companies: Vec<String>,
}

impl RecruiterDetails {
    /// Most entries kept per field.
    pub const MAX_PER_FIELD: usize = 10;
    /// Longest entry, in characters.
    pub const MAX_CHARS: usize = 200;

    /// The list of one field.
    pub fn field(&self, field: RecruiterField) -> &[String] {
        match field {
            RecruiterField::Names => &self.names,
            RecruiterField::Phones => &self.phones,
            RecruiterField::Accounts => &self.accounts,
            RecruiterField::Companies => &self.companies,
        }
    }

    fn field_mut(&mut self, field: RecruiterField) -> &mut Vec<String> {
        match field {
            RecruiterField::Names => &mut self.names,
            RecruiterField::Phones => &mut self.phones,
            RecruiterField::Accounts => &mut self.accounts,
            RecruiterField::Companies => &mut self.companies,
        }
    }

    /// Adds what she typed, trimmed; `false` (nothing kept) when it is
    /// empty, too long, or the field is full.
    pub fn add(&mut self, field: RecruiterField, text: &str) -> bool {
        let text = text.trim();
        let list = self.field_mut(field);
        let ok = !text.is_empty()
            && text.chars().count() <= Self::MAX_CHARS
            && list.len() < Self::MAX_PER_FIELD;
        if ok {
            list.push(text.to_owned());
        }
        ok
    }

    /// Forgets one field (she skipped or went back to change it).
    pub fn clear(&mut self, field: RecruiterField) {
        self.field_mut(field).clear();
    }

    /// How many entries in all.
    pub fn count(&self) -> usize {
        RecruiterField::ALL
            .iter()
            .map(|f| self.field(*f).len())
            .sum()
    }

    /// Whether nothing was given.
    pub fn is_empty(&self) -> bool {
        self.count() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn details_are_kept_per_field_within_bounds() {
        let mut r = RecruiterDetails::default();
        assert!(r.add(RecruiterField::Phones, " 0812-3456-7890 "));
        assert!(!r.add(RecruiterField::Phones, "   "));
        assert!(!r.add(RecruiterField::Names, &"x".repeat(201)));
        for i in 0..RecruiterDetails::MAX_PER_FIELD {
            assert!(r.add(RecruiterField::Companies, &format!("PT {i}")));
        }
        assert!(!r.add(RecruiterField::Companies, "PT lagi"));
        assert_eq!(r.phones, ["0812-3456-7890"]);
        assert_eq!(r.count(), 11);
        r.clear(RecruiterField::Companies);
        assert_eq!(r.count(), 1);
    }

    #[test]
    fn old_payloads_without_details_read_as_empty() {
        let r: RecruiterDetails = serde_json::from_str("{}").unwrap();
        assert!(r.is_empty());
    }
}
