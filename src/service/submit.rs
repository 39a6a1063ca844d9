//! Sealing at submission: the moment a draft becomes a report.
//!
//! The answers and story are sealed with the draft's report key (which
//! already sealed her attachments); the report key is sealed to every case
//! worker entitled to the report and to the recovery key; the chat id is
//! sealed under the server key only if she may be contacted. [`seal`]
//! returns all of it as one batch, for the caller to write in one
//! transaction with the rest of the step; the receipt code is shown only
//! after the commit, and the report key leaves with the draft: from then on
//! this process cannot read the report.

use chrono::{DateTime, Utc};
use zeroize::Zeroizing;

use super::alerts::alert_row;
use super::identify::blind_indexes;
use super::keys::{KeyError, recovery_public_key};
use crate::crypto::fields::{ReportPayload, ReporterChat};
use crate::crypto::{
    CryptoError, ReceiptCode, RecipientPublicKey, ReportKey, ReporterRef, ServerKey,
    seal_report_key,
};
use crate::domain::area::Area;
use crate::domain::audit::AuditAction;
use crate::domain::identifiers::Identifier;
use crate::domain::{AgeBand, ReportId, ReporterRole, Sex, Status, Urgency, ViolenceType};
use crate::store::{
    AuditDraft, Batch, KeyGrant, NewLinks, NewReport, Recipient, ReportMeta, Store, StoreError,
    WatchMatch,
};

/// Everything a finished draft hands over.
pub struct Submission {
    pub id: ReportId,
    /// The draft's key; attachments were sealed with it as they arrived.
    pub report_key: ReportKey,
    pub urgency: Urgency,
    pub violence_types: Vec<ViolenceType>,
    pub area: Option<Area>,
    pub age_band: Option<AgeBand>,
    pub victim_sex: Option<Sex>,
    pub reporter: Option<ReporterRole>,
    /// The answers and story, serialised; wiped from memory on drop.
    pub payload: Zeroizing<Vec<u8>>,
    /// Her chat, kept (sealed) only when she allowed contact through the bot.
    pub contact_chat: Option<i64>,
    pub reporter_ref: Option<ReporterRef>,
    /// The recruiter's identifiers she named, normalised: only their
    /// blind indexes are stored (issue 16).
    pub identifiers: Vec<Identifier>,
    pub at: DateTime<Utc>,
}

impl Submission {
    /// A finished draft's request, ready to seal: the clear metadata is
    /// taken from the answers, the payload is the whole request. Her chat
    /// is kept only if she allowed contact.
    pub fn from_request(
        id: ReportId,
        report_key: ReportKey,
        request: &crate::conversation::SubmitRequest,
        chat: Option<(i64, ReporterRef)>,
        at: DateTime<Utc>,
    ) -> Result<Self, serde_json::Error> {
        let area = match (request.region(), request.abroad()) {
            (Some(code), _) => Some(Area::Region(code.clone())),
            (None, true) => Some(Area::Abroad),
            (None, false) => None,
        };
        let chat = chat.filter(|_| request.contact_allowed());
        Ok(Self {
            id,
            report_key,
            urgency: request.assessment.urgency,
            violence_types: request
                .classification
                .violence_types
                .iter()
                .copied()
                .collect(),
            area,
            age_band: request.answers.age_band,
            victim_sex: request.answers.victim_sex,
            reporter: request.answers.reporter,
            payload: Zeroizing::new(serde_json::to_vec(request)?),
            contact_chat: chat.map(|(c, _)| c),
            // Linking her chat to the report only serves contact and /pesan;
            // with "not at all" nothing ties the report to her chat.
            reporter_ref: chat.map(|(_, r)| r),
            identifiers: super::identify::identifiers_of(request),
            at,
        })
    }
}

/// A report sealed and ready to store, with everything that must be
/// written with it.
pub struct Sealed {
    /// The report, its audit entry and (if configured) the task force's
    /// alert: the caller adds what else belongs to the same transaction
    /// and writes it.
    pub batch: Batch,
    /// Her receipt code, to show only after the batch is committed.
    pub code: ReceiptCode,
    /// How many case workers it is sealed to (the recovery key aside).
    pub recipients: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum SubmitError {
    #[error("cannot encode the report")]
    Encode,
    #[error(transparent)]
    Keys(#[from] KeyError),
    #[error("sealing failed: {0}")]
    Crypto(#[from] CryptoError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Seals a report: the payload with its report key, the report key to
/// every entitled case worker and the recovery key, the chat under the
/// server key if she may be contacted. Nothing is written yet.
#[tracing::instrument(skip_all, fields(report.id = %submission.id))]
pub async fn seal(
    store: &dyn Store,
    server_key: &ServerKey,
    submission: Submission,
    alert_group: Option<i64>,
) -> Result<Sealed, SubmitError> {
    let recovery = recovery_public_key(store).await?;
    let id = submission.id;
    let id_str = id.to_string();
    let recipients = entitled_recipients(store, submission.area.as_ref()).await?;

    let mut keys = Vec::with_capacity(recipients.len() + 1);
    for (recipient, public) in recipients
        .iter()
        .chain([(Recipient::Recovery, recovery)].iter())
    {
        keys.push(KeyGrant {
            report_id: id,
            recipient: recipient.clone(),
            key: seal_report_key(&submission.report_key, public, &id_str)?,
            granted_by: None,
            at: submission.at,
        });
    }
    let chat = match submission.contact_chat {
        Some(chat) => Some(server_key.seal::<ReporterChat>(&id_str, chat.to_string().as_bytes())?),
        None => None,
    };
    let code = ReceiptCode::generate();
    let mut batch = Batch::default();
    let links = blind_indexes(server_key, &submission.identifiers);
    let watched = if links.is_empty() {
        Vec::new()
    } else {
        store.watch_matches(&links).await?
    };
    // A match with the watchlist makes the report at least high.
    let urgency = if watched.is_empty() {
        submission.urgency
    } else {
        submission.urgency.max(Urgency::High)
    };
    if !watched.is_empty() {
        batch.watch_matches.push(WatchMatch {
            report_id: id,
            kinds: watched.clone(),
            at: submission.at,
        });
    }
    if !links.is_empty() {
        batch.links.push(NewLinks {
            report_id: id,
            at: submission.at,
            links,
        });
    }
    if let Some(group) = alert_group {
        batch.outbox.push(alert_row(
            server_key,
            group,
            &id,
            urgency,
            &submission.violence_types,
            submission.area.as_ref(),
            !watched.is_empty(),
        )?);
    }
    batch.audit.push(AuditDraft {
        at: submission.at,
        actor: "bot".into(),
        action: AuditAction::ReportSubmitted,
        report_id: Some(id),
        detail: format!(
            "sealed to {} case workers and the recovery key",
            recipients.len()
        ),
    });
    if !watched.is_empty() {
        batch.audit.push(AuditDraft {
            at: submission.at,
            actor: "bot".into(),
            action: AuditAction::ReportWatchMatch,
            report_id: Some(id),
            detail: watched
                .iter()
                .map(|k| k.as_str())
                .collect::<Vec<_>>()
                .join(","),
        });
    }
    batch.reports.push(NewReport {
        meta: ReportMeta {
            id,
            created_at: submission.at,
            updated_at: submission.at,
            status: Status::Baru,
            urgency,
            violence_types: submission.violence_types,
            area: submission.area,
            age_band: submission.age_band,
            victim_sex: submission.victim_sex,
            reporter: submission.reporter,
            contact_allowed: submission.contact_chat.is_some(),
            assigned_to: None,
            acknowledged_at: None,
            closed_at: None,
        },
        receipt_hash: code.lookup_hash(server_key).as_bytes().to_vec(),
        reporter_ref: submission.reporter_ref.map(|r| r.as_bytes().to_vec()),
        chat,
        payload: submission
            .report_key
            .seal::<ReportPayload>(&id_str, &submission.payload)?,
        keys,
    });
    tracing::info!(recipients = recipients.len(), "report sealed");
    Ok(Sealed {
        batch,
        code,
        recipients: recipients.len(),
    })
}

/// A report stored on its own (the demo's samples, tests).
pub struct Receipt {
    pub id: ReportId,
    pub code: ReceiptCode,
    /// How many case workers can open it (the recovery key aside).
    pub recipients: usize,
}

/// Seals and stores a report in one transaction; the receipt comes after
/// the commit.
pub async fn submit(
    store: &dyn Store,
    server_key: &ServerKey,
    submission: Submission,
    alert_group: Option<i64>,
) -> Result<Receipt, SubmitError> {
    let id = submission.id;
    let sealed = seal(store, server_key, submission, alert_group).await?;
    store.write(&sealed.batch).await?;
    Ok(Receipt {
        id,
        code: sealed.code,
        recipients: sealed.recipients,
    })
}

/// The active case workers a new report in `area` is sealed to.
async fn entitled_recipients(
    store: &dyn Store,
    area: Option<&Area>,
) -> Result<Vec<(Recipient, RecipientPublicKey)>, StoreError> {
    let workers = store.workers().await?;
    Ok(workers
        .into_iter()
        .filter(|w| w.entitled_to(area))
        .map(|w| (Recipient::Worker(w.id), w.public_key))
        .collect())
}
