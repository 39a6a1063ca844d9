//! Made-up reports for the demo and the tests: varied answers in plain
//! Indonesian, submitted through the same service as a real report. No
//! real person is in them.

use chrono::{DateTime, Duration, Utc};

use crate::conversation::{Answers, StoryPart, SubmitRequest, WhereAnswer};
use crate::crypto::{ReportKey, ServerKey};
use crate::domain::{
    AgeBand, Behaviour, ContactPreference, Country, HelpWanted, RecruiterField, RegionCode,
    Relation, ReportId, ReporterRole, Sex, WhenHappened,
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

/// A small trafficking network for the demo (issue 16): three women, in
/// Samarinda, Kutai Kartanegara and abroad in Malaysia, name one
/// recruiter's number written three ways and one agency spelt two ways, so
/// that the networks page shows a cluster of three. Made up: the number is
/// in a range no operator gives out.
pub fn network_requests() -> Vec<SubmitRequest> {
    let places = [
        WhereAnswer::Region(RegionCode::parse("64.72").expect("sample region")),
        WhereAnswer::Region(RegionCode::parse("64.03").expect("sample region")),
        WhereAnswer::Abroad {
            country: Country::parse("Malaysia").ok(),
        },
    ];
    let phones = ["0812-0000-4417", "+62 812 0000 4417", "6281200004417"];
    let companies = [
        "PT. Cahaya Karya Mandiri",
        "pt cahaya karya mandiri",
        "CAHAYA KARYA MANDIRI (PT)",
    ];
    let stories = [
        "Saya dijanjikan kerja di pabrik Malaysia oleh agen, tapi sampai sekarang tidak berangkat dan uang saya diambil.",
        "Kakak saya direkrut calo lewat WhatsApp, dokumennya dipalsukan umurnya.",
        "Saya kerja di kebun sawit, paspor saya ditahan majikan, gaji tidak dibayar tiga bulan.",
    ];
    (0..3)
        .map(|i| {
            let mut answers = Answers {
                safe_now: Some(true),
                reporter: Some(ReporterRole::Myself),
                behaviours: [Behaviour::JobDeception, Behaviour::ForcedLabour].into(),
                location: Some(places[i].clone()),
                relation: Some(Relation::Perekrut),
                age_band: Some(AgeBand::A18_24),
                victim_sex: Some(Sex::Perempuan),
                story: vec![StoryPart::Text(stories[i].to_owned())],
                contact: Some(ContactPreference::ThroughBot),
                ..Default::default()
            };
            answers.recruiter.add(RecruiterField::Phones, phones[i]);
            answers
                .recruiter
                .add(RecruiterField::Companies, companies[i]);
            answers.recruiter.add(RecruiterField::Names, "Pak Rudi");
            SubmitRequest::new(Lang::Id, answers)
        })
        .collect()
}

/// Submits the demo's network, its reports a week apart, the last one
/// `days_ago` days ago.
pub async fn submit_network(
    store: &dyn Store,
    server_key: &ServerKey,
    days_ago: i64,
) -> Result<Vec<ReportId>, SubmitError> {
    let mut ids = Vec::new();
    for (i, request) in network_requests().iter().enumerate() {
        let at = Utc::now() - Duration::days(days_ago + 7 * (2 - i as i64));
        ids.push(
            submit_request(store, server_key, request, None, at)
                .await?
                .id,
        );
    }
    Ok(ids)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::identify::identifiers_of;

    #[test]
    fn the_demo_network_names_one_number_and_one_agency_three_times() {
        let all: Vec<_> = network_requests().iter().map(identifiers_of).collect();
        for ids in &all[1..] {
            assert_eq!(*ids, all[0], "the same identifiers, however written");
        }
        assert_eq!(all[0].len(), 3, "a number, an agency and a name");
    }
}
