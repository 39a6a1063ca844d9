//! [`SqlStore`]: the one implementation of the store traits, generic over
//! the database. Each area's SQL is written once, in its own file
//! (`reports.rs`, `outbox.rs`, …), with `$1` placeholders that SQLite and
//! PostgreSQL both accept; what differs between them is a [`Dialect`] value
//! set by `sqlite.rs` and `postgres.rs`.
//!
//! Every `impl` over `SqlStore<DB>` repeats the same `where` clause: sqlx
//! cannot imply bounds on a database's value types from a trait, so each
//! block states them. They say, in order: a connection and a pool run
//! queries; arguments bind; `i64`, `bool`, text and bytes encode and decode;
//! borrowed text and bytes bind; columns are read by position and by name;
//! optional values bind (sqlx implements that per database, not generically).

use sqlx::migrate::Migrator;
use sqlx::{ColumnIndex, Database, Decode, Encode, Executor, IntoArguments, Pool, Type};

use super::build::{Arg, Insert};
use super::{Backend, StoreError};

/// The databases Suara runs on. (Bounds on the database's own associated
/// types can live here; bounds on other types cannot, see the module notes.)
pub trait SqlDb: Database<QueryResult: RowsAffected> {}

/// How many rows a statement changed; both databases say it, without a
/// shared trait.
pub trait RowsAffected {
    fn rows_affected(&self) -> u64;
}

impl RowsAffected for sqlx::sqlite::SqliteQueryResult {
    fn rows_affected(&self) -> u64 {
        self.rows_affected()
    }
}

impl RowsAffected for sqlx::postgres::PgQueryResult {
    fn rows_affected(&self) -> u64 {
        self.rows_affected()
    }
}
impl SqlDb for sqlx::Sqlite {}
impl SqlDb for sqlx::Postgres {}

/// What differs between the databases, as values.
#[derive(Debug)]
pub struct Dialect {
    pub backend: Backend,
    /// Starts a transaction that will write. SQLite takes the write lock at
    /// once (`IMMEDIATE`), so two writers never deadlock upgrading a read.
    pub begin_write: &'static str,
    /// Appended to a claiming subquery: PostgreSQL's `FOR UPDATE SKIP
    /// LOCKED` keeps replicas apart; SQLite has one writer at a time.
    pub skip_locked: &'static str,
    /// The `YYYY-MM` of `r.created_at` (Unix milliseconds).
    pub month_of_created: &'static str,
    /// The reports table as the statistics count it (alias `r`). SQLite,
    /// without planner statistics (Suara never runs ANALYZE), read the
    /// table row by row through an index that spared it a sort (3 s for
    /// the count by status at a million reports); it is pinned to the
    /// covering index of migration 0008.
    pub stats_from: &'static str,
    /// Run before a new report's links are written: PostgreSQL takes a
    /// transaction-scoped advisory lock so two reports naming the same
    /// number at once see each other; SQLite holds the write lock already.
    pub lock_links: &'static str,
    pub migrator: &'static Migrator,
}

/// Suara's store on one database.
pub struct SqlStore<DB: SqlDb> {
    pub(super) pool: Pool<DB>,
    pub(super) dialect: &'static Dialect,
}

impl<DB: SqlDb> SqlStore<DB> {
    pub(super) fn new(pool: Pool<DB>, dialect: &'static Dialect) -> Self {
        Self { pool, dialect }
    }

    /// The pool, for tests that inspect raw rows.
    pub fn pool(&self) -> &Pool<DB> {
        &self.pool
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
    /// Binds the arguments a query builder collected, in order.
    pub(super) fn bind_all<'q, O>(
        mut query: sqlx::query::QueryAs<'q, DB, O, DB::Arguments<'q>>,
        args: Vec<Arg>,
    ) -> sqlx::query::QueryAs<'q, DB, O, DB::Arguments<'q>> {
        for arg in args {
            query = match arg {
                Arg::Text(v) => query.bind(v),
                Arg::Int(v) => query.bind(v),
                Arg::Bool(v) => query.bind(v),
                Arg::Bytes(v) => query.bind(v),
                Arg::OptText(v) => query.bind(v),
                Arg::OptInt(v) => query.bind(v),
                Arg::OptBytes(v) => query.bind(v),
            };
        }
        query
    }

    /// Runs a built INSERT on `conn`.
    pub(super) async fn insert(
        conn: &mut DB::Connection,
        insert: Insert,
    ) -> Result<(), StoreError> {
        let sql = insert.sql();
        Self::execute_built(conn, &sql, insert.args).await
    }

    /// Runs built SQL with its arguments on `conn`.
    pub(super) async fn execute_built(
        conn: &mut DB::Connection,
        sql: &str,
        args: Vec<Arg>,
    ) -> Result<(), StoreError> {
        let mut query = sqlx::query(sql);
        for arg in args {
            query = match arg {
                Arg::Text(v) => query.bind(v),
                Arg::Int(v) => query.bind(v),
                Arg::Bool(v) => query.bind(v),
                Arg::Bytes(v) => query.bind(v),
                Arg::OptText(v) => query.bind(v),
                Arg::OptInt(v) => query.bind(v),
                Arg::OptBytes(v) => query.bind(v),
            };
        }
        query.execute(&mut *conn).await?;
        Ok(())
    }

    /// A transaction that will write (see [`Dialect::begin_write`]).
    pub(super) async fn begin_write(&self) -> Result<sqlx::Transaction<'static, DB>, StoreError> {
        Ok(self.pool.begin_with(self.dialect.begin_write).await?)
    }
}
