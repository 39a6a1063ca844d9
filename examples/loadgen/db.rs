//! The bot's database for a run: a fresh SQLite file in the run's data
//! directory, or a fresh PostgreSQL database `suara_load` (dropped and
//! created through the admin URL), and its size on disk.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Duration;

use sqlx::{Connection, PgConnection, Row, SqliteConnection};

use crate::proc::{BoxError, pid_cpu};

/// The PostgreSQL database a run creates (and drops when it starts):
/// `suara_load`, or `SUARA_LOAD_PG_DB` (letters, digits and `_` only), so
/// two runs on one server (a test suite and a person) keep apart.
fn pg_name() -> String {
    std::env::var("SUARA_LOAD_PG_DB")
        .ok()
        .filter(|n| {
            !n.is_empty()
                && n.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        })
        .unwrap_or_else(|| "suara_load".to_owned())
}

pub enum Db {
    /// Suara's default: `<data dir>/suara.db`.
    Sqlite {
        dir: PathBuf,
    },
    Postgres {
        admin: String,
    },
}

impl Db {
    pub fn label(&self) -> &'static str {
        match self {
            Db::Sqlite { .. } => "SQLite",
            Db::Postgres { .. } => "PostgreSQL",
        }
    }

    /// `SUARA_DATABASE_URL` for the bot (none: the SQLite default).
    pub fn url(&self) -> Result<Option<String>, BoxError> {
        match self {
            Db::Sqlite { .. } => Ok(None),
            Db::Postgres { admin } => {
                let mut url = url::Url::parse(admin)?;
                url.set_path(&format!("/{}", pg_name()));
                Ok(Some(url.to_string()))
            }
        }
    }

    /// A fresh, empty database.
    pub async fn create(&self) -> Result<(), BoxError> {
        if let Db::Postgres { admin } = self {
            let mut conn = PgConnection::connect(admin).await?;
            sqlx::query(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                pg_name()
            ))
            .execute(&mut conn)
            .await?;
            sqlx::query(&format!("CREATE DATABASE {}", pg_name()))
                .execute(&mut conn)
                .await?;
            conn.close().await?;
        }
        Ok(())
    }

    /// Bytes the data takes: SQLite's pages in use (page_count −
    /// freelist_count, WAL content included, read through a read-only
    /// connection), or `pg_database_size` (tables and indexes, dead rows
    /// not yet vacuumed included; not the server's WAL). SQLite's file
    /// sizes would mislead: the WAL file keeps its size after a checkpoint.
    pub async fn bytes(&self) -> Result<u64, BoxError> {
        match self {
            Db::Sqlite { dir } => {
                let url = format!("sqlite://{}?mode=ro", dir.join("suara.db").display());
                let mut conn = SqliteConnection::connect(&url).await?;
                let mut pragma = async |name: &str| -> Result<i64, BoxError> {
                    let row = sqlx::query(&format!("PRAGMA {name}"))
                        .fetch_one(&mut conn)
                        .await?;
                    Ok(row.try_get(0)?)
                };
                let used = pragma("page_count").await? - pragma("freelist_count").await?;
                let bytes = used * pragma("page_size").await?;
                conn.close().await?;
                Ok(bytes as u64)
            }
            Db::Postgres { admin } => {
                let mut conn = PgConnection::connect(admin).await?;
                let row = sqlx::query("SELECT pg_database_size($1)")
                    .bind(pg_name())
                    .fetch_one(&mut conn)
                    .await?;
                let bytes: i64 = row.try_get(0)?;
                conn.close().await?;
                Ok(bytes as u64)
            }
        }
    }

    /// PostgreSQL: CPU time so far of each server process (backend)
    /// connected to the bot's database, by pid: the bot's queries run
    /// there, not in its own process. `None` on SQLite.
    pub async fn server_cpu(&self) -> Result<Option<HashMap<u32, Duration>>, BoxError> {
        let Db::Postgres { admin } = self else {
            return Ok(None);
        };
        let mut conn = PgConnection::connect(admin).await?;
        let rows = sqlx::query("SELECT pid FROM pg_stat_activity WHERE datname = $1")
            .bind(pg_name())
            .fetch_all(&mut conn)
            .await?;
        conn.close().await?;
        let mut cpu = HashMap::new();
        for row in rows {
            let pid: i32 = row.try_get(0)?;
            cpu.insert(pid as u32, pid_cpu(pid as u32));
        }
        Ok(Some(cpu))
    }

    /// Drops the PostgreSQL database (the SQLite file goes with the
    /// run's temporary directory).
    pub async fn remove(&self) -> Result<(), BoxError> {
        if let Db::Postgres { admin } = self {
            let mut conn = PgConnection::connect(admin).await?;
            sqlx::query(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                pg_name()
            ))
            .execute(&mut conn)
            .await?;
            conn.close().await?;
        }
        Ok(())
    }
}
