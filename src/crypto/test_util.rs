//! Helpers shared by the tests of this module.

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};

/// Asserts that `debug` (a `{:?}` rendering) shows `secret` in none of the
/// usual encodings.
pub(crate) fn assert_redacted(debug: &str, secret: &[u8]) {
    assert!(secret.len() >= 8, "secret too short to search for");
    let encodings = [
        hex::encode(secret),
        hex::encode_upper(secret),
        STANDARD.encode(secret),
        STANDARD_NO_PAD.encode(secret),
        URL_SAFE.encode(secret),
        URL_SAFE_NO_PAD.encode(secret),
        format!("{secret:?}"),
    ];
    for enc in encodings {
        // A prefix of 12 characters is enough to reveal a leak.
        let probe: String = enc.chars().take(12).collect();
        assert!(
            !debug.contains(&probe),
            "Debug output leaks secret: {debug}"
        );
    }
    let bytes_list = secret
        .iter()
        .map(u8::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    assert!(
        !debug.contains(&bytes_list),
        "Debug output leaks bytes: {debug}"
    );
}
