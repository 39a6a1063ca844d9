//! [`ServerKey`]: the bot's own secret, for drafts, sealed chat ids and
//! keyed hashes of Telegram identities and receipt codes.
//!
//! The file or environment variable holds 32 random bytes in base64. From
//! them HKDF-SHA256 derives, under distinct labels, a sealing key, two HMAC
//! keys and a key id, so no derived key can stand in for another.

use std::fmt;
use std::path::Path;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use hkdf::Hkdf;
use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use super::fields::ServerField;
use super::sealed::{open_with_key, seal_with_key};
use super::{CryptoError, Sealed, ct_eq, random_bytes};

const HKDF_SALT: &[u8] = b"suara/server-key/v1";

macro_rules! keyed_hash {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Eq)]
        pub struct $name([u8; 32]);

        impl $name {
            /// Wraps 32 stored bytes.
            pub fn from_bytes(bytes: [u8; 32]) -> Self {
                Self(bytes)
            }
            /// The raw 32 bytes, for storage and indexed lookup.
            pub fn as_bytes(&self) -> &[u8; 32] {
                &self.0
            }
            /// Lower-case hex.
            pub fn to_hex(&self) -> String {
                hex::encode(self.0)
            }
        }

        impl PartialEq for $name {
            /// Constant-time comparison.
            fn eq(&self, other: &Self) -> bool {
                ct_eq(&self.0, &other.0)
            }
        }

        impl std::hash::Hash for $name {
            fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
                self.0.hash(state);
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                // A prefix is enough to tell values apart in logs.
                write!(f, "{}({}…)", stringify!($name), hex::encode(&self.0[..4]))
            }
        }
    };
}

keyed_hash!(
    /// A pseudonymous reference to a reporter (HMAC-SHA256 of her Telegram
    /// user id and chat id): stable for lookups and rate limits, useless
    /// without the server key.
    ReporterRef
);
keyed_hash!(
    /// The stored form of a receipt code (HMAC-SHA256 under the server key).
    ReceiptLookup
);

/// The stored form of an identifier that links reports: 128 bits of a
/// keyed hash of its normal form, never the identifier itself. Equal
/// identifiers give equal indexes; without the server key nothing can be
/// read from one.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BlindIndex([u8; 16]);

impl BlindIndex {
    /// Wraps 16 stored bytes.
    pub fn from_bytes(bytes: [u8; 16]) -> Self {
        Self(bytes)
    }
    /// The stored bytes.
    pub fn as_bytes(&self) -> &[u8; 16] {
        &self.0
    }
}

impl fmt::Debug for BlindIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "BlindIndex({}…)", hex::encode(&self.0[..4]))
    }
}

/// Identifies which server key sealed or hashed something, for rotation.
/// Not secret: the first 8 bytes of SHA-256 over a derived value.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyId(pub [u8; 8]);

impl fmt::Debug for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "KeyId({self})")
    }
}

impl fmt::Display for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&hex::encode(self.0))
    }
}

/// The bot's secret key. Zeroized on drop; `Debug` shows only the key id.
#[derive(Clone)]
pub struct ServerKey {
    /// Root of the keyed hashes. It survives rotation, so receipt codes and
    /// chat lookups keep working; only the sealing root is replaced.
    index_root: Zeroizing<[u8; 32]>,
    seal_root: Zeroizing<[u8; 32]>,
    seal_key: Zeroizing<[u8; 32]>,
    reporter_mac_key: Zeroizing<[u8; 32]>,
    receipt_mac_key: Zeroizing<[u8; 32]>,
    /// Keys the blind indexes of identifiers that link reports.
    link_mac_key: Zeroizing<[u8; 32]>,
    key_id: KeyId,
}

impl ServerKey {
    /// Builds the key from 32 secret bytes (a key never rotated: one root
    /// for both sealing and the keyed hashes).
    pub fn from_bytes(root: &[u8; 32]) -> Self {
        Self::from_roots(root, root)
    }

    /// Builds the key from its hash root and its (rotatable) sealing root.
    pub fn from_roots(index_root: &[u8; 32], seal_root: &[u8; 32]) -> Self {
        let derive = |root: &[u8; 32], label: &[u8]| {
            let hk = Hkdf::<Sha256>::new(Some(HKDF_SALT), root);
            let mut out = Zeroizing::new([0u8; 32]);
            hk.expand(label, &mut out[..])
                .expect("32 bytes is a valid HKDF length");
            out
        };
        let id_material = derive(seal_root, b"suara/server-key/key-id");
        let digest = Sha256::digest(&id_material[..]);
        let mut id = [0u8; 8];
        id.copy_from_slice(&digest[..8]);
        Self {
            index_root: Zeroizing::new(*index_root),
            seal_root: Zeroizing::new(*seal_root),
            seal_key: derive(seal_root, b"suara/server-key/seal"),
            reporter_mac_key: derive(index_root, b"suara/server-key/reporter-ref"),
            receipt_mac_key: derive(index_root, b"suara/server-key/receipt"),
            link_mac_key: derive(index_root, b"suara/server-key/link"),
            key_id: KeyId(id),
        }
    }

    /// The base64 form: one root (32 bytes) while never rotated, else the
    /// hash root followed by the sealing root (64 bytes).
    pub fn to_base64(&self) -> Zeroizing<String> {
        if self.index_root[..] == self.seal_root[..] {
            return Zeroizing::new(BASE64.encode(&self.seal_root[..]));
        }
        let mut both = Zeroizing::new([0u8; 64]);
        both[..32].copy_from_slice(&self.index_root[..]);
        both[32..].copy_from_slice(&self.seal_root[..]);
        Zeroizing::new(BASE64.encode(&both[..]))
    }

    /// A successor with a fresh sealing root and the same hash root,
    /// written to `path` (mode 0600, never over an existing file).
    pub fn rotate_to_file(&self, path: &Path) -> Result<Self, CryptoError> {
        let next = Self::from_roots(&self.index_root, &random_bytes::<32>());
        write_new_key_file(path, &next.to_base64())?;
        Ok(next)
    }

    /// Parses the base64 form (for an environment variable).
    pub fn from_base64(s: &str) -> Result<Self, CryptoError> {
        let bytes = Zeroizing::new(
            BASE64
                .decode(s.trim())
                .map_err(|_| CryptoError::InvalidKey("server key is not valid base64"))?,
        );
        match bytes.len() {
            32 => {
                let root: &[u8; 32] = bytes[..].try_into().expect("length checked");
                Ok(Self::from_bytes(root))
            }
            64 => {
                let index: &[u8; 32] = bytes[..32].try_into().expect("length checked");
                let seal: &[u8; 32] = bytes[32..].try_into().expect("length checked");
                Ok(Self::from_roots(index, seal))
            }
            _ => Err(CryptoError::InvalidKey(
                "server key must be 32 bytes (or 64 after a rotation)",
            )),
        }
    }

    /// Loads the key from a file holding its base64 form. Refuses a file
    /// that group or others may read or write.
    pub fn from_file(path: &Path) -> Result<Self, CryptoError> {
        let io_err = |source| CryptoError::KeyFileIo {
            path: path.to_owned(),
            source,
        };
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(path)
                .map_err(io_err)?
                .permissions()
                .mode();
            if mode & 0o077 != 0 {
                return Err(CryptoError::InsecureKeyFile {
                    path: path.to_owned(),
                    mode: mode & 0o7777,
                });
            }
        }
        let text = Zeroizing::new(std::fs::read_to_string(path).map_err(io_err)?);
        Self::from_base64(&text)
    }

    /// Generates a new key and writes it to `path` with mode 0600. Fails if
    /// the file already exists, so a key is never overwritten by accident.
    pub fn generate_to_file(path: &Path) -> Result<Self, CryptoError> {
        let root = Zeroizing::new(random_bytes::<32>());
        let key = Self::from_bytes(&root);
        write_new_key_file(path, &key.to_base64())?;
        Ok(key)
    }

    /// Which key this is (safe to store next to what it sealed).
    pub fn key_id(&self) -> KeyId {
        self.key_id
    }

    /// Seals server-side data (a draft, a chat id) as field `F`, bound to
    /// `context` (see [`super::fields`] for each field's context).
    pub fn seal<F: ServerField>(
        &self,
        context: &str,
        plaintext: &[u8],
    ) -> Result<Sealed<F>, CryptoError> {
        seal_with_key(&self.seal_key, context, F::SPEC.label, plaintext)
    }

    /// Opens a value sealed by [`ServerKey::seal`].
    pub fn open<F: ServerField>(
        &self,
        context: &str,
        sealed: &Sealed<F>,
    ) -> Result<Zeroizing<Vec<u8>>, CryptoError> {
        open_with_key(&self.seal_key, context, F::SPEC.label, sealed)
    }

    /// The keyed hash that stands for a reporter in the database.
    pub fn reporter_ref(&self, telegram_user_id: i64, chat_id: i64) -> ReporterRef {
        let mut msg = [0u8; 16];
        msg[..8].copy_from_slice(&telegram_user_id.to_be_bytes());
        msg[8..].copy_from_slice(&chat_id.to_be_bytes());
        ReporterRef(hmac_sha256(&self.reporter_mac_key, &msg))
    }

    /// The stored form of a PIN she set for report `report`: a keyed hash
    /// bound to the report, so one PIN's hash says nothing about another's.
    pub fn pin_lookup(&self, report: &str, pin: &str) -> ReceiptLookup {
        let mut msg = Vec::with_capacity(report.len() + pin.len() + 8);
        msg.extend_from_slice(b"pin\0");
        msg.extend_from_slice(report.as_bytes());
        msg.push(0);
        msg.extend_from_slice(pin.as_bytes());
        self.receipt_mac(&msg)
    }

    /// The blind index of a normalised identifier of kind `kind` (a phone
    /// number, an account, a company): HMAC-SHA256 under the linking key,
    /// truncated to 128 bits. Derived from the hash root, so a rotation
    /// keeps every link.
    pub fn blind_index(&self, kind: &str, value: &str) -> BlindIndex {
        let mut msg = Zeroizing::new(Vec::with_capacity(kind.len() + value.len() + 1));
        msg.extend_from_slice(kind.as_bytes());
        msg.push(0);
        msg.extend_from_slice(value.as_bytes());
        let full = hmac_sha256(&self.link_mac_key, &msg);
        let mut out = [0u8; 16];
        out.copy_from_slice(&full[..16]);
        BlindIndex(out)
    }

    /// HMAC-SHA256 under the receipt-code key (see
    /// [`crate::crypto::ReceiptCode::lookup_hash`]).
    pub(crate) fn receipt_mac(&self, msg: &[u8]) -> ReceiptLookup {
        ReceiptLookup(hmac_sha256(&self.receipt_mac_key, msg))
    }
}

/// Writes a key file with mode 0600; never replaces an existing file.
fn write_new_key_file(path: &Path, base64: &str) -> Result<(), CryptoError> {
    use std::io::Write;
    let text = Zeroizing::new(format!("{base64}\n"));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let io_err = |source| CryptoError::KeyFileIo {
        path: path.to_owned(),
        source,
    };
    let mut file = options.open(path).map_err(io_err)?;
    file.write_all(text.as_bytes()).map_err(io_err)?;
    file.sync_all().map_err(io_err)?;
    Ok(())
}

fn hmac_sha256(key: &[u8; 32], msg: &[u8]) -> [u8; 32] {
    let mut mac =
        <Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(msg);
    mac.finalize().into_bytes().into()
}

impl fmt::Debug for ServerKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ServerKey {{ key_id: {}, .. }}", self.key_id)
    }
}

#[cfg(test)]
#[path = "server_key_tests.rs"]
mod tests;
