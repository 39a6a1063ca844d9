//! Tests of [`super::PasswordKdf`] and [`super::WrappedPrivateKey`].

use super::*;
use crate::crypto::KeyPair;
use crate::crypto::test_util::assert_redacted;

fn cheap() -> PasswordKdf {
    PasswordKdf::new(KdfParams::INSECURE_FOR_TESTS).unwrap()
}

#[test]
fn production_params_meet_owasp() {
    let p = KdfParams::PRODUCTION;
    assert!(p.meets_owasp());
    assert!(p.m_cost_kib >= 47_104 || (p.m_cost_kib >= 19_456 && p.t_cost >= 2));
    assert_eq!(PasswordKdf::production().params(), p);
    assert!(PasswordKdf::new(p).is_ok());
    assert!(!KdfParams::INSECURE_FOR_TESTS.meets_owasp());
    let weak = KdfParams {
        m_cost_kib: 19_456,
        t_cost: 1,
        p_cost: 1,
    };
    assert!(!weak.meets_owasp());
}

#[test]
fn wrap_round_trip() {
    let pair = KeyPair::generate();
    let wrapped = cheap().wrap(&pair.private, "kata sandi panjang").unwrap();
    assert_eq!(wrapped.public_key(), pair.public);
    let bytes = wrapped.to_bytes();
    let parsed = WrappedPrivateKey::from_bytes(&bytes).unwrap();
    assert_eq!(parsed, wrapped);
    assert_eq!(parsed.params(), KdfParams::INSECURE_FOR_TESTS);
    let key = PasswordKdf::unwrap(&parsed, "kata sandi panjang").unwrap();
    assert_eq!(key.public_key(), pair.public);
    assert_eq!(key.expose(), pair.private.expose());
}

#[test]
fn wrong_password_fails() {
    let pair = KeyPair::generate();
    let wrapped = cheap().wrap(&pair.private, "correct horse").unwrap();
    for wrong in ["correct hors", "Correct horse", "", "correct horse "] {
        assert!(matches!(
            PasswordKdf::unwrap(&wrapped, wrong),
            Err(CryptoError::WrongPassword)
        ));
    }
}

#[test]
fn tampered_wrap_fails_without_panic() {
    let pair = KeyPair::generate();
    let bytes = cheap().wrap(&pair.private, "pw").unwrap().to_bytes();
    // Bytes 1..13 are the Argon2 costs: flipping high bits there must be refused
    // by the bounds check, not attempted.
    for i in 0..bytes.len() * 8 {
        let mut t = bytes.clone();
        t[i / 8] ^= 1 << (i % 8);
        let result = WrappedPrivateKey::from_bytes(&t).and_then(|w| PasswordKdf::unwrap(&w, "pw"));
        assert!(result.is_err(), "bit {i} flip accepted");
    }
    for len in 0..bytes.len() {
        let result = WrappedPrivateKey::from_bytes(&bytes[..len])
            .and_then(|w| PasswordKdf::unwrap(&w, "pw"));
        assert!(result.is_err(), "truncation to {len} accepted");
    }
}

#[test]
fn excessive_params_are_refused() {
    let huge = KdfParams {
        m_cost_kib: u32::MAX,
        t_cost: 1,
        p_cost: 1,
    };
    assert!(matches!(
        PasswordKdf::new(huge),
        Err(CryptoError::KdfParams(_))
    ));
    let zero = KdfParams {
        m_cost_kib: 64,
        t_cost: 0,
        p_cost: 1,
    };
    assert!(matches!(
        PasswordKdf::new(zero),
        Err(CryptoError::KdfParams(_))
    ));
}

#[test]
fn needs_rewrap_when_params_change() {
    let pair = KeyPair::generate();
    let wrapped = cheap().wrap(&pair.private, "pw").unwrap();
    assert!(!wrapped.needs_rewrap(&cheap()));
    assert!(wrapped.needs_rewrap(&PasswordKdf::production()));
}

#[test]
fn password_hash_round_trip() {
    let kdf = cheap();
    let phc = kdf.hash_password("rahasia sekali").unwrap();
    assert!(phc.starts_with("$argon2id$v=19$m=64,t=1,p=1$"), "{phc}");
    PasswordKdf::verify_password(&phc, "rahasia sekali").unwrap();
    assert!(matches!(
        PasswordKdf::verify_password(&phc, "rahasia sekal"),
        Err(CryptoError::WrongPassword)
    ));
    assert_ne!(
        phc,
        kdf.hash_password("rahasia sekali").unwrap(),
        "salt must be fresh"
    );
}

#[test]
fn malformed_or_extreme_hashes_are_refused() {
    assert!(matches!(
        PasswordKdf::verify_password("not a hash", "x"),
        Err(CryptoError::InvalidPasswordHash)
    ));
    let phc = cheap().hash_password("x").unwrap();
    let huge = phc.replace("m=64", "m=4000000");
    assert!(matches!(
        PasswordKdf::verify_password(&huge, "x"),
        Err(CryptoError::KdfParams(_))
    ));
}

#[test]
fn debug_is_redacted() {
    let pair = KeyPair::generate();
    assert_redacted(&format!("{:?}", pair.private), pair.private.expose());
    assert_redacted(&format!("{pair:?}"), pair.private.expose());
    let wrapped = cheap().wrap(&pair.private, "pw").unwrap();
    assert_redacted(&format!("{wrapped:?}"), pair.private.expose());
}
