//! Documented limits of one parameter or field, read from its description in
//! the spec where the wording is regular, hard-coded (with the spec sentence
//! quoted) where it is not.

use serde_json::{Map, Value};

/// Rules broken by `v`, the value of field `name` of `owner` (a method or
/// type name) whose spec description is `desc`. `siblings` is the object
/// holding the field, needed for `parse_mode` of entity-parsed texts.
pub(super) fn broken(
    owner: &str,
    name: &str,
    desc: &str,
    v: &Value,
    siblings: &Map<String, Value>,
) -> Vec<String> {
    let mut out = Vec::new();
    match v {
        Value::String(s) => strings(owner, name, desc, s, siblings, &mut out),
        Value::Array(items) => arrays(desc, items.len(), &mut out),
        Value::Number(n) => numbers(owner, name, desc, n.as_f64(), &mut out),
        _ => {}
    }
    out
}

fn strings(
    owner: &str,
    name: &str,
    desc: &str,
    s: &str,
    siblings: &Map<String, Value>,
    out: &mut Vec<String>,
) {
    if let Some((lo, hi, unit)) = ranges(desc)
        .into_iter()
        .find(|r| r.lo <= r.hi && (r.next == "characters" || r.next == "bytes"))
        .map(|r| (r.lo, r.hi, r.next))
    {
        let len = if unit == "bytes" {
            Some(s.len() as u64)
        } else {
            visible_len(name, desc, s, siblings)
        };
        if let Some(len) = len.filter(|l| !(lo..=hi).contains(l)) {
            let what = if unit == "bytes" {
                "bytes"
            } else {
                "UTF-16 units"
            };
            out.push(format!("length {len} {what} is outside {lo}-{hi} {unit}"));
        }
    }
    // The spec's parse_mode fields say only "See formatting options for more
    // details."; that section names exactly three modes: "MarkdownV2 style",
    // "HTML style" and "Markdown style" (legacy).
    if (name == "parse_mode" || name.ends_with("_parse_mode"))
        && !matches!(s, "MarkdownV2" | "HTML" | "Markdown")
    {
        out.push(format!("{s:?} is not MarkdownV2, HTML or Markdown"));
    }
    // setWebhook: "Only characters A-Z, a-z, 0-9, _ and - are allowed."
    if owner == "setWebhook"
        && name == "secret_token"
        && !s
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        out.push("only A-Z, a-z, 0-9, _ and - are allowed".into());
    }
    // BotCommand.command: "Can contain only lowercase English letters,
    // digits and underscores."
    if owner == "BotCommand"
        && name == "command"
        && !s
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        out.push(format!(
            "{s:?} may contain only lowercase English letters, digits and underscores"
        ));
    }
    // Union members are told apart by `type`: "Scope type, must be default",
    // "Type of the reaction, always “emoji”".
    if name == "type" {
        let last = desc.rsplit(' ').next().unwrap_or_default();
        let fixed = last.trim_matches(|c| matches!(c, '"' | '“' | '”' | '.'));
        if (desc.contains(", must be ") || desc.contains(", always ")) && s != fixed {
            out.push(format!("{s:?} must be {fixed:?}"));
        }
    }
}

fn arrays(desc: &str, len: usize, out: &mut Vec<String>) {
    let len = len as u64;
    // "A JSON-serialized list of 1-100 identifiers", "must include 2-10 items".
    if let Some(r) = ranges(desc)
        .into_iter()
        .find(|r| r.lo <= r.hi && (r.prev == "of" || r.prev == "include"))
        && !(r.lo..=r.hi).contains(&len)
    {
        out.push(format!("{len} items is outside {}-{}", r.lo, r.hi));
    }
    // "At most 100 commands can be specified.", "up to 10 items".
    for key in ["At most ", "up to "] {
        for (i, _) in desc.match_indices(key) {
            let (n, rest) = number(&desc[i + key.len()..]);
            let word = rest.trim_start().split(' ').next().unwrap_or_default();
            if let Some(max) = n.filter(|_| word != "characters" && word != "bytes")
                && len > max
            {
                out.push(format!("{len} items is more than the {max} allowed"));
            }
        }
    }
}

fn numbers(owner: &str, name: &str, desc: &str, n: Option<f64>, out: &mut Vec<String>) {
    let Some(n) = n else { return };
    // "Values between 1-100 are accepted."
    let mut bounds = ranges(desc)
        .into_iter()
        .find(|r| r.lo <= r.hi && r.prev == "between")
        .map(|r| (r.lo, r.hi));
    // "Must be between 1 and 360 if specified." (not the lowercase "should be
    // between 60 and 86400, or 0x7FFFFFFF", which has an escape value).
    if let Some(i) = desc.find("Must be between ") {
        let (lo, rest) = number(&desc[i + "Must be between ".len()..]);
        let (hi, _) = number(rest.strip_prefix(" and ").unwrap_or_default());
        bounds = bounds.or(lo.zip(hi));
    }
    if let Some((lo, hi)) = bounds
        && !(lo as f64..=hi as f64).contains(&n)
    {
        out.push(format!("{n} is outside {lo}-{hi}"));
    }
    // getUpdates: "Defaults to 0, i.e. usual short polling. Should be
    // positive" — so 0 is allowed and negative is not.
    if owner == "getUpdates" && name == "timeout" && n < 0.0 {
        out.push(format!("{n} is negative"));
    }
}

/// Length in UTF-16 units as Telegram counts it. Texts limited "after
/// entities parsing" are measured without markup: HTML is stripped here;
/// Markdown is not parsed (its escapes and link targets make the raw text
/// an overestimate), so the check is skipped and `None` returned.
fn visible_len(name: &str, desc: &str, s: &str, siblings: &Map<String, Value>) -> Option<u64> {
    let units = |t: &str| Some(t.encode_utf16().count() as u64);
    if !desc.contains("after entities parsing") {
        return units(s);
    }
    let mode = siblings
        .get("parse_mode")
        .or_else(|| siblings.get(&format!("{name}_parse_mode")))
        .and_then(Value::as_str);
    match mode {
        None => units(s),
        Some("HTML") => units(&strip_html(s)),
        Some(_) => None,
    }
}

/// Drops tags and decodes the entities Telegram's HTML mode supports.
fn strip_html(s: &str) -> String {
    let mut text = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('<') {
        text.push_str(&rest[..i]);
        rest = rest[i..].find('>').map_or("", |j| &rest[i + j + 1..]);
    }
    text.push_str(rest);
    let mut out = String::new();
    let mut rest = text.as_str();
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let end = tail.find(';').filter(|&e| e <= 10);
        let ent = end.map(|e| &tail[1..e]);
        let decoded = match ent {
            Some("lt") => Some('<'),
            Some("gt") => Some('>'),
            Some("amp") => Some('&'),
            Some("quot") => Some('"'),
            Some(e) => e
                .strip_prefix("#x")
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| e.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
            None => None,
        };
        match (decoded, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &tail[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A `lo-hi` range in a description with the words around it.
struct Range<'a> {
    lo: u64,
    hi: u64,
    prev: &'a str,
    next: &'a str,
}

/// Every `N-M word` in `desc` ("1-4096 characters", "list of 1-100 ...").
fn ranges(desc: &str) -> Vec<Range<'_>> {
    let mut out = Vec::new();
    let bytes = desc.as_bytes();
    for (i, b) in bytes.iter().enumerate() {
        if !b.is_ascii_digit() || (i > 0 && bytes[i - 1].is_ascii_digit()) {
            continue;
        }
        let (Some(lo), rest) = number(&desc[i..]) else {
            continue;
        };
        let Some(rest) = rest.strip_prefix('-') else {
            continue;
        };
        let (Some(hi), rest) = number(rest) else {
            continue;
        };
        let next = rest.strip_prefix(' ').unwrap_or_default();
        let next = next.split([' ', ',', '.', ';']).next().unwrap_or_default();
        let prev = desc[..i].trim_end().rsplit(' ').next().unwrap_or_default();
        out.push(Range { lo, hi, prev, next });
    }
    out
}

/// Leading decimal number of `s`, and the rest.
fn number(s: &str) -> (Option<u64>, &str) {
    let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    (s[..end].parse().ok(), &s[end..])
}
