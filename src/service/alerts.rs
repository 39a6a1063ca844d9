//! The task force's alert group: a short notice for each new report,
//! through the outbox. It names the report's short id, urgency, types and
//! region, and never any of its content: the group's members may not all
//! be entitled to the report, and phones show previews.

use serde::{Deserialize, Serialize};

use crate::bot::outbox::{FIELD_CHAT, FIELD_PAYLOAD};
use crate::crypto::{CryptoError, ServerKey};
use crate::domain::ViolenceType;
use crate::domain::area::Area;
use crate::domain::report::ReportId;
use crate::domain::urgency::Urgency;
use crate::store::{NewOutbox, Store, StoreError};

/// The outbox kind of an alert.
pub const KIND_ALERT: &str = "alert";

/// What an alert carries: clear metadata only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlertPayload {
    pub short_id: String,
    pub urgency: Urgency,
    pub types: Vec<ViolenceType>,
    pub area: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum AlertError {
    #[error(transparent)]
    Crypto(#[from] CryptoError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Queues the alert for report `id`. Idempotent: a second call for the
/// same report queues nothing.
pub async fn enqueue_alert(
    store: &dyn Store,
    key: &ServerKey,
    group: i64,
    id: &ReportId,
    urgency: Urgency,
    types: &[ViolenceType],
    area: Option<&Area>,
) -> Result<(), AlertError> {
    let payload = AlertPayload {
        short_id: id.short(),
        urgency,
        types: types.to_vec(),
        area: area.map(|a| a.as_str().to_owned()),
    };
    let dedup = format!("alert:{id}");
    let bytes = serde_json::to_vec(&payload).unwrap_or_default();
    store
        .enqueue_outbox(&NewOutbox {
            dedup_key: Some(dedup.clone()),
            kind: KIND_ALERT.into(),
            chat: key.seal(&dedup, FIELD_CHAT, group.to_string().as_bytes())?,
            payload: key.seal(&dedup, FIELD_PAYLOAD, &bytes)?,
            not_before: chrono::Utc::now(),
        })
        .await?;
    Ok(())
}

/// The alert's text, in the task force's language (Indonesian).
pub fn alert_text(locales: &crate::i18n::Locales, p: &AlertPayload) -> String {
    use crate::i18n::Lang;
    let lang = Lang::Id;
    let types: Vec<String> = p
        .types
        .iter()
        .map(|t| locales.text(lang, t.label_key()))
        .collect();
    let area = match p.area.as_deref() {
        None => locales.text(lang, "stats-unknown"),
        Some("abroad") => locales.text(lang, "location-abroad"),
        Some(code) => locales
            .try_text(lang, &format!("region-{}", code.replace('.', "-")))
            .unwrap_or_else(|| code.to_owned()),
    };
    let mut args = fluent_bundle::FluentArgs::new();
    args.set("id", p.short_id.clone());
    args.set("urgency", locales.text(lang, p.urgency.label_key()));
    args.set(
        "types",
        if types.is_empty() {
            locales.text(lang, "stats-unknown")
        } else {
            types.join(", ")
        },
    );
    args.set("area", area);
    locales.text_args(lang, "alert-new-report", &args)
}
