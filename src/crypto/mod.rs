//! Cryptography for Suara: sealing report fields, sharing report keys with
//! case workers, password-wrapped private keys, the server key, receipt codes
//! and paper recovery keys.
//!
//! Design (see docs/SECURITY.md, "Keys"):
//! - every report gets a fresh [`ReportKey`]; each field is a [`Sealed`]
//!   AES-256-GCM value whose associated data binds it to its report and field;
//! - the report key is sealed with HPKE (RFC 9180, X25519 + HKDF-SHA256 +
//!   AES-256-GCM) to each entitled case worker and to the recovery key
//!   ([`seal_report_key`]);
//! - case workers' private keys are stored wrapped under Argon2id
//!   ([`PasswordKdf`]);
//! - the bot holds a [`ServerKey`] only for drafts, chat ids and keyed hashes;
//! - every sealed field, its label and its key are listed in [`fields`].
//!
//! Every primitive comes from a RustCrypto crate or the `hpke` crate; this
//! module only composes them.

#![warn(missing_docs)]

mod base32;
mod error;
pub mod fields;
#[cfg(test)]
mod flow_tests;
mod hpke;
#[cfg(test)]
mod hpke_kat;
mod kdf_params;
mod password;
mod receipt;
mod recovery;
mod report_key;
mod sealed;
mod server_key;
mod session;
#[cfg(test)]
mod test_util;
mod totp;

pub use error::{CodeError, CryptoError};
pub use hpke::{
    KeyPair, RecipientPublicKey, SealedReportKey, UnlockedPrivateKey, open_report_key,
    seal_report_key,
};
pub use kdf_params::KdfParams;
pub use password::{PasswordKdf, WrappedPrivateKey};
pub use receipt::{RECEIPT_CODE_BITS, ReceiptCode};
pub use recovery::RecoveryKey;
pub use report_key::ReportKey;
pub use sealed::Sealed;
pub use server_key::{BlindIndex, KeyId, ReceiptLookup, ReporterRef, ServerKey};
pub use session::{SessionToken, random_token};
pub use totp::{TOTP_STEP, TotpKey};

/// Returns `N` bytes from the operating system's CSPRNG.
///
/// # Panics
/// Panics if the OS random number generator fails, which on a running Linux
/// system does not happen; continuing without randomness would be worse.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut out = [0u8; N];
    getrandom::fill(&mut out).expect("operating system RNG failed");
    out
}

/// Compares two secrets in constant time whatever their lengths: both are
/// hashed first, so neither the content nor the length leaks by timing.
pub fn ct_eq_padded(a: &[u8], b: &[u8]) -> bool {
    use sha2::{Digest, Sha256};
    ct_eq(&Sha256::digest(a), &Sha256::digest(b))
}

/// Compares two byte strings in constant time (for equal lengths).
pub fn ct_eq(a: &[u8], b: &[u8]) -> bool {
    use subtle::ConstantTimeEq;
    a.ct_eq(b).into()
}
