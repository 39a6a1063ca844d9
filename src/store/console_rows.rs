//! Row types and SQL builders of [`super::console::ConsoleStore`], shared by
//! both databases.

use super::build::{Arg, Sql};
use super::console::*;
use super::rows::{ReportRow, parse_report_id, report_meta, sealed, urgency_rank};
use super::{StoreError, from_millis};
use crate::domain::casework::{EventKind, ShareField};
use crate::domain::report::Status;

#[derive(sqlx::FromRow)]
pub(super) struct SessionRow {
    pub id_hash: Vec<u8>,
    pub worker_id: String,
    pub stage: String,
    pub key_sealed: Option<Vec<u8>>,
    pub csrf: String,
    pub created_at: i64,
    pub last_seen: i64,
    pub expires_at: i64,
}

pub(super) fn session(row: SessionRow) -> Result<ConsoleSession, StoreError> {
    Ok(ConsoleSession {
        stage: SessionStage::parse(&row.stage)
            .ok_or_else(|| StoreError::Corrupt(format!("session stage {}", row.stage)))?,
        key: row.key_sealed.map(sealed).transpose()?,
        created_at: from_millis(row.created_at)?,
        last_seen: from_millis(row.last_seen)?,
        expires_at: from_millis(row.expires_at)?,
        id_hash: row.id_hash,
        worker_id: row.worker_id,
        csrf: row.csrf,
    })
}

#[derive(sqlx::FromRow)]
pub(super) struct EventRow {
    pub id: String,
    pub report_id: String,
    pub at: i64,
    pub actor_id: Option<String>,
    pub kind: String,
    pub from_status: Option<String>,
    pub to_status: Option<String>,
    pub subject: Option<String>,
    pub body_sealed: Option<Vec<u8>>,
}

fn status(value: Option<String>) -> Result<Option<Status>, StoreError> {
    value
        .map(|s| Status::parse(&s).map_err(|e| StoreError::Corrupt(e.to_string())))
        .transpose()
}

pub(super) fn event(row: EventRow) -> Result<ReportEvent, StoreError> {
    Ok(ReportEvent {
        report_id: parse_report_id(&row.report_id)?,
        at: from_millis(row.at)?,
        kind: EventKind::parse(&row.kind).map_err(|e| StoreError::Corrupt(e.to_string()))?,
        from_status: status(row.from_status)?,
        to_status: status(row.to_status)?,
        body: row.body_sealed.map(sealed).transpose()?,
        id: row.id,
        actor_id: row.actor_id,
        subject: row.subject,
    })
}

#[derive(sqlx::FromRow)]
pub(super) struct ReferralRow {
    pub id: String,
    pub report_id: String,
    pub agency: String,
    pub fields: String,
    pub referred_by: Option<String>,
    pub at: i64,
    pub payload_sealed: Vec<u8>,
}

pub(super) fn referral(row: ReferralRow) -> Result<Referral, StoreError> {
    Ok(Referral {
        report_id: parse_report_id(&row.report_id)?,
        fields: ShareField::split(&row.fields),
        at: from_millis(row.at)?,
        payload: sealed(row.payload_sealed)?,
        id: row.id,
        agency: row.agency,
        referred_by: row.referred_by,
    })
}

#[derive(sqlx::FromRow)]
pub(super) struct QueueDbRow {
    #[sqlx(flatten)]
    pub report: ReportRow,
    pub referred: bool,
    pub urgency_rank: i64,
    pub shared_fields: Option<String>,
}

pub(super) fn queue_row(row: QueueDbRow, types: Vec<String>) -> Result<QueueRow, StoreError> {
    let cursor = QueueCursor {
        urgency_rank: row.urgency_rank,
        created_at: row.report.created_at,
        id: row.report.id.clone(),
    };
    Ok(QueueRow {
        meta: report_meta(row.report, types)?,
        referred: row.referred,
        cursor,
        shared: row.shared_fields.as_deref().map(ShareField::split),
    })
}

const QUEUE_COLUMNS: &str = "r.id, r.created_at, r.updated_at, r.status, r.urgency, r.region_code, \
     r.age_band, r.victim_sex, r.reporter_role, r.contact_allowed, r.assigned_to, \
     r.acknowledged_at, r.closed_at, r.referred, r.urgency_rank";

/// The queue's SQL: filters chosen so that the open-queue index serves the
/// order, and the page ends after `limit` rows.
///
/// Written for SQLite's planner, which has no statistics (Suara never runs
/// ANALYZE) and otherwise starts from the smallest-looking index and sorts
/// everything it found (docs/performance.md): visibility is an `EXISTS`
/// probe of the key's primary key rather than a join, "unassigned or mine"
/// is a negation rather than an OR (which SQLite answers as a union over
/// `reports_assigned`), urgency is filtered on `urgency_rank`, the index's
/// first column, and a page after a cursor is two index ranges rather
/// than one range with an OR that neither database can seek to.
/// PostgreSQL plans the same text by its statistics.
pub(super) fn queue_sql(q: &QueueQuery) -> (String, Vec<Arg>) {
    if let Viewer::Agency { agency, worker_id } = &q.viewer {
        return agency_queue_sql(q, agency, worker_id);
    }
    let mut sql = Sql::default();
    let mut cond: Vec<String> = Vec::new();
    match &q.viewer {
        Viewer::Keys {
            worker_id,
            only_unassigned_or_mine,
        } => {
            let recipient = sql.text(format!("worker:{worker_id}"));
            cond.push(format!(
                "EXISTS (SELECT 1 FROM report_keys k WHERE k.report_id = r.id \
                 AND k.recipient = {recipient})"
            ));
            if *only_unassigned_or_mine {
                // Unassigned or mine.
                let me = sql.text(worker_id.as_str());
                cond.push(format!(
                    "NOT (r.assigned_to IS NOT NULL AND r.assigned_to <> {me})"
                ));
            }
        }
        // Answered by `agency_queue_sql` above.
        Viewer::Agency { .. } => {}
    }
    match q.status {
        StatusFilter::Open => cond.push("r.closed_at IS NULL".into()),
        StatusFilter::All => {}
        StatusFilter::Only(s) => {
            let p = sql.text(s.as_str());
            cond.push(format!("r.status = {p}"));
        }
    }
    if let Some(u) = q.urgency {
        // The same rows as `r.urgency = u`: the rank is derived from it.
        let p = sql.int(urgency_rank(u));
        cond.push(format!("r.urgency_rank = {p}"));
    }
    if let Some(t) = q.violence_type {
        let p = sql.text(t.as_str());
        cond.push(format!(
            "EXISTS (SELECT 1 FROM report_types t WHERE t.report_id = r.id AND t.violence_type = {p})"
        ));
    }
    if let Some(region) = &q.region {
        cond.push(sql.region("r.region_code", region));
    }
    if let Some(who) = &q.assigned_to {
        let p = sql.text(who.as_str());
        cond.push(format!("r.assigned_to = {p}"));
    }
    if q.referred {
        cond.push("r.referred = TRUE".into());
    }
    let limit = sql.int(q.limit);
    let page = |extra: Option<&str>, order: &str| {
        let all: Vec<&str> = cond.iter().map(String::as_str).chain(extra).collect();
        let filter = if all.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", all.join(" AND "))
        };
        format!(
            "SELECT {QUEUE_COLUMNS}, CAST(NULL AS TEXT) AS shared_fields FROM reports r{filter} \
             ORDER BY {order} LIMIT {limit}"
        )
    };
    let text = match &q.after {
        None => page(None, QUEUE_ORDER),
        // After the cursor: the rest of its urgency level, then the lower
        // levels. Each part is one range of the index, entered by a seek,
        // so a page costs the same however deep it is.
        Some(c) => {
            let rank = sql.int(c.urgency_rank);
            let created = sql.int(c.created_at);
            let id = sql.text(c.id.as_str());
            let same = page(
                Some(&format!(
                    "r.urgency_rank = {rank} AND (r.created_at, r.id) > ({created}, {id})"
                )),
                "r.created_at, r.id",
            );
            let lower = page(Some(&format!("r.urgency_rank < {rank}")), QUEUE_ORDER);
            format!(
                "SELECT * FROM (SELECT * FROM ({same}) a UNION ALL SELECT * FROM ({lower}) b) q \
                 ORDER BY q.urgency_rank DESC, q.created_at, q.id LIMIT {limit}"
            )
        }
    };
    (text, sql.args)
}

const QUEUE_ORDER: &str = "r.urgency_rank DESC, r.created_at, r.id";

/// A liaison's queue: the reports referred to their agency (and sealed to
/// them), oldest first. Never in urgency order, and with no filter on
/// urgency, type or region: the order and the filters would tell what a
/// referral keeps back. Each row carries the fields its newest referral
/// shares, so that the page shows no more.
fn agency_queue_sql(q: &QueueQuery, agency: &str, worker_id: &str) -> (String, Vec<Arg>) {
    let mut sql = Sql::default();
    let agency = sql.text(agency);
    let me = sql.text(worker_id);
    let mut cond = vec![format!(
        "r.id IN (SELECT f.report_id FROM referrals f JOIN referral_keys rk \
         ON rk.referral_id = f.id WHERE f.agency = {agency} AND rk.worker_id = {me})"
    )];
    match q.status {
        StatusFilter::Open => cond.push("r.closed_at IS NULL".into()),
        StatusFilter::All => {}
        StatusFilter::Only(s) => {
            let p = sql.text(s.as_str());
            cond.push(format!("r.status = {p}"));
        }
    }
    if let Some(c) = &q.after {
        let created = sql.int(c.created_at);
        let id = sql.text(c.id.as_str());
        cond.push(format!("(r.created_at, r.id) > ({created}, {id})"));
    }
    let limit = sql.int(q.limit);
    let text = format!(
        "SELECT r.id, r.created_at, r.updated_at, r.status, r.urgency, r.region_code, \
         r.age_band, r.victim_sex, r.reporter_role, r.contact_allowed, r.assigned_to, \
         r.acknowledged_at, r.closed_at, r.referred, CAST(0 AS BIGINT) AS urgency_rank, \
         (SELECT f.fields FROM referrals f JOIN referral_keys rk ON rk.referral_id = f.id \
          WHERE f.report_id = r.id AND f.agency = {agency} AND rk.worker_id = {me} \
          ORDER BY f.at DESC, f.id LIMIT 1) AS shared_fields \
         FROM reports r WHERE {} ORDER BY r.created_at, r.id LIMIT {limit}",
        cond.join(" AND ")
    );
    (text, sql.args)
}

/// The WHERE clause limiting statistics to a scope (`r` is `reports`).
pub(super) fn scope_sql(scope: &StatsScope, sql: &mut Sql) -> String {
    let mut cond: Vec<String> = vec!["1 = 1".into()];
    if !scope.regions.is_empty() {
        let any: Vec<String> = (scope.regions.iter())
            .map(|code| sql.region("r.region_code", code))
            .collect();
        cond.push(format!("({})", any.join(" OR ")));
    }
    if let Some(from) = scope.from {
        let p = sql.int(from.timestamp_millis());
        cond.push(format!("r.created_at >= {p}"));
    }
    if let Some(to) = scope.to {
        let p = sql.int(to.timestamp_millis());
        cond.push(format!("r.created_at < {p}"));
    }
    cond.join(" AND ")
}
