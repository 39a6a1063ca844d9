//! The store contract: every test runs against SQLite and PostgreSQL.

mod audit;
mod console;
mod fixtures;
mod queue;
mod reports;

/// Declares each listed contract test twice, as `sqlite::<name>` and
/// `postgres::<name>`, each with a fresh database.
macro_rules! contract {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $name() {
                    let db = $crate::helpers::TestDb::sqlite().await;
                    super::$name(db.store.clone()).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test]
                async fn $name() {
                    let db = $crate::helpers::TestDb::postgres().await;
                    super::$name(db.store.clone()).await;
                }
            )*
        }
    };
}
pub(crate) use contract;
