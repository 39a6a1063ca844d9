//! [`TotpKey`]: a case worker's second factor (RFC 6238, SHA-1, 6 digits,
//! 30 s), as every authenticator app expects. The code arithmetic is
//! `totp-rs`'s; this module adds replay-aware checking and the enrolment QR.

use std::fmt;

use totp_rs::{Algorithm, Secret, TOTP};
use zeroize::Zeroizing;

use super::{CryptoError, ct_eq, random_bytes};

/// Seconds per code.
pub const TOTP_STEP: u64 = 30;

/// A TOTP secret. Zeroized on drop; `Debug` is redacted.
#[derive(Clone)]
pub struct TotpKey {
    secret: Zeroizing<Vec<u8>>,
}

impl TotpKey {
    /// A fresh 160-bit secret (RFC 4226's recommendation).
    pub fn generate() -> Self {
        Self {
            secret: Zeroizing::new(random_bytes::<20>().to_vec()),
        }
    }

    /// The raw secret, for sealing under the server key.
    pub fn expose(&self) -> &[u8] {
        &self.secret
    }

    /// Rebuilds a key from its raw bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, CryptoError> {
        if bytes.len() < 16 {
            return Err(CryptoError::Truncated);
        }
        Ok(Self {
            secret: Zeroizing::new(bytes.to_vec()),
        })
    }

    /// The secret in base32, for typing into an app by hand.
    pub fn to_base32(&self) -> Zeroizing<String> {
        match Secret::Raw(self.secret.to_vec()).to_encoded() {
            Secret::Encoded(s) => Zeroizing::new(s),
            Secret::Raw(_) => unreachable!("to_encoded returns the encoded form"),
        }
    }

    /// The `otpauth://` URI an authenticator app reads from the QR code.
    pub fn uri(&self, issuer: &str, account: &str) -> Zeroizing<String> {
        let enc = |s: &str| url::form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
        Zeroizing::new(format!(
            "otpauth://totp/{}:{}?secret={}&issuer={}&algorithm=SHA1&digits=6&period={TOTP_STEP}",
            enc(issuer),
            enc(account),
            self.to_base32().as_str(),
            enc(issuer),
        ))
    }

    /// The enrolment QR code as an inline SVG document.
    pub fn qr_svg(&self, issuer: &str, account: &str) -> Result<String, CryptoError> {
        let code = qrcode::QrCode::new(self.uri(issuer, account).as_bytes())
            .map_err(|_| CryptoError::Truncated)?;
        Ok(code
            .render::<qrcode::render::svg::Color<'_>>()
            .min_dimensions(220, 220)
            .quiet_zone(true)
            .build())
    }

    fn totp(&self) -> TOTP {
        TOTP::new_unchecked(Algorithm::SHA1, 6, 1, TOTP_STEP, self.secret.to_vec())
    }

    /// The code for Unix time `unix_secs`.
    pub fn code_at(&self, unix_secs: u64) -> String {
        self.totp().generate(unix_secs)
    }

    /// Checks `code` at `unix_secs`, allowing one step of clock drift either
    /// way. Returns the time step the code belongs to, so the caller can
    /// refuse a step already used (a replayed code).
    pub fn verify(&self, code: &str, unix_secs: u64) -> Option<i64> {
        let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
        if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let totp = self.totp();
        let now_step = unix_secs / TOTP_STEP;
        let mut found = None;
        // Check every candidate so the time taken does not depend on which matched.
        for step in [now_step.saturating_sub(1), now_step, now_step + 1] {
            if ct_eq(totp.generate(step * TOTP_STEP).as_bytes(), code.as_bytes()) {
                found = Some(step as i64);
            }
        }
        found
    }
}

impl fmt::Debug for TotpKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TotpKey([REDACTED])")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_6238_sha1_vector() {
        // RFC 6238 appendix B, secret "12345678901234567890", T = 59 s.
        let key = TotpKey::from_bytes(b"12345678901234567890").unwrap();
        assert_eq!(key.code_at(59), "287082");
        assert_eq!(key.code_at(1_111_111_109), "081804");
    }

    #[test]
    fn a_code_verifies_within_one_step_and_names_its_step() {
        let key = TotpKey::generate();
        let t = 1_800_000_000;
        let code = key.code_at(t);
        assert_eq!(key.verify(&code, t), Some((t / 30) as i64));
        assert_eq!(key.verify(&code, t + 30), Some((t / 30) as i64));
        assert_eq!(key.verify(&code, t + 90), None);
        assert_eq!(key.verify("12345", t), None);
        assert_eq!(key.verify("abcdef", t), None);
    }

    #[test]
    fn uri_and_qr_name_the_account() {
        let key = TotpKey::generate();
        let uri = key.uri("Suara", "ani petugas");
        assert!(uri.starts_with("otpauth://totp/Suara:ani+petugas?secret="));
        let svg = key.qr_svg("Suara", "ani").unwrap();
        assert!(svg.contains("<svg"));
        assert!(!format!("{key:?}").contains(key.to_base32().as_str()));
    }
}
