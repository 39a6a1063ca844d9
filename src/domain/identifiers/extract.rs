//! Finding identifiers: in the recruiter details she typed (one field per
//! kind) and in the text of her story (phone numbers, `@handles` and links
//! to WhatsApp, Telegram, Facebook, Instagram, TikTok, X; and bank account
//! numbers after "rek" or "rekening").

use super::normalise::{account, bank_account, company, person_name, phone, platform_of};
use super::{Identifier, push_unique};
use crate::domain::RecruiterDetails;

/// Every identifier in the recruiter details, each once.
pub fn from_recruiter(details: &RecruiterDetails) -> Vec<Identifier> {
    let mut out = Vec::new();
    for entry in &details.phones {
        match phone(entry) {
            Some(id) => push_unique(&mut out, Some(id)),
            // "WA 0812…, 0813…": find the numbers in what she wrote.
            None => from_text_into(entry, &mut out),
        }
    }
    for entry in &details.accounts {
        let found = from_text(entry);
        if found.is_empty() {
            // A bare handle ("calo.kerja", "ig calo.kerja") or a display
            // name ("fb Loker Malaysia Resmi"): its words joined, never
            // one word of it, which would match strangers.
            let tokens = tokens(entry);
            let platform = tokens.iter().find_map(|t| platform_of(t));
            let words: Vec<String> = (tokens.iter())
                .filter(|t| platform_of(t).is_none())
                .map(|t| t.to_lowercase())
                .collect();
            push_unique(&mut out, account(&words.concat(), platform));
        }
        for id in found {
            push_unique(&mut out, Some(id));
        }
    }
    for entry in &details.companies {
        for part in parts(entry) {
            push_unique(&mut out, company(part));
        }
    }
    for entry in &details.names {
        for part in parts(entry) {
            push_unique(&mut out, person_name(part));
        }
    }
    out
}

/// Phone numbers, handles and profile links in free text, each once.
pub fn from_text(text: &str) -> Vec<Identifier> {
    let mut out = Vec::new();
    from_text_into(text, &mut out);
    out
}

fn from_text_into(text: &str, out: &mut Vec<Identifier>) {
    let tokens = tokens(text);
    let mut numbers: Vec<&str> = Vec::new();
    // A bank account is a number after a word that says so ("rek. BCA
    // 123-456-7890"), within a few words.
    let mut bank_until = 0;
    for (i, token) in tokens.iter().enumerate() {
        if is_numeric(token) {
            numbers.push(token);
            continue;
        }
        flush(&mut numbers, i <= bank_until, out);
        let lower = token.to_lowercase();
        if BANK_WORDS.contains(&lower.trim_end_matches('.')) {
            bank_until = i + 3;
        }
        if token.starts_with('@') {
            let hint = i
                .checked_sub(1)
                .and_then(|p| platform_of(tokens[p].trim_end_matches(':')));
            push_unique(out, account(token, hint));
        } else if lower.contains('/') && lower.contains('.') {
            push_unique(out, account(token, None));
        }
    }
    flush(&mut numbers, tokens.len() <= bank_until, out);
}

/// Words that announce a bank account number.
const BANK_WORDS: &[&str] = &["rek", "rekening", "norek", "no.rek", "rekeningnya"];

/// The numbers of a finished run: phone numbers, and, right after a bank
/// word, the whole run as a bank account too.
fn flush(numbers: &mut Vec<&str>, bank: bool, out: &mut Vec<Identifier>) {
    if numbers.is_empty() {
        return;
    }
    if bank {
        push_unique(out, bank_account(&numbers.concat()));
    }
    phones_in(numbers, out);
    numbers.clear();
}

/// Phone numbers in a run of numeric tokens: the longest stretch from each
/// start that reads as one number ("0812 3456 7890 atau 0813…" is two).
fn phones_in(tokens: &[&str], out: &mut Vec<Identifier>) {
    let mut i = 0;
    while i < tokens.len() {
        let found = (i..tokens.len()).rev().find_map(|j| {
            let joined = tokens[i..=j].join(" ");
            // In prose only numbers that look like phone numbers count, so
            // sums of money ("15.000.000.000") are not taken for one.
            let looks = joined.starts_with(['+', '0', '(']) || joined.starts_with("62");
            looks.then(|| phone(&joined)).flatten().map(|id| (j, id))
        });
        match found {
            Some((j, id)) => {
                push_unique(out, Some(id));
                i = j + 1;
            }
            None => i += 1,
        }
    }
}

/// Whitespace-separated words without the punctuation around them.
fn tokens(text: &str) -> Vec<&str> {
    text.split_whitespace()
        .map(|t| t.trim_matches(|c: char| ",;:!?\"'*<>[]{}".contains(c)))
        .map(|t| t.trim_end_matches('.'))
        .filter(|t| !t.is_empty())
        .collect()
}

/// Digits with the separators people write inside numbers.
fn is_numeric(token: &str) -> bool {
    token.chars().any(|c| c.is_ascii_digit())
        && token
            .chars()
            .all(|c| c.is_ascii_digit() || "+-.()".contains(c))
}

/// Several names typed into one entry: "Budi, Pak Anton dan Siti".
fn parts(entry: &str) -> impl Iterator<Item = &str> {
    entry
        .split([',', ';', '/', '&', '\n'])
        .flat_map(|p| p.split(" dan "))
        .flat_map(|p| p.split(" atau "))
        .flat_map(|p| p.split(" and "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
}
