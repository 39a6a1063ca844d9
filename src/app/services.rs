//! [`Services`]: what the bot, the console and the CLI share — the store,
//! the server key, the texts, the regions and the contacts — built once
//! from the settings.

use std::sync::Arc;

use chrono::Duration;

use super::AppError;
use crate::config::{ConfigError, Settings};
use crate::conversation::Limits;
use crate::crypto::ServerKey;
use crate::domain::{Contact, RegionCatalog};
use crate::i18n::Locales;
use crate::service::apply::Reporting;
use crate::service::keys;
use crate::store::Store;

pub struct Services {
    pub store: Arc<dyn Store>,
    pub server_key: Arc<ServerKey>,
    pub locales: Arc<Locales>,
    pub regions: Arc<RegionCatalog>,
    pub contacts: Arc<Vec<Contact>>,
}

impl Services {
    pub fn new(settings: &Settings, store: Arc<dyn Store>) -> Result<Self, AppError> {
        let locales = Locales::load().map_err(|e| ConfigError::Invalid {
            key: "locales".into(),
            reason: e.to_string(),
        })?;
        Ok(Self {
            store,
            server_key: Arc::new(keys::load_server_key(settings)?),
            locales: Arc::new(locales),
            regions: Arc::new(settings.regions.clone()),
            contacts: Arc::new(settings.contacts.clone()),
        })
    }

    /// The reporter-facing service, with the conversation's settings.
    pub fn reporting(&self, settings: &Settings) -> Reporting {
        let c = &settings.conversation;
        Reporting {
            store: self.store.clone(),
            server_key: self.server_key.clone(),
            locales: self.locales.clone(),
            regions: (*self.regions).clone(),
            contacts: (*self.contacts).clone(),
            limits: Limits {
                max_attachments: c.max_attachments,
                max_story_chars: c.max_story_chars,
            },
            max_attachment_bytes: c.max_attachment_bytes,
            draft_ttl: Duration::hours(i64::from(c.draft_ttl_hours)),
            alert_chat: settings.console.alert_chat_id,
            lookup_limits: Default::default(),
            retention_days: settings.retention.days_after_close,
            lock_after_idle: Duration::hours(i64::from(c.lock_after_idle_hours.max(1))),
        }
    }
}
