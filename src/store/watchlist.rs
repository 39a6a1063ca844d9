//! The watchlist: identifiers known to the police, KP2MI or partner
//! agencies, each sealed under the server key (with its source) and
//! indexed by the same blind index as a report's; and the reports that
//! matched it when they arrived.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::{ColumnIndex, Decode, Encode, Executor, IntoArguments, Type};

use super::rows::*;
use super::sql::{SqlDb, SqlStore};
use super::*;
use crate::crypto::BlindIndex;
use crate::crypto::fields::WatchEntry;
use crate::domain::identifiers::LinkKind;

/// A watchlist entry to store.
#[derive(Debug, Clone)]
pub struct NewWatch {
    pub id: String,
    pub kind: LinkKind,
    pub blind: BlindIndex,
    /// The identifier as entered and its source, sealed (context: `id`).
    pub entry: Sealed<WatchEntry>,
    pub added_at: DateTime<Utc>,
    pub added_by: String,
}

/// A stored entry.
#[derive(Debug, Clone)]
pub struct WatchRow {
    pub id: String,
    pub kind: LinkKind,
    pub entry: Sealed<WatchEntry>,
    pub added_at: DateTime<Utc>,
    pub added_by: String,
}

/// A new report that matched the watchlist: the kinds it matched.
#[derive(Debug, Clone)]
pub struct WatchMatch {
    pub report_id: ReportId,
    pub kinds: Vec<LinkKind>,
    pub at: DateTime<Utc>,
}

#[async_trait]
pub trait Watchlist: Send + Sync {
    /// The kinds of `links` found on the watchlist.
    async fn watch_matches(
        &self,
        links: &[(LinkKind, BlindIndex)],
    ) -> Result<Vec<LinkKind>, StoreError>;

    /// Entries after `after` (by id), for the page and for key rotation.
    async fn watch_entries_after(
        &self,
        after: &str,
        limit: i64,
    ) -> Result<Vec<WatchRow>, StoreError>;

    /// Replaces an entry's ciphertext (key rotation).
    async fn reseal_watch(&self, id: &str, entry: &Sealed<WatchEntry>) -> Result<(), StoreError>;

    /// Of `ids`, those that matched the watchlist, with the kinds.
    async fn watch_flags(
        &self,
        ids: &[ReportId],
    ) -> Result<Vec<(ReportId, Vec<LinkKind>)>, StoreError>;
}

#[async_trait]
impl<DB> Watchlist for SqlStore<DB>
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
    #[tracing::instrument(skip_all)]
    async fn watch_matches(
        &self,
        links: &[(LinkKind, BlindIndex)],
    ) -> Result<Vec<LinkKind>, StoreError> {
        let mut out = Vec::new();
        for (kind, blind) in links {
            if out.contains(kind) {
                continue;
            }
            let hit: Option<(String,)> =
                sqlx::query_as("SELECT id FROM watchlist WHERE kind = $1 AND blind = $2 LIMIT 1")
                    .bind(kind.as_str())
                    .bind(&blind.as_bytes()[..])
                    .fetch_optional(&self.pool)
                    .await?;
            if hit.is_some() {
                out.push(*kind);
            }
        }
        out.sort();
        Ok(out)
    }

    async fn watch_entries_after(
        &self,
        after: &str,
        limit: i64,
    ) -> Result<Vec<WatchRow>, StoreError> {
        let rows: Vec<(String, String, Vec<u8>, i64, String)> = sqlx::query_as(
            "SELECT id, kind, entry_sealed, added_at, added_by FROM watchlist \
             WHERE id > $1 ORDER BY id LIMIT $2",
        )
        .bind(after)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|(id, kind, entry, at, by)| {
                Ok(WatchRow {
                    id,
                    kind: LinkKind::parse(&kind).map_err(|e| StoreError::Corrupt(e.to_string()))?,
                    entry: sealed(entry)?,
                    added_at: from_millis(at)?,
                    added_by: by,
                })
            })
            .collect()
    }

    async fn reseal_watch(&self, id: &str, entry: &Sealed<WatchEntry>) -> Result<(), StoreError> {
        sqlx::query("UPDATE watchlist SET entry_sealed = $1 WHERE id = $2")
            .bind(entry.as_bytes())
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn watch_flags(
        &self,
        ids: &[ReportId],
    ) -> Result<Vec<(ReportId, Vec<LinkKind>)>, StoreError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        // One query for a page of the queue: `IN ($1, …, $n)`.
        let marks: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
        let sql = format!(
            "SELECT report_id, kinds FROM report_watch WHERE report_id IN ({})",
            marks.join(", ")
        );
        let mut query = sqlx::query_as::<_, (String, String)>(&sql);
        for id in ids {
            query = query.bind(id.to_string());
        }
        let mut out = Vec::new();
        for (id, kinds) in query.fetch_all(&self.pool).await? {
            let kinds = kinds
                .split(',')
                .filter_map(|k| LinkKind::parse(k).ok())
                .collect();
            out.push((parse_report_id(&id)?, kinds));
        }
        Ok(out)
    }
}

impl<DB> SqlStore<DB>
where
    DB: SqlDb,
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'q> DB::Arguments<'q>: IntoArguments<'q, DB>,
    for<'q> i64: Encode<'q, DB> + Decode<'q, DB> + Type<DB>,
    for<'q> String: Encode<'q, DB> + Decode<'q, DB> + Type<DB>,
    for<'q> &'q str: Encode<'q, DB> + Type<DB>,
    for<'q> &'q [u8]: Encode<'q, DB> + Type<DB>,
    usize: ColumnIndex<DB::Row>,
{
    #[tracing::instrument(skip_all)]
    pub(super) async fn insert_watch_in(
        conn: &mut DB::Connection,
        w: &NewWatch,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO watchlist (id, kind, blind, entry_sealed, added_at, added_by) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(w.id.as_str())
        .bind(w.kind.as_str())
        .bind(&w.blind.as_bytes()[..])
        .bind(w.entry.as_bytes())
        .bind(millis(w.added_at))
        .bind(w.added_by.as_str())
        .execute(&mut *conn)
        .await?;
        Ok(())
    }

    pub(super) async fn insert_watch_match_in(
        conn: &mut DB::Connection,
        m: &WatchMatch,
    ) -> Result<(), StoreError> {
        let kinds: Vec<&str> = m.kinds.iter().map(|k| k.as_str()).collect();
        sqlx::query("INSERT INTO report_watch (report_id, kinds, matched_at) VALUES ($1, $2, $3)")
            .bind(m.report_id.to_string())
            .bind(kinds.join(","))
            .bind(millis(m.at))
            .execute(&mut *conn)
            .await?;
        Ok(())
    }
}
