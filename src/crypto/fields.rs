//! Every sealed field, in one list: what it holds, the label bound into its
//! ciphertext (the AAD), and the key that seals it.
//!
//! A field is a type. [`crate::crypto::ServerKey::seal`] accepts only
//! [`ServerField`]s and [`crate::crypto::ReportKey::seal`] only
//! [`ReportField`]s, and the label comes from the type, so a value can
//! neither be sealed under the wrong key nor moved to another column.
//! Key rotation walks [`ALL`] (see `service::rotate`), so a field added here
//! under the server key cannot be forgotten there.
//!
//! The labels are bound into ciphertexts already stored: never change one.

use std::fmt;

/// Which key seals a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SealedBy {
    /// The bot's server key: what the bot must read back (drafts, the chat
    /// to reach her, queued notices, messages, TOTP secrets).
    ServerKey,
    /// A report's own key: its content, readable only by its recipients.
    ReportKey,
    /// A referral's own key: the parts of a report shared with an agency.
    ReferralKey,
    /// A key derived from a console session's token.
    SessionToken,
    /// A key derived from a case worker's password (Argon2id).
    Password,
}

/// Where a field lives, which decides whether key rotation must re-seal it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kept {
    /// In a database column.
    Stored,
    /// Only in flight (a hidden form field); a rotation just voids it.
    Transient,
}

/// The description of one sealed field.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    /// The type's name, for messages and tests.
    pub name: &'static str,
    /// The label bound into the ciphertext.
    pub label: &'static str,
    /// The key that seals it.
    pub sealed_by: SealedBy,
    /// Whether it is stored.
    pub kept: Kept,
}

impl fmt::Debug for FieldSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({:?}, {:?})", self.name, self.sealed_by, self.kept)
    }
}

/// A sealed field: a marker type naming what a [`super::Sealed`] holds.
pub trait Field {
    /// Its description.
    const SPEC: FieldSpec;
}

/// A field sealed with the server key.
pub trait ServerField: Field {}
/// A field sealed with a report key or a referral key (both are
/// [`super::ReportKey`]s).
pub trait ReportField: Field {}

macro_rules! fields {
    ($($(#[$doc:meta])* $name:ident = $label:literal by $key:ident, $kept:ident $(, $marker:ident)?;)*) => {
        $(
            $(#[$doc])*
            #[derive(Debug)]
            pub enum $name {}
            impl Field for $name {
                const SPEC: FieldSpec = FieldSpec {
                    name: stringify!($name),
                    label: $label,
                    sealed_by: SealedBy::$key,
                    kept: Kept::$kept,
                };
            }
            $(impl $marker for $name {})?
        )*
        /// Every sealed field.
        pub const ALL: &[FieldSpec] = &[$(<$name as Field>::SPEC),*];
    };
}

fields! {
    /// A conversation in progress (context: the chat's keyed hash, hex).
    DialogueState = "dialogue" by ServerKey, Stored, ServerField;
    /// The chat to reach a reporter who allowed contact (context: report id).
    ReporterChat = "chat" by ServerKey, Stored, ServerField;
    /// The chat an outgoing message goes to (context: the row's key).
    OutboxChat = "outbox-chat" by ServerKey, Stored, ServerField;
    /// What an outgoing message says or does (context: the row's key).
    OutboxPayload = "outbox-payload" by ServerKey, Stored, ServerField;
    /// An update as received, waiting in the inbox (context: channel and
    /// update id, `telegram/<id>`).
    InboxUpdate = "inbox-update" by ServerKey, Stored, ServerField;
    /// A case worker's message to a reporter (context: report/message id).
    /// Under the server key because the bot shows it to her.
    ToReporter = "message-to-reporter" by ServerKey, Stored, ServerField;
    /// A reporter's message to case workers about a sent report (context:
    /// report/message id). Under the server key because, once a report is
    /// sent, the bot holds no key that opens it.
    FromReporter = "message-from-reporter" by ServerKey, Stored, ServerField;
    /// A case worker's TOTP secret (context: worker id).
    TotpSecret = "totp" by ServerKey, Stored, ServerField;
    /// A TOTP secret offered at enrolment, carried in the form until
    /// confirmed (context: the session's id hash, hex).
    PendingTotp = "totp-pending" by ServerKey, Transient, ServerField;
    /// A watchlist entry: the identifier as entered and its source
    /// (context: entry id). Under the server key: the bot matches new
    /// reports against it, and the console shows it to koordinators.
    WatchEntry = "watchlist-entry" by ServerKey, Stored, ServerField;
    /// The answers and story of a report (context: report id).
    ReportPayload = "payload" by ReportKey, Stored, ReportField;
    /// File name and type of an attachment (context: report/attachment id).
    AttachmentMeta = "attachment-meta" by ReportKey, Stored, ReportField;
    /// The bytes of an attachment (context: report/attachment id).
    AttachmentBody = "attachment" by ReportKey, Stored, ReportField;
    /// A status change's reason or a private note (context: report/event id).
    EventBody = "event" by ReportKey, Stored, ReportField;
    /// The parts of a report shared by a referral (context: referral id).
    ReferralPayload = "referral" by ReferralKey, Stored, ReportField;
    /// A worker's unlocked private key, for one console session (context:
    /// the session's id hash, hex).
    SessionKey = "session-key" by SessionToken, Stored;
    /// A worker's private key, wrapped under their password (context: the
    /// public key, hex).
    WrappedKey = "x25519-private-key" by Password, Stored;
}

/// The fields sealed under the server key and kept in the database: what a
/// server-key rotation must re-seal.
pub fn server_stored() -> impl Iterator<Item = &'static FieldSpec> {
    ALL.iter()
        .filter(|f| f.sealed_by == SealedBy::ServerKey && f.kept == Kept::Stored)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_unique_so_no_value_can_pass_for_another_field() {
        let mut labels: Vec<_> = ALL.iter().map(|f| f.label).collect();
        labels.sort();
        let before = labels.len();
        labels.dedup();
        assert_eq!(before, labels.len());
    }

    #[test]
    fn labels_stay_what_existing_ciphertexts_were_bound_to() {
        // Changing a label makes every stored value of that field unreadable.
        let got: Vec<_> = ALL.iter().map(|f| (f.name, f.label)).collect();
        assert!(got.contains(&("DialogueState", "dialogue")));
        assert!(got.contains(&("ReporterChat", "chat")));
        assert!(got.contains(&("TotpSecret", "totp")));
        assert!(got.contains(&("ReportPayload", "payload")));
        assert!(got.contains(&("AttachmentBody", "attachment")));
        assert!(got.contains(&("WrappedKey", "x25519-private-key")));
    }
}
