//! Recognising a typed plea for help ("tolong saya dipukul terus") so the
//! conversation can answer with the emergency numbers instead of "choose a
//! button".
//!
//! Text is folded before matching: lower case, accents dropped, runs of one
//! letter shortened to one ("tolooong" is "tolong"), punctuation and emoji
//! turned into spaces. Terms match whole words or word sequences; a term
//! ending in `*` matches words that start with it ("dipukul*" covers
//! "dipukuli", "dipukulin"). Terms are folded the same way, so they may be
//! written naturally here.
//!
//! A false alarm costs her one short message with "Lanjut bercerita"
//! under it; a missed plea may cost much more, so the list leans wide,
//! but it avoids everyday words ("pukul 9", "lari", "sakit").

/// The curated list: Indonesian (with common spoken and SMS forms),
/// regional forms (Javanese, Sundanese, Banjar, Bugis, Malay), English.
const TERMS: &[&str] = &[
    // Asking for help.
    "tolong",
    "tolongin",
    "tolongi",
    "tlg",
    "tlng",
    "minta tolong",
    "bantu saya",
    "bantu aku",
    "bantuin saya",
    "bantuin aku",
    "selamatkan*",
    "tulung",
    "tulungi",
    "tulungen",
    "tulungan",
    "bantosan",
    "darurat",
    "sos",
    "help",
    "help me",
    "please help",
    "save me",
    "emergency",
    // Danger now.
    "bahaya",
    "tidak aman",
    "tdk aman",
    "gak aman",
    "ga aman",
    "nggak aman",
    "enggak aman",
    "ndak aman",
    "saya takut",
    "aku takut",
    "sy takut",
    "not safe",
    "unsafe",
    "danger",
    "scared",
    "afraid",
    // Being hurt, held or threatened.
    "bunuh*",
    "dibunuh*",
    "membunuh*",
    "mau mati",
    "akan mati",
    "dipukul*",
    "digebuk*",
    "dihajar*",
    "ditampar*",
    "ditendang*",
    "dicekik*",
    "disiksa*",
    "dianiaya*",
    "disekap*",
    "dikurung*",
    "diculik*",
    "diperkosa*",
    "diancam*",
    "kabur",
    "mau kabur",
    "kill",
    "kill me",
    "killed",
    "beaten",
    "beat me",
    "hit me",
    "hurt me",
    "raped",
    "kidnapped",
    "locked in",
    "locked up",
    "trapped",
    "escape",
    "run away",
];

/// Whether `text` contains a plea for help or a sign of danger now.
pub fn is_plea(text: &str) -> bool {
    let words = fold(text);
    if words.is_empty() {
        return false;
    }
    TERMS.iter().any(|term| matches_term(&words, term))
}

fn matches_term(words: &[String], term: &str) -> bool {
    let prefix = term.ends_with('*');
    let parts = fold(term.trim_end_matches('*'));
    if parts.is_empty() || parts.len() > words.len() {
        return false;
    }
    words.windows(parts.len()).any(|window| {
        let last = parts.len() - 1;
        window.iter().zip(&parts).enumerate().all(|(i, (w, p))| {
            if prefix && i == last {
                w.starts_with(p.as_str())
            } else {
                w == p
            }
        })
    })
}

/// The folded words of `text`: lower case, accents dropped, letter runs
/// shortened, anything but letters and digits a separator.
pub fn fold(text: &str) -> Vec<String> {
    let mut plain = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = strip_accent(c);
        if c.is_alphanumeric() {
            // "tolooong" → "tolong": one letter typed many times is one.
            if plain.ends_with(c) && c.is_alphabetic() {
                continue;
            }
            plain.push(c);
        } else if !plain.ends_with(' ') {
            plain.push(' ');
        }
    }
    plain.split_whitespace().map(str::to_owned).collect()
}

/// The base letter of a Latin letter with a diacritic (é → e); others as is.
fn strip_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => 'i',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
        'ý' | 'ÿ' => 'y',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pleas_seen_in_testing_are_recognised() {
        for plea in [
            "tolong saya dipukul terus",
            "tolong saya, suami saya mau bunuh saya",
            "TOLOOONG!!!",
            "tólong 🙏",
            "sy takut dia pulang",
            "saya disekap majikan",
            "help me please",
            "aku mau kabur",
            "tulungi ulun",
            "dia mau membunuh saya",
            "saya dipukulin",
            "gak aman di sini",
        ] {
            assert!(is_plea(plea), "{plea:?}");
        }
    }

    #[test]
    fn everyday_answers_are_not_pleas() {
        for text in [
            "",
            "ya",
            "Hari ini",
            "Selesai",
            "Malaysia",
            "Kota Samarinda",
            "apel",
            "besok pukul 9 pagi",
            "saya lari pagi",
            "sakit kepala",
            "bantuan hukum",
            "pulang ke daerah asal",
            "helper",
            "ABCD-EFGH-JKMN-PQRS-TVWX",
            "123456",
        ] {
            assert!(!is_plea(text), "{text:?}");
        }
    }

    #[test]
    fn folding_drops_case_accents_repeats_and_punctuation() {
        assert_eq!(fold("  Tólooong,  SAYA!! "), ["tolong", "saya"]);
        assert_eq!(fold("08-12"), ["08", "12"], "digits are kept as typed");
    }
}
