//! [`RecoveryKey`]: an X25519 private key printed once on paper, able to
//! open every report key it was sealed to.
//!
//! Paper form: 56 Crockford base32 characters in 14 groups of 4, on two
//! lines. The first 52 carry the 32 key bytes (the last 4 bits are zero);
//! the last group is a checksum: one Luhn mod 32 character (catches any
//! single wrong character and most swapped neighbours) and three characters
//! (15 bits) of SHA-256 over the key (catches other typos but 1 in 32768).

use std::fmt;

use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use super::base32::{
    bytes_to_values, grouped, luhn_check, luhn_valid, parse_values, render, values_to_bytes,
};
use super::{CodeError, CryptoError, KeyPair, RecipientPublicKey, UnlockedPrivateKey};

const KEY_CHARS: usize = 52;
const TOTAL_CHARS: usize = KEY_CHARS + 4;
const GROUP: usize = 4;
const GROUPS_PER_LINE: usize = 7;
const HASH_LABEL: &[u8] = b"suara/recovery-key/v1";

/// A paper recovery key. Zeroized on drop; `Debug` is redacted.
#[derive(Clone)]
pub struct RecoveryKey {
    private: UnlockedPrivateKey,
}

impl RecoveryKey {
    /// Generates a new recovery key from the OS RNG.
    pub fn generate() -> Self {
        Self {
            private: KeyPair::generate().private,
        }
    }

    /// The public half, to seal report keys to.
    pub fn public_key(&self) -> RecipientPublicKey {
        self.private.public_key()
    }

    /// The private key, for [`crate::crypto::open_report_key`].
    pub fn private_key(&self) -> &UnlockedPrivateKey {
        &self.private
    }

    /// The text to print once: two lines of seven groups of four characters.
    pub fn to_paper(&self) -> Zeroizing<String> {
        let key = self.private.expose();
        let mut values = bytes_to_values(key);
        let check = checksum_values(&values, key);
        values.extend_from_slice(&check);
        let chars = render(&values);
        let line_len = GROUP * GROUPS_PER_LINE;
        let lines: Vec<Zeroizing<String>> = chars
            .as_bytes()
            .chunks(line_len)
            .map(|line| {
                grouped(
                    std::str::from_utf8(line).expect("base32 is ASCII"),
                    GROUP,
                    " ",
                )
            })
            .collect();
        Zeroizing::new(
            lines
                .iter()
                .map(|l| l.as_str())
                .collect::<Vec<_>>()
                .join("\n"),
        )
    }

    /// Reads a recovery key typed from paper. Spaces, dashes, line breaks
    /// and case do not matter; `O`/`I`/`L` read as `0`/`1`. A typo gives
    /// [`CodeError::Checksum`].
    pub fn from_paper(text: &str) -> Result<Self, CryptoError> {
        let err = CryptoError::InvalidRecoveryKey;
        let values = parse_values(text).map_err(err)?;
        if values.len() != TOTAL_CHARS {
            return Err(err(CodeError::Length {
                expected: TOTAL_CHARS,
                found: values.len(),
            }));
        }
        if !luhn_valid(&values[..=KEY_CHARS]) {
            return Err(err(CodeError::Checksum));
        }
        let key = values_to_bytes(&values[..KEY_CHARS], 32).ok_or(err(CodeError::Checksum))?;
        if checksum_values(&values[..KEY_CHARS], &key)[..] != values[KEY_CHARS..] {
            return Err(err(CodeError::Checksum));
        }
        let mut bytes = Zeroizing::new([0u8; 32]);
        bytes.copy_from_slice(&key);
        Ok(Self {
            private: UnlockedPrivateKey::from_bytes(*bytes),
        })
    }
}

fn checksum_values(key_values: &[u8], key: &[u8]) -> [u8; 4] {
    let digest = Sha256::new()
        .chain_update(HASH_LABEL)
        .chain_update(key)
        .finalize();
    [
        luhn_check(key_values),
        digest[0] >> 3,
        digest[1] >> 3,
        digest[2] >> 3,
    ]
}

impl fmt::Debug for RecoveryKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "RecoveryKey {{ public: {:?}, private: [REDACTED] }}",
            self.public_key()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::test_util::assert_redacted;

    fn compact(paper: &str) -> Vec<char> {
        paper
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect()
    }

    #[test]
    fn paper_layout() {
        let paper = RecoveryKey::generate().to_paper();
        let lines: Vec<&str> = paper.lines().collect();
        assert_eq!(lines.len(), 2);
        for line in lines {
            let groups: Vec<&str> = line.split(' ').collect();
            assert_eq!(groups.len(), 7);
            assert!(groups.iter().all(|g| g.len() == 4));
        }
    }

    #[test]
    fn paper_round_trip_tolerates_layout() {
        let key = RecoveryKey::generate();
        let paper = key.to_paper();
        let back = RecoveryKey::from_paper(&paper).unwrap();
        assert_eq!(back.public_key(), key.public_key());
        let sloppy = paper
            .to_lowercase()
            .replace(' ', "-")
            .replace('\n', "\r\n  ");
        assert_eq!(
            RecoveryKey::from_paper(&sloppy).unwrap().public_key(),
            key.public_key()
        );
        let one_line: String = compact(&paper).into_iter().collect();
        assert_eq!(
            RecoveryKey::from_paper(&one_line).unwrap().public_key(),
            key.public_key()
        );
    }

    #[test]
    fn every_single_typo_is_detected() {
        let paper = RecoveryKey::generate().to_paper();
        let chars = compact(&paper);
        for pos in 0..chars.len() {
            for replacement in "0123456789ABCDEFGHJKMNPQRSTVWXYZ".chars() {
                if replacement == chars[pos] {
                    continue;
                }
                let mut typo = chars.clone();
                typo[pos] = replacement;
                let text: String = typo.into_iter().collect();
                assert!(
                    matches!(
                        RecoveryKey::from_paper(&text),
                        Err(CryptoError::InvalidRecoveryKey(CodeError::Checksum))
                    ),
                    "typo at {pos} not detected"
                );
            }
        }
    }

    #[test]
    fn swapped_neighbours_are_detected() {
        let chars = compact(&RecoveryKey::generate().to_paper());
        for pos in 0..chars.len() - 1 {
            if chars[pos] == chars[pos + 1] {
                continue;
            }
            let mut typo = chars.clone();
            typo.swap(pos, pos + 1);
            let text: String = typo.into_iter().collect();
            assert!(
                RecoveryKey::from_paper(&text).is_err(),
                "swap at {pos} not detected"
            );
        }
    }

    #[test]
    fn wrong_length_and_bad_chars_are_reported() {
        let chars = compact(&RecoveryKey::generate().to_paper());
        let short: String = chars[..55].iter().collect();
        assert!(matches!(
            RecoveryKey::from_paper(&short),
            Err(CryptoError::InvalidRecoveryKey(CodeError::Length {
                expected: 56,
                found: 55
            }))
        ));
        assert!(matches!(
            RecoveryKey::from_paper("ABCD U"),
            Err(CryptoError::InvalidRecoveryKey(CodeError::InvalidChar('U')))
        ));
        assert!(RecoveryKey::from_paper("").is_err());
    }

    #[test]
    fn opens_report_keys_sealed_to_it() {
        let recovery = RecoveryKey::generate();
        let report_key = crate::crypto::ReportKey::generate();
        let sealed =
            crate::crypto::seal_report_key(&report_key, &recovery.public_key(), "r-1").unwrap();
        let from_paper = RecoveryKey::from_paper(&recovery.to_paper()).unwrap();
        let opened =
            crate::crypto::open_report_key(&sealed, from_paper.private_key(), "r-1").unwrap();
        assert_eq!(opened.expose(), report_key.expose());
    }

    #[test]
    fn debug_is_redacted() {
        let key = RecoveryKey::generate();
        let dbg = format!("{key:?}");
        assert_redacted(&dbg, key.private.expose());
        let paper = compact(&key.to_paper());
        let probe: String = paper[..8].iter().collect();
        assert!(!dbg.contains(&probe));
    }
}
