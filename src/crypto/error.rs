//! The one error type of the crypto module.
//!
//! Messages never contain key material, plaintext or secret codes, so they
//! are safe to log and to show (after translation) to users.

use std::path::PathBuf;

/// Why a code typed by a person (receipt code, recovery key) was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    /// The code has the wrong number of characters (separators not counted).
    #[error("expected {expected} characters, found {found}")]
    Length {
        /// How many characters a valid code has.
        expected: usize,
        /// How many were given.
        found: usize,
    },
    /// A character that no code ever contains (for example `U` or `!`).
    #[error("character {0:?} is never used in codes")]
    InvalidChar(char),
    /// The characters are valid but the check characters do not match:
    /// most likely a typo.
    #[error("check characters do not match (probably a typo)")]
    Checksum,
}

/// Everything that can go wrong in [`crate::crypto`].
#[derive(Debug, thiserror::Error)]
pub enum CryptoError {
    /// The sealed bytes are shorter than the smallest valid value (or empty).
    #[error("sealed data is truncated or empty")]
    Truncated,
    /// The bytes have a length that no valid value of this kind has.
    #[error("sealed data has an invalid length")]
    InvalidLength,
    /// The format version byte is not one this build understands.
    #[error("unsupported format version {0}")]
    UnsupportedVersion(u8),
    /// Authentication failed: wrong key, wrong report id or field name,
    /// or the ciphertext was altered. AES-GCM cannot tell these apart.
    #[error("decryption failed: wrong key, wrong report or field, or altered data")]
    Decryption,
    /// Encryption failed (input too long for the algorithm).
    #[error("encryption failed")]
    Encryption,
    /// The password does not open this key (or the wrapped key was altered).
    #[error("wrong password")]
    WrongPassword,
    /// A stored password hash could not be parsed.
    #[error("malformed password hash")]
    InvalidPasswordHash,
    /// Argon2 parameters are out of the accepted range.
    #[error("invalid password KDF parameters: {0}")]
    KdfParams(&'static str),
    /// A key has the wrong length or encoding.
    #[error("invalid key: {0}")]
    InvalidKey(&'static str),
    /// An input (such as a report id) is too long or otherwise unusable.
    #[error("invalid input: {0}")]
    InvalidInput(&'static str),
    /// A key file is readable or writable by group or others.
    #[error(
        "key file {path} has mode {mode:o}, which lets group or others access it; run `chmod 600` on it"
    )]
    InsecureKeyFile {
        /// The file that was refused.
        path: PathBuf,
        /// Its permission bits.
        mode: u32,
    },
    /// Reading or writing a key file failed.
    #[error("key file {path}: {source}")]
    KeyFileIo {
        /// The file concerned.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A receipt code could not be parsed.
    #[error("invalid receipt code: {0}")]
    InvalidReceiptCode(CodeError),
    /// A recovery key typed from paper could not be parsed.
    #[error("invalid recovery key: {0}")]
    InvalidRecoveryKey(CodeError),
}
