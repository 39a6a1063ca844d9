//! What a reporter asks of the service after she sent a report: its status
//! by receipt code (with guessing limited), the messages case workers sent
//! her, and storing her own message to them. Channel-free: a chat is known
//! only by its keyed hash ([`ReporterRef`]).

use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::crypto::fields::{FromReporter, ToReporter};
use crate::crypto::{CryptoError, ReceiptCode, ReporterRef, ServerKey};
use crate::domain::ReportId;
use crate::domain::audit::AuditAction;
use crate::domain::report::Status;
use crate::store::{AuditDraft, Batch, MessageBody, NewMessage, Store, StoreError};

/// How many receipt codes one chat may try per window, and all chats
/// together: guessing an 80-bit code is hopeless, and this keeps it so.
#[derive(Debug, Clone, Copy)]
pub struct LookupLimits {
    pub per_chat: i64,
    pub per_chat_window: Duration,
    pub overall: i64,
    pub overall_window: Duration,
}

impl Default for LookupLimits {
    fn default() -> Self {
        Self {
            per_chat: 5,
            per_chat_window: Duration::from_secs(15 * 60),
            overall: 120,
            overall_window: Duration::from_secs(60),
        }
    }
}

/// The answer to a status lookup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lookup {
    /// She gave no code.
    NeedCode,
    /// Too many tries; later.
    RateLimited,
    /// Not the shape of a code.
    Invalid,
    /// No report has this code.
    NotFound,
    Found(Status),
}

/// The status of the report whose receipt code is `code`.
pub async fn status_by_code(
    store: &dyn Store,
    key: &ServerKey,
    limits: &LookupLimits,
    chat: &ReporterRef,
    code: &str,
    now: DateTime<Utc>,
) -> Result<Lookup, StoreError> {
    if code.trim().is_empty() {
        return Ok(Lookup::NeedCode);
    }
    let mine = format!("status:{}", chat.to_hex());
    if store
        .hit_rate_limit(&mine, now, limits.per_chat_window)
        .await?
        > limits.per_chat
    {
        return Ok(Lookup::RateLimited);
    }
    // Counted only for chats within their own limit, so a few noisy chats
    // cannot use up everyone's lookups.
    let crowded = store
        .hit_rate_limit("status:*", now, limits.overall_window)
        .await?
        > limits.overall;
    let Ok(code) = ReceiptCode::parse(code) else {
        return Ok(if crowded {
            Lookup::RateLimited
        } else {
            Lookup::Invalid
        });
    };
    let found = store
        .report_by_receipt(code.lookup_hash(key).as_bytes())
        .await?;
    if crowded {
        // Strangers' guesses must not lock her out of her own code: while
        // the overall limit is spent, a code still opens from the chat it
        // was sent from. Everyone else gets the same "later", found or not,
        // so the answer tells a guesser nothing.
        // Read whether or not the code exists, so the time taken does not
        // tell a guesser either.
        let mine = store.reports_by_reporter(chat.as_bytes()).await?;
        let own = found
            .as_ref()
            .is_some_and(|meta| mine.iter().any(|r| r.id == meta.id));
        return Ok(match found {
            Some(meta) if own => Lookup::Found(meta.status),
            _ => Lookup::RateLimited,
        });
    }
    Ok(match found {
        Some(meta) => Lookup::Found(meta.status),
        None => Lookup::NotFound,
    })
}

/// The texts case workers sent to this chat, oldest report first; a
/// message that cannot be opened is skipped, not fatal.
pub async fn messages_for(
    store: &dyn Store,
    key: &ServerKey,
    chat: &ReporterRef,
) -> Result<Vec<String>, StoreError> {
    let mut texts = Vec::new();
    for report in store.reports_by_reporter(chat.as_bytes()).await? {
        for message in store.messages_of(&report.id).await? {
            let MessageBody::ToReporter(body) = &message.body else {
                continue;
            };
            let context = format!("{}/{}", report.id, message.id);
            match key.open::<ToReporter>(&context, body) {
                Ok(text) => texts.push(String::from_utf8_lossy(&text).into_owned()),
                Err(_) => {
                    tracing::warn!(report.id = %report.id, "a message to the reporter cannot be opened")
                }
            }
        }
    }
    Ok(texts)
}

#[derive(Debug, thiserror::Error)]
pub enum ReplyError {
    #[error(transparent)]
    Crypto(#[from] CryptoError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Her message to case workers, about her newest report sent from this
/// chat, as a batch with its audit entry; `None` when no report is linked
/// to her chat (none sent from it, or she chose not to be contacted).
///
/// Sealed under the server key: once a report is sent the bot holds no key
/// that opens it, so it cannot add to the report's own ciphertexts.
pub async fn reply(
    store: &dyn Store,
    key: &ServerKey,
    chat: &ReporterRef,
    text: &str,
    at: DateTime<Utc>,
) -> Result<Option<(ReportId, Batch)>, ReplyError> {
    let reports = store.reports_by_reporter(chat.as_bytes()).await?;
    let Some(report) = reports.into_iter().next() else {
        return Ok(None);
    };
    let report = report.id;
    let id = uuid::Uuid::new_v4().to_string();
    let body = key.seal::<FromReporter>(&format!("{report}/{id}"), text.as_bytes())?;
    let batch = Batch {
        messages: vec![NewMessage {
            id,
            report_id: report,
            author_id: None,
            body: MessageBody::FromReporter(body),
            created_at: at,
        }],
        audit: vec![AuditDraft {
            at,
            actor: "bot".into(),
            action: AuditAction::MessageReceived,
            report_id: Some(report),
            detail: String::new(),
        }],
        ..Batch::default()
    };
    Ok(Some((report, batch)))
}

/// Whether `secret` opens her messages: the receipt code of a report sent
/// from this chat, or the PIN set for her newest one. Counted against the
/// same per-chat limits as `/status`, so others' guesses never lock her
/// out. No report linked to the chat answers like a wrong code.
pub async fn verify_unlock(
    store: &dyn Store,
    key: &ServerKey,
    limits: &LookupLimits,
    chat: &ReporterRef,
    secret: &str,
    now: DateTime<Utc>,
) -> Result<Unlock, StoreError> {
    let bucket = format!("unlock:{}", chat.to_hex());
    if store
        .hit_rate_limit(&bucket, now, limits.per_chat_window)
        .await?
        > limits.per_chat
    {
        return Ok(Unlock::TooManyTries);
    }
    let reports = store.reports_by_reporter(chat.as_bytes()).await?;
    if let Ok(code) = ReceiptCode::parse(secret)
        && let Some(found) = store
            .report_by_receipt(code.lookup_hash(key).as_bytes())
            .await?
        && reports.iter().any(|r| r.id == found.id)
    {
        return Ok(Unlock::Opened);
    }
    if let Some(newest) = reports.first() {
        let id = newest.id.to_string();
        if let Some(stored) = store.report_pin(&newest.id).await? {
            let typed = key.pin_lookup(&id, secret.trim());
            if crate::crypto::ct_eq(typed.as_bytes(), &stored) {
                return Ok(Unlock::Opened);
            }
        }
    }
    Ok(Unlock::NotMatching)
}

/// The answer to an unlock attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unlock {
    Opened,
    NotMatching,
    TooManyTries,
}

/// Her PIN for her newest report sent from this chat, as a batch; `None`
/// when no report is linked to the chat.
pub async fn set_pin(
    store: &dyn Store,
    key: &ServerKey,
    chat: &ReporterRef,
    pin: &str,
) -> Result<Option<Batch>, StoreError> {
    let reports = store.reports_by_reporter(chat.as_bytes()).await?;
    let Some(newest) = reports.first() else {
        return Ok(None);
    };
    let hash = key.pin_lookup(&newest.id.to_string(), pin.trim());
    Ok(Some(Batch {
        pins: vec![(newest.id, hash.as_bytes().to_vec())],
        ..Batch::default()
    }))
}

/// Her safe word as a silent alarm: her newest report sent from this chat
/// becomes urgent, with a timeline entry and an audit entry; nothing shows
/// on her screen. `None` when no report is linked to the chat.
pub async fn silent_alarm(
    store: &dyn Store,
    chat: &ReporterRef,
    at: DateTime<Utc>,
) -> Result<Option<Batch>, StoreError> {
    let reports = store.reports_by_reporter(chat.as_bytes()).await?;
    let Some(newest) = reports.first() else {
        return Ok(None);
    };
    Ok(Some(Batch {
        urgent: vec![newest.id],
        events: vec![crate::store::ReportEvent {
            id: uuid::Uuid::now_v7().to_string(),
            report_id: newest.id,
            at,
            actor_id: None,
            kind: crate::domain::casework::EventKind::Alarm,
            from_status: None,
            to_status: None,
            subject: None,
            body: None,
        }],
        audit: vec![AuditDraft {
            at,
            actor: "bot".into(),
            action: AuditAction::ReportAlarm,
            report_id: Some(newest.id),
            detail: String::new(),
        }],
        ..Batch::default()
    }))
}
