//! What the scripted conversations share: finding the one report that was
//! sent, reading it as a case worker would, and walking the last steps.

use chrono::Utc;
use suara::conversation::{StoryPart, SubmitRequest};
use suara::crypto::fields::{AttachmentBody, ReportPayload};
use suara::crypto::{KdfParams, PasswordKdf, ReportKey, open_report_key};
use suara::domain::ReportId;
use suara::domain::role::Role;
use suara::service::accounts;
use suara::sim::TranscriptEntry;
use suara::store::{Recipient, ReportMeta, Store};

use crate::app::Reporter;

/// The case worker the tests read reports as: a coordinator for the whole
/// province of Kalimantan Timur.
const READER: &str = "koordinator";
const READER_PASSWORD: &str = "kata sandi yang panjang";

/// Creates the reading case worker. Call it before the report is sent:
/// a report is sealed only to the workers who exist then.
pub(crate) async fn add_reader(store: &dyn Store) {
    let kdf = PasswordKdf::new(KdfParams::INSECURE_FOR_TESTS).unwrap();
    let new = crate::helpers::account(READER, Role::Koordinator, &["64"], None);
    accounts::create(store, &kdf, &new, READER_PASSWORD, "test", Utc::now())
        .await
        .expect("reader account");
}

/// The metadata of the only report submitted so far, found through the
/// audit log (reports are keyed by hashes a test cannot compute).
pub(crate) async fn the_submitted_report(store: &dyn Store) -> ReportMeta {
    let entries = store.audit_entries(0, 100).await.unwrap();
    let ids: Vec<String> = entries
        .iter()
        .filter(|e| e.action == "report.submitted")
        .filter_map(|e| e.report_id.clone())
        .collect();
    assert_eq!(ids.len(), 1, "exactly one report was submitted: {ids:?}");
    let id = ReportId::parse(&ids[0]).expect("report id in the audit log");
    store.report_meta(&id).await.expect("report metadata")
}

/// The report key, as the reader opens it with her password.
async fn reader_key(store: &dyn Store, id: &ReportId) -> ReportKey {
    let worker = store
        .worker_by_username(READER)
        .await
        .unwrap()
        .expect("add_reader ran before the report was sent");
    let private = PasswordKdf::unwrap(&worker.private_key, READER_PASSWORD).unwrap();
    let sealed = store
        .report_key(id, &Recipient::Worker(worker.id))
        .await
        .unwrap()
        .expect("the report is sealed to the reader");
    open_report_key(&sealed, &private, &id.to_string()).unwrap()
}

/// The report as the reader decrypts it.
pub(crate) async fn open_report(store: &dyn Store, id: &ReportId) -> SubmitRequest {
    let key = reader_key(store, id).await;
    let sealed = store.report_payload(id).await.unwrap();
    let plain = key.open::<ReportPayload>(&id.to_string(), &sealed).unwrap();
    serde_json::from_slice(&plain).expect("the payload is a submitted report")
}

/// An attachment's content as the reader decrypts it.
pub(crate) async fn open_attachment(store: &dyn Store, id: &ReportId, attachment: &str) -> Vec<u8> {
    let key = reader_key(store, id).await;
    let sealed = store.attachment_content(attachment).await.unwrap();
    key.open::<AttachmentBody>(&format!("{id}/{attachment}"), &sealed)
        .unwrap()
        .to_vec()
}

/// The texts of her story, in order.
pub(crate) fn story_texts(report: &SubmitRequest) -> Vec<&str> {
    report
        .answers
        .story
        .iter()
        .filter_map(|p| match p {
            StoryPart::Text(t) => Some(t.as_str()),
            StoryPart::Attachment(_) => None,
        })
        .collect()
}

/// From the story question (something already told) to the summary,
/// skipping help, contact and the safe word; returns the summary.
pub(crate) async fn finish_to_summary(sari: &Reporter<'_>) -> TranscriptEntry {
    sari.presses("Selesai").await;
    sari.expects(&["Bantuan apa"]).await;
    sari.presses("Lewati").await;
    sari.expects(&["menghubungi"]).await;
    sari.presses("Lewat bot ini saja").await;
    sari.expects(&["kata aman"]).await;
    sari.presses("Lewati").await;
    sari.expects(&["ringkasan"]).await
}

/// Presses send on the summary and waits for the receipt.
pub(crate) async fn send(sari: &Reporter<'_>) -> TranscriptEntry {
    sari.presses("Kirim ke petugas").await;
    sari.expects(&["Kode Anda:"]).await
}

/// The visible text of a bot message.
pub(crate) fn text_of(entry: &TranscriptEntry) -> &str {
    entry.text.as_deref().unwrap_or_default()
}
