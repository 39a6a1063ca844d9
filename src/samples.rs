//! Made-up reports for the demo and the tests: varied answers in plain
//! Indonesian, submitted through the same service as a real report. No
//! real person is in them.

use chrono::{DateTime, Duration, Utc};

use crate::conversation::{Answers, StoryPart, SubmitRequest, WhereAnswer};
use crate::crypto::{ReportKey, ServerKey};
use crate::domain::{
    AgeBand, Behaviour, ContactPreference, HelpWanted, RegionCode, Relation, ReportId,
    ReporterRole, Sex, WhenHappened,
};
use crate::i18n::Lang;
use crate::service::submit::{Receipt, Submission, SubmitError, submit};
use crate::store::Store;

struct Sample {
    region: &'static str,
    behaviours: &'static [Behaviour],
    age: AgeBand,
    relation: Relation,
    safe_now: bool,
    contact: ContactPreference,
    story: &'static str,
}

const SAMPLES: &[Sample] = &[
    Sample {
        region: "64.72",
        behaviours: &[Behaviour::HurtPhysically, Behaviour::ThreatenedControlled],
        age: AgeBand::A25_44,
        relation: Relation::SuamiIstri,
        safe_now: false,
        contact: ContactPreference::ThroughBot,
        story: "Suami saya memukul saya lagi tadi malam. Sekarang dia di rumah dan saya takut pulang.",
    },
    Sample {
        region: "64.71",
        behaviours: &[Behaviour::JobDeception, Behaviour::ForcedLabour],
        age: AgeBand::A18_24,
        relation: Relation::Majikan,
        safe_now: true,
        contact: ContactPreference::ThroughBot,
        story: "Adik saya dijanjikan kerja di restoran, tapi paspornya ditahan dan gajinya tidak dibayar.",
    },
    Sample {
        region: "64.72",
        behaviours: &[Behaviour::SexualOnline],
        age: AgeBand::A13_17,
        relation: Relation::PacarTeman,
        safe_now: true,
        contact: ContactPreference::None,
        story: "Foto saya disebar di grup oleh kenalan dari media sosial. Dia minta uang supaya dihapus.",
    },
    Sample {
        region: "64.02",
        behaviours: &[Behaviour::Neglected],
        age: AgeBand::A6_12,
        relation: Relation::OrangTua,
        safe_now: true,
        contact: ContactPreference::ThroughBot,
        story: "Anak tetangga sering ditinggal sendiri berhari-hari tanpa makanan.",
    },
    Sample {
        region: "64.03",
        behaviours: &[Behaviour::ThreatenedControlled],
        age: AgeBand::A45_59,
        relation: Relation::Keluarga,
        safe_now: true,
        contact: ContactPreference::ThroughBot,
        story: "Ipar saya selalu mengancam dan mengambil uang belanja saya.",
    },
    Sample {
        region: "64.74",
        behaviours: &[Behaviour::SexualTouchForced],
        age: AgeBand::A18_24,
        relation: Relation::RekanKerja,
        safe_now: true,
        contact: ContactPreference::ThroughBot,
        story: "Atasan di kantor menyentuh saya tanpa izin dan bilang jangan cerita ke siapa pun.",
    },
];

/// The request of sample `i` (samples repeat with a different order).
pub fn sample_request(i: usize) -> SubmitRequest {
    let s = &SAMPLES[i % SAMPLES.len()];
    let answers = Answers {
        safe_now: Some(s.safe_now),
        reporter: Some(if i.is_multiple_of(3) {
            ReporterRole::SomeoneElse
        } else {
            ReporterRole::Myself
        }),
        behaviours: s.behaviours.iter().copied().collect(),
        when: Some(WhenHappened::ALL[i % WhenHappened::ALL.len()]),
        location: Some(WhereAnswer::Region(
            RegionCode::parse(s.region).expect("sample region"),
        )),
        relation: Some(s.relation),
        age_band: Some(s.age),
        victim_sex: Some(if i % 5 == 4 {
            Sex::LakiLaki
        } else {
            Sex::Perempuan
        }),
        story: vec![StoryPart::Text(s.story.to_owned())],
        help: [HelpWanted::Counselling, HelpWanted::Legal]
            .into_iter()
            .take(1 + i % 2)
            .collect(),
        contact: Some(s.contact),
        ..Default::default()
    };
    SubmitRequest::new(Lang::Id, answers)
}

/// Submits a request as a report made at `at`, from chat `chat` if she
/// allowed contact.
pub async fn submit_request(
    store: &dyn Store,
    server_key: &ServerKey,
    request: &SubmitRequest,
    chat: Option<i64>,
    at: DateTime<Utc>,
) -> Result<Receipt, SubmitError> {
    let chat = chat.map(|c| (c, server_key.reporter_ref(c, c)));
    let submission =
        Submission::from_request(ReportId::new(), ReportKey::generate(), request, chat, at)
            .map_err(|_| SubmitError::Encode)?;
    submit(store, server_key, submission, None).await
}

/// Submits `count` sample reports spread over the last `days` days.
pub async fn submit_samples(
    store: &dyn Store,
    server_key: &ServerKey,
    count: usize,
    days: i64,
) -> Result<Vec<ReportId>, SubmitError> {
    let mut ids = Vec::with_capacity(count);
    for i in 0..count {
        let minutes = (days * 24 * 60) * (count - i) as i64 / count.max(1) as i64;
        let at = Utc::now() - Duration::minutes(minutes + 5);
        let receipt = submit_request(store, server_key, &sample_request(i), None, at).await?;
        ids.push(receipt.id);
    }
    Ok(ids)
}
