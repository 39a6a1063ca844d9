//! Reports, keys, attachments, messages, dialogues and workers.

use super::Writes;
use std::sync::Arc;
use suara::store::MessageBody;

use chrono::Duration;
use suara::crypto::{KdfParams, KeyPair, PasswordKdf, ReportKey, open_report_key};
use suara::domain::attachment::AttachmentKind;
use suara::domain::role::Role;
use suara::domain::{ReportId, Status};
use suara::store::{
    Direction, NewAttachment, NewMessage, NewWorker, Recipient, Store, StoreError, StoredDialogue,
};

use super::contract;
use super::fixtures::{report, sealed, t};

contract!(
    migrating_again_changes_nothing,
    a_submitted_report_reads_back_with_its_metadata_and_keys,
    a_duplicate_receipt_is_refused_and_leaves_nothing_behind,
    a_status_change_that_lost_a_race_is_a_conflict,
    deleting_a_report_shreds_its_keys_attachments_and_messages,
    an_unknown_report_is_not_found,
    a_dialogue_is_replaced_on_save_and_destroyed_after_expiry,
    worker_usernames_are_unique,
    messages_come_back_in_order,
    files_of_an_abandoned_draft_are_purged_but_a_reports_and_a_live_drafts_are_kept,
);

async fn files_of_an_abandoned_draft_are_purged_but_a_reports_and_a_live_drafts_are_kept(
    store: Arc<dyn Store>,
) {
    let made = report(b"r");
    let kept = made.report.meta.id;
    store.insert_report(&made.report).await.unwrap();
    let draft = ReportId::new();
    let in_progress = ReportId::new();
    store
        .save_dialogue(&StoredDialogue {
            chat_key: vec![2; 32],
            state: sealed(&made.key, &in_progress, "dialogue", b"{}"),
            key_id: "k1".into(),
            draft_id: Some(in_progress),
            updated_at: t(0),
            expires_at: t(100),
        })
        .await
        .unwrap();
    for (id, owner) in [("kept", kept), ("orphan", draft), ("drafting", in_progress)] {
        store
            .insert_attachment(&NewAttachment {
                id: id.into(),
                report_id: owner,
                kind: AttachmentKind::Photo,
                size_bytes: 1,
                created_at: t(0),
                meta: sealed(&made.key, &owner, "attachment-meta", b"{}"),
                content: sealed(&made.key, &owner, "attachment", b"x"),
            })
            .await
            .unwrap();
    }
    assert_eq!(
        store.purge_orphan_attachments(t(0)).await.unwrap(),
        0,
        "not old enough yet"
    );
    assert_eq!(store.purge_orphan_attachments(t(1)).await.unwrap(), 1);
    assert!(store.attachment_content("kept").await.is_ok());
    assert!(store.attachment_content("orphan").await.is_err());
    assert!(
        store.attachment_content("drafting").await.is_ok(),
        "a draft in progress keeps its files"
    );
}

async fn migrating_again_changes_nothing(store: Arc<dyn Store>) {
    let made = report(b"r1");
    store.insert_report(&made.report).await.unwrap();
    store.migrate().await.unwrap();
    store.migrate().await.unwrap();
    assert_eq!(store.count_reports().await.unwrap(), 1);
}

async fn a_submitted_report_reads_back_with_its_metadata_and_keys(store: Arc<dyn Store>) {
    let made = report(b"receipt-1");
    let id = made.report.meta.id;
    store.insert_report(&made.report).await.unwrap();

    let meta = store.report_meta(&id).await.unwrap();
    assert_eq!(meta, made.report.meta);
    let by_receipt = store
        .report_by_receipt(b"receipt-1")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(by_receipt.id, id);
    assert!(store.report_by_receipt(b"other").await.unwrap().is_none());

    let payload = store.report_payload(&id).await.unwrap();
    let opened = made.key.open(&id.to_string(), &payload).unwrap();
    assert_eq!(opened.as_slice(), b"ada yang tidak beres");

    let sealed_key = store
        .report_key(&id, &Recipient::Worker("w1".into()))
        .await
        .unwrap()
        .unwrap();
    let key = open_report_key(&sealed_key, &made.worker.private, &id.to_string()).unwrap();
    assert_eq!(
        key.open(&id.to_string(), &payload).unwrap().as_slice(),
        b"ada yang tidak beres"
    );
    assert!(
        store
            .report_key(&id, &Recipient::Worker("w2".into()))
            .await
            .unwrap()
            .is_none()
    );
    let recovery = store.report_keys_of(&Recipient::Recovery).await.unwrap();
    assert_eq!(recovery.len(), 1);
    assert_eq!(recovery[0].0, id);
}

async fn a_duplicate_receipt_is_refused_and_leaves_nothing_behind(store: Arc<dyn Store>) {
    store.insert_report(&report(b"same").report).await.unwrap();
    let second = report(b"same");
    let err = store.insert_report(&second.report).await.unwrap_err();
    assert!(matches!(err, StoreError::Conflict { .. }), "{err:?}");
    assert_eq!(store.count_reports().await.unwrap(), 1);
    let keys = store.report_keys_of(&Recipient::Recovery).await.unwrap();
    assert_eq!(keys.len(), 1, "the failed report's keys were rolled back");
}

async fn a_status_change_that_lost_a_race_is_a_conflict(store: Arc<dyn Store>) {
    let made = report(b"r");
    let id = made.report.meta.id;
    store.insert_report(&made.report).await.unwrap();
    store
        .set_report_status(&id, Status::Baru, Status::Ditinjau, t(5))
        .await
        .unwrap();
    let err = store
        .set_report_status(&id, Status::Baru, Status::Ditutup, t(6))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Stale), "{err:?}");
    let meta = store.report_meta(&id).await.unwrap();
    assert_eq!(meta.status, Status::Ditinjau);
    assert_eq!(meta.acknowledged_at, Some(t(5)));
    assert_eq!(meta.closed_at, None);
    store
        .set_report_status(&id, Status::Ditinjau, Status::Ditutup, t(9))
        .await
        .unwrap();
    assert_eq!(store.report_meta(&id).await.unwrap().closed_at, Some(t(9)));
    let missing = store
        .set_report_status(&ReportId::new(), Status::Baru, Status::Ditinjau, t(9))
        .await;
    assert!(matches!(missing, Err(StoreError::NotFound)));
}

async fn deleting_a_report_shreds_its_keys_attachments_and_messages(store: Arc<dyn Store>) {
    let made = report(b"r");
    let id = made.report.meta.id;
    store.insert_report(&made.report).await.unwrap();
    store
        .insert_attachment(&NewAttachment {
            id: "a1".into(),
            report_id: id,
            kind: AttachmentKind::Voice,
            size_bytes: 3,
            created_at: t(1),
            meta: sealed(&made.key, &id, "attachment-meta", b"voice.ogg"),
            content: sealed(&made.key, &id, "attachment", b"abc"),
        })
        .await
        .unwrap();
    store
        .insert_message(&NewMessage {
            id: "m1".into(),
            report_id: id,
            author_id: Some("w1".into()),
            body: MessageBody::ToReporter(sealed(&made.key, &id, "message", b"halo")),
            created_at: t(2),
        })
        .await
        .unwrap();
    assert_eq!(store.attachments_of(&id).await.unwrap().len(), 1);

    store
        .delete_report(&id, &super::fixtures::audit_of("retention", id))
        .await
        .unwrap();
    assert!(matches!(
        store.report_meta(&id).await,
        Err(StoreError::NotFound)
    ));
    assert!(store.attachments_of(&id).await.unwrap().is_empty());
    assert!(matches!(
        store.attachment_content("a1").await,
        Err(StoreError::NotFound)
    ));
    assert!(store.messages_of(&id).await.unwrap().is_empty());
    assert!(
        store
            .report_keys_of(&Recipient::Recovery)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(matches!(
        store
            .delete_report(&id, &super::fixtures::audit_of("retention", id))
            .await,
        Err(StoreError::NotFound)
    ));
}

async fn an_unknown_report_is_not_found(store: Arc<dyn Store>) {
    let id = ReportId::new();
    assert!(matches!(
        store.report_meta(&id).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.report_payload(&id).await,
        Err(StoreError::NotFound)
    ));
}

async fn a_dialogue_is_replaced_on_save_and_destroyed_after_expiry(store: Arc<dyn Store>) {
    let key = ReportKey::generate();
    let id = ReportId::new();
    let two = sealed(&key, &id, "dialogue", b"two");
    let dialogue = |body: &[u8], expires| StoredDialogue {
        chat_key: vec![1; 32],
        state: if body == b"two" {
            two.clone()
        } else {
            sealed(&key, &id, "dialogue", body)
        },
        key_id: "k1".into(),
        draft_id: Some(id),
        updated_at: t(0),
        expires_at: expires,
    };
    store.save_dialogue(&dialogue(b"one", t(60))).await.unwrap();
    store.save_dialogue(&dialogue(b"two", t(60))).await.unwrap();
    let loaded = store.load_dialogue(&[1; 32]).await.unwrap().unwrap();
    assert_eq!(loaded.state, two);
    assert_eq!(loaded.expires_at, t(60));
    assert_eq!(loaded.draft_id, Some(id));

    assert_eq!(store.purge_expired_dialogues(t(59)).await.unwrap(), 0);
    assert_eq!(
        store
            .purge_expired_dialogues(t(60) + Duration::seconds(1))
            .await
            .unwrap(),
        1
    );
    assert!(store.load_dialogue(&[1; 32]).await.unwrap().is_none());
}

async fn worker_usernames_are_unique(store: Arc<dyn Store>) {
    let kdf = PasswordKdf::new(KdfParams::INSECURE_FOR_TESTS).unwrap();
    let worker = |id: &str| {
        let pair = KeyPair::generate();
        NewWorker {
            id: id.into(),
            username: "sari".into(),
            role: Role::Petugas,
            regions: vec!["64.72".into(), "64.71".into()],
            agency: None,
            password_hash: "$argon2id$placeholder".into(),
            totp: None,
            public_key: pair.public,
            private_key: kdf.wrap(&pair.private, "kata sandi panjang").unwrap(),
            created_at: t(0),
            created_by: Some("test".into()),
            approved_by: Some("test".into()),
            enrolment: None,
        }
    };
    store.insert_worker(&worker("w1")).await.unwrap();
    let err = store.insert_worker(&worker("w2")).await.unwrap_err();
    assert!(matches!(err, StoreError::Conflict { .. }), "{err:?}");
    let loaded = store.worker_by_username("sari").await.unwrap().unwrap();
    assert_eq!(loaded.id, "w1");
    assert_eq!(loaded.role, Role::Petugas);
    assert_eq!(loaded.regions, ["64.72", "64.71"]);
    assert!(PasswordKdf::unwrap(&loaded.private_key, "kata sandi panjang").is_ok());
    assert!(store.worker_by_username("nobody").await.unwrap().is_none());
    assert_eq!(store.workers().await.unwrap().len(), 1);
}

async fn messages_come_back_in_order(store: Arc<dyn Store>) {
    let made = report(b"r");
    let id = made.report.meta.id;
    store.insert_report(&made.report).await.unwrap();
    for (n, direction) in [(2, Direction::FromReporter), (1, Direction::ToReporter)] {
        store
            .insert_message(&NewMessage {
                id: format!("m{n}"),
                report_id: id,
                author_id: None,
                body: match direction {
                    Direction::ToReporter => {
                        MessageBody::ToReporter(sealed(&made.key, &id, "message", b"x"))
                    }
                    Direction::FromReporter => {
                        MessageBody::FromReporter(sealed(&made.key, &id, "message", b"x"))
                    }
                },
                created_at: t(n),
            })
            .await
            .unwrap();
    }
    let messages = store.messages_of(&id).await.unwrap();
    let order: Vec<_> = messages
        .iter()
        .map(|m| (m.id.as_str(), m.direction))
        .collect();
    assert_eq!(
        order,
        [
            ("m1", Direction::ToReporter),
            ("m2", Direction::FromReporter)
        ]
    );
}
