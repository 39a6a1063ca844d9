//! Report keys sealed (HPKE) to each recipient: case workers and the recovery key.

use async_trait::async_trait;
use sqlx::{ColumnIndex, Decode, Encode, Executor, IntoArguments, Type};

use super::rows::*;
use super::sql::{SqlDb, SqlStore};
use super::*;

#[async_trait]
pub trait ReportKeys: Send + Sync {
    async fn grant_report_key(&self, grant: &KeyGrant) -> Result<(), StoreError>;

    async fn report_key(
        &self,
        id: &ReportId,
        recipient: &Recipient,
    ) -> Result<Option<SealedReportKey>, StoreError>;

    async fn report_keys_of(
        &self,
        recipient: &Recipient,
    ) -> Result<Vec<(ReportId, SealedReportKey)>, StoreError>;
}

#[async_trait]
impl<DB> ReportKeys for SqlStore<DB>
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
    async fn grant_report_key(&self, grant: &KeyGrant) -> Result<(), StoreError> {
        Self::insert_key(&self.pool, grant).await
    }

    async fn report_key(
        &self,
        id: &ReportId,
        recipient: &Recipient,
    ) -> Result<Option<SealedReportKey>, StoreError> {
        let row: Option<(Vec<u8>,)> = sqlx::query_as(
            "SELECT key_sealed FROM report_keys WHERE report_id = $1 AND recipient = $2",
        )
        .bind(id.to_string())
        .bind(recipient.to_column())
        .fetch_optional(&self.pool)
        .await?;
        row.map(|(bytes,)| sealed_key(bytes)).transpose()
    }

    async fn report_keys_of(
        &self,
        recipient: &Recipient,
    ) -> Result<Vec<(ReportId, SealedReportKey)>, StoreError> {
        let rows: Vec<(String, Vec<u8>)> = sqlx::query_as(
            "SELECT report_id, key_sealed FROM report_keys WHERE recipient = $1 ORDER BY report_id",
        )
        .bind(recipient.to_column())
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|(id, bytes)| Ok((parse_report_id(&id)?, sealed_key(bytes)?)))
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
    pub(super) async fn insert_key<'e, E>(executor: E, grant: &KeyGrant) -> Result<(), StoreError>
    where
        E: Executor<'e, Database = DB>,
    {
        sqlx::query(
            "INSERT INTO report_keys (report_id, recipient, key_sealed, granted_by, granted_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (report_id, recipient) DO UPDATE SET \
             key_sealed = excluded.key_sealed, granted_by = excluded.granted_by, \
             granted_at = excluded.granted_at",
        )
        .bind(grant.report_id.to_string())
        .bind(grant.recipient.to_column())
        .bind(grant.key.to_bytes())
        .bind(grant.granted_by.as_deref())
        .bind(millis(grant.at))
        .execute(executor)
        .await?;
        Ok(())
    }
}
