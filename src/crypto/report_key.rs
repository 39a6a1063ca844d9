//! [`ReportKey`]: the fresh AES-256-GCM key of one report.

use std::fmt;

use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use super::fields::ReportField;
use super::sealed::{open_with_key, seal_with_key};
use super::{CryptoError, Sealed, random_bytes};

/// A random 256-bit key that seals every field of one report.
///
/// It never leaves memory in clear: it is stored only sealed to recipients
/// with [`crate::crypto::seal_report_key`]. Zeroized on drop; `Debug` is
/// redacted.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct ReportKey {
    key: [u8; 32],
}

impl ReportKey {
    /// Generates a fresh key from the OS RNG.
    pub fn generate() -> Self {
        Self {
            key: random_bytes::<32>(),
        }
    }

    /// Seals `plaintext` as field `F` of report (or referral) `context`.
    pub fn seal<F: ReportField>(
        &self,
        context: &str,
        plaintext: &[u8],
    ) -> Result<Sealed<F>, CryptoError> {
        seal_with_key(&self.key, context, F::SPEC.label, plaintext)
    }

    /// Opens a value sealed by [`ReportKey::seal`] with the same context
    /// and field; anything else gives [`CryptoError::Decryption`].
    pub fn open<F: ReportField>(
        &self,
        context: &str,
        sealed: &Sealed<F>,
    ) -> Result<Zeroizing<Vec<u8>>, CryptoError> {
        open_with_key(&self.key, context, F::SPEC.label, sealed)
    }

    pub(crate) fn from_bytes(key: [u8; 32]) -> Self {
        Self { key }
    }

    pub(crate) fn expose(&self) -> &[u8; 32] {
        &self.key
    }
}

impl fmt::Debug for ReportKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ReportKey([REDACTED])")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::test_util::assert_redacted;

    use crate::crypto::fields::{Field, FieldSpec, Kept, SealedBy};

    enum Story {}
    enum Answers {}
    impl Field for Story {
        const SPEC: FieldSpec = FieldSpec {
            name: "Story",
            label: "story",
            sealed_by: SealedBy::ReportKey,
            kept: Kept::Transient,
        };
    }
    impl ReportField for Story {}
    impl Field for Answers {
        const SPEC: FieldSpec = FieldSpec {
            name: "Answers",
            label: "answers",
            sealed_by: SealedBy::ReportKey,
            kept: Kept::Transient,
        };
    }
    impl ReportField for Answers {}

    const R1: &str = "0190f5d6-1111-7000-8000-000000000001";
    const R2: &str = "0190f5d6-2222-7000-8000-000000000002";

    #[test]
    fn round_trip() {
        let key = ReportKey::generate();
        let sealed: Sealed<Story> = key.seal(R1, b"ada yang tidak beres").unwrap();
        assert_eq!(sealed.len(), 1 + 12 + 20 + 16);
        let bytes = sealed.to_bytes();
        let back = Sealed::<Story>::from_bytes(&bytes).unwrap();
        assert_eq!(&*key.open(R1, &back).unwrap(), b"ada yang tidak beres");
    }

    #[test]
    fn empty_plaintext_round_trips() {
        let key = ReportKey::generate();
        let sealed: Sealed<Story> = key.seal(R1, b"").unwrap();
        assert!(key.open(R1, &sealed).unwrap().is_empty());
    }

    #[test]
    fn nonces_differ() {
        let key = ReportKey::generate();
        let a: Sealed<Story> = key.seal(R1, b"same").unwrap();
        let b: Sealed<Story> = key.seal(R1, b"same").unwrap();
        assert_ne!(a, b);
    }

    #[test]
    fn every_flipped_bit_is_rejected() {
        let key = ReportKey::generate();
        let sealed: Sealed<Story> = key.seal(R1, b"secret story").unwrap();
        let bytes = sealed.to_bytes();
        for i in 0..bytes.len() * 8 {
            let mut tampered = bytes.clone();
            tampered[i / 8] ^= 1 << (i % 8);
            let result = Sealed::<Story>::from_bytes(&tampered).and_then(|s| key.open(R1, &s));
            assert!(result.is_err(), "bit {i} flip accepted");
        }
    }

    #[test]
    fn version_byte_is_checked() {
        let key = ReportKey::generate();
        let mut bytes = key.seal::<Story>(R1, b"x").unwrap().into_bytes();
        bytes[0] = 9;
        assert!(matches!(
            Sealed::<Story>::from_bytes(&bytes),
            Err(CryptoError::UnsupportedVersion(9))
        ));
    }

    #[test]
    fn swapped_between_reports_is_rejected() {
        let key = ReportKey::generate();
        let sealed: Sealed<Story> = key.seal(R1, b"one").unwrap();
        assert!(matches!(
            key.open(R2, &sealed),
            Err(CryptoError::Decryption)
        ));
    }

    #[test]
    fn swapped_field_is_rejected() {
        let key = ReportKey::generate();
        let sealed: Sealed<Story> = key.seal(R1, b"one").unwrap();
        let as_answers = Sealed::<Answers>::from_bytes(sealed.as_bytes()).unwrap();
        assert!(matches!(
            key.open(R1, &as_answers),
            Err(CryptoError::Decryption)
        ));
    }

    #[test]
    fn context_and_field_boundary_is_unambiguous() {
        let key = ReportKey::generate();
        let sealed: Sealed<Story> = seal_with_key(key.expose(), "ab", "cd", b"x").unwrap();
        assert!(open_with_key(key.expose(), "a", "bcd", &sealed).is_err());
        assert!(open_with_key(key.expose(), "abc", "d", &sealed).is_err());
    }

    #[test]
    fn wrong_key_is_rejected() {
        let sealed: Sealed<Story> = ReportKey::generate().seal(R1, b"x").unwrap();
        let other = ReportKey::generate();
        assert!(matches!(
            other.open(R1, &sealed),
            Err(CryptoError::Decryption)
        ));
    }

    #[test]
    fn truncated_and_empty_bytes_are_rejected() {
        let key = ReportKey::generate();
        let bytes = key.seal::<Story>(R1, b"hello").unwrap().into_bytes();
        assert!(matches!(
            Sealed::<Story>::from_bytes(&[]),
            Err(CryptoError::Truncated)
        ));
        for len in 0..bytes.len() {
            let result = Sealed::<Story>::from_bytes(&bytes[..len]).and_then(|s| key.open(R1, &s));
            assert!(result.is_err(), "truncation to {len} accepted");
        }
    }

    #[test]
    fn debug_is_redacted() {
        let key = ReportKey::generate();
        assert_redacted(&format!("{key:?}"), key.expose());
        let sealed: Sealed<Story> = key.seal(R1, b"x").unwrap();
        assert!(format!("{sealed:?}").starts_with("Sealed<"));
    }
}
