//! Crockford base32 for codes that people read and type, with a Luhn mod 32
//! check character.
//!
//! The alphabet is `0-9 A-Z` without `I L O U`. A 32-symbol alphabet cannot
//! also drop `0` and `1` (36 - 6 = 30 symbols), so, as in Crockford's
//! scheme, input is forgiving instead: `O` reads as `0`, `I` and `L` as `1`,
//! case is ignored, and spaces, dashes and line breaks are skipped. `U` and
//! every other character are rejected.

use zeroize::Zeroizing;

use super::CodeError;

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const N: u32 = 32;

/// The character for a 5-bit value.
pub(crate) fn symbol(value: u8) -> char {
    ALPHABET[usize::from(value & 31)] as char
}

fn value_of(c: char) -> Result<Option<u8>, CodeError> {
    let c = c.to_ascii_uppercase();
    let c = match c {
        'O' => '0',
        'I' | 'L' => '1',
        ' ' | '-' | '\n' | '\r' | '\t' | '\u{a0}' => return Ok(None),
        other => other,
    };
    match ALPHABET.iter().position(|&a| a as char == c) {
        Some(pos) => Ok(Some(pos as u8)),
        None => Err(CodeError::InvalidChar(c)),
    }
}

/// Reads typed text into 5-bit values, skipping separators.
pub(crate) fn parse_values(input: &str) -> Result<Zeroizing<Vec<u8>>, CodeError> {
    let mut out = Zeroizing::new(Vec::with_capacity(input.len()));
    for c in input.chars() {
        if let Some(v) = value_of(c)? {
            out.push(v);
        }
    }
    Ok(out)
}

/// Renders 5-bit values as characters.
pub(crate) fn render(values: &[u8]) -> Zeroizing<String> {
    Zeroizing::new(values.iter().map(|&v| symbol(v)).collect())
}

/// Joins `chars` in groups of `size` with `sep`.
pub(crate) fn grouped(chars: &str, size: usize, sep: &str) -> Zeroizing<String> {
    let chars: Vec<char> = chars.chars().collect();
    let groups: Vec<String> = chars.chunks(size).map(|g| g.iter().collect()).collect();
    Zeroizing::new(groups.join(sep))
}

/// The Luhn mod 32 check value for `values`: detects every single-character
/// substitution and almost every swap of neighbours.
pub(crate) fn luhn_check(values: &[u8]) -> u8 {
    let sum = luhn_sum(values, 2);
    ((N - sum % N) % N) as u8
}

/// True if the last value is the correct Luhn mod 32 check of the others.
pub(crate) fn luhn_valid(values_with_check: &[u8]) -> bool {
    !values_with_check.is_empty() && luhn_sum(values_with_check, 1).is_multiple_of(N)
}

fn luhn_sum(values: &[u8], first_factor: u32) -> u32 {
    let mut factor = first_factor;
    let mut sum = 0u32;
    for &v in values.iter().rev() {
        let addend = factor * u32::from(v);
        sum += addend / N + addend % N;
        factor = 3 - factor;
    }
    sum
}

/// Splits bytes into big-endian 5-bit values, zero-padding the last one.
pub(crate) fn bytes_to_values(bytes: &[u8]) -> Zeroizing<Vec<u8>> {
    let mut out = Zeroizing::new(Vec::with_capacity((bytes.len() * 8).div_ceil(5)));
    let (mut acc, mut bits) = (0u16, 0u32);
    for &b in bytes {
        acc = (acc << 8) | u16::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(((acc >> bits) & 31) as u8);
        }
    }
    if bits > 0 {
        out.push(((acc << (5 - bits)) & 31) as u8);
    }
    out
}

/// Inverse of [`bytes_to_values`]; `None` if the padding bits are not zero
/// or the count does not match `n_bytes`.
pub(crate) fn values_to_bytes(values: &[u8], n_bytes: usize) -> Option<Zeroizing<Vec<u8>>> {
    if values.len() != (n_bytes * 8).div_ceil(5) {
        return None;
    }
    let mut out = Zeroizing::new(Vec::with_capacity(n_bytes));
    let (mut acc, mut bits) = (0u16, 0u32);
    for &v in values {
        acc = ((acc << 5) | u16::from(v & 31)) & 0x0fff;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    let padding_is_zero = acc & ((1 << bits) - 1) == 0;
    (out.len() == n_bytes && padding_is_zero).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_round_trip_through_values() {
        for len in [1usize, 5, 12, 32] {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
            let values = bytes_to_values(&bytes);
            assert_eq!(&*values_to_bytes(&values, len).unwrap(), &bytes);
        }
    }

    #[test]
    fn nonzero_padding_is_rejected() {
        let mut values = bytes_to_values(&[0xff; 32]).to_vec();
        *values.last_mut().unwrap() |= 1;
        assert!(values_to_bytes(&values, 32).is_none());
    }

    #[test]
    fn luhn_catches_every_single_substitution() {
        let data: Vec<u8> = (0..19).map(|i| (i * 7 + 3) % 32).collect();
        let mut full = data.clone();
        full.push(luhn_check(&data));
        assert!(luhn_valid(&full));
        for pos in 0..full.len() {
            for v in 0..32u8 {
                if v != full[pos] {
                    let mut typo = full.clone();
                    typo[pos] = v;
                    assert!(!luhn_valid(&typo), "missed substitution at {pos}");
                }
            }
        }
    }

    #[test]
    fn confusable_letters_map_and_others_are_rejected() {
        assert_eq!(&*parse_values("o-I l 0\n1").unwrap(), &[0, 1, 1, 0, 1]);
        assert_eq!(parse_values("AU"), Err(CodeError::InvalidChar('U')));
        assert_eq!(parse_values("A!"), Err(CodeError::InvalidChar('!')));
        assert_eq!(parse_values("é"), Err(CodeError::InvalidChar('é')));
    }
}
