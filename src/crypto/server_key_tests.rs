//! Tests of [`super::ServerKey`].

use std::os::unix::fs::PermissionsExt;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;

use super::*;
use crate::crypto::test_util::assert_redacted;

use crate::crypto::fields::{DialogueState as Draft, ReporterChat};

fn key_b64(root: &[u8; 32]) -> String {
    BASE64.encode(root)
}

#[test]
fn file_round_trip_and_mode() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("server.key");
    let key = ServerKey::generate_to_file(&path).unwrap();
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    let loaded = ServerKey::from_file(&path).unwrap();
    assert_eq!(key.key_id(), loaded.key_id());
    let sealed: Sealed<Draft> = key.seal("chat-1", b"half a story").unwrap();
    assert_eq!(&*loaded.open("chat-1", &sealed).unwrap(), b"half a story");
}

#[test]
fn generate_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("server.key");
    ServerKey::generate_to_file(&path).unwrap();
    assert!(matches!(
        ServerKey::generate_to_file(&path),
        Err(CryptoError::KeyFileIo { .. })
    ));
}

#[test]
fn group_or_other_readable_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("server.key");
    ServerKey::generate_to_file(&path).unwrap();
    for mode in [0o644, 0o640, 0o604, 0o620, 0o601] {
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
        let err = ServerKey::from_file(&path).unwrap_err();
        assert!(
            matches!(err, CryptoError::InsecureKeyFile { mode: m, .. } if m == mode),
            "mode {mode:o}: {err}"
        );
        assert!(err.to_string().contains("chmod 600"));
    }
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o400)).unwrap();
    assert!(ServerKey::from_file(&path).is_ok());
}

#[test]
fn missing_file_is_an_io_error() {
    let dir = tempfile::tempdir().unwrap();
    let err = ServerKey::from_file(&dir.path().join("nope")).unwrap_err();
    assert!(matches!(err, CryptoError::KeyFileIo { .. }));
}

#[test]
fn base64_parsing() {
    let root = [7u8; 32];
    let a = ServerKey::from_base64(&format!("  {}\n", key_b64(&root))).unwrap();
    assert_eq!(a.key_id(), ServerKey::from_bytes(&root).key_id());
    assert!(matches!(
        ServerKey::from_base64(&BASE64.encode([1u8; 31])),
        Err(CryptoError::InvalidKey(_))
    ));
    assert!(matches!(
        ServerKey::from_base64("not base64!"),
        Err(CryptoError::InvalidKey(_))
    ));
    assert!(matches!(
        ServerKey::from_base64(""),
        Err(CryptoError::InvalidKey(_))
    ));
}

#[test]
fn key_ids_differ_between_keys() {
    let a = ServerKey::from_bytes(&[1; 32]);
    let b = ServerKey::from_bytes(&[2; 32]);
    assert_ne!(a.key_id(), b.key_id());
    assert_eq!(a.key_id().to_string().len(), 16);
}

#[test]
fn reporter_ref_is_keyed_and_distinct() {
    let a = ServerKey::from_bytes(&[1; 32]);
    let b = ServerKey::from_bytes(&[2; 32]);
    let r = a.reporter_ref(123_456_789, 123_456_789);
    assert_eq!(r, a.reporter_ref(123_456_789, 123_456_789));
    assert_ne!(r, a.reporter_ref(123_456_789, 987));
    assert_ne!(r, a.reporter_ref(987, 123_456_789));
    assert_ne!(r, b.reporter_ref(123_456_789, 123_456_789));
    assert_eq!(r.to_hex().len(), 64);
    assert_eq!(ReporterRef::from_bytes(*r.as_bytes()), r);
}

#[test]
fn derived_keys_are_independent() {
    let key = ServerKey::from_bytes(&[9; 32]);
    assert_ne!(*key.seal_key, *key.reporter_mac_key);
    assert_ne!(*key.reporter_mac_key, *key.receipt_mac_key);
    assert_ne!(
        key.receipt_mac(&[0; 16]).as_bytes(),
        key.reporter_ref(0, 0).as_bytes()
    );
}

#[test]
fn sealed_data_is_bound_and_keyed() {
    let a = ServerKey::from_bytes(&[1; 32]);
    let b = ServerKey::from_bytes(&[2; 32]);
    let sealed: Sealed<ReporterChat> = a.seal("chat-1", b"42").unwrap();
    assert!(matches!(
        b.open("chat-1", &sealed),
        Err(CryptoError::Decryption)
    ));
    assert!(matches!(
        a.open("chat-2", &sealed),
        Err(CryptoError::Decryption)
    ));
    let moved = Sealed::<Draft>::from_bytes(sealed.as_bytes()).unwrap();
    assert!(matches!(
        a.open("chat-1", &moved),
        Err(CryptoError::Decryption)
    ));
}

#[test]
fn debug_is_redacted() {
    let root = [0x5au8; 32];
    let key = ServerKey::from_bytes(&root);
    let dbg = format!("{key:?}");
    assert!(dbg.contains(&key.key_id().to_string()));
    assert_redacted(&dbg, &root);
    assert_redacted(&dbg, &*key.seal_key);
    assert_redacted(&dbg, &*key.reporter_mac_key);
    assert_redacted(&dbg, &*key.receipt_mac_key);
}

#[test]
fn a_rotated_key_keeps_its_hashes_and_changes_its_sealing() {
    let dir = tempfile::tempdir().unwrap();
    let old = ServerKey::from_bytes(&[5; 32]);
    let new = old.rotate_to_file(&dir.path().join("next.key")).unwrap();
    assert_eq!(old.reporter_ref(1, 2), new.reporter_ref(1, 2));
    assert_ne!(old.key_id(), new.key_id());
    let sealed: Sealed<Draft> = old.seal("ctx", b"x").unwrap();
    assert!(new.open("ctx", &sealed).is_err());
    let reloaded = ServerKey::from_file(&dir.path().join("next.key")).unwrap();
    assert_eq!(reloaded.key_id(), new.key_id());
    assert_eq!(reloaded.reporter_ref(1, 2), old.reporter_ref(1, 2));
    assert!(
        old.rotate_to_file(&dir.path().join("next.key")).is_err(),
        "never overwrites a key file"
    );
}

#[test]
fn blind_indexes_survive_rotation_and_depend_on_kind_and_key() {
    let dir = tempfile::tempdir().unwrap();
    let key = ServerKey::from_bytes(&[7u8; 32]);
    let phone = key.blind_index("phone", "+6281234567890");
    assert_eq!(phone, key.blind_index("phone", "+6281234567890"));
    assert_ne!(phone, key.blind_index("account", "+6281234567890"));
    assert_ne!(phone, key.blind_index("phone", "+6281234567891"));
    let rotated = key.rotate_to_file(&dir.path().join("next.key")).unwrap();
    assert_ne!(rotated.key_id(), key.key_id());
    assert_eq!(rotated.blind_index("phone", "+6281234567890"), phone);
    let other = ServerKey::from_bytes(&[8u8; 32]);
    assert_ne!(other.blind_index("phone", "+6281234567890"), phone);
    assert!(!format!("{phone:?}").contains(&hex::encode(phone.as_bytes())));
}
