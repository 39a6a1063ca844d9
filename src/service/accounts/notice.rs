//! Account changes announced to the task force's alert group: who may read
//! reports changed, in words that name no one (the role and what happened,
//! never a username), so that a koordinator who missed the console hears
//! of it too. The row goes through the outbox in the same transaction as
//! the change, like a report's alert.

use chrono::{DateTime, Utc};

use crate::crypto::{CryptoError, ServerKey};
use crate::domain::audit::AuditAction;
use crate::domain::role::Role;
use crate::i18n::{Lang, Locales};
use crate::service::outbox::{Destination, OutAction, TELEGRAM, sealed_row};
use crate::store::NewOutbox;

/// The alert group, when one is configured, and what an announcement needs.
pub struct AlertGroup<'a> {
    pub server_key: &'a ServerKey,
    pub locales: &'a Locales,
    /// The group's chat id.
    pub chat: i64,
}

impl AlertGroup<'_> {
    /// The text of an announcement, in the task force's language.
    pub fn text(&self, event: AuditAction, role: Role) -> String {
        let lang = Lang::Id;
        let what = self.locales.text(
            lang,
            &format!("team-alert-{}", event.as_str().replace('.', "-")),
        );
        let mut args = fluent_bundle::FluentArgs::new();
        args.set("what", what);
        args.set("role", self.locales.text(lang, role.label_key()));
        self.locales.text_args(lang, "team-alert", &args)
    }

    /// The outbox row announcing `event` about account `subject`. Its key
    /// names the account and the moment, so a retried batch queues it once.
    pub fn row(
        &self,
        event: AuditAction,
        role: Role,
        subject: &str,
        at: DateTime<Utc>,
    ) -> Result<NewOutbox, CryptoError> {
        let to = Destination {
            channel: TELEGRAM,
            chat: self.chat,
            chat_key: &[],
            priority: 0,
        };
        let action = OutAction::Send {
            text: self.text(event, role),
            keyboard: None,
            protect: false,
        };
        sealed_row(
            self.server_key,
            format!(
                "account:{subject}:{}:{}",
                event.as_str(),
                at.timestamp_millis()
            ),
            &to,
            &action,
            at,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_announcement_names_the_role_and_the_change_and_no_one() {
        let locales = Locales::load().unwrap();
        let key = ServerKey::from_bytes(&[7; 32]);
        let group = AlertGroup {
            server_key: &key,
            locales: &locales,
            chat: -100,
        };
        for event in AuditAction::ACCOUNT_CHANGES {
            let text = group.text(*event, Role::Koordinator);
            assert!(text.contains("Koordinator"), "{text}");
            assert!(!text.contains("team-alert"), "a missing text: {text}");
        }
        let row = group
            .row(
                AuditAction::AccountApproved,
                Role::Mitra,
                "id-1",
                Utc::now(),
            )
            .unwrap();
        assert_eq!(row.kind, "send");
        assert!(row.chat_key.is_empty());
    }
}
