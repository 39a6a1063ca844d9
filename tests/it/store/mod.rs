//! The store contract: every test runs against SQLite and PostgreSQL.

mod audit;
mod batch;
mod console;
mod fixtures;
mod inbox;
mod links;
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

/// The single writes the contract tests make, each as a one-part batch, so
/// the tests read as before while going through [`Write::write`].
#[async_trait::async_trait]
pub trait Writes {
    async fn insert_report(&self, report: &NewReport) -> Result<(), StoreError>;
    async fn change_status(
        &self,
        id: &ReportId,
        from: Status,
        event: &ReportEvent,
    ) -> Result<(), StoreError>;
    async fn assign(
        &self,
        id: &ReportId,
        to: Option<&str>,
        event: &ReportEvent,
    ) -> Result<(), StoreError>;
    async fn insert_referral(
        &self,
        referral: &Referral,
        grants: &[ReferralGrant],
        event: &ReportEvent,
    ) -> Result<(), StoreError>;
    async fn insert_event(&self, event: &ReportEvent) -> Result<(), StoreError>;
    async fn enqueue_outbox(&self, row: &NewOutbox) -> Result<(), StoreError>;
    async fn insert_worker(&self, worker: &NewWorker) -> Result<(), StoreError>;
    async fn insert_message(&self, message: &NewMessage) -> Result<(), StoreError>;
    async fn is_referred(&self, id: &ReportId) -> Result<bool, StoreError>;
    async fn set_report_status(
        &self,
        id: &ReportId,
        from: Status,
        to: Status,
        at: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), StoreError>;
}

#[async_trait::async_trait]
impl<S: Store + ?Sized> Writes for S {
    async fn insert_report(&self, report: &NewReport) -> Result<(), StoreError> {
        self.write(&Batch {
            reports: vec![report.clone()],
            ..Batch::default()
        })
        .await
    }

    async fn change_status(
        &self,
        id: &ReportId,
        from: Status,
        event: &ReportEvent,
    ) -> Result<(), StoreError> {
        let to = event.to_status.expect("a status event names its target");
        self.write(&Batch {
            statuses: vec![StatusMove {
                report_id: *id,
                from,
                to,
                at: event.at,
            }],
            events: vec![event.clone()],
            ..Batch::default()
        })
        .await
    }

    async fn assign(
        &self,
        id: &ReportId,
        to: Option<&str>,
        event: &ReportEvent,
    ) -> Result<(), StoreError> {
        self.write(&Batch {
            assignments: vec![Assignment {
                report_id: *id,
                to: to.map(str::to_owned),
                at: event.at,
            }],
            events: vec![event.clone()],
            ..Batch::default()
        })
        .await
    }

    async fn insert_referral(
        &self,
        referral: &Referral,
        grants: &[ReferralGrant],
        event: &ReportEvent,
    ) -> Result<(), StoreError> {
        self.write(&Batch {
            referrals: vec![NewReferral {
                referral: referral.clone(),
                grants: grants.to_vec(),
            }],
            events: vec![event.clone()],
            ..Batch::default()
        })
        .await
    }

    async fn insert_event(&self, event: &ReportEvent) -> Result<(), StoreError> {
        self.write(&Batch {
            events: vec![event.clone()],
            ..Batch::default()
        })
        .await
    }

    async fn enqueue_outbox(&self, row: &NewOutbox) -> Result<(), StoreError> {
        self.write(&Batch {
            outbox: vec![row.clone()],
            ..Batch::default()
        })
        .await
    }

    async fn insert_worker(&self, worker: &NewWorker) -> Result<(), StoreError> {
        self.write(&Batch {
            workers: vec![worker.clone()],
            ..Batch::default()
        })
        .await
    }

    async fn insert_message(&self, message: &NewMessage) -> Result<(), StoreError> {
        self.write(&Batch {
            messages: vec![message.clone()],
            ..Batch::default()
        })
        .await
    }

    async fn is_referred(&self, id: &ReportId) -> Result<bool, StoreError> {
        Ok(!self.referrals_of(id).await?.is_empty())
    }

    async fn set_report_status(
        &self,
        id: &ReportId,
        from: Status,
        to: Status,
        at: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), StoreError> {
        self.write(&Batch {
            statuses: vec![StatusMove {
                report_id: *id,
                from,
                to,
                at,
            }],
            ..Batch::default()
        })
        .await
    }
}

use suara::domain::ReportId;
use suara::domain::report::Status;
use suara::store::{
    Assignment, Batch, NewMessage, NewOutbox, NewReferral, NewReport, NewWorker, Referral,
    ReferralGrant, ReportEvent, StatusMove, Store, StoreError,
};
