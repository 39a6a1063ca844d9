//! Formatting: turns `parse_mode` text into plain text plus MessageEntity
//! objects (offsets and lengths in UTF-16 code units, as Telegram counts),
//! and detects `/command` entities in what users type.

use serde_json::{Value, json};

/// Length in UTF-16 code units, the unit Telegram uses for limits/offsets.
pub fn utf16_len(s: &str) -> usize {
    s.encode_utf16().count()
}

/// Plain text and entities produced from a formatted text.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    /// Text after removing markup.
    pub text: String,
    /// MessageEntity objects.
    pub entities: Vec<Value>,
}

/// Parses `text` according to `parse_mode`; unknown modes are refused like
/// Telegram does ("unsupported parse_mode").
pub fn parse(text: &str, parse_mode: Option<&str>) -> Result<Parsed, String> {
    match parse_mode {
        None | Some("") => Ok(Parsed {
            text: text.to_owned(),
            entities: Vec::new(),
        }),
        Some("HTML") | Some("html") => parse_html(text),
        Some("MarkdownV2") | Some("markdownv2") => parse_markdown_v2(text),
        // Legacy Markdown is lenient; only strip the simplest markers.
        Some("Markdown") | Some("markdown") => Ok(Parsed {
            text: text.replace(['*', '`'], ""),
            entities: Vec::new(),
        }),
        Some(other) => Err(format!("unsupported parse_mode {other:?}")),
    }
}

fn entity_type(tag: &str, attrs: &str) -> Option<&'static str> {
    Some(match tag {
        "b" | "strong" => "bold",
        "i" | "em" => "italic",
        "u" | "ins" => "underline",
        "s" | "strike" | "del" => "strikethrough",
        "tg-spoiler" => "spoiler",
        "span" if attrs.contains("tg-spoiler") => "spoiler",
        "code" => "code",
        "pre" => "pre",
        "a" => "text_link",
        "blockquote" if attrs.contains("expandable") => "expandable_blockquote",
        "blockquote" => "blockquote",
        "tg-emoji" => "custom_emoji",
        _ => return None,
    })
}

fn attr_value(attrs: &str, name: &str) -> Option<String> {
    let start = attrs.find(&format!("{name}="))? + name.len() + 1;
    let rest = &attrs[start..];
    let quote = rest.chars().next()?;
    if quote == '"' || quote == '\'' {
        rest[1..].split(quote).next().map(decode_html)
    } else {
        rest.split_whitespace().next().map(decode_html)
    }
}

fn decode_html(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

/// Minimal HTML parse-mode: supported tags only, properly nested.
pub fn parse_html(src: &str) -> Result<Parsed, String> {
    let mut text = String::new();
    let mut entities = Vec::new();
    let mut stack: Vec<(String, usize, Value)> = Vec::new();
    let mut i = 0;
    while i < src.len() {
        let rest = &src[i..];
        if rest.starts_with('<') {
            let Some(end) = rest.find('>') else {
                return Err(format!("Unclosed start tag at byte offset {i}"));
            };
            let inner = &rest[1..end];
            if let Some(name) = inner.strip_prefix('/') {
                let name = name.trim().to_ascii_lowercase();
                match stack.pop() {
                    Some((open, start, mut ent)) if open == name => {
                        let len = utf16_len(&text) - start;
                        ent["offset"] = json!(start);
                        ent["length"] = json!(len);
                        if len > 0 {
                            entities.push(ent);
                        }
                    }
                    Some((open, _, _)) => {
                        return Err(format!(
                            "Can't find end tag corresponding to start tag \"{open}\""
                        ));
                    }
                    None => return Err(format!("Unexpected end tag at byte offset {i}")),
                }
            } else {
                let (name, attrs) = inner.split_once(char::is_whitespace).unwrap_or((inner, ""));
                let name = name.to_ascii_lowercase();
                let Some(kind) = entity_type(&name, attrs) else {
                    return Err(format!(
                        "Unsupported start tag \"{name}\" at byte offset {i}"
                    ));
                };
                let mut ent = json!({"type": kind});
                if kind == "text_link" {
                    match attr_value(attrs, "href") {
                        Some(url) if url.contains(':') => ent["url"] = json!(url),
                        _ => ent = json!({"type": "italic", "_drop": true}),
                    }
                }
                if kind == "custom_emoji" {
                    ent["custom_emoji_id"] =
                        json!(attr_value(attrs, "emoji-id").unwrap_or_default());
                }
                stack.push((name, utf16_len(&text), ent));
            }
            i += end + 1;
        } else if rest.starts_with('&') {
            let end = rest.find(';').filter(|e| *e <= 10);
            let decoded = end.and_then(|e| match &rest[..=e] {
                "&lt;" => Some('<'),
                "&gt;" => Some('>'),
                "&amp;" => Some('&'),
                "&quot;" => Some('"'),
                other => other
                    .strip_prefix("&#")
                    .and_then(|n| n.strip_suffix(';'))
                    .and_then(|n| n.parse::<u32>().ok())
                    .and_then(char::from_u32),
            });
            match (decoded, end) {
                (Some(c), Some(e)) => {
                    text.push(c);
                    i += e + 1;
                }
                _ => {
                    text.push('&');
                    i += 1;
                }
            }
        } else {
            let next = rest.find(['<', '&']).unwrap_or(rest.len());
            text.push_str(&rest[..next]);
            i += next;
        }
    }
    if let Some((open, _, _)) = stack.pop() {
        return Err(format!(
            "Can't find end tag corresponding to start tag \"{open}\""
        ));
    }
    entities.retain(|e| e.get("_drop").is_none());
    entities.sort_by_key(|e| e["offset"].as_u64());
    Ok(Parsed { text, entities })
}

const MD2_RESERVED: &str = "_*[]()~`>#+-=|{}.!";

/// MarkdownV2: reserved characters must be escaped with `\`, as Telegram
/// enforces; `*bold*`, `_italic_`, `__underline__`, `~strike~`, `||spoiler||`,
/// `` `code` `` and `[text](url)` produce entities.
pub fn parse_markdown_v2(src: &str) -> Result<Parsed, String> {
    let chars: Vec<char> = src.chars().collect();
    let mut text = String::new();
    let mut entities = Vec::new();
    let mut open: Vec<(&'static str, usize)> = Vec::new();
    let mut link_start: Option<usize> = None;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let pair = |s: &str| chars[i..].iter().take(2).collect::<String>() == s;
        let marker: Option<(&'static str, usize)> =
            if c == '\\' {
                match chars.get(i + 1) {
                    Some(n) => {
                        text.push(*n);
                        i += 2;
                        continue;
                    }
                    None => return Err(
                        "Character '\\' is reserved and must be escaped with the preceding '\\'"
                            .into(),
                    ),
                }
            } else if pair("__") {
                Some(("underline", 2))
            } else if pair("||") {
                Some(("spoiler", 2))
            } else if c == '*' {
                Some(("bold", 1))
            } else if c == '_' {
                Some(("italic", 1))
            } else if c == '~' {
                Some(("strikethrough", 1))
            } else if c == '`' {
                let close = chars[i + 1..].iter().position(|&x| x == '`');
                let Some(len) = close else {
                    return Err(format!("Can't find end of Code entity at byte offset {i}"));
                };
                let start = utf16_len(&text);
                text.extend(&chars[i + 1..i + 1 + len]);
                entities.push(json!({"type": "code", "offset": start, "length": len}));
                i += len + 2;
                continue;
            } else if c == '[' {
                link_start = Some(utf16_len(&text));
                i += 1;
                continue;
            } else if c == ']' && link_start.is_some() && chars.get(i + 1) == Some(&'(') {
                let close = chars[i + 2..].iter().position(|&x| x == ')');
                let (Some(len), Some(start)) = (close, link_start.take()) else {
                    return Err(format!(
                        "Can't find end of URL for TextUrl entity at byte offset {i}"
                    ));
                };
                let url: String = chars[i + 2..i + 2 + len].iter().collect();
                entities.push(json!({"type": "text_link", "offset": start,
                "length": utf16_len(&text) - start, "url": url}));
                i += len + 3;
                continue;
            } else if c == '>' && (i == 0 || chars[i - 1] == '\n') {
                i += 1;
                continue;
            } else if MD2_RESERVED.contains(c) {
                return Err(format!(
                    "Character '{c}' is reserved and must be escaped with the preceding '\\'"
                ));
            } else {
                None
            };
        if let Some((kind, width)) = marker {
            if let Some(pos) = open.iter().rposition(|(k, _)| *k == kind) {
                let (_, start) = open.remove(pos);
                let len = utf16_len(&text) - start;
                entities.push(json!({"type": kind, "offset": start, "length": len}));
            } else {
                open.push((kind, utf16_len(&text)));
            }
            i += width;
        } else {
            text.push(c);
            i += 1;
        }
    }
    if let Some((kind, _)) = open.first() {
        return Err(format!("Can't find end of {kind} entity"));
    }
    entities.sort_by_key(|e| e["offset"].as_u64());
    Ok(Parsed { text, entities })
}

/// `bot_command` entities for `/cmd` or `/cmd@bot` at the start of the text
/// or after whitespace, as Telegram clients generate them.
pub fn command_entities(text: &str) -> Vec<Value> {
    let mut out = Vec::new();
    let mut offset16 = 0usize;
    let mut prev_ws = true;
    let mut iter = text.char_indices().peekable();
    while let Some((byte, c)) = iter.next() {
        if c == '/' && prev_ws {
            let rest = &text[byte + 1..];
            let name_len = rest
                .find(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '_' || ch == '@'))
                .unwrap_or(rest.len());
            if name_len > 0 && rest.as_bytes()[0] != b'@' {
                let len = 1 + name_len;
                out.push(json!({"type": "bot_command", "offset": offset16, "length": len}));
                for _ in 0..name_len {
                    iter.next();
                }
                offset16 += len;
                prev_ws = false;
                continue;
            }
        }
        prev_ws = c.is_whitespace();
        offset16 += c.len_utf16();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_parsed_into_entities() {
        let p = parse_html("<b>Hi</b> &amp; <i>you</i>").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(p.text, "Hi & you");
        assert_eq!(p.entities.len(), 2);
    }

    #[test]
    fn html_with_unknown_or_unbalanced_tags_is_refused() {
        assert!(parse_html("<foo>x</foo>").is_err());
        assert!(parse_html("<b>x").is_err());
        assert!(parse_html("<b>x</i>").is_err());
    }

    #[test]
    fn markdown_v2_requires_escaping() {
        assert!(parse_markdown_v2("Hello.").is_err());
        let p = parse_markdown_v2("*Hi* there\\.").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(p.text, "Hi there.");
    }

    #[test]
    fn commands_are_found_at_start_and_anywhere() {
        let e = command_entities("/start and /help@suara_bot");
        assert_eq!(e.len(), 2);
        assert_eq!(e[1]["offset"], 11);
        assert!(command_entities("a/b").is_empty());
    }
}
