//! Argon2id: case workers' private keys wrapped under their password, and
//! PHC password hashes for console login.
//!
//! `WrappedPrivateKey` wire format:
//! `version (1) || m_cost KiB (u32 BE) || t_cost (u32 BE) || p_cost (u32 BE)
//!  || salt (16) || public key (32) || Sealed bytes`.
//! The sealing key is Argon2id(password, salt, params); the sealed value is
//! bound to the public key, and the unwrapped key must match it.

use std::fmt;

use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use zeroize::Zeroizing;

use super::sealed::{open_with_key, seal_with_key};
use super::{CryptoError, KdfParams, RecipientPublicKey, Sealed, UnlockedPrivateKey, random_bytes};

const WRAP_VERSION: u8 = 1;
const SALT_LEN: usize = 16;
const HEADER_LEN: usize = 1 + 12 + SALT_LEN + 32;
const WRAP_FIELD: &str = <super::fields::WrappedKey as super::fields::Field>::SPEC.label;

/// Argon2id with chosen parameters, for wrapping keys and hashing
/// passwords. Unwrapping and verifying use the parameters stored with the
/// data, so parameters can be raised without breaking old records.
#[derive(Debug, Clone)]
pub struct PasswordKdf {
    params: KdfParams,
}

impl PasswordKdf {
    /// Uses `params` (validated here).
    pub fn new(params: KdfParams) -> Result<Self, CryptoError> {
        params.to_argon2()?;
        Ok(Self { params })
    }

    /// Uses [`KdfParams::PRODUCTION`].
    pub fn production() -> Self {
        Self {
            params: KdfParams::PRODUCTION,
        }
    }

    /// The parameters new wraps and hashes get.
    pub fn params(&self) -> KdfParams {
        self.params
    }

    /// Wraps a private key under `password` with a fresh salt.
    pub fn wrap(
        &self,
        key: &UnlockedPrivateKey,
        password: &str,
    ) -> Result<WrappedPrivateKey, CryptoError> {
        let salt = random_bytes::<SALT_LEN>();
        let kek = derive_kek(self.params, &salt, password)?;
        let public = key.public_key();
        let sealed: Sealed<UnlockedPrivateKey> =
            seal_with_key(&kek, &public.to_hex(), WRAP_FIELD, key.expose())?;
        Ok(WrappedPrivateKey {
            params: self.params,
            salt,
            public,
            sealed,
        })
    }

    /// Unwraps a private key. A wrong password, or altered bytes, give
    /// [`CryptoError::WrongPassword`].
    pub fn unwrap(
        wrapped: &WrappedPrivateKey,
        password: &str,
    ) -> Result<UnlockedPrivateKey, CryptoError> {
        let kek = derive_kek(wrapped.params, &wrapped.salt, password)?;
        let opened = open_with_key(&kek, &wrapped.public.to_hex(), WRAP_FIELD, &wrapped.sealed)
            .map_err(|_| CryptoError::WrongPassword)?;
        let bytes: [u8; 32] = opened[..]
            .try_into()
            .map_err(|_| CryptoError::WrongPassword)?;
        let key = UnlockedPrivateKey::from_bytes(bytes);
        if key.public_key() != wrapped.public {
            return Err(CryptoError::WrongPassword);
        }
        Ok(key)
    }

    /// Hashes a login password to a PHC string (`$argon2id$v=19$...`).
    pub fn hash_password(&self, password: &str) -> Result<String, CryptoError> {
        let salt = random_bytes::<SALT_LEN>();
        let hash = self
            .params
            .to_argon2()?
            .hash_password_with_salt(password.as_bytes(), &salt)
            .map_err(|_| CryptoError::KdfParams("hashing failed"))?;
        Ok(hash.to_string())
    }

    /// Checks a login password against a PHC string from
    /// [`PasswordKdf::hash_password`].
    pub fn verify_password(phc: &str, password: &str) -> Result<(), CryptoError> {
        let hash = argon2::password_hash::phc::PasswordHash::new(phc)
            .map_err(|_| CryptoError::InvalidPasswordHash)?;
        let stored = KdfParams {
            m_cost_kib: phc_param(&hash, "m")?,
            t_cost: phc_param(&hash, "t")?,
            p_cost: phc_param(&hash, "p")?,
        };
        // Bounds-check the stored costs before argon2 allocates memory.
        stored.to_argon2()?;
        Argon2::default()
            .verify_password(password.as_bytes(), &hash)
            .map_err(|e| match e {
                argon2::password_hash::Error::PasswordInvalid => CryptoError::WrongPassword,
                _ => CryptoError::InvalidPasswordHash,
            })
    }
}

fn phc_param(
    hash: &argon2::password_hash::phc::PasswordHash,
    name: &str,
) -> Result<u32, CryptoError> {
    hash.params
        .get_decimal(name)
        .ok_or(CryptoError::InvalidPasswordHash)
}

fn derive_kek(
    params: KdfParams,
    salt: &[u8],
    password: &str,
) -> Result<Zeroizing<[u8; 32]>, CryptoError> {
    let mut kek = Zeroizing::new([0u8; 32]);
    params
        .to_argon2()?
        .hash_password_into(password.as_bytes(), salt, &mut kek[..])
        .map_err(|_| CryptoError::KdfParams("derivation failed"))?;
    Ok(kek)
}

/// A private key sealed under a password-derived key, safe to store.
#[derive(Clone, PartialEq, Eq)]
pub struct WrappedPrivateKey {
    params: KdfParams,
    salt: [u8; SALT_LEN],
    public: RecipientPublicKey,
    sealed: Sealed<UnlockedPrivateKey>,
}

impl WrappedPrivateKey {
    /// The public key of the wrapped private key.
    pub fn public_key(&self) -> RecipientPublicKey {
        self.public
    }

    /// The Argon2id parameters it was wrapped with.
    pub fn params(&self) -> KdfParams {
        self.params
    }

    /// True if it should be re-wrapped with `kdf` at the next login.
    pub fn needs_rewrap(&self, kdf: &PasswordKdf) -> bool {
        self.params != kdf.params()
    }

    /// The wire bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(HEADER_LEN + self.sealed.len());
        out.push(WRAP_VERSION);
        for v in [
            self.params.m_cost_kib,
            self.params.t_cost,
            self.params.p_cost,
        ] {
            out.extend_from_slice(&v.to_be_bytes());
        }
        out.extend_from_slice(&self.salt);
        out.extend_from_slice(self.public.as_bytes());
        out.extend_from_slice(self.sealed.as_bytes());
        out
    }

    /// Parses wire bytes (framing only; the password check is in unwrap).
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, CryptoError> {
        match bytes.first() {
            None => return Err(CryptoError::Truncated),
            Some(&v) if v != WRAP_VERSION => return Err(CryptoError::UnsupportedVersion(v)),
            Some(_) if bytes.len() < HEADER_LEN => return Err(CryptoError::Truncated),
            Some(_) => {}
        }
        let u32_at =
            |i: usize| u32::from_be_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
        let mut salt = [0u8; SALT_LEN];
        salt.copy_from_slice(&bytes[13..13 + SALT_LEN]);
        Ok(Self {
            params: KdfParams {
                m_cost_kib: u32_at(1),
                t_cost: u32_at(5),
                p_cost: u32_at(9),
            },
            salt,
            public: RecipientPublicKey::from_slice(&bytes[13 + SALT_LEN..HEADER_LEN])?,
            sealed: Sealed::from_bytes(&bytes[HEADER_LEN..])?,
        })
    }
}

impl fmt::Debug for WrappedPrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WrappedPrivateKey")
            .field("public", &self.public)
            .field("params", &self.params)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
#[path = "password_tests.rs"]
mod tests;
