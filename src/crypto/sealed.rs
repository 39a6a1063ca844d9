//! [`Sealed<T>`]: an AES-256-GCM ciphertext bound to an owner id and a field.
//!
//! Wire format (one byte string): `version (1) || nonce (12) || ciphertext+tag`.
//! The associated data is
//! `version || len(context) (u32 BE) || context || len(field) (u32 BE) || field`,
//! so a value moved to another report or another column fails to open.

use std::fmt;
use std::marker::PhantomData;

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use zeroize::Zeroizing;

use super::{CryptoError, random_bytes};

/// Current format version of [`Sealed`] values.
pub(crate) const SEALED_VERSION: u8 = 1;
const NONCE_LEN: usize = 12;
const TAG_LEN: usize = 16;
const MIN_LEN: usize = 1 + NONCE_LEN + TAG_LEN;

/// An encrypted value whose plaintext is of kind `T`.
///
/// `T` is only a marker (for example `Sealed<Story>`), so a store that takes
/// a `Sealed<Story>` cannot be handed plaintext or another field's ciphertext
/// by mistake. Create one with [`crate::crypto::ReportKey::seal`] or
/// [`crate::crypto::ServerKey::seal`]; store it with [`Sealed::to_bytes`].
pub struct Sealed<T> {
    bytes: Vec<u8>,
    // fn() -> T keeps Sealed<T> Send + Sync whatever T is.
    _kind: PhantomData<fn() -> T>,
}

impl<T> Sealed<T> {
    /// The wire bytes, to store in a database column.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.bytes.clone()
    }

    /// The wire bytes, borrowed.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The wire bytes, without copying.
    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }

    /// Parses stored wire bytes. Only the framing is checked here; the
    /// authenticity is checked when the value is opened.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, CryptoError> {
        if bytes.len() < MIN_LEN {
            return Err(CryptoError::Truncated);
        }
        if bytes[0] != SEALED_VERSION {
            return Err(CryptoError::UnsupportedVersion(bytes[0]));
        }
        Ok(Self::wrap(bytes.to_vec()))
    }

    /// Length of the wire bytes.
    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    /// Always false: a sealed value holds at least a version, nonce and tag.
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    fn wrap(bytes: Vec<u8>) -> Self {
        Self {
            bytes,
            _kind: PhantomData,
        }
    }
}

impl<T> Clone for Sealed<T> {
    fn clone(&self) -> Self {
        Self::wrap(self.bytes.clone())
    }
}

impl<T> PartialEq for Sealed<T> {
    fn eq(&self, other: &Self) -> bool {
        self.bytes == other.bytes
    }
}

impl<T> Eq for Sealed<T> {}

impl<T> fmt::Debug for Sealed<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Sealed<{}>({} bytes)",
            std::any::type_name::<T>(),
            self.len()
        )
    }
}

fn associated_data(context: &str, field: &str) -> Result<Vec<u8>, CryptoError> {
    let ctx_len = u32::try_from(context.len()).map_err(|_| CryptoError::InvalidInput("context"))?;
    let field_len = u32::try_from(field.len()).map_err(|_| CryptoError::InvalidInput("field"))?;
    let mut ad = Vec::with_capacity(9 + context.len() + field.len());
    ad.push(SEALED_VERSION);
    ad.extend_from_slice(&ctx_len.to_be_bytes());
    ad.extend_from_slice(context.as_bytes());
    ad.extend_from_slice(&field_len.to_be_bytes());
    ad.extend_from_slice(field.as_bytes());
    Ok(ad)
}

/// Seals `plaintext` under a raw 256-bit key. Shared by every key type.
pub(crate) fn seal_with_key<T>(
    key: &[u8; 32],
    context: &str,
    field: &str,
    plaintext: &[u8],
) -> Result<Sealed<T>, CryptoError> {
    let cipher = Aes256Gcm::new_from_slice(key).map_err(|_| CryptoError::InvalidKey("length"))?;
    // Random 96-bit nonces: report keys seal few values each, server keys
    // stay far below the 2^32 messages per key where collisions matter.
    let nonce_bytes = random_bytes::<NONCE_LEN>();
    let nonce = Nonce::from(nonce_bytes);
    let ad = associated_data(context, field)?;
    let ct = cipher
        .encrypt(
            &nonce,
            Payload {
                msg: plaintext,
                aad: &ad,
            },
        )
        .map_err(|_| CryptoError::Encryption)?;
    let mut bytes = Vec::with_capacity(1 + NONCE_LEN + ct.len());
    bytes.push(SEALED_VERSION);
    bytes.extend_from_slice(&nonce_bytes);
    bytes.extend_from_slice(&ct);
    Ok(Sealed::wrap(bytes))
}

/// Opens a value sealed by [`seal_with_key`].
pub(crate) fn open_with_key<T>(
    key: &[u8; 32],
    context: &str,
    field: &str,
    sealed: &Sealed<T>,
) -> Result<Zeroizing<Vec<u8>>, CryptoError> {
    // Re-check the framing: a Sealed may come from anywhere in the crate.
    let bytes = sealed.as_bytes();
    if bytes.len() < MIN_LEN {
        return Err(CryptoError::Truncated);
    }
    if bytes[0] != SEALED_VERSION {
        return Err(CryptoError::UnsupportedVersion(bytes[0]));
    }
    let cipher = Aes256Gcm::new_from_slice(key).map_err(|_| CryptoError::InvalidKey("length"))?;
    let mut nonce_bytes = [0u8; NONCE_LEN];
    nonce_bytes.copy_from_slice(&bytes[1..1 + NONCE_LEN]);
    let ad = associated_data(context, field)?;
    cipher
        .decrypt(
            &Nonce::from(nonce_bytes),
            Payload {
                msg: &bytes[1 + NONCE_LEN..],
                aad: &ad,
            },
        )
        .map(Zeroizing::new)
        .map_err(|_| CryptoError::Decryption)
}
