//! The hash-chained audit log.

use async_trait::async_trait;
use sqlx::{ColumnIndex, Decode, Encode, Executor, IntoArguments, Type};

use chrono::{DateTime, Utc};

use super::rows::*;
use super::sql::{SqlDb, SqlStore};
use super::*;
use crate::domain::audit::AuditAction;

#[async_trait]
pub trait Audit: Send + Sync {
    /// Appends to the hash chain, serialised against other appenders.
    async fn append_audit(&self, entry: &AuditDraft) -> Result<AuditEntry, StoreError>;

    async fn audit_entries(
        &self,
        after_seq: i64,
        limit: i64,
    ) -> Result<Vec<AuditEntry>, StoreError>;

    /// The chain's head: the last sequence number and its hash, kept apart
    /// so that deleting the newest entries is noticed too.
    async fn audit_head(&self) -> Result<(i64, String), StoreError>;

    /// The audit entries about one report, oldest first.
    async fn audit_of_report(&self, id: &ReportId) -> Result<Vec<super::AuditEntry>, StoreError>;

    /// The newest audit entries, newest first, before `before_seq`.
    /// The newest entries with one of `actions`, at or after `since`,
    /// newest first (what koordinators are told of account changes).
    async fn audit_by_actions(
        &self,
        actions: &[AuditAction],
        since: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<AuditEntry>, StoreError>;

    async fn audit_page(
        &self,
        before_seq: Option<i64>,
        limit: i64,
    ) -> Result<Vec<super::AuditEntry>, StoreError>;
}

#[async_trait]
impl<DB> Audit for SqlStore<DB>
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
    async fn append_audit(&self, e: &AuditDraft) -> Result<AuditEntry, StoreError> {
        let mut tx = self.begin_write().await?;
        let entry = Self::append_audit_in(&mut *tx, e).await?;
        tx.commit().await?;
        Ok(entry)
    }

    async fn audit_head(&self) -> Result<(i64, String), StoreError> {
        Ok(
            sqlx::query_as("SELECT seq, hash FROM audit_head WHERE id = 1")
                .fetch_one(&self.pool)
                .await?,
        )
    }

    async fn audit_entries(
        &self,
        after_seq: i64,
        limit: i64,
    ) -> Result<Vec<AuditEntry>, StoreError> {
        let rows: Vec<AuditRow> = sqlx::query_as(
            "SELECT seq, at, actor, action, report_id, detail, prev_hash, hash FROM audit_log \
             WHERE seq > $1 ORDER BY seq LIMIT $2",
        )
        .bind(after_seq)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(audit_entry).collect()
    }

    async fn audit_of_report(&self, id: &ReportId) -> Result<Vec<AuditEntry>, StoreError> {
        let rows: Vec<AuditRow> = sqlx::query_as(
            "SELECT seq, at, actor, action, report_id, detail, prev_hash, hash FROM audit_log \
             WHERE report_id = $1 ORDER BY seq",
        )
        .bind(id.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(audit_entry).collect()
    }

    async fn audit_by_actions(
        &self,
        actions: &[AuditAction],
        since: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<AuditEntry>, StoreError> {
        if actions.is_empty() {
            return Ok(Vec::new());
        }
        let mut sql = Sql::default();
        let marks: Vec<String> = actions.iter().map(|a| sql.text(a.as_str())).collect();
        let since = sql.int(millis(since));
        let limit = sql.int(limit);
        let text = format!(
            "SELECT seq, at, actor, action, report_id, detail, prev_hash, hash FROM audit_log \
             WHERE action IN ({}) AND at >= {since} ORDER BY seq DESC LIMIT {limit}",
            marks.join(", ")
        );
        let rows: Vec<AuditRow> = Self::bind_all(sqlx::query_as::<_, AuditRow>(&text), sql.args)
            .fetch_all(&self.pool)
            .await?;
        rows.into_iter().map(audit_entry).collect()
    }

    async fn audit_page(
        &self,
        before_seq: Option<i64>,
        limit: i64,
    ) -> Result<Vec<AuditEntry>, StoreError> {
        let rows: Vec<AuditRow> = sqlx::query_as(
            "SELECT seq, at, actor, action, report_id, detail, prev_hash, hash FROM audit_log \
             WHERE seq < $1 ORDER BY seq DESC LIMIT $2",
        )
        .bind(before_seq.unwrap_or(i64::MAX))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(audit_entry).collect()
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
    /// Appends to the hash chain inside the caller's transaction. Writing
    /// first takes the write lock (SQLite) or the row lock (PostgreSQL)
    /// before the head is read, so two appenders can never chain onto the
    /// same predecessor.
    pub(super) async fn append_audit_in(
        conn: &mut DB::Connection,
        e: &AuditDraft,
    ) -> Result<AuditEntry, StoreError> {
        // Writing first takes the write lock (SQLite) or the row lock
        // (PostgreSQL) before the head is read, so two appenders can
        // never chain onto the same predecessor.
        let (seq, prev_hash): (i64, String) =
            sqlx::query_as("UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash")
                .fetch_one(&mut *conn)
                .await?;
        let report_id = e.report_id.as_ref().map(|id| id.to_string());
        let hash = crate::domain::audit::chain_hash(
            &prev_hash,
            seq,
            millis(e.at),
            &e.actor,
            e.action.as_str(),
            report_id.as_deref(),
            &e.detail,
        );
        sqlx::query(
            "INSERT INTO audit_log (seq, at, actor, action, report_id, detail, prev_hash, hash) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(seq)
        .bind(millis(e.at))
        .bind(&e.actor)
        .bind(e.action.as_str())
        .bind(report_id.as_deref())
        .bind(&e.detail)
        .bind(&prev_hash)
        .bind(&hash)
        .execute(&mut *conn)
        .await?;
        sqlx::query("UPDATE audit_head SET hash = $1 WHERE id = 1")
            .bind(&hash)
            .execute(&mut *conn)
            .await?;
        Ok(AuditEntry {
            seq,
            at: from_millis(millis(e.at))?,
            actor: e.actor.clone(),
            action: e.action.to_string(),
            report_id,
            detail: e.detail.clone(),
            prev_hash,
            hash,
        })
    }
}
