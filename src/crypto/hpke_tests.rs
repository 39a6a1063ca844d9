//! Tests of report-key sealing (our HPKE suite) and the key types.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;

use super::*;
use crate::crypto::test_util::assert_redacted;

const R1: &str = "0190f5d6-1111-7000-8000-000000000001";
const R2: &str = "0190f5d6-2222-7000-8000-000000000002";

#[test]
fn round_trip_to_several_recipients() {
    let key = ReportKey::generate();
    let pairs: Vec<KeyPair> = (0..3).map(|_| KeyPair::generate()).collect();
    for pair in &pairs {
        let sealed = seal_report_key(&key, &pair.public, R1).unwrap();
        assert_eq!(sealed.as_bytes().len(), SEALED_KEY_LEN);
        let parsed = SealedReportKey::from_bytes(&sealed.to_bytes()).unwrap();
        let opened = open_report_key(&parsed, &pair.private, R1).unwrap();
        assert_eq!(opened.expose(), key.expose());
    }
}

#[test]
fn wrong_recipient_or_report_fails() {
    let key = ReportKey::generate();
    let (alice, bob) = (KeyPair::generate(), KeyPair::generate());
    let sealed = seal_report_key(&key, &alice.public, R1).unwrap();
    assert!(matches!(
        open_report_key(&sealed, &bob.private, R1),
        Err(CryptoError::Decryption)
    ));
    assert!(matches!(
        open_report_key(&sealed, &alice.private, R2),
        Err(CryptoError::Decryption)
    ));
    assert!(matches!(
        open_report_key(&sealed, &alice.private, ""),
        Err(CryptoError::Decryption)
    ));
}

#[test]
fn tampering_and_truncation_fail_without_panic() {
    let pair = KeyPair::generate();
    let bytes = seal_report_key(&ReportKey::generate(), &pair.public, R1)
        .unwrap()
        .to_bytes();
    for i in 0..bytes.len() * 8 {
        let mut t = bytes.clone();
        t[i / 8] ^= 1 << (i % 8);
        let result =
            SealedReportKey::from_bytes(&t).and_then(|s| open_report_key(&s, &pair.private, R1));
        assert!(result.is_err(), "bit {i} flip accepted");
    }
    for len in 0..bytes.len() {
        assert!(
            SealedReportKey::from_bytes(&bytes[..len]).is_err(),
            "truncation to {len}"
        );
    }
    let mut long = bytes.clone();
    long.push(0);
    assert!(matches!(
        SealedReportKey::from_bytes(&long),
        Err(CryptoError::InvalidLength)
    ));
    assert!(matches!(
        SealedReportKey::from_bytes(&[]),
        Err(CryptoError::Truncated)
    ));
}

#[test]
fn low_order_encapsulated_key_is_rejected() {
    let pair = KeyPair::generate();
    let mut bytes = seal_report_key(&ReportKey::generate(), &pair.public, R1)
        .unwrap()
        .to_bytes();
    // An all-zero X25519 point gives an all-zero DH output, which must fail.
    bytes[1..33].fill(0);
    let sealed = SealedReportKey::from_bytes(&bytes).unwrap();
    assert!(open_report_key(&sealed, &pair.private, R1).is_err());
}

#[test]
fn overlong_report_id_is_an_error_not_a_panic() {
    let pair = KeyPair::generate();
    let id = "x".repeat(70_000);
    assert!(matches!(
        seal_report_key(&ReportKey::generate(), &pair.public, &id),
        Err(CryptoError::InvalidInput(_))
    ));
}

#[test]
fn public_key_encodings() {
    let pk = KeyPair::generate().public;
    assert_eq!(RecipientPublicKey::from_hex(&pk.to_hex()).unwrap(), pk);
    assert_eq!(
        RecipientPublicKey::from_hex(&pk.to_hex().to_uppercase()).unwrap(),
        pk
    );
    assert_eq!(
        RecipientPublicKey::from_base64(&format!("{}\n", pk.to_base64())).unwrap(),
        pk
    );
    assert_eq!(RecipientPublicKey::from_bytes(*pk.as_bytes()), pk);
    assert!(RecipientPublicKey::from_hex("abcd").is_err());
    assert!(RecipientPublicKey::from_hex("zz").is_err());
    assert!(RecipientPublicKey::from_base64(&BASE64.encode([1u8; 33])).is_err());
    assert!(RecipientPublicKey::from_slice(&[]).is_err());
}

#[test]
fn private_key_is_canonical_and_matches_public() {
    let pair = KeyPair::generate();
    let again = UnlockedPrivateKey::from_bytes(*pair.private.expose());
    assert_eq!(again.expose(), pair.private.expose());
    assert_eq!(again.public_key(), pair.public);
    assert_ne!(KeyPair::generate().public, pair.public);
}

#[test]
fn debug_is_redacted() {
    let pair = KeyPair::generate();
    assert_redacted(&format!("{:?}", pair.private), pair.private.expose());
    assert_redacted(&format!("{pair:?}"), pair.private.expose());
    let key = ReportKey::generate();
    let sealed = seal_report_key(&key, &pair.public, R1).unwrap();
    assert_redacted(&format!("{sealed:?}"), key.expose());
    assert_redacted(&format!("{sealed:?}"), &sealed.as_bytes()[1..]);
}
