//! Sealed attachments of reports and drafts.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::{ColumnIndex, Decode, Encode, Executor, IntoArguments, Type};

use super::rows::*;
use super::sql::{RowsAffected, SqlDb, SqlStore};
use super::*;

#[async_trait]
pub trait Files: Send + Sync {
    async fn insert_attachment(&self, attachment: &NewAttachment) -> Result<(), StoreError>;

    async fn attachments_of(&self, id: &ReportId) -> Result<Vec<AttachmentInfo>, StoreError>;

    async fn attachment_content(
        &self,
        attachment_id: &str,
    ) -> Result<Sealed<AttachmentBody>, StoreError>;

    /// Destroys files made before `before` that belong to neither a report
    /// nor a draft in progress; returns how many.
    async fn purge_orphan_attachments(&self, before: DateTime<Utc>) -> Result<u64, StoreError>;
}

#[async_trait]
impl<DB> Files for SqlStore<DB>
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
    async fn insert_attachment(&self, a: &NewAttachment) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO attachments (id, report_id, kind, size_bytes, created_at, meta_sealed, content_sealed) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&a.id)
        .bind(a.report_id.to_string())
        .bind(a.kind.as_str())
        .bind(a.size_bytes)
        .bind(millis(a.created_at))
        .bind(a.meta.as_bytes())
        .bind(a.content.as_bytes())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn attachments_of(&self, id: &ReportId) -> Result<Vec<AttachmentInfo>, StoreError> {
        let rows: Vec<(String, String, String, i64, i64, Vec<u8>)> = sqlx::query_as(
            "SELECT id, report_id, kind, size_bytes, created_at, meta_sealed FROM attachments \
             WHERE report_id = $1 ORDER BY created_at, id",
        )
        .bind(id.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|(id, report_id, kind, size_bytes, created_at, meta)| {
                Ok(AttachmentInfo {
                    id,
                    report_id: parse_report_id(&report_id)?,
                    kind: AttachmentKind::parse(&kind)
                        .map_err(|e| StoreError::Corrupt(format!("attachment kind: {e}")))?,
                    size_bytes,
                    created_at: from_millis(created_at)?,
                    meta: sealed(meta)?,
                })
            })
            .collect()
    }

    async fn attachment_content(
        &self,
        attachment_id: &str,
    ) -> Result<Sealed<AttachmentBody>, StoreError> {
        let (bytes,): (Vec<u8>,) =
            sqlx::query_as("SELECT content_sealed FROM attachments WHERE id = $1")
                .bind(attachment_id)
                .fetch_one(&self.pool)
                .await?;
        sealed(bytes)
    }

    async fn purge_orphan_attachments(&self, before: DateTime<Utc>) -> Result<u64, StoreError> {
        let done = sqlx::query(
            "DELETE FROM attachments WHERE created_at < $1 \
             AND NOT EXISTS (SELECT 1 FROM reports WHERE reports.id = attachments.report_id) \
             AND NOT EXISTS (SELECT 1 FROM dialogues WHERE dialogues.draft_id = attachments.report_id)",
        )
        .bind(millis(before))
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected())
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
    /// Destroys a draft's file; a file of a stored report is never touched,
    /// whatever a stale draft says.
    pub(super) async fn discard_file_in(
        conn: &mut DB::Connection,
        attachment_id: &str,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "DELETE FROM attachments WHERE id = $1 \
             AND NOT EXISTS (SELECT 1 FROM reports WHERE reports.id = attachments.report_id)",
        )
        .bind(attachment_id)
        .execute(&mut *conn)
        .await?;
        Ok(())
    }

    /// Destroys every file of a draft that was never sent.
    pub(super) async fn discard_draft_in(
        conn: &mut DB::Connection,
        draft: &ReportId,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "DELETE FROM attachments WHERE report_id = $1 \
             AND NOT EXISTS (SELECT 1 FROM reports WHERE reports.id = $1)",
        )
        .bind(draft.to_string())
        .execute(&mut *conn)
        .await?;
        Ok(())
    }
}
