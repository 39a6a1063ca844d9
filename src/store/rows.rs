//! Rows as the database returns them, and their conversion to the store's
//! values; the console's rows and query builders are in `console_rows`.

use chrono::{DateTime, Utc};

pub(super) use super::build::{Insert, Sql};
pub(super) use super::console_rows::*;

use super::{AuditEntry, Direction, ReportMeta, StoreError, Worker, from_millis};
use crate::crypto::{RecipientPublicKey, SealedReportKey, WrappedPrivateKey};
use crate::domain::area::Area;
use crate::domain::report::{ReportId, Status};
use crate::domain::role::Role;
use crate::domain::urgency::Urgency;
use crate::domain::{AgeBand, ReporterRole, Sex, ViolenceType};

pub(super) const REPORT_COLUMNS: &str = "id, created_at, updated_at, status, urgency, region_code, age_band, \
     victim_sex, reporter_role, contact_allowed, assigned_to, acknowledged_at, closed_at";

#[derive(sqlx::FromRow)]
pub(super) struct ReportRow {
    pub id: String,
    pub created_at: i64,
    pub updated_at: i64,
    pub status: String,
    pub urgency: String,
    pub region_code: Option<String>,
    pub age_band: Option<String>,
    pub victim_sex: Option<String>,
    pub reporter_role: Option<String>,
    pub contact_allowed: bool,
    pub assigned_to: Option<String>,
    pub acknowledged_at: Option<i64>,
    pub closed_at: Option<i64>,
}

#[derive(sqlx::FromRow)]
pub(super) struct WorkerRow {
    pub id: String,
    pub username: String,
    pub role: String,
    pub regions: String,
    pub agency: Option<String>,
    pub password_hash: String,
    pub totp_sealed: Option<Vec<u8>>,
    pub public_key: Vec<u8>,
    pub private_sealed: Vec<u8>,
    pub disabled: bool,
    pub failed_logins: i64,
    pub locked_until: Option<i64>,
    pub last_totp_step: Option<i64>,
    pub created_at: i64,
    pub created_by: Option<String>,
    pub approved_at: Option<i64>,
    pub approved_by: Option<String>,
    pub enrol_hash: Option<Vec<u8>>,
    pub enrol_expires: Option<i64>,
}

#[derive(sqlx::FromRow)]
pub(super) struct AuditRow {
    pub seq: i64,
    pub at: i64,
    pub actor: String,
    pub action: String,
    pub report_id: Option<String>,
    pub detail: String,
    pub prev_hash: String,
    pub hash: String,
}

#[derive(sqlx::FromRow)]
pub(super) struct MessageRow {
    pub id: String,
    pub report_id: String,
    pub direction: String,
    pub author_id: Option<String>,
    pub body_sealed: Vec<u8>,
    pub created_at: i64,
    pub delivered_at: Option<i64>,
    pub read_at: Option<i64>,
}

#[derive(sqlx::FromRow)]
pub(super) struct InboxRow {
    pub id: i64,
    pub channel: String,
    pub update_id: i64,
    pub chat_key: Vec<u8>,
    pub payload_sealed: Vec<u8>,
    pub received_at: i64,
    pub attempts: i64,
}

pub(super) fn inbox_item(r: InboxRow) -> Result<super::InboxItem, StoreError> {
    Ok(super::InboxItem {
        id: r.id,
        channel: r.channel,
        update_id: r.update_id,
        chat_key: r.chat_key,
        payload: sealed(r.payload_sealed)?,
        received_at: from_millis(r.received_at)?,
        attempts: r.attempts,
    })
}

#[derive(sqlx::FromRow)]
pub(super) struct OutboxRow {
    pub id: i64,
    pub dedup_key: Option<String>,
    pub channel: String,
    pub chat_key: Vec<u8>,
    pub priority: i64,
    pub kind: String,
    pub chat_sealed: Vec<u8>,
    pub payload_sealed: Vec<u8>,
    pub attempts: i64,
}

fn corrupt(what: &str, err: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("{what}: {err}"))
}

pub(super) fn opt_time(ms: Option<i64>) -> Result<Option<DateTime<Utc>>, StoreError> {
    ms.map(from_millis).transpose()
}

pub(super) fn report_meta(row: ReportRow, types: Vec<String>) -> Result<ReportMeta, StoreError> {
    Ok(ReportMeta {
        id: ReportId::parse(&row.id).map_err(|e| corrupt("report id", e))?,
        created_at: from_millis(row.created_at)?,
        updated_at: from_millis(row.updated_at)?,
        status: Status::parse(&row.status).map_err(|e| corrupt("status", e))?,
        urgency: Urgency::parse(&row.urgency).map_err(|e| corrupt("urgency", e))?,
        violence_types: types
            .iter()
            .map(|t| ViolenceType::parse(t).map_err(|e| corrupt("violence type", e)))
            .collect::<Result<_, _>>()?,
        area: row
            .region_code
            .as_deref()
            .map(Area::parse)
            .transpose()
            .map_err(|e| corrupt("area", e))?,
        age_band: row
            .age_band
            .as_deref()
            .map(AgeBand::parse)
            .transpose()
            .map_err(|e| corrupt("age band", e))?,
        victim_sex: row
            .victim_sex
            .as_deref()
            .map(Sex::parse)
            .transpose()
            .map_err(|e| corrupt("sex", e))?,
        reporter: row
            .reporter_role
            .as_deref()
            .map(ReporterRole::parse)
            .transpose()
            .map_err(|e| corrupt("reporter", e))?,
        contact_allowed: row.contact_allowed,
        assigned_to: row.assigned_to,
        acknowledged_at: opt_time(row.acknowledged_at)?,
        closed_at: opt_time(row.closed_at)?,
    })
}

pub(super) fn audit_entry(row: AuditRow) -> Result<AuditEntry, StoreError> {
    Ok(AuditEntry {
        seq: row.seq,
        at: from_millis(row.at)?,
        actor: row.actor,
        action: row.action,
        report_id: row.report_id,
        detail: row.detail,
        prev_hash: row.prev_hash,
        hash: row.hash,
    })
}

pub(super) fn direction(value: &str) -> Result<Direction, StoreError> {
    Direction::parse(value).ok_or_else(|| corrupt("direction", value))
}

pub(super) fn sealed<T>(bytes: Vec<u8>) -> Result<crate::crypto::Sealed<T>, StoreError> {
    crate::crypto::Sealed::from_bytes(&bytes).map_err(|e| corrupt("sealed value", e))
}

pub(super) fn opt_millis(at: Option<DateTime<Utc>>) -> Option<i64> {
    at.map(super::millis)
}

pub(super) fn sealed_key(bytes: Vec<u8>) -> Result<SealedReportKey, StoreError> {
    SealedReportKey::from_bytes(&bytes).map_err(|e| corrupt("sealed report key", e))
}

pub(super) fn parse_report_id(id: &str) -> Result<ReportId, StoreError> {
    ReportId::parse(id).map_err(|e| corrupt("report id", e))
}

pub(super) fn worker(row: WorkerRow) -> Result<Worker, StoreError> {
    Ok(Worker {
        role: Role::parse(&row.role).map_err(|e| corrupt("role", e))?,
        regions: row
            .regions
            .split(',')
            .filter(|r| !r.is_empty())
            .map(str::to_owned)
            .collect(),
        totp: row.totp_sealed.map(sealed).transpose()?,
        public_key: RecipientPublicKey::from_slice(&row.public_key)
            .map_err(|e| corrupt("public key", e))?,
        private_key: WrappedPrivateKey::from_bytes(&row.private_sealed)
            .map_err(|e| corrupt("private key", e))?,
        locked_until: opt_time(row.locked_until)?,
        created_at: from_millis(row.created_at)?,
        approved_at: opt_time(row.approved_at)?,
        awaiting_enrolment: row.enrol_hash.is_some(),
        enrolment_expires: opt_time(row.enrol_expires)?,
        created_by: row.created_by,
        approved_by: row.approved_by,
        id: row.id,
        username: row.username,
        agency: row.agency,
        password_hash: row.password_hash,
        disabled: row.disabled,
        failed_logins: row.failed_logins,
        last_totp_step: row.last_totp_step,
    })
}

pub(super) fn outbox_items(rows: Vec<OutboxRow>) -> Result<Vec<super::OutboxItem>, StoreError> {
    let mut items = rows
        .into_iter()
        .map(|r| {
            Ok(super::OutboxItem {
                id: r.id,
                dedup_key: r.dedup_key,
                channel: r.channel,
                chat_key: r.chat_key,
                priority: r.priority,
                kind: r.kind,
                chat: sealed(r.chat_sealed)?,
                payload: sealed(r.payload_sealed)?,
                attempts: r.attempts,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    // RETURNING gives no order guarantee; deliver oldest first.
    items.sort_by_key(|i| i.id);
    Ok(items)
}

/// Sort key of the triage queue: most urgent first.
pub(super) fn urgency_rank(urgency: Urgency) -> i64 {
    match urgency {
        Urgency::Urgent => 2,
        Urgency::High => 1,
        Urgency::Normal => 0,
    }
}

pub(super) fn stored_message(r: MessageRow) -> Result<super::StoredMessage, StoreError> {
    Ok(super::StoredMessage {
        id: r.id,
        report_id: parse_report_id(&r.report_id)?,
        direction: direction(&r.direction)?,
        body: match direction(&r.direction)? {
            Direction::ToReporter => super::MessageBody::ToReporter(sealed(r.body_sealed)?),
            Direction::FromReporter => super::MessageBody::FromReporter(sealed(r.body_sealed)?),
        },
        author_id: r.author_id,
        created_at: from_millis(r.created_at)?,
        delivered_at: opt_time(r.delivered_at)?,
        read_at: opt_time(r.read_at)?,
    })
}
