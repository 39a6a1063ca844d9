//! [`ReceiptCode`]: the code a reporter keeps to check on her report.
//!
//! 19 random Crockford base32 characters (95 bits) plus one Luhn mod 32
//! check character, shown as five groups of four: `K7QH-3MXA-0P2D-VWZ9-84TC`.
//! Stored only as an HMAC under the server key ([`ReceiptCode::lookup_hash`]):
//! with 95 bits of entropy a slow hash would add nothing, while a keyed
//! hash allows an indexed lookup and is useless to whoever steals only the
//! database.

use std::fmt;

use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use super::base32::{grouped, luhn_check, luhn_valid, parse_values, render};
use super::{CodeError, CryptoError, ReceiptLookup, ServerKey, random_bytes};

const DATA_CHARS: usize = 19;
const TOTAL_CHARS: usize = DATA_CHARS + 1;
const GROUP: usize = 4;

/// Bits of entropy in a receipt code.
pub const RECEIPT_CODE_BITS: usize = DATA_CHARS * 5;

const _: () = assert!(RECEIPT_CODE_BITS >= 80);

/// A receipt code. Secret: zeroized on drop; `Debug` is redacted; there is
/// deliberately no `Display`, so it can reach a screen only through
/// [`ReceiptCode::expose`].
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct ReceiptCode {
    // 5-bit values, check value last.
    values: [u8; TOTAL_CHARS],
}

impl ReceiptCode {
    /// Generates a fresh code from the OS RNG.
    pub fn generate() -> Self {
        let mut random = Zeroizing::new(random_bytes::<DATA_CHARS>());
        let mut values = [0u8; TOTAL_CHARS];
        for (v, r) in values.iter_mut().zip(random.iter()) {
            // 32 divides 256, so masking keeps each value uniform.
            *v = r & 31;
        }
        values[DATA_CHARS] = luhn_check(&values[..DATA_CHARS]);
        random.zeroize();
        Self { values }
    }

    /// Parses a code as typed: any case, with or without dashes or spaces;
    /// `O` is read as `0` and `I`/`L` as `1`. Reports a wrong length, a
    /// character never used in codes, or a failed check (a typo).
    pub fn parse(input: &str) -> Result<Self, CryptoError> {
        let values = parse_values(input).map_err(CryptoError::InvalidReceiptCode)?;
        if values.len() != TOTAL_CHARS {
            return Err(CryptoError::InvalidReceiptCode(CodeError::Length {
                expected: TOTAL_CHARS,
                found: values.len(),
            }));
        }
        if !luhn_valid(&values) {
            return Err(CryptoError::InvalidReceiptCode(CodeError::Checksum));
        }
        let mut out = [0u8; TOTAL_CHARS];
        out.copy_from_slice(&values);
        Ok(Self { values: out })
    }

    /// The code for showing to its owner, grouped: `XXXX-XXXX-XXXX-XXXX-XXXX`.
    pub fn expose(&self) -> Zeroizing<String> {
        grouped(&render(&self.values), GROUP, "-")
    }

    /// The keyed hash to store and to look the report up by.
    pub fn lookup_hash(&self, key: &ServerKey) -> ReceiptLookup {
        let mut msg = Zeroizing::new(Vec::with_capacity(1 + TOTAL_CHARS));
        msg.push(1); // format version of the hashed message
        msg.extend_from_slice(&self.values);
        key.receipt_mac(&msg)
    }
}

impl PartialEq for ReceiptCode {
    /// Constant-time comparison.
    fn eq(&self, other: &Self) -> bool {
        super::ct_eq(&self.values, &other.values)
    }
}

impl Eq for ReceiptCode {}

impl fmt::Debug for ReceiptCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ReceiptCode([REDACTED])")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn format_is_five_groups_of_four() {
        let code = ReceiptCode::generate();
        let shown = code.expose();
        assert_eq!(shown.len(), 24);
        let groups: Vec<&str> = shown.split('-').collect();
        assert_eq!(groups.len(), 5);
        for g in groups {
            assert_eq!(g.len(), 4);
            assert!(
                g.chars()
                    .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
            );
            assert!(!g.contains(['I', 'L', 'O', 'U']));
        }
    }

    #[test]
    fn parse_round_trip_is_forgiving() {
        let code = ReceiptCode::generate();
        let shown = code.expose().to_string();
        assert_eq!(ReceiptCode::parse(&shown).unwrap(), code);
        let sloppy = format!(" {} ", shown.replace('-', " ").to_lowercase());
        assert_eq!(ReceiptCode::parse(&sloppy).unwrap(), code);
        let misread = shown.replace('0', "o").replace('1', "l");
        assert_eq!(ReceiptCode::parse(&misread).unwrap(), code);
    }

    #[test]
    fn parse_errors_are_clear() {
        let shown = ReceiptCode::generate().expose().to_string();
        let err = |s: &str| match ReceiptCode::parse(s) {
            Err(CryptoError::InvalidReceiptCode(e)) => e,
            other => panic!("expected an error, got {other:?}"),
        };
        assert_eq!(
            err(""),
            CodeError::Length {
                expected: 20,
                found: 0
            }
        );
        assert_eq!(
            err(&shown[..23]),
            CodeError::Length {
                expected: 20,
                found: 19
            }
        );
        assert_eq!(
            err(&format!("{shown}7")),
            CodeError::Length {
                expected: 20,
                found: 21
            }
        );
        assert_eq!(
            err(&format!("U{}", &shown[1..])),
            CodeError::InvalidChar('U')
        );
        let first = shown.chars().next().unwrap();
        let other = if first == '2' { '3' } else { '2' };
        assert_eq!(err(&format!("{other}{}", &shown[1..])), CodeError::Checksum);
    }

    #[test]
    fn codes_are_random_and_cover_the_alphabet() {
        let codes: Vec<ReceiptCode> = (0..2000).map(|_| ReceiptCode::generate()).collect();
        let distinct: HashSet<String> = codes.iter().map(|c| c.expose().to_string()).collect();
        assert_eq!(distinct.len(), codes.len());
        for pos in 0..DATA_CHARS {
            let seen: HashSet<u8> = codes.iter().map(|c| c.values[pos]).collect();
            assert_eq!(seen.len(), 32, "position {pos} does not use every symbol");
        }
    }

    #[test]
    fn lookup_hash_depends_on_code_and_key() {
        let key = ServerKey::from_bytes(&[3; 32]);
        let code = ReceiptCode::generate();
        let again = ReceiptCode::parse(&code.expose()).unwrap();
        assert_eq!(code.lookup_hash(&key), again.lookup_hash(&key));
        assert_ne!(
            code.lookup_hash(&key),
            ReceiptCode::generate().lookup_hash(&key)
        );
        assert_ne!(
            code.lookup_hash(&key),
            code.lookup_hash(&ServerKey::from_bytes(&[4; 32]))
        );
    }

    #[test]
    fn debug_is_redacted() {
        let code = ReceiptCode::generate();
        let dbg = format!("{code:?}");
        let shown = code.expose();
        assert!(!dbg.contains(&shown[..9]));
        assert!(!dbg.contains(&shown.replace('-', "")[..8]));
        crate::crypto::test_util::assert_redacted(&dbg, &code.values);
    }
}
