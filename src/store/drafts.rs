//! Conversations in progress, sealed under the server key and keyed by a keyed hash of the chat.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::{ColumnIndex, Decode, Encode, Executor, IntoArguments, Type};

use super::rows::*;
use super::sql::{RowsAffected, SqlDb, SqlStore};
use super::*;

#[async_trait]
pub trait Drafts: Send + Sync {
    async fn load_dialogue(&self, chat_key: &[u8]) -> Result<Option<StoredDialogue>, StoreError>;

    async fn save_dialogue(&self, dialogue: &StoredDialogue) -> Result<(), StoreError>;

    async fn delete_dialogue(&self, chat_key: &[u8]) -> Result<(), StoreError>;

    /// Destroys drafts untouched past their expiry; returns how many.
    async fn purge_expired_dialogues(&self, now: DateTime<Utc>) -> Result<u64, StoreError>;

    // Re-sealing under a new server key (rotation), a page at a time.
    async fn dialogues_after(
        &self,
        after: &[u8],
        limit: i64,
    ) -> Result<Vec<StoredDialogue>, StoreError>;
}

#[async_trait]
impl<DB> Drafts for SqlStore<DB>
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
    async fn load_dialogue(&self, chat_key: &[u8]) -> Result<Option<StoredDialogue>, StoreError> {
        let row: Option<(Vec<u8>, String, i64, i64, Option<String>)> = sqlx::query_as(
            "SELECT state_sealed, key_id, updated_at, expires_at, draft_id FROM dialogues WHERE chat_key = $1",
        )
        .bind(chat_key)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|(state, key_id, updated_at, expires_at, draft_id)| {
            Ok(StoredDialogue {
                chat_key: chat_key.to_vec(),
                state: sealed(state)?,
                key_id,
                draft_id: draft_id.as_deref().map(parse_report_id).transpose()?,
                updated_at: from_millis(updated_at)?,
                expires_at: from_millis(expires_at)?,
            })
        })
        .transpose()
    }

    async fn save_dialogue(&self, d: &StoredDialogue) -> Result<(), StoreError> {
        let mut conn = self.pool.acquire().await?;
        Self::save_dialogue_in(&mut conn, d).await
    }

    async fn delete_dialogue(&self, chat_key: &[u8]) -> Result<(), StoreError> {
        let mut conn = self.pool.acquire().await?;
        Self::delete_dialogue_in(&mut conn, chat_key).await
    }

    async fn purge_expired_dialogues(&self, now: DateTime<Utc>) -> Result<u64, StoreError> {
        let done = sqlx::query("DELETE FROM dialogues WHERE expires_at <= $1")
            .bind(millis(now))
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }

    async fn dialogues_after(
        &self,
        after: &[u8],
        limit: i64,
    ) -> Result<Vec<StoredDialogue>, StoreError> {
        let rows: Vec<(Vec<u8>, Vec<u8>, String, i64, i64, Option<String>)> = sqlx::query_as(
            "SELECT chat_key, state_sealed, key_id, updated_at, expires_at, draft_id FROM dialogues \
             WHERE chat_key > $1 ORDER BY chat_key LIMIT $2",
        )
        .bind(after)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(
                |(chat_key, state, key_id, updated_at, expires_at, draft_id)| {
                    Ok(StoredDialogue {
                        chat_key,
                        state: sealed(state)?,
                        key_id,
                        draft_id: draft_id.as_deref().map(parse_report_id).transpose()?,
                        updated_at: from_millis(updated_at)?,
                        expires_at: from_millis(expires_at)?,
                    })
                },
            )
            .collect()
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
    pub(super) async fn save_dialogue_in(
        conn: &mut DB::Connection,
        d: &StoredDialogue,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO dialogues (chat_key, state_sealed, key_id, updated_at, expires_at, draft_id) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (chat_key) DO UPDATE SET \
             state_sealed = excluded.state_sealed, key_id = excluded.key_id, \
             updated_at = excluded.updated_at, expires_at = excluded.expires_at, \
             draft_id = excluded.draft_id",
        )
        .bind(d.chat_key.as_slice())
        .bind(d.state.as_bytes())
        .bind(&d.key_id)
        .bind(millis(d.updated_at))
        .bind(millis(d.expires_at))
        .bind(d.draft_id.map(|id| id.to_string()))
        .execute(&mut *conn)
        .await?;
        Ok(())
    }

    pub(super) async fn delete_dialogue_in(
        conn: &mut DB::Connection,
        chat_key: &[u8],
    ) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM dialogues WHERE chat_key = $1")
            .bind(chat_key)
            .execute(&mut *conn)
            .await?;
        Ok(())
    }
}
