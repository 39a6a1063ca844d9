//! Typed answers to button questions. Many people type "ya" or "lewati"
//! instead of pressing a button; a typed word that names exactly one
//! button of the current question counts as pressing it.

use super::Context;
use super::dialogue::Dialogue;
use super::questions::ask;

/// Lower case, trimmed, without surrounding punctuation or the tick of a
/// chosen option.
fn normalise(text: &str) -> String {
    text.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

fn first_word(label: &str) -> String {
    normalise(label.split([' ', ',']).next().unwrap_or_default())
}

/// The callback data of the one button of the current question that
/// `text` names: its whole label, or else its first word when no other
/// button starts with the same word.
pub(super) fn button_for(d: &Dialogue, text: &str, ctx: &Context) -> Option<String> {
    let typed = normalise(text);
    if typed.is_empty() {
        return None;
    }
    let prompt = ask(d, ctx);
    let buttons: Vec<_> = prompt.keyboard.as_ref()?.buttons().cloned().collect();
    if let Some(b) = buttons.iter().find(|b| normalise(&b.label) == typed) {
        return Some(b.data.clone());
    }
    let mut by_word = buttons.iter().filter(|b| first_word(&b.label) == typed);
    match (by_word.next(), by_word.next()) {
        (Some(only), None) => Some(only.data.clone()),
        _ => None,
    }
}
