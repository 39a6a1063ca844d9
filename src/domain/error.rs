//! The one error type of the domain layer.

use thiserror::Error;

use super::report::Status;

/// Longest part of a rejected input echoed back in an error message; inputs
/// can come from strangers, so errors must stay small.
const ECHO_MAX: usize = 40;

/// Why a value was rejected by a domain rule.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DomainError {
    /// A code that is not one of the known values of a set.
    #[error("unknown {kind} code {code:?}")]
    UnknownCode {
        /// Which set of values was expected (e.g. "violence type").
        kind: &'static str,
        /// The rejected code, shortened.
        code: String,
    },
    /// A report status change that the workflow does not allow.
    #[error("a report cannot go from status {from} to {to}")]
    InvalidTransition {
        /// Current status.
        from: Status,
        /// Requested status.
        to: Status,
    },
    /// Not a UUID v7 report id.
    #[error("invalid report id {0:?}: expected a UUID version 7")]
    InvalidReportId(String),
    /// Not a BPS-style region code ("64" or "64.72").
    #[error(
        "invalid region code {0:?}: expected two digits, optionally followed by '.' and two digits"
    )]
    InvalidRegionCode(String),
    /// A country name that is empty, too long or contains control characters.
    #[error("invalid country name: {0}")]
    InvalidCountry(&'static str),
    /// The region catalog breaks a consistency rule.
    #[error("invalid region catalog: {0}")]
    InvalidCatalog(String),
}

impl DomainError {
    /// Builds [`DomainError::UnknownCode`], shortening the echoed input.
    pub fn unknown_code(kind: &'static str, code: &str) -> Self {
        Self::UnknownCode {
            kind,
            code: shorten(code),
        }
    }
}

/// Cuts untrusted input to at most [`ECHO_MAX`] characters for messages.
pub(crate) fn shorten(input: &str) -> String {
    match input.char_indices().nth(ECHO_MAX) {
        Some((idx, _)) => format!("{}…", &input[..idx]),
        None => input.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_input_is_shortened() {
        let err = DomainError::unknown_code("place", &"x".repeat(500));
        let msg = err.to_string();
        assert!(msg.len() < 80, "{msg}");
        assert!(msg.starts_with("unknown place code"));
    }

    #[test]
    fn shorten_respects_char_boundaries() {
        let s = "é".repeat(50);
        assert_eq!(shorten(&s).chars().count(), ECHO_MAX + 1);
    }
}
