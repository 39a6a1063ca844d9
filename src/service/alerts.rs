//! The task force's alert group: a short notice for each new report,
//! through the outbox. It names the report's short id, urgency, types and
//! region, and never any of its content: the group's members may not all
//! be entitled to the report, and phones show previews.

use super::outbox::{AlertPayload, Destination, OutAction, TELEGRAM, sealed_row};
use crate::crypto::{CryptoError, ServerKey};
use crate::domain::ViolenceType;
use crate::domain::area::Area;
use crate::domain::report::ReportId;
use crate::domain::urgency::Urgency;
use crate::store::NewOutbox;

/// The alert row for report `id`, to queue with the report itself. Its
/// key is the report's, so it is never queued twice.
pub fn alert_row(
    key: &ServerKey,
    group: i64,
    id: &ReportId,
    urgency: Urgency,
    types: &[ViolenceType],
    area: Option<&Area>,
    watch: bool,
) -> Result<NewOutbox, CryptoError> {
    let payload = AlertPayload {
        short_id: id.short(),
        urgency,
        types: types.to_vec(),
        area: area.map(|a| a.as_str().to_owned()),
        watch,
    };
    let to = Destination {
        channel: TELEGRAM,
        chat: group,
        chat_key: &[],
        priority: 0,
    };
    sealed_row(
        key,
        format!("alert:{id}"),
        &to,
        &OutAction::Alert(payload),
        chrono::Utc::now(),
    )
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
    let key = if p.watch {
        "alert-new-report-watch"
    } else {
        "alert-new-report"
    };
    locales.text_args(lang, key, &args)
}
