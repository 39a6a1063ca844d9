//! `/status` limits that strangers cannot turn against her: when others
//! have spent the overall lookup budget, her code still opens from the chat
//! it was sent from, and a stranger learns nothing, found or not.

use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use suara::crypto::ServerKey;
use suara::service::reporter::{Lookup, LookupLimits, status_by_code};
use suara::service::submit::submit;
use suara::store::Store;

use crate::service::submission_for_tests;
use crate::store::contract;

contract!(a_code_locked_by_strangers_guesses_still_opens_from_her_own_chat);

async fn a_code_locked_by_strangers_guesses_still_opens_from_her_own_chat(store: Arc<dyn Store>) {
    suara::service::keys::init_recovery(store.as_ref())
        .await
        .unwrap();
    let server = ServerKey::from_bytes(&[9; 32]);
    let her = server.reporter_ref(41, 41);
    let mut report = submission_for_tests("64.72", Some(41));
    report.reporter_ref = Some(server.reporter_ref(41, 41));
    let shown = submit(store.as_ref(), &server, report, None).await.unwrap();
    let code = shown.code.expose().to_string();
    let limits = LookupLimits {
        per_chat: 5,
        per_chat_window: Duration::from_secs(900),
        overall: 3,
        overall_window: Duration::from_secs(60),
    };
    let now = Utc::now();
    let lookup = |chat: i64, code: String| {
        let store = store.clone();
        let server = &server;
        let limits = &limits;
        async move {
            let chat = server.reporter_ref(chat, chat);
            status_by_code(store.as_ref(), server, limits, &chat, &code, now)
                .await
                .unwrap()
        }
    };

    // Strangers in throwaway chats spend the overall budget.
    for stranger in 100..104 {
        lookup(stranger, "AAAA-AAAA-AAAA".into()).await;
    }
    assert_eq!(
        lookup(200, code.clone()).await,
        Lookup::RateLimited,
        "a stranger holding the right code is told 'later', like any guesser"
    );
    assert_eq!(
        lookup(201, "not a code".into()).await,
        Lookup::RateLimited,
        "nothing distinguishes a malformed code while the budget is spent"
    );
    let mine = status_by_code(store.as_ref(), &server, &limits, &her, &code, now)
        .await
        .unwrap();
    assert!(
        matches!(mine, Lookup::Found(_)),
        "her own chat still opens her code: {mine:?}"
    );
}
