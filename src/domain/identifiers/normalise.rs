//! One normaliser per kind of identifier. Each returns `None` when what is
//! left is too short to mean anything, so noise never links reports.

use super::{Identifier, LinkKind};

/// Fewest and most digits of a phone number with its country code (E.164
/// allows 15).
const PHONE_DIGITS: std::ops::RangeInclusive<usize> = 9..=15;

/// A phone number in E.164 (`+6281234567890`). Indonesian forms (`0812…`,
/// `62812…`, `+62 812…`, `+62 (0)812…`) are one number whatever the
/// spaces, dots, dashes or brackets; `00` is the international prefix; a
/// number written with another country code keeps it. Letters around the
/// digits are not allowed: this takes one written number, see
/// [`super::from_text`] to find numbers in a sentence.
pub fn phone(text: &str) -> Option<Identifier> {
    let text = text.trim();
    let plus = text.starts_with('+');
    if text
        .chars()
        .any(|c| !(c.is_ascii_digit() || " -./()+\u{a0}".contains(c)))
        || text[usize::from(plus)..].contains('+')
    {
        return None;
    }
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let international = if plus {
        digits
    } else if let Some(rest) = digits.strip_prefix("00") {
        rest.to_owned()
    } else if let Some(rest) = digits.strip_prefix('0') {
        // A leading 0 is the Indonesian trunk prefix: 0812… is +62812….
        format!("62{rest}")
    } else if digits.starts_with("628") || digits.len() >= 11 {
        // Written with its country code but without the plus.
        digits
    } else {
        return None;
    };
    // "+62 (0)812…" and "+62 0812…": the trunk 0 is dropped after a code.
    let international = match international.strip_prefix("620") {
        Some(rest) => format!("62{rest}"),
        None => international,
    };
    if !PHONE_DIGITS.contains(&international.len()) || international.starts_with('0') {
        return None;
    }
    Some(Identifier::new(
        LinkKind::Phone,
        format!("+{international}"),
    ))
}

/// Platforms by the hosts (and words) that name them.
const PLATFORMS: &[(&str, &[&str])] = &[
    (
        "facebook",
        &["facebook.com", "fb.com", "m.facebook.com", "fb", "facebook"],
    ),
    (
        "instagram",
        &["instagram.com", "instagr.am", "ig", "instagram"],
    ),
    ("tiktok", &["tiktok.com", "vt.tiktok.com", "tiktok", "tt"]),
    ("telegram", &["t.me", "telegram.me", "telegram", "tele"]),
    ("x", &["twitter.com", "x.com", "twitter"]),
];

/// The platform a host or word names, if any.
pub(super) fn platform_of(word: &str) -> Option<&'static str> {
    let word = word.trim().trim_start_matches("www.").to_lowercase();
    PLATFORMS
        .iter()
        .find(|(_, names)| names.contains(&word.as_str()))
        .map(|(p, _)| *p)
}

/// A social account as `platform/handle`, case-folded, without `@`, URL
/// or query. `https://www.instagram.com/Calo.Kerja/?hl=id`,
/// `instagram.com/calo.kerja` and `@calo.kerja` with `platform` set to
/// `instagram` are one account. Without a platform (a bare `@handle`) the
/// platform is `unknown`. A `wa.me/…` link is a phone number, not an
/// account.
pub fn account(text: &str, platform: Option<&str>) -> Option<Identifier> {
    let text = text.trim();
    let no_scheme = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"))
        .unwrap_or(text);
    let (platform, path) = match no_scheme.split_once('/') {
        Some((host, path)) if host.contains('.') => {
            let host = host.to_lowercase();
            let host = host.trim_start_matches("www.");
            if host == "wa.me" || host == "api.whatsapp.com" {
                return phone(path.split(['?', '/']).next().unwrap_or_default());
            }
            (platform_of(host)?, path)
        }
        _ => (platform.unwrap_or("unknown"), no_scheme),
    };
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let handle = path
        .split('/')
        .find(|s| !s.is_empty())
        .unwrap_or_default()
        .trim_start_matches('@')
        .to_lowercase();
    let ok = |c: char| c.is_alphanumeric() || c == '.' || c == '_';
    let handle = handle.trim_end_matches('.');
    if handle.chars().count() < 2 || !handle.chars().all(ok) {
        return None;
    }
    Some(Identifier::new(
        LinkKind::Account,
        format!("{platform}/{handle}"),
    ))
}

/// Legal forms and words that say what kind of body, not which one.
const LEGAL_FORMS: &[&str] = &[
    "pt", "cv", "ud", "lpk", "blk", "p3mi", "pjtki", "pptkis", "ppjtki", "tbk", "persero", "sdn",
    "bhd", "ltd", "limited", "llc", "inc", "co", "corp", "pte", "plc",
];

/// Words separated by anything that is not a letter or digit, lower case;
/// dots vanish first so that `P.T.` and `Sdn. Bhd.` read as `pt`, `sdn`.
fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .replace(['.', '\''], "")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A company, agency or training centre: case-folded, its legal form (PT,
/// CV, LPK, P3MI, Sdn Bhd, …) and punctuation removed, the words joined,
/// so `PT. Maju-Jaya Sejahtera` and `maju jaya sejahtera, pt` are one.
pub fn company(text: &str) -> Option<Identifier> {
    let kept: String = words(text)
        .into_iter()
        .filter(|w| !LEGAL_FORMS.contains(&w.as_str()))
        .collect();
    (kept.chars().count() >= 3).then(|| Identifier::new(LinkKind::Company, kept))
}

/// Titles and forms of address put before a name.
const HONORIFICS: &[&str] = &[
    "pak", "bapak", "bp", "ibu", "bu", "mas", "mbak", "mba", "bang", "abang", "kak", "kakak", "om",
    "tante", "haji", "hj", "h", "mr", "mrs", "ms", "miss", "madam", "encik", "cik", "tuan", "puan",
    "datuk", "dato", "sdr", "sdri", "saudara", "saudari", "koh", "ko", "ci", "cici", "teh", "aa",
    "uda", "uni", "pakde", "bude", "cak", "bli", "nyonya", "nona", "agen", "calo", "sponsor",
    "bos", "boss",
];

/// A person's name: case-folded, honorifics and punctuation removed, the
/// words joined (`Pak Budi Santoso` and `budi santoso` are one). Coarse
/// by design: many people share a name, and a false match costs a case
/// worker a look, while a missed link costs a network.
pub fn person_name(text: &str) -> Option<Identifier> {
    let kept: String = words(text)
        .into_iter()
        .filter(|w| !HONORIFICS.contains(&w.as_str()))
        .collect();
    (kept.chars().count() >= 3).then(|| Identifier::new(LinkKind::Name, kept))
}

/// A bank account number: its digits (6 to 20 of them).
pub fn bank_account(text: &str) -> Option<Identifier> {
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    (6..=20)
        .contains(&digits.len())
        .then(|| Identifier::new(LinkKind::Bank, digits))
}
