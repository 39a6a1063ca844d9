//! [`SessionToken`]: the random secret in a console session cookie.
//!
//! The database keeps only the token's hash, and the worker's unlocked
//! private key sealed under a key derived from the token. Whoever copies
//! the sessions table gets neither a usable session nor a private key.

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hkdf::Hkdf;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use super::sealed::{open_with_key, seal_with_key};
use super::{CryptoError, Sealed, UnlockedPrivateKey, random_bytes};

const FIELD: &str = <super::fields::SessionKey as super::fields::Field>::SPEC.label;

/// 256 random bits, held by the browser as an HttpOnly cookie.
pub struct SessionToken(Zeroizing<[u8; 32]>);

impl SessionToken {
    /// A fresh token.
    pub fn generate() -> Self {
        Self(Zeroizing::new(random_bytes::<32>()))
    }

    /// The cookie value.
    pub fn to_cookie(&self) -> Zeroizing<String> {
        Zeroizing::new(URL_SAFE_NO_PAD.encode(*self.0))
    }

    /// Parses a cookie value; anything malformed is `None`.
    pub fn from_cookie(value: &str) -> Option<Self> {
        let bytes = Zeroizing::new(URL_SAFE_NO_PAD.decode(value.trim()).ok()?);
        let array: [u8; 32] = bytes.as_slice().try_into().ok()?;
        Some(Self(Zeroizing::new(array)))
    }

    /// What the database stores and looks sessions up by.
    pub fn id_hash(&self) -> Vec<u8> {
        let mut h = Sha256::new();
        h.update(b"suara-session-id-v1");
        h.update(*self.0);
        h.finalize().to_vec()
    }

    fn sealing_key(&self) -> Zeroizing<[u8; 32]> {
        let hk = Hkdf::<Sha256>::new(Some(b"suara-session-v1"), &self.0[..]);
        let mut key = Zeroizing::new([0u8; 32]);
        hk.expand(b"private key", &mut key[..])
            .expect("32 bytes is a valid HKDF-SHA256 output length");
        key
    }

    /// Seals the worker's unlocked private key for this session.
    pub fn seal_private<T>(&self, key: &UnlockedPrivateKey) -> Result<Sealed<T>, CryptoError> {
        let context = hex::encode(self.id_hash());
        seal_with_key(&self.sealing_key(), &context, FIELD, key.expose())
    }

    /// Opens what [`SessionToken::seal_private`] sealed with this token.
    pub fn open_private<T>(&self, sealed: &Sealed<T>) -> Result<UnlockedPrivateKey, CryptoError> {
        let context = hex::encode(self.id_hash());
        let bytes = open_with_key(&self.sealing_key(), &context, FIELD, sealed)?;
        let array: [u8; 32] = bytes
            .as_slice()
            .try_into()
            .map_err(|_| CryptoError::Decryption)?;
        Ok(UnlockedPrivateKey::from_bytes(array))
    }
}

impl fmt::Debug for SessionToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SessionToken([REDACTED])")
    }
}

/// A random token for forms (CSRF) and other one-off values, base64url.
pub fn random_token() -> String {
    URL_SAFE_NO_PAD.encode(random_bytes::<32>())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::KeyPair;

    struct Marker;

    #[test]
    fn a_private_key_round_trips_through_its_session_only() {
        let pair = KeyPair::generate();
        let token = SessionToken::generate();
        let sealed: Sealed<Marker> = token.seal_private(&pair.private).unwrap();
        let back = token.open_private(&sealed).unwrap();
        assert_eq!(back.public_key(), pair.public);
        let other = SessionToken::generate();
        assert!(other.open_private(&sealed).is_err());
    }

    #[test]
    fn the_cookie_parses_back_and_garbage_does_not() {
        let token = SessionToken::generate();
        let again = SessionToken::from_cookie(&token.to_cookie()).unwrap();
        assert_eq!(again.id_hash(), token.id_hash());
        assert!(SessionToken::from_cookie("not a token").is_none());
        assert!(SessionToken::from_cookie("").is_none());
        assert!(!format!("{token:?}").contains(token.to_cookie().as_str()));
    }
}
