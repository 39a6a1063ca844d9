//! A case worker's reply reaches her as a neutral notice, and she reads it
//! with /pesan. Until the console exists the reply is driven through the
//! message service, as the console will call it.

use suara::domain::ReportId;
use suara::i18n::Lang;
use suara::service::casework::{CaseError, queue_message};
use suara::service::keys::load_server_key;

use crate::app::spawn_app;
use crate::conversation::support::text_of;
use crate::conversation::{tell_and_send, tell_and_send_without_contact, up_to_the_story};

/// The report id of the newest submission, from the audit log.
pub async fn last_report(store: &dyn suara::store::Store) -> ReportId {
    let entries = store.audit_entries(0, 1000).await.unwrap();
    let entry = entries
        .iter()
        .rev()
        .find(|e| e.action == "report.submitted")
        .expect("a submission");
    ReportId::parse(entry.report_id.as_deref().unwrap()).unwrap()
}

#[tokio::test]
async fn a_case_workers_reply_arrives_as_a_neutral_notice_and_is_read_with_pesan() {
    let app = spawn_app().await;
    let sari = app.reporter("Sari", "id").await;
    up_to_the_story(&sari).await;
    tell_and_send(&sari, "Suami saya memukul saya.").await;
    sari.expects(&["Yang terjadi selanjutnya"]).await;
    let report = last_report(app.db.store.as_ref()).await;
    let key = load_server_key(&app.settings).unwrap();

    let reply = "Kami sudah membaca cerita Anda. Kami bisa menelepon besok pagi?";
    queue_message(
        app.db.store.as_ref(),
        &key,
        &app.db.store.as_ref().report_meta(&report).await.unwrap(),
        "petugas-1",
        reply,
        Lang::Id,
    )
    .await
    .unwrap();
    let notice = sari.expects(&["Ada kabar baru."]).await;
    assert!(!text_of(&notice).contains('/'), "no command in the notice");
    let text = notice.text.unwrap().to_lowercase();
    for word in [
        "kekerasan",
        "laporan",
        "lapor",
        "polisi",
        "korban",
        "petugas",
        "cerita",
    ] {
        assert!(
            !text.contains(word),
            "the lock-screen notice names `{word}`: {text}"
        );
    }
    assert!(
        !text.contains("menelepon"),
        "the notice must not carry the reply itself"
    );

    sari.says("/pesan").await;
    let shown = sari.expects(&["menelepon besok pagi"]).await;
    assert!(shown.protect_content);
}

#[tokio::test]
async fn a_reply_to_someone_who_chose_no_contact_is_refused() {
    let app = spawn_app().await;
    let sari = app.reporter("Sari", "id").await;
    up_to_the_story(&sari).await;
    tell_and_send_without_contact(&sari, "Jangan hubungi saya.").await;
    let report = last_report(app.db.store.as_ref()).await;
    assert!(
        app.db.store.report_chat(&report).await.unwrap().is_none(),
        "her chat id was not kept"
    );
    let key = load_server_key(&app.settings).unwrap();
    let refused = queue_message(
        app.db.store.as_ref(),
        &key,
        &app.db.store.as_ref().report_meta(&report).await.unwrap(),
        "p",
        "halo",
        Lang::Id,
    )
    .await;
    assert!(matches!(refused, Err(CaseError::NotContactable)));
}
