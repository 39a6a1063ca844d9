//! Callback data of the buttons the conversation issues, and parsing it
//! back.
//!
//! Formats (all ASCII, at most 64 bytes):
//!
//! - `x` — quick exit, valid on every keyboard;
//! - `lg:<id|en>` — choose a language, valid on every keyboard;
//! - `re` — "Balas" under the messages of `/pesan`: write to petugas,
//!   valid whenever no draft is in progress;
//! - `<tag>:<action>` — an answer to the step whose [`Step::tag`] is `tag`;
//!   ignored when she is at another step (an old keyboard). Actions:
//!   `y` yes, `n` no, `s` skip, `sr` skip the rest, `b` back, `d` done,
//!   `r` resume (ask again), `go` agree / start / send, `no` decline,
//!   `cl` clear the story, `e.<part>` edit a summary part, `v.<code>` a
//!   value (a domain code such as `hurt_physically`, a region code such
//!   as `64.72`, or `abroad`).
//!
//! [`Step::tag`]: super::steps::Step::tag

use super::steps::Part;

/// Data of the quick-exit button.
pub(super) const EXIT: &str = "x";
/// Prefix of the language buttons.
pub(super) const LANG_PREFIX: &str = "lg:";
/// Data of the "Balas" button under her messages.
pub(super) const REPLY: &str = "re";

/// What a step button asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Action {
    Yes,
    No,
    Skip,
    SkipRest,
    Back,
    Done,
    Resume,
    Go,
    Decline,
    Clear,
    Edit(Part),
    Value(String),
}

impl Action {
    fn encode(&self) -> String {
        match self {
            Self::Yes => "y".to_owned(),
            Self::No => "n".to_owned(),
            Self::Skip => "s".to_owned(),
            Self::SkipRest => "sr".to_owned(),
            Self::Back => "b".to_owned(),
            Self::Done => "d".to_owned(),
            Self::Resume => "r".to_owned(),
            Self::Go => "go".to_owned(),
            Self::Decline => "no".to_owned(),
            Self::Clear => "cl".to_owned(),
            Self::Edit(part) => format!("e.{}", part.code()),
            Self::Value(code) => format!("v.{code}"),
        }
    }

    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "y" => Self::Yes,
            "n" => Self::No,
            "s" => Self::Skip,
            "sr" => Self::SkipRest,
            "b" => Self::Back,
            "d" => Self::Done,
            "r" => Self::Resume,
            "go" => Self::Go,
            "no" => Self::Decline,
            "cl" => Self::Clear,
            _ => {
                if let Some(part) = s.strip_prefix("e.") {
                    Self::Edit(Part::parse(part)?)
                } else {
                    let code = s.strip_prefix("v.")?;
                    let plain = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '.');
                    if code.is_empty() || !code.chars().all(plain) {
                        return None;
                    }
                    Self::Value(code.to_owned())
                }
            }
        })
    }
}

/// Callback data for `action` at the step tagged `tag`.
pub(super) fn encode(tag: &str, action: &Action) -> String {
    format!("{tag}:{}", action.encode())
}

/// Splits step callback data into the step tag and the action; `None` for
/// anything this module could not have issued.
pub(super) fn parse(data: &str) -> Option<(&str, Action)> {
    if data.len() > 64 {
        return None;
    }
    let (tag, action) = data.split_once(':')?;
    Some((tag, Action::parse(action)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_round_trips() {
        let actions = [
            Action::Yes,
            Action::No,
            Action::Skip,
            Action::SkipRest,
            Action::Back,
            Action::Done,
            Action::Resume,
            Action::Go,
            Action::Decline,
            Action::Clear,
            Action::Edit(Part::Where),
            Action::Value("64.72".to_owned()),
        ];
        for action in actions {
            let data = encode("rg64", &action);
            assert_eq!(parse(&data), Some(("rg64", action)));
        }
    }

    #[test]
    fn data_we_never_issue_does_not_parse() {
        for forged in [
            "",
            "sn",
            "sn:",
            "sn:maybe",
            "sm:e.name",
            "bh:v.",
            "bh:v.a b",
            "sn:v.<b>",
        ] {
            assert_eq!(parse(forged), None, "{forged:?}");
        }
        assert_eq!(parse(&format!("sn:v.{}", "a".repeat(80))), None);
    }
}
