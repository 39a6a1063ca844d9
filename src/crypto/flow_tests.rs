//! End-to-end flow across the module, and a timing probe.
//!
//! Run the probe with
//! `cargo test --release --lib crypto::flow_tests::timings -- --ignored --nocapture`.

use std::time::Instant;

use super::*;

use crate::crypto::fields::ReportPayload as Story;

const REPORT: &str = "0190f5d6-1111-7000-8000-000000000001";

fn send_and_read(
    story: &[u8],
    recipients: &[RecipientPublicKey],
) -> (Sealed<Story>, Vec<SealedReportKey>) {
    let key = ReportKey::generate();
    let sealed = key.seal(REPORT, story).unwrap();
    let keys = recipients
        .iter()
        .map(|pk| seal_report_key(&key, pk, REPORT).unwrap())
        .collect();
    (sealed, keys)
}

#[test]
fn report_reaches_case_workers_and_recovery_only() {
    let kdf = PasswordKdf::new(KdfParams::INSECURE_FOR_TESTS).unwrap();
    let worker = KeyPair::generate();
    let wrapped = kdf
        .wrap(&worker.private, "sandi petugas")
        .unwrap()
        .to_bytes();
    let recovery = RecoveryKey::generate();
    let outsider = KeyPair::generate();

    let story = vec![b'a'; 10_000];
    let (sealed, keys) = send_and_read(&story, &[worker.public, recovery.public_key()]);

    // A worker logs in: unwraps her key with her password, then reads.
    let unlocked = PasswordKdf::unwrap(
        &WrappedPrivateKey::from_bytes(&wrapped).unwrap(),
        "sandi petugas",
    )
    .unwrap();
    let report_key = open_report_key(&keys[0], &unlocked, REPORT).unwrap();
    assert_eq!(&*report_key.open(REPORT, &sealed).unwrap(), &story[..]);

    // The paper recovery key opens its own copy.
    let paper = RecoveryKey::from_paper(&recovery.to_paper()).unwrap();
    let report_key = open_report_key(&keys[1], paper.private_key(), REPORT).unwrap();
    assert_eq!(&*report_key.open(REPORT, &sealed).unwrap(), &story[..]);

    // Nobody else does, and copies are not interchangeable between recipients.
    for k in &keys {
        assert!(open_report_key(k, &outsider.private, REPORT).is_err());
    }
    assert!(open_report_key(&keys[1], &unlocked, REPORT).is_err());
}

#[test]
#[ignore = "timing probe; run with --release --ignored --nocapture"]
fn timings() {
    let kdf = PasswordKdf::production();
    let pair = KeyPair::generate();
    let runs = 5;
    let start = Instant::now();
    for _ in 0..runs {
        kdf.wrap(&pair.private, "correct horse battery staple")
            .unwrap();
    }
    let argon = start.elapsed() / runs;
    let phc = kdf.hash_password("pw").unwrap();
    let start = Instant::now();
    PasswordKdf::verify_password(&phc, "pw").unwrap();
    let verify = start.elapsed();

    let recipients: Vec<KeyPair> = (0..5).map(|_| KeyPair::generate()).collect();
    let pks: Vec<RecipientPublicKey> = recipients.iter().map(|p| p.public).collect();
    let story = vec![0x41u8; 10 * 1024];
    let runs = 200;
    let start = Instant::now();
    for _ in 0..runs {
        send_and_read(&story, &pks);
    }
    let send = start.elapsed() / runs;
    let start = Instant::now();
    for _ in 0..runs {
        let (sealed, keys) = send_and_read(&story, &pks);
        for (k, r) in keys.iter().zip(&recipients) {
            let rk = open_report_key(k, &r.private, REPORT).unwrap();
            assert_eq!(rk.open(REPORT, &sealed).unwrap().len(), story.len());
        }
    }
    let flow = start.elapsed() / runs;
    println!(
        "argon2id {:?} wrap: {argon:?}; verify_password: {verify:?}; \
         10 KiB story sealed + report key to 5 recipients: {send:?}; \
         the same plus all 5 recipients opening it: {flow:?}",
        KdfParams::PRODUCTION
    );
}
