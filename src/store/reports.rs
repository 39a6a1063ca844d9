//! Submitted reports: their clear metadata, sealed payload and sealed chat, looked up by id, receipt or reporter.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::{ColumnIndex, Decode, Encode, Executor, IntoArguments, Type};

use super::rows::*;
use super::sql::{RowsAffected, SqlDb, SqlStore};
use super::*;

#[async_trait]
pub trait Reports: Send + Sync {
    async fn report_meta(&self, id: &ReportId) -> Result<ReportMeta, StoreError>;

    async fn report_payload(&self, id: &ReportId) -> Result<Sealed<ReportPayload>, StoreError>;

    /// Her chat, sealed under the server key; `None` when she chose not to
    /// be contacted.
    async fn report_chat(&self, id: &ReportId) -> Result<Option<Sealed<ReporterChat>>, StoreError>;

    /// The PIN hash set for a report, if any.
    async fn report_pin(&self, id: &ReportId) -> Result<Option<Vec<u8>>, StoreError>;

    /// The keyed hash of the chat she sent it from, when she allowed contact:
    /// notices to her go in that chat's queue.
    async fn report_chat_key(&self, id: &ReportId) -> Result<Option<Vec<u8>>, StoreError>;

    async fn report_by_receipt(
        &self,
        receipt_hash: &[u8],
    ) -> Result<Option<ReportMeta>, StoreError>;

    /// Crypto-shredding: its sealed keys, ciphertexts and rows go in one
    /// transaction, with the audit entry that records it.
    async fn delete_report(&self, id: &ReportId, audit: &AuditDraft) -> Result<(), StoreError>;

    async fn count_reports(&self) -> Result<i64, StoreError>;

    /// Reports closed before `before`, oldest first: due for destruction.
    async fn reports_closed_before(
        &self,
        before: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<ReportId>, StoreError>;

    /// Reports sent from one chat, newest first (by the keyed hash of the chat).
    async fn reports_by_reporter(&self, reporter_ref: &[u8])
    -> Result<Vec<ReportMeta>, StoreError>;

    async fn report_chats_after(
        &self,
        after: &str,
        limit: i64,
    ) -> Result<Vec<(ReportId, Sealed<ReporterChat>)>, StoreError>;

    async fn set_report_chat(
        &self,
        id: &ReportId,
        chat: &Sealed<ReporterChat>,
    ) -> Result<(), StoreError>;
}

#[async_trait]
impl<DB> Reports for SqlStore<DB>
where
    DB: SqlDb,
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'q> DB::Arguments<'q>: IntoArguments<'q, DB>,
    for<'q> i64: Encode<'q, DB> + Decode<'q, DB> + Type<DB>,
    for<'q> bool: Encode<'q, DB> + Decode<'q, DB> + Type<DB>,
    for<'q> String: Encode<'q, DB> + Decode<'q, DB> + Type<DB>,
    for<'q> Vec<u8>: Encode<'q, DB> + Decode<'q, DB> + Type<DB>,
    for<'q> &'q str: Encode<'q, DB> + Type<DB>,
    for<'q> &'q [u8]: Encode<'q, DB> + Type<DB>,
    usize: ColumnIndex<DB::Row>,
    for<'n> &'n str: ColumnIndex<DB::Row>,
    for<'q> Option<i64>: Encode<'q, DB>,
    for<'q> Option<String>: Encode<'q, DB>,
    for<'q> Option<&'q str>: Encode<'q, DB>,
    for<'q> Option<&'q [u8]>: Encode<'q, DB>,
    for<'q> Option<Vec<u8>>: Encode<'q, DB>,
{
    async fn report_meta(&self, id: &ReportId) -> Result<ReportMeta, StoreError> {
        let sql = format!("SELECT {REPORT_COLUMNS} FROM reports WHERE id = $1");
        let row: ReportRow = sqlx::query_as(&sql)
            .bind(id.to_string())
            .fetch_one(&self.pool)
            .await?;
        let types = self.types_of(&row.id).await?;
        report_meta(row, types)
    }

    async fn report_payload(&self, id: &ReportId) -> Result<Sealed<ReportPayload>, StoreError> {
        let (bytes,): (Vec<u8>,) =
            sqlx::query_as("SELECT payload_sealed FROM reports WHERE id = $1")
                .bind(id.to_string())
                .fetch_one(&self.pool)
                .await?;
        sealed(bytes)
    }

    async fn report_pin(&self, id: &ReportId) -> Result<Option<Vec<u8>>, StoreError> {
        let (pin,): (Option<Vec<u8>>,) =
            sqlx::query_as("SELECT pin_hash FROM reports WHERE id = $1")
                .bind(id.to_string())
                .fetch_one(&self.pool)
                .await?;
        Ok(pin)
    }

    async fn report_chat_key(&self, id: &ReportId) -> Result<Option<Vec<u8>>, StoreError> {
        let (key,): (Option<Vec<u8>>,) =
            sqlx::query_as("SELECT reporter_ref FROM reports WHERE id = $1")
                .bind(id.to_string())
                .fetch_one(&self.pool)
                .await?;
        Ok(key)
    }

    async fn report_chat(&self, id: &ReportId) -> Result<Option<Sealed<ReporterChat>>, StoreError> {
        let (bytes,): (Option<Vec<u8>>,) =
            sqlx::query_as("SELECT chat_sealed FROM reports WHERE id = $1")
                .bind(id.to_string())
                .fetch_one(&self.pool)
                .await?;
        bytes.map(sealed).transpose()
    }

    async fn report_by_receipt(
        &self,
        receipt_hash: &[u8],
    ) -> Result<Option<ReportMeta>, StoreError> {
        let sql = format!("SELECT {REPORT_COLUMNS} FROM reports WHERE receipt_hash = $1");
        let row: Option<ReportRow> = sqlx::query_as(&sql)
            .bind(receipt_hash)
            .fetch_optional(&self.pool)
            .await?;
        match row {
            Some(row) => {
                let types = self.types_of(&row.id).await?;
                Ok(Some(report_meta(row, types)?))
            }
            None => Ok(None),
        }
    }

    #[tracing::instrument(skip_all, fields(report.id = %id))]
    async fn delete_report(&self, id: &ReportId, audit: &AuditDraft) -> Result<(), StoreError> {
        let id = id.to_string();
        let mut tx = self.begin_write().await?;
        let cluster: Option<(String,)> =
            sqlx::query_as("SELECT cluster_id FROM report_clusters WHERE report_id = $1")
                .bind(&id)
                .fetch_optional(&mut *tx)
                .await?;
        for sql in [
            "DELETE FROM report_keys WHERE report_id = $1",
            "DELETE FROM attachments WHERE report_id = $1",
            "DELETE FROM reporter_messages WHERE report_id = $1",
            "DELETE FROM report_types WHERE report_id = $1",
        ] {
            sqlx::query(sql).bind(&id).execute(&mut *tx).await?;
        }
        let done = sqlx::query("DELETE FROM reports WHERE id = $1")
            .bind(&id)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        // Its network (the links went with it, by cascade) is one smaller.
        if let Some((cluster,)) = cluster {
            Self::refresh_cluster_in(&mut *tx, &cluster).await?;
        }
        Self::append_audit_in(&mut *tx, audit).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn count_reports(&self) -> Result<i64, StoreError> {
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM reports")
            .fetch_one(&self.pool)
            .await?;
        Ok(n)
    }

    async fn reports_closed_before(
        &self,
        before: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<ReportId>, StoreError> {
        let rows: Vec<(String,)> = sqlx::query_as(
            "SELECT id FROM reports WHERE closed_at IS NOT NULL AND closed_at < $1 ORDER BY closed_at LIMIT $2",
        )
        .bind(millis(before))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|(id,)| parse_report_id(id)).collect()
    }

    async fn reports_by_reporter(
        &self,
        reporter_ref: &[u8],
    ) -> Result<Vec<ReportMeta>, StoreError> {
        let sql = format!(
            "SELECT {REPORT_COLUMNS} FROM reports WHERE reporter_ref = $1 ORDER BY created_at DESC LIMIT 20"
        );
        let rows: Vec<ReportRow> = sqlx::query_as(&sql)
            .bind(reporter_ref)
            .fetch_all(&self.pool)
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let types = self.types_of(&row.id).await?;
            out.push(report_meta(row, types)?);
        }
        Ok(out)
    }

    async fn report_chats_after(
        &self,
        after: &str,
        limit: i64,
    ) -> Result<Vec<(ReportId, Sealed<ReporterChat>)>, StoreError> {
        let rows: Vec<(String, Vec<u8>)> = sqlx::query_as(
            "SELECT id, chat_sealed FROM reports WHERE chat_sealed IS NOT NULL AND id > $1 \
             ORDER BY id LIMIT $2",
        )
        .bind(after)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|(id, chat)| Ok((parse_report_id(&id)?, sealed(chat)?)))
            .collect()
    }

    async fn set_report_chat(
        &self,
        id: &ReportId,
        chat: &Sealed<ReporterChat>,
    ) -> Result<(), StoreError> {
        sqlx::query("UPDATE reports SET chat_sealed = $1 WHERE id = $2")
            .bind(chat.as_bytes())
            .bind(id.to_string())
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

impl<DB> SqlStore<DB>
where
    DB: SqlDb,
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'q> DB::Arguments<'q>: IntoArguments<'q, DB>,
    for<'q> i64: Encode<'q, DB> + Decode<'q, DB> + Type<DB>,
    for<'q> bool: Encode<'q, DB> + Decode<'q, DB> + Type<DB>,
    for<'q> String: Encode<'q, DB> + Decode<'q, DB> + Type<DB>,
    for<'q> Vec<u8>: Encode<'q, DB> + Decode<'q, DB> + Type<DB>,
    for<'q> &'q str: Encode<'q, DB> + Type<DB>,
    for<'q> &'q [u8]: Encode<'q, DB> + Type<DB>,
    usize: ColumnIndex<DB::Row>,
    for<'n> &'n str: ColumnIndex<DB::Row>,
    for<'q> Option<i64>: Encode<'q, DB>,
    for<'q> Option<String>: Encode<'q, DB>,
    for<'q> Option<&'q str>: Encode<'q, DB>,
    for<'q> Option<&'q [u8]>: Encode<'q, DB>,
    for<'q> Option<Vec<u8>>: Encode<'q, DB>,
{
    pub(super) async fn types_of(&self, id: &str) -> Result<Vec<String>, StoreError> {
        let rows: Vec<(String,)> = sqlx::query_as(
            "SELECT violence_type FROM report_types WHERE report_id = $1 ORDER BY violence_type",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(|(t,)| t).collect())
    }

    #[tracing::instrument(skip_all, fields(report.id = %report.meta.id))]
    pub(super) async fn insert_report_in(
        conn: &mut DB::Connection,
        report: &NewReport,
    ) -> Result<(), StoreError> {
        let m = &report.meta;
        let id = m.id.to_string();
        let row = Insert::into("reports")
            .set("id", id.as_str())
            .set("created_at", millis(m.created_at))
            .set("updated_at", millis(m.updated_at))
            .set("status", m.status.as_str())
            .set("urgency", m.urgency.as_str())
            .set("urgency_rank", urgency_rank(m.urgency))
            .set("region_code", m.area.as_ref().map(|a| a.as_str()))
            .set("age_band", m.age_band.map(|a| a.as_str()))
            .set("victim_sex", m.victim_sex.map(|s| s.as_str()))
            .set("reporter_role", m.reporter.map(|r| r.as_str()))
            .set("contact_allowed", m.contact_allowed)
            .set("assigned_to", m.assigned_to.as_deref())
            .set("acknowledged_at", opt_millis(m.acknowledged_at))
            .set("closed_at", opt_millis(m.closed_at))
            .set("receipt_hash", report.receipt_hash.clone())
            .set("reporter_ref", report.reporter_ref.clone())
            .set("chat_sealed", report.chat.as_ref().map(|c| c.to_bytes()))
            .set("payload_sealed", report.payload.to_bytes());
        Self::insert(&mut *conn, row).await?;
        for vt in &m.violence_types {
            sqlx::query("INSERT INTO report_types (report_id, violence_type) VALUES ($1, $2)")
                .bind(id.as_str())
                .bind(vt.as_str())
                .execute(&mut *conn)
                .await?;
        }
        for grant in &report.keys {
            Self::insert_key(&mut *conn, grant).await?;
        }
        Ok(())
    }

    pub(super) async fn make_urgent_in(
        conn: &mut DB::Connection,
        id: &ReportId,
    ) -> Result<(), StoreError> {
        sqlx::query("UPDATE reports SET urgency = 'urgent', urgency_rank = $1 WHERE id = $2")
            .bind(urgency_rank(crate::domain::urgency::Urgency::Urgent))
            .bind(id.to_string())
            .execute(&mut *conn)
            .await?;
        Ok(())
    }

    pub(super) async fn set_pin_in(
        conn: &mut DB::Connection,
        id: &ReportId,
        pin: &[u8],
    ) -> Result<(), StoreError> {
        sqlx::query("UPDATE reports SET pin_hash = $1 WHERE id = $2")
            .bind(pin)
            .bind(id.to_string())
            .execute(&mut *conn)
            .await?;
        Ok(())
    }
}
