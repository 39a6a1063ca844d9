//! HPKE (RFC 9180, base mode) with DHKEM(X25519, HKDF-SHA256), HKDF-SHA256
//! and AES-256-GCM: sharing a [`ReportKey`] with each entitled recipient.
//!
//! `SealedReportKey` wire format: `version (1) || enc (32) || ciphertext (48)`.
//! The report id is bound twice: in HPKE `info` (with a label, so the derived
//! keys are specific to Suara report keys) and in the AEAD associated data.

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use hpke::aead::AesGcm256;
use hpke::kdf::HkdfSha256;
use hpke::kem::X25519HkdfSha256;
use hpke::{Deserializable, Kem, OpModeR, OpModeS, Serializable};
use zeroize::Zeroizing;

use super::{CryptoError, ReportKey};

type SuiteKem = X25519HkdfSha256;
type KemPrivate = <SuiteKem as Kem>::PrivateKey;
type KemPublic = <SuiteKem as Kem>::PublicKey;
type KemEnc = <SuiteKem as Kem>::EncappedKey;

const SEALED_KEY_VERSION: u8 = 1;
const ENC_LEN: usize = 32;
const CT_LEN: usize = 32 + 16;
const SEALED_KEY_LEN: usize = 1 + ENC_LEN + CT_LEN;
const INFO_LABEL: &[u8] = b"suara/report-key/v1\0";
// hpke panics when info reaches 2^16 bytes; report ids are UUIDs anyway.
const MAX_REPORT_ID_LEN: usize = 1024;

/// A recipient's X25519 public key (a case worker's or the recovery key's).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct RecipientPublicKey([u8; 32]);

impl RecipientPublicKey {
    /// Wraps 32 raw bytes (every 32-byte string is a valid X25519 key).
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    /// Parses a 32-byte slice.
    pub fn from_slice(bytes: &[u8]) -> Result<Self, CryptoError> {
        let arr: [u8; 32] = bytes
            .try_into()
            .map_err(|_| CryptoError::InvalidKey("public key must be 32 bytes"))?;
        Ok(Self(arr))
    }

    /// The raw 32 bytes.
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// Standard base64 (with padding).
    pub fn to_base64(&self) -> String {
        BASE64.encode(self.0)
    }

    /// Parses standard base64, ignoring surrounding whitespace.
    pub fn from_base64(s: &str) -> Result<Self, CryptoError> {
        let bytes = BASE64
            .decode(s.trim())
            .map_err(|_| CryptoError::InvalidKey("public key is not valid base64"))?;
        Self::from_slice(&bytes)
    }

    /// Lower-case hex.
    pub fn to_hex(&self) -> String {
        hex::encode(self.0)
    }

    /// Parses hex (either case), ignoring surrounding whitespace.
    pub fn from_hex(s: &str) -> Result<Self, CryptoError> {
        let bytes = hex::decode(s.trim())
            .map_err(|_| CryptoError::InvalidKey("public key is not valid hex"))?;
        Self::from_slice(&bytes)
    }

    fn to_kem(self) -> Result<KemPublic, CryptoError> {
        KemPublic::from_bytes(&self.0).map_err(|_| CryptoError::InvalidKey("public key"))
    }
}

impl fmt::Debug for RecipientPublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RecipientPublicKey({})", self.to_hex())
    }
}

/// An X25519 private key in memory, ready to open report keys.
///
/// Exists only while a case worker is logged in (after
/// [`crate::crypto::PasswordKdf::unwrap`]) or while a recovery key is in
/// use. Zeroized on drop; `Debug` is redacted.
#[derive(Clone)]
pub struct UnlockedPrivateKey {
    bytes: Zeroizing<[u8; 32]>,
}

impl UnlockedPrivateKey {
    /// The matching public key.
    pub fn public_key(&self) -> RecipientPublicKey {
        let sk = self.to_kem();
        let pk = SuiteKem::sk_to_pk(&sk).to_bytes();
        let mut out = [0u8; 32];
        out.copy_from_slice(&pk);
        RecipientPublicKey(out)
    }

    pub(crate) fn from_bytes(bytes: [u8; 32]) -> Self {
        // Round-trip through the KEM so the stored form is canonical (clamped).
        let mut bytes = Zeroizing::new(bytes);
        let sk = KemPrivate::from_bytes(&bytes[..]).expect("32 bytes is a valid X25519 key");
        bytes.copy_from_slice(&sk.to_bytes());
        Self { bytes }
    }

    pub(crate) fn expose(&self) -> &[u8; 32] {
        &self.bytes
    }

    fn to_kem(&self) -> KemPrivate {
        KemPrivate::from_bytes(&self.bytes[..]).expect("32 bytes is a valid X25519 key")
    }
}

impl fmt::Debug for UnlockedPrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("UnlockedPrivateKey([REDACTED])")
    }
}

/// A freshly generated key pair.
#[derive(Debug, Clone)]
pub struct KeyPair {
    /// The public half, to publish to the bot.
    pub public: RecipientPublicKey,
    /// The private half, to wrap with a password right away.
    pub private: UnlockedPrivateKey,
}

impl KeyPair {
    /// Generates a key pair from the OS RNG.
    pub fn generate() -> Self {
        let (sk, _) = SuiteKem::gen_keypair();
        let mut bytes = Zeroizing::new([0u8; 32]);
        bytes.copy_from_slice(&sk.to_bytes());
        let private = UnlockedPrivateKey::from_bytes(*bytes);
        Self {
            public: private.public_key(),
            private,
        }
    }
}

/// A [`ReportKey`] sealed to one recipient: the HPKE encapsulated key and
/// the ciphertext. Store one per (report, recipient); deleting all of them
/// crypto-shreds the report.
#[derive(Clone, PartialEq, Eq)]
pub struct SealedReportKey(Vec<u8>);

impl SealedReportKey {
    /// The wire bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.0.clone()
    }

    /// The wire bytes, borrowed.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// Parses stored wire bytes (framing only; authenticity is checked by
    /// [`open_report_key`]).
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, CryptoError> {
        match bytes.first() {
            None => Err(CryptoError::Truncated),
            Some(&v) if v != SEALED_KEY_VERSION => Err(CryptoError::UnsupportedVersion(v)),
            Some(_) if bytes.len() < SEALED_KEY_LEN => Err(CryptoError::Truncated),
            Some(_) if bytes.len() > SEALED_KEY_LEN => Err(CryptoError::InvalidLength),
            Some(_) => Ok(Self(bytes.to_vec())),
        }
    }
}

impl fmt::Debug for SealedReportKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SealedReportKey({} bytes)", self.0.len())
    }
}

fn info_for(report_id: &str) -> Result<Vec<u8>, CryptoError> {
    if report_id.len() > MAX_REPORT_ID_LEN {
        return Err(CryptoError::InvalidInput("report id too long"));
    }
    Ok([INFO_LABEL, report_id.as_bytes()].concat())
}

/// Seals `key` to `recipient` for report `report_id`.
pub fn seal_report_key(
    key: &ReportKey,
    recipient: &RecipientPublicKey,
    report_id: &str,
) -> Result<SealedReportKey, CryptoError> {
    let info = info_for(report_id)?;
    let pk = recipient.to_kem()?;
    let (enc, ct) = hpke::single_shot_seal::<AesGcm256, HkdfSha256, SuiteKem>(
        &OpModeS::Base,
        &pk,
        &info,
        key.expose(),
        report_id.as_bytes(),
    )
    .map_err(|_| CryptoError::Encryption)?;
    let mut out = Vec::with_capacity(SEALED_KEY_LEN);
    out.push(SEALED_KEY_VERSION);
    out.extend_from_slice(&enc.to_bytes());
    out.extend_from_slice(&ct);
    SealedReportKey::from_bytes(&out)
}

/// Opens a [`SealedReportKey`] with the recipient's private key. A wrong
/// key, a wrong report id or altered bytes give [`CryptoError::Decryption`].
pub fn open_report_key(
    sealed: &SealedReportKey,
    private: &UnlockedPrivateKey,
    report_id: &str,
) -> Result<ReportKey, CryptoError> {
    let info = info_for(report_id)?;
    let bytes = SealedReportKey::from_bytes(sealed.as_bytes())?.0;
    let enc = KemEnc::from_bytes(&bytes[1..1 + ENC_LEN]).map_err(|_| CryptoError::Decryption)?;
    let pt = Zeroizing::new(
        hpke::single_shot_open::<AesGcm256, HkdfSha256, SuiteKem>(
            &OpModeR::Base,
            &private.to_kem(),
            &enc,
            &info,
            &bytes[1 + ENC_LEN..],
            report_id.as_bytes(),
        )
        .map_err(|_| CryptoError::Decryption)?,
    );
    let key: [u8; 32] = pt[..].try_into().map_err(|_| CryptoError::Decryption)?;
    Ok(ReportKey::from_bytes(key))
}

#[cfg(test)]
#[path = "hpke_tests.rs"]
mod tests;
