use super::*;
use Status::*;

#[test]
fn new_ids_are_v7_and_round_trip() {
    let id = ReportId::new();
    assert_eq!(id.as_uuid().get_version_num(), 7);
    assert_eq!(ReportId::parse(&id.to_string()).unwrap(), id);
    assert_eq!(id.to_string().len(), 36);
}

#[test]
fn parse_rejects_garbage_and_other_versions() {
    assert!(ReportId::parse("not-a-uuid").is_err());
    let v4 = Uuid::new_v4().to_string();
    assert_eq!(
        ReportId::parse(&v4).unwrap_err(),
        DomainError::InvalidReportId(v4)
    );
}

#[test]
fn short_is_eight_uppercase_hex_from_the_random_part() {
    let id = ReportId::parse("01936b2e-1f2a-7c3d-8e4f-0123456789ab").unwrap();
    assert_eq!(id.short(), "456789AB");
    let s = ReportId::new().short();
    assert_eq!(s.len(), 8);
    assert!(
        s.chars()
            .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
    );
}

#[test]
fn ids_created_together_have_different_shorts() {
    let a = ReportId::new();
    let b = ReportId::new();
    assert_ne!(a.short(), b.short());
    assert!(a < b);
}

#[test]
fn id_serde_is_a_string() {
    let id = ReportId::new();
    let json = serde_json::to_string(&id).unwrap();
    assert_eq!(json, format!("\"{id}\""));
    assert_eq!(serde_json::from_str::<ReportId>(&json).unwrap(), id);
}

#[test]
fn allowed_transitions() {
    let allowed = [
        (Baru, Ditinjau),
        (Baru, Ditutup),
        (Ditinjau, Ditindaklanjuti),
        (Ditinjau, Dirujuk),
        (Ditinjau, Ditutup),
        (Ditindaklanjuti, Dirujuk),
        (Ditindaklanjuti, Selesai),
        (Ditindaklanjuti, Ditutup),
        (Dirujuk, Ditindaklanjuti),
        (Dirujuk, Selesai),
        (Dirujuk, Ditutup),
        (Selesai, Ditindaklanjuti),
        (Ditutup, Ditinjau),
    ];
    for from in Status::ALL {
        for to in Status::ALL {
            let expected = allowed.contains(&(*from, *to));
            assert_eq!(from.can_transition_to(*to), expected, "{from} -> {to}");
            assert_eq!(from.transition(*to).is_ok(), expected);
        }
    }
}

#[test]
fn refused_transition_explains() {
    let err = Baru.transition(Selesai).unwrap_err();
    assert_eq!(
        err.to_string(),
        "a report cannot go from status baru to selesai"
    );
}

#[test]
fn open_statuses() {
    let open: Vec<_> = Status::ALL.iter().filter(|s| s.is_open()).collect();
    assert_eq!(open, [&Baru, &Ditinjau, &Ditindaklanjuti, &Dirujuk]);
}

#[test]
fn reporter_keys_follow_the_scheme() {
    for s in Status::ALL {
        assert_eq!(s.reporter_label_key(), format!("status-reporter-{s}"));
    }
}

#[test]
fn meta_serializes_codes_only() {
    let meta = ReportMeta {
        id: ReportId::new(),
        created_at: Utc::now(),
        status: Baru,
        urgency: Urgency::High,
        violence_types: [ViolenceType::Trafficking].into(),
        region: Some(RegionCode::parse("64.72").unwrap()),
        abroad: false,
        age_band: Some(AgeBand::A18_24),
        victim_sex: Some(Sex::Perempuan),
        reporter: Some(ReporterRole::Myself),
        contact_allowed: true,
    };
    let json = serde_json::to_value(&meta).unwrap();
    assert_eq!(json["status"], "baru");
    assert_eq!(json["region"], "64.72");
    assert_eq!(json["violence_types"][0], "trafficking");
    let back: ReportMeta = serde_json::from_value(json).unwrap();
    assert_eq!(back, meta);
}
