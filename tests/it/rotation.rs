//! Server-key rotation: everything sealed under the old key is re-sealed,
//! lookups keep working, and an interrupted rotation resumes.

use std::sync::Arc;

use chrono::Utc;
use secrecy::SecretString;
use suara::config::Settings;
use suara::crypto::fields::{self, InboxUpdate, OutboxChat, OutboxPayload, ReporterChat};
use suara::crypto::{PasswordKdf, ReceiptCode, ServerKey, TotpKey};
use suara::domain::role::Role;
use suara::i18n::Lang;
use suara::service::access::{self, Actor};
use suara::service::accounts;
use suara::service::casework::queue_message;
use suara::service::keys::{self, KeyError};
use suara::service::login::{self, LoginOutcome, LoginPolicy};
use suara::service::reporter;
use suara::service::rotate::{covers, next_path, reseal_all, rotate_server_key};
use suara::service::session::{Session, Sessions};
use suara::service::submit::submit;
use suara::store::Store;

use crate::store::contract;

contract!(
    a_server_key_rotation_keeps_drafts_chat_ids_notices_messages_and_receipts_usable,
    an_interrupted_rotation_resumes_and_finishes,
    a_case_worker_signs_in_with_the_same_code_after_a_rotation,
);

#[test]
fn every_field_sealed_under_the_server_key_is_covered_by_rotation() {
    for spec in fields::server_stored() {
        assert!(covers(spec), "rotation does not re-seal {spec:?}");
    }
}

fn settings(dir: &std::path::Path) -> Settings {
    let mut s = Settings::default();
    s.data.dir = dir.to_owned();
    s
}

struct World {
    receipt: ReceiptCode,
    report: suara::domain::ReportId,
    chat_ref: suara::crypto::ReporterRef,
    totp: TotpKey,
}

const PASSWORD: &str = "kata sandi yang panjang sekali";

/// A draft in progress, a submitted report she may be contacted about, and
/// a reply to her with its queued notice, all under `key`.
async fn populate(store: &dyn Store, key: &ServerKey) -> World {
    keys::init_recovery(store).await.unwrap();
    let chat_ref = key.reporter_ref(777, 777);
    let sessions = Sessions {
        store,
        key,
        ttl: chrono::Duration::days(7),
    };
    sessions
        .save(&chat_ref, &Session::new(Lang::En), Utc::now())
        .await
        .unwrap();
    let kdf = PasswordKdf::new(suara::crypto::KdfParams::INSECURE_FOR_TESTS).unwrap();
    let worker = accounts::create(
        store,
        &kdf,
        &crate::helpers::account("koordinator", Role::Koordinator, &["64"], None),
        PASSWORD,
        "test",
        Utc::now(),
    )
    .await
    .unwrap();
    let totp = TotpKey::generate();
    login::set_totp(store, key, &worker, &totp).await.unwrap();
    let koordinator = store
        .worker_by_username("koordinator")
        .await
        .unwrap()
        .unwrap();
    suara::service::watchlist::add(
        store,
        key,
        &koordinator,
        suara::domain::identifiers::LinkKind::Phone,
        "0813-9999-0001",
        "Polda Kaltim",
        Utc::now(),
    )
    .await
    .unwrap();
    let mut submission = crate::service::submission_for_tests("64.72", Some(777));
    submission.reporter_ref = Some(chat_ref);
    let receipt = submit(store, key, submission, None).await.unwrap();
    queue_message(
        store,
        key,
        &store.report_meta(&receipt.id).await.unwrap(),
        "petugas",
        "Apa kabar?",
        Lang::Id,
    )
    .await
    .unwrap();
    store
        .receive(&[suara::store::NewInbox {
            channel: "telegram".into(),
            update_id: 9,
            chat_key: chat_ref.as_bytes().to_vec(),
            payload: key.seal::<InboxUpdate>("telegram/9", b"{}").unwrap(),
            received_at: Utc::now(),
        }])
        .await
        .unwrap();
    let (_, answer) = reporter::reply(store, key, &chat_ref, "Sore aman.", Utc::now())
        .await
        .unwrap()
        .expect("her chat is linked to the report");
    store.write(&answer).await.unwrap();
    World {
        receipt: receipt.code,
        report: receipt.id,
        chat_ref,
        totp,
    }
}

async fn assert_usable_with(store: &dyn Store, key: &ServerKey, world: &World) {
    let sessions = Sessions {
        store,
        key,
        ttl: chrono::Duration::days(7),
    };
    let draft = sessions
        .load(&key.reporter_ref(777, 777), Utc::now())
        .await
        .unwrap();
    assert_eq!(
        draft.expect("the draft is still there").dialogue.lang(),
        Lang::En
    );
    assert_eq!(
        key.reporter_ref(777, 777),
        world.chat_ref,
        "chat lookups survive rotation"
    );
    let found = store
        .report_by_receipt(world.receipt.lookup_hash(key).as_bytes())
        .await
        .unwrap();
    assert_eq!(
        found.expect("receipt lookups survive rotation").id,
        world.report
    );
    let chat = store.report_chat(&world.report).await.unwrap().unwrap();
    assert_eq!(
        key.open::<ReporterChat>(&world.report.to_string(), &chat)
            .unwrap()
            .as_slice(),
        b"777"
    );
    for item in store.unsent_outbox().await.unwrap() {
        let ctx = item.dedup_key.clone().unwrap();
        assert!(key.open::<OutboxChat>(&ctx, &item.chat).is_ok());
        assert!(key.open::<OutboxPayload>(&ctx, &item.payload).is_ok());
    }
    let messages = store.messages_after("", 100).await.unwrap();
    assert_eq!(messages.len(), 2, "one to her, one from her");
    for message in messages {
        let ctx = format!("{}/{}", message.report_id, message.id);
        assert!(message.body.open(key, &ctx).is_ok());
    }
    let worker = store
        .worker_by_username("koordinator")
        .await
        .unwrap()
        .unwrap();
    // The watchlist opens, and its blind index still matches the number:
    // links and watchlist matches survive rotation.
    let entries = suara::service::watchlist::entries(store, key, 10)
        .await
        .unwrap();
    assert_eq!(entries[0].text.as_str(), "0813-9999-0001");
    let number = suara::domain::identifiers::phone("+62 813 9999 0001").unwrap();
    let blind = key.blind_index(number.kind.as_str(), number.value());
    assert_eq!(
        store.watch_matches(&[(number.kind, blind)]).await.unwrap(),
        [number.kind]
    );
    let sealed = worker.totp.expect("TOTP enrolled");
    let opened = key
        .open(&worker.id, &sealed)
        .expect("the TOTP secret opens");
    assert_eq!(opened.as_slice(), world.totp.expose());
}

async fn a_server_key_rotation_keeps_drafts_chat_ids_notices_messages_and_receipts_usable(
    store: Arc<dyn Store>,
) {
    let dir = tempfile::tempdir().unwrap();
    let settings = settings(dir.path());
    let old = keys::load_server_key(&settings).unwrap();
    keys::check_server_key(store.as_ref(), &old).await.unwrap();
    let world = populate(store.as_ref(), &old).await;

    let done = rotate_server_key(&settings, store.as_ref()).await.unwrap();
    for spec in fields::server_stored() {
        assert_eq!(done.count(spec.name), 1, "{spec:?} re-sealed once");
    }
    let new = keys::load_server_key(&settings).unwrap();
    assert_ne!(new.key_id(), old.key_id());
    assert_eq!(done.new_key_id, new.key_id().to_string());
    keys::check_server_key(store.as_ref(), &new)
        .await
        .expect("the database expects the new key");
    assert!(matches!(
        keys::check_server_key(store.as_ref(), &old).await,
        Err(KeyError::WrongServerKey { .. })
    ));
    assert_usable_with(store.as_ref(), &new, &world).await;

    let chat = store.report_chat(&world.report).await.unwrap().unwrap();
    assert!(
        old.open(&world.report.to_string(), &chat).is_err(),
        "the old key opens nothing now"
    );
    assert!(!next_path(&settings.server_key_file()).exists());
}

async fn an_interrupted_rotation_resumes_and_finishes(store: Arc<dyn Store>) {
    let dir = tempfile::tempdir().unwrap();
    let settings = settings(dir.path());
    let old = keys::load_server_key(&settings).unwrap();
    keys::check_server_key(store.as_ref(), &old).await.unwrap();
    let world = populate(store.as_ref(), &old).await;

    // The first run wrote its successor and re-sealed, then died before
    // recording the new key or replacing the file.
    let next = old
        .rotate_to_file(&next_path(&settings.server_key_file()))
        .unwrap();
    reseal_all(store.as_ref(), &old, &next).await.unwrap();

    let done = rotate_server_key(&settings, store.as_ref()).await.unwrap();
    assert!(
        done.fields.iter().all(|(_, n)| *n == 0),
        "nothing re-sealed twice: {:?}",
        done.fields
    );
    let new = keys::load_server_key(&settings).unwrap();
    assert_eq!(new.key_id(), next.key_id());
    assert_usable_with(store.as_ref(), &new, &world).await;
}

async fn a_case_worker_signs_in_with_the_same_code_after_a_rotation(store: Arc<dyn Store>) {
    let dir = tempfile::tempdir().unwrap();
    let settings = settings(dir.path());
    let old = keys::load_server_key(&settings).unwrap();
    keys::check_server_key(store.as_ref(), &old).await.unwrap();
    let world = populate(store.as_ref(), &old).await;
    rotate_server_key(&settings, store.as_ref()).await.unwrap();
    let new = keys::load_server_key(&settings).unwrap();
    let kdf = PasswordKdf::new(suara::crypto::KdfParams::INSECURE_FOR_TESTS).unwrap();
    let now = Utc::now();
    let code = world.totp.code_at(now.timestamp() as u64);
    let outcome = login::login(
        store.as_ref(),
        &new,
        &kdf,
        &LoginPolicy {
            lock_after: 10,
            lock_for: std::time::Duration::from_secs(900),
            per_ip: 50,
        },
        "koordinator",
        PASSWORD,
        &code,
        "127.0.0.1",
        now,
    )
    .await
    .expect("the worker signs in after the rotation");
    let LoginOutcome::SignedIn { worker, key } = outcome else {
        panic!("TOTP is still enrolled")
    };
    // She opens the report and reads the reporter's message and her own
    // reply, both sealed before the rotation.
    let who = Actor {
        worker: &worker,
        key: &key,
    };
    let opened = access::open(store.as_ref(), &who, &world.report.to_string())
        .await
        .expect("the report opens");
    assert!(opened.is_full(), "she holds the report key");
    let texts: Vec<String> = (store.messages_of(&world.report).await.unwrap())
        .iter()
        .map(|m| {
            let context = format!("{}/{}", m.report_id, m.id);
            String::from_utf8(m.body.open(&new, &context).unwrap().to_vec()).unwrap()
        })
        .collect();
    assert_eq!(texts, ["Apa kabar?", "Sore aman."]);
}

#[tokio::test]
async fn rotation_refuses_to_run_while_the_bot_is_running() {
    let db = crate::helpers::TestDb::sqlite().await;
    let dir = tempfile::tempdir().unwrap();
    let settings = settings(dir.path());
    keys::load_server_key(&settings).unwrap();
    let now = Utc::now().timestamp_millis().to_string();
    db.store
        .put_setting(keys::SERVE_HEARTBEAT, &now)
        .await
        .unwrap();
    let err = rotate_server_key(&settings, db.store.as_ref())
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains("stop `suara serve` first"),
        "{err}"
    );
    let stale = (Utc::now().timestamp_millis() - 10 * 60 * 1000).to_string();
    db.store
        .put_setting(keys::SERVE_HEARTBEAT, &stale)
        .await
        .unwrap();
    rotate_server_key(&settings, db.store.as_ref())
        .await
        .expect("a stopped bot does not block rotation");
}

#[test]
fn rotation_refuses_a_key_from_the_environment() {
    let mut settings = Settings::default();
    settings.keys.server_key = Some(SecretString::from("x"));
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let db = crate::helpers::TestDb::sqlite().await;
        let err = rotate_server_key(&settings, db.store.as_ref())
            .await
            .unwrap_err();
        assert!(err.to_string().contains("key file"), "{err}");
    });
}
