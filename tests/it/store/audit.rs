//! The audit chain holds under concurrent appenders.

use std::sync::Arc;
use suara::domain::audit::AuditAction;

use suara::domain::ReportId;
use suara::domain::audit::verify;
use suara::store::{AuditDraft, Store};

use super::contract;
use super::fixtures::t;

contract!(audit_entries_form_one_chain_even_when_appended_concurrently,);

async fn audit_entries_form_one_chain_even_when_appended_concurrently(store: Arc<dyn Store>) {
    let report = ReportId::new();
    let mut tasks = Vec::new();
    for n in 0..20 {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            store
                .append_audit(&AuditDraft {
                    at: t(n),
                    actor: format!("w{}", n % 3),
                    action: AuditAction::ReportViewed,
                    report_id: (n % 2 == 0).then_some(report),
                    detail: String::new(),
                })
                .await
        }));
    }
    for task in tasks {
        task.await.unwrap().unwrap();
    }
    let entries = store.audit_entries(0, 100).await.unwrap();
    assert_eq!(entries.len(), 20);
    let links = entries.iter().map(|e| e.link());
    let (last, _) = verify((0, String::new()), links).expect("chain verifies");
    assert_eq!(last, 20);
    assert_eq!(store.audit_entries(18, 100).await.unwrap().len(), 2);
}
