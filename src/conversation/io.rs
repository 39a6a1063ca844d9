//! What goes into the conversation (Telegram events, already reduced to
//! plain values by the adapter) and what comes out (texts to send, already
//! rendered, and effects only the adapter can perform).

use serde::{Deserialize, Serialize};

use super::answers::SubmitRequest;
use crate::domain::attachment::AttachmentKind;

/// A file the adapter downloaded and sealed; the conversation only keeps
/// this reference, never the bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentRef {
    /// Opaque id chosen by the adapter (e.g. the stored attachment's id).
    pub id: String,
    /// Voice note, photo, document...
    pub kind: AttachmentKind,
    /// Size in bytes.
    pub size: u64,
}

/// Why the adapter refused a file before sealing it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RejectReason {
    /// Bigger than the adapter accepts.
    TooLarge,
    /// She already sent as many files as allowed.
    TooMany,
}

/// Kinds of message the conversation cannot use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnsupportedKind {
    /// A sticker or animated emoji.
    Sticker,
    /// A map location or live location.
    Location,
    /// A shared phone contact.
    Contact,
    /// A poll or quiz.
    Poll,
    /// A forwarded message (it would record who wrote it first).
    Forward,
    /// Anything else (games, dice, venues...).
    Other,
}

/// One event of her chat, as the adapter hands it over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// The `/start` command (also sent for `/mulai`).
    Start,
    /// Any other command: `name` without the slash or `@botname`, `args`
    /// the rest of the message (may be empty).
    Command {
        /// e.g. "darurat", "status".
        name: String,
        /// e.g. the receipt code after `/status`.
        args: String,
    },
    /// A text message, exactly as typed.
    Text(String),
    /// The callback data of a pressed inline button.
    Button(String),
    /// A file she sent, already sealed by the adapter.
    Attachment(AttachmentRef),
    /// A file the adapter did not accept.
    AttachmentRejected {
        /// Why.
        reason: RejectReason,
    },
    /// A message of a kind the conversation does not use.
    Unsupported(UnsupportedKind),
    /// She edited a message she sent earlier.
    Edited,
    /// The adapter stored the report of a [`Output::Submit`].
    Submitted {
        /// The receipt code, to be shown to her once.
        receipt_code: String,
    },
    /// Storing the report of a [`Output::Submit`] failed; nothing was kept.
    SubmitFailed,
    /// The adapter stored her message of a [`Output::StoreReply`].
    ReplyStored,
    /// Her message of a [`Output::StoreReply`] was not stored.
    ReplyFailed {
        /// Why.
        reason: ReplyFailure,
    },
    /// The secret of an [`Output::VerifyUnlock`] matched her code or PIN.
    Unlocked,
    /// The secret of an [`Output::VerifyUnlock`] did not open her messages.
    UnlockRefused {
        /// Why.
        reason: UnlockRefusal,
    },
}

/// Why her code or PIN did not open her messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnlockRefusal {
    /// Not her code or PIN. Also the answer when no report is linked to
    /// this chat, so a stranger cannot learn whether she ever sent one.
    NotMatching,
    /// Too many attempts (the limits of `/status` codes apply).
    TooManyTries,
    /// It could not be checked now (the store is down).
    Unavailable,
}

/// Why her message to petugas was not stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReplyFailure {
    /// No sent report is linked to this chat: she never sent one from it,
    /// or chose not to be contacted (then nothing links her chat to it).
    NoReport,
    /// Storing failed; she may send it again.
    NotStored,
}

/// One inline button.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Button {
    /// What she sees: at most 24 characters.
    pub label: String,
    /// Callback data: at most 64 bytes, parsed back by [`super::step`].
    pub data: String,
}

/// An inline keyboard: rows of buttons.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Keyboard {
    /// Rows, top to bottom.
    pub rows: Vec<Vec<Button>>,
}

impl Keyboard {
    /// Every button, row by row.
    pub fn buttons(&self) -> impl Iterator<Item = &Button> {
        self.rows.iter().flatten()
    }
}

/// What the adapter must do, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    /// Send a new message, as plain text (no `parse_mode`: her own words
    /// may look like HTML or Markdown).
    Send {
        /// The text, already in her language.
        text: String,
        /// Inline keyboard, if any.
        keyboard: Option<Keyboard>,
        /// Set `protect_content` (no forwarding or saving).
        protect_content: bool,
        /// Help for a woman in danger: it goes before ordinary messages.
        urgent: bool,
    },
    /// Edit the message whose button she just pressed (a multi-select
    /// toggle or the language on the welcome); send it as new if editing
    /// fails.
    Replace {
        /// The new text.
        text: String,
        /// The new keyboard.
        keyboard: Option<Keyboard>,
        /// Set `protect_content` if it must be sent anew.
        protect_content: bool,
    },
    /// Delete every message of this chat the bot can, then destroy the
    /// stored dialogue and its draft files. The neutral line to send after
    /// it follows as an [`Output::Send`].
    EraseChat,
    /// Seal and store this report, then feed back [`Input::Submitted`] or
    /// [`Input::SubmitFailed`].
    Submit(Box<SubmitRequest>),
    /// Look up the status for this receipt code and tell her (the texts are
    /// `status-reporter-<status>`).
    ShowStatus {
        /// As she typed it, trimmed.
        code: String,
    },
    /// Show the messages petugas sent her (protected), with `keyboard`
    /// under them ("Balas", quick exit).
    ShowMessages {
        /// The keyboard for the message that shows them.
        keyboard: Keyboard,
    },
    /// Store `text` as her message to petugas about her newest sent
    /// report, then feed back [`Input::ReplyStored`] or
    /// [`Input::ReplyFailed`]. The text is exactly as she typed it.
    StoreReply {
        /// Her words.
        text: String,
    },
    /// Destroy these sealed draft files: they will never be part of a
    /// report (she stopped, started over, or sent them when no file could
    /// be kept).
    Discard {
        /// Ids from [`AttachmentRef::id`].
        attachment_ids: Vec<String>,
    },
    /// Delete her message that this input came from (she typed a code or
    /// PIN in it), so it does not stay on her screen. Comes first, before
    /// anything is checked.
    DeleteIncoming,
    /// Check `secret` against the receipt code of her newest report linked
    /// to this chat, or the PIN set for it, counting the attempt against
    /// the same limits as `/status`; then feed back [`Input::Unlocked`] or
    /// [`Input::UnlockRefused`]. Never log it.
    VerifyUnlock {
        /// As she typed it, trimmed.
        secret: String,
    },
    /// Store `pin` (hashed, slowly, like the receipt code) for her newest
    /// report linked to this chat, replacing any earlier PIN; from now on
    /// it unlocks like her code. Never log it.
    SetPin {
        /// 4 to 8 digits.
        pin: String,
    },
    /// She typed her safe word and chose that it alerts petugas: raise
    /// her newest linked report to urgent and add a timeline entry, and
    /// tell her nothing on screen.
    SilentAlarm,
}

impl Output {
    /// The text of a `Send` or `Replace`, if this is one.
    pub fn text(&self) -> Option<&str> {
        match self {
            Self::Send { text, .. } | Self::Replace { text, .. } => Some(text),
            _ => None,
        }
    }

    /// The keyboard of a `Send`, `Replace` or `ShowMessages`, if any.
    pub fn keyboard(&self) -> Option<&Keyboard> {
        match self {
            Self::Send { keyboard, .. } | Self::Replace { keyboard, .. } => keyboard.as_ref(),
            Self::ShowMessages { keyboard } => Some(keyboard),
            _ => None,
        }
    }
}

/// The commands the conversation understands, with their aliases.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Command {
    Start,
    Emergency,
    Erase,
    Language,
    Stop,
    Status,
    Messages,
    Add,
    Help,
    SafeWord,
}

impl Command {
    /// Parses a command name: case-insensitive, with or without the slash
    /// and `@botname` (the adapter should strip them, but one forgotten
    /// strip must not break a command).
    pub(super) fn parse(name: &str) -> Option<Self> {
        let name = name.trim().trim_start_matches('/');
        let name = name.split('@').next().unwrap_or_default().to_lowercase();
        Some(match name.as_str() {
            "start" | "mulai" => Self::Start,
            "darurat" | "sos" | "emergency" => Self::Emergency,
            "hapus" | "erase" => Self::Erase,
            "bahasa" | "language" => Self::Language,
            "batal" | "stop" | "cancel" => Self::Stop,
            "status" => Self::Status,
            "pesan" | "messages" => Self::Messages,
            "tambah" | "add" | "balas" | "reply" => Self::Add,
            "bantuan" | "help" => Self::Help,
            "kataaman" | "safeword" => Self::SafeWord,
            _ => return None,
        })
    }
}
