//! Shared test helpers: fresh databases on both backends.

use std::sync::Arc;

use sqlx::Connection;
use suara::store::{self, Store};

/// Where the PostgreSQL half of the suite connects. The run creates its own
/// database there and drops it afterwards.
pub fn pg_admin_url() -> String {
    std::env::var("SUARA_TEST_PG_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

/// A database that exists for one test and is removed when dropped.
pub struct TestDb {
    pub store: Arc<dyn Store>,
    pub url: String,
    pg_name: Option<String>,
    _dir: Option<tempfile::TempDir>,
}

impl TestDb {
    /// A migrated SQLite store in a temporary directory.
    pub async fn sqlite() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}", dir.path().join("suara.db").display());
        let store = store::connect_url(&url, 4).await.expect("open sqlite");
        store.migrate().await.expect("migrate sqlite");
        Self {
            store,
            url,
            pg_name: None,
            _dir: Some(dir),
        }
    }

    /// A migrated store in a fresh PostgreSQL database. Panics, never skips,
    /// when PostgreSQL is unreachable: a skipped PostgreSQL run is a failure.
    pub async fn postgres() -> Self {
        let admin = pg_admin_url();
        let name = format!("suara_test_{}", uuid::Uuid::new_v4().simple());
        let mut conn = sqlx::PgConnection::connect(&admin)
            .await
            .unwrap_or_else(|e| panic!("PostgreSQL is required for the test suite ({admin}): {e}"));
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&mut conn)
            .await
            .expect("create test database");
        let _ = conn.close().await;
        let url = replace_db_name(&admin, &name);
        let store = store::connect_url(&url, 4).await.expect("open postgres");
        store.migrate().await.expect("migrate postgres");
        Self {
            store,
            url,
            pg_name: Some(name),
            _dir: None,
        }
    }
}

impl TestDb {
    /// Runs raw SQL on the database, outside the store: for tests that
    /// break something on purpose.
    pub async fn execute(&self, sql: &str) {
        if self.pg_name.is_some() {
            let mut conn = sqlx::PgConnection::connect(&self.url).await.unwrap();
            sqlx::query(sql).execute(&mut conn).await.unwrap();
        } else {
            let mut conn = sqlx::SqliteConnection::connect(&self.url).await.unwrap();
            sqlx::query(sql).execute(&mut conn).await.unwrap();
        }
    }

    /// The directory holding the SQLite file and its WAL, if this is SQLite.
    pub fn dir(&self) -> Option<&std::path::Path> {
        self._dir.as_ref().map(|d| d.path())
    }

    /// Every row of every table, as PostgreSQL prints it (bytea as hex).
    pub async fn postgres_dump(&self) -> String {
        let mut conn = sqlx::PgConnection::connect(&self.url)
            .await
            .expect("connect");
        let tables: Vec<(String,)> =
            sqlx::query_as("SELECT tablename::text FROM pg_tables WHERE schemaname = 'public'")
                .fetch_all(&mut conn)
                .await
                .expect("list tables");
        let mut dump = String::new();
        for (table,) in tables {
            let rows: Vec<(String,)> =
                sqlx::query_as(&format!("SELECT CAST(t AS text) FROM \"{table}\" t"))
                    .fetch_all(&mut conn)
                    .await
                    .expect("dump table");
            for (row,) in rows {
                dump.push_str(&row);
                dump.push('\n');
            }
        }
        dump
    }
}

/// Log lines of this test process, as a production filter lets them
/// through, plus everything of Suara's own down to TRACE.
pub fn captured_logs() -> String {
    use std::sync::{Mutex, OnceLock};
    static LOGS: OnceLock<&'static Mutex<Vec<u8>>> = OnceLock::new();
    let buffer = LOGS.get_or_init(|| {
        let buffer: &'static Mutex<Vec<u8>> = Box::leak(Box::new(Mutex::new(Vec::new())));
        struct Sink(&'static Mutex<Vec<u8>>);
        impl std::io::Write for Sink {
            fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
                self.0
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .extend_from_slice(b);
                Ok(b.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let _ = tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::new(
                "info,sqlx=warn,hyper=warn,reqwest=warn,suara=trace",
            ))
            .with_writer(move || Sink(buffer))
            .try_init();
        buffer
    });
    String::from_utf8_lossy(&buffer.lock().unwrap_or_else(|e| e.into_inner())).into_owned()
}

pub fn replace_db_name(url: &str, name: &str) -> String {
    let mut parsed = url::Url::parse(url).expect("valid PostgreSQL URL");
    parsed.set_path(&format!("/{name}"));
    parsed.to_string()
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let Some(name) = self.pg_name.take() else {
            return;
        };
        let admin = pg_admin_url();
        // Drop runs inside the test's runtime, which cannot be blocked on;
        // a short-lived thread with its own runtime does the cleanup.
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build();
            if let Ok(rt) = rt {
                rt.block_on(async {
                    if let Ok(mut conn) = sqlx::PgConnection::connect(&admin).await {
                        let _ =
                            sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                                .execute(&mut conn)
                                .await;
                    }
                });
            }
        })
        .join();
    }
}

/// An account as the admin page or the CLI would parse it, for the
/// default catalog (Kalimantan Timur).
pub fn account(
    username: &str,
    role: suara::domain::role::Role,
    regions: &[&str],
    agency: Option<&str>,
) -> suara::domain::account::NewAccount {
    suara::domain::account::NewAccount::parse(
        username,
        role,
        regions,
        agency,
        &suara::domain::RegionCatalog::default_kaltim(),
    )
    .expect("a valid test account")
}

/// `url` with its `host:port` replaced (to go through a proxy).
pub fn replace_host(url: &str, host_port: &str) -> String {
    let mut parsed = url::Url::parse(url).expect("a database URL");
    let (host, port) = host_port.split_once(':').expect("host:port");
    parsed.set_host(Some(host)).unwrap();
    parsed.set_port(port.parse().ok()).unwrap();
    parsed.to_string()
}
