//! The console's storage: sessions, sign-in counters, the queue, a report's
//! timeline, referrals, the audit pages and the statistics.

use super::Writes;
use std::collections::HashSet;
use std::sync::Arc;
use suara::crypto::fields::{EventBody, ReferralPayload};
use suara::domain::audit::AuditAction;

use chrono::{DateTime, Duration, TimeZone, Utc};
use suara::crypto::{KeyPair, ReportKey, Sealed, open_report_key, seal_report_key};
use suara::domain::area::Area;
use suara::domain::casework::{EventKind, ShareField};
use suara::domain::role::Role;
use suara::domain::{AgeBand, RegionCode, ReportId, Sex, Status, Urgency, ViolenceType};
use suara::store::{
    AuditDraft, ConsoleSession, Counts, KeyGrant, QueueQuery, Recipient, Referral, ReferralGrant,
    ReportEvent, ReportMeta, SessionStage, Stats, StatsScope, StatusFilter, Store, StoreError,
    Viewer,
};

use super::contract;
use super::fixtures::{Made, add_worker, report, sealed, t};

contract!(
    a_session_reads_back_and_is_touched_and_deleted,
    a_workers_sessions_end_together_and_idle_or_expired_ones_are_purged,
    failed_logins_lock_the_account_at_the_threshold_and_a_login_clears_them,
    a_totp_step_is_accepted_once_and_never_an_older_one,
    a_worker_is_found_by_id_disabled_and_rescoped,
    the_queue_puts_the_most_urgent_first_then_the_oldest,
    paging_by_the_last_rows_cursor_covers_the_queue_without_overlap_or_gaps,
    a_worker_sees_only_reports_whose_key_was_sealed_to_them,
    a_petugas_queue_shows_unassigned_and_own_reports_only,
    a_liaison_sees_only_reports_referred_to_their_agency_with_their_key,
    the_status_filter_shows_open_reports_all_or_one_status,
    the_queue_filters_by_urgency_type_region_assignee_and_referral,
    a_status_change_moves_the_report_and_records_its_event,
    a_stale_status_change_is_a_conflict_and_records_nothing,
    assigning_and_unassigning_record_events_that_read_back_in_time_order,
    a_referral_marks_the_report_referred_and_only_its_liaisons_get_its_key,
    audit_entries_read_by_report_and_in_pages_newest_first,
    statistics_count_reports_along_each_dimension,
    statistics_are_limited_to_the_scope_regions_and_dates,
    the_closing_median_reads_only_the_middle_times,
    deleting_a_report_removes_its_timeline_and_referrals,
);

// ---------------------------------------------------------------- helpers

/// Stores a report whose key is sealed to `holders` (as `worker:<id>`) and
/// to the recovery key, after `edit` has adjusted its metadata.
async fn put(store: &Arc<dyn Store>, holders: &[&str], edit: impl FnOnce(&mut ReportMeta)) -> Made {
    let mut made = report(b"");
    let id = made.report.meta.id;
    made.report.receipt_hash = id.to_string().into_bytes();
    edit(&mut made.report.meta);
    made.report.meta.updated_at = made.report.meta.created_at;
    made.report
        .keys
        .retain(|g| g.recipient == Recipient::Recovery);
    for holder in holders {
        made.report.keys.push(KeyGrant {
            report_id: id,
            recipient: Recipient::Worker((*holder).into()),
            key: seal_report_key(&made.key, &made.worker.public, &id.to_string()).unwrap(),
            granted_by: None,
            at: made.report.meta.created_at,
        });
    }
    store.insert_report(&made.report).await.unwrap();
    made
}

fn area(code: &str) -> Option<Area> {
    Some(Area::Region(RegionCode::parse(code).unwrap()))
}

fn keys(worker: &str) -> Viewer {
    Viewer::Keys {
        worker_id: worker.into(),
        only_unassigned_or_mine: false,
    }
}

fn query(viewer: Viewer) -> QueueQuery {
    QueueQuery {
        viewer,
        status: StatusFilter::All,
        urgency: None,
        violence_type: None,
        region: None,
        assigned_to: None,
        referred: false,
        after: None,
        limit: 100,
    }
}

async fn ids(store: &Arc<dyn Store>, q: &QueueQuery) -> Vec<ReportId> {
    let rows = store.queue(q).await.unwrap();
    rows.iter().map(|r| r.meta.id).collect()
}

/// The same ids, in any order.
fn set(ids: &[ReportId]) -> HashSet<ReportId> {
    ids.iter().copied().collect()
}

fn event(report_id: ReportId, at: DateTime<Utc>, kind: EventKind) -> ReportEvent {
    ReportEvent {
        id: uuid::Uuid::new_v4().to_string(),
        report_id,
        at,
        actor_id: Some("w1".into()),
        kind,
        from_status: None,
        to_status: None,
        subject: None,
        body: None,
    }
}

fn status_event(made: &Made, at: DateTime<Utc>, from: Status, to: Status) -> ReportEvent {
    let id = made.report.meta.id;
    ReportEvent {
        from_status: Some(from),
        to_status: Some(to),
        body: Some(
            made.key
                .seal::<EventBody>(&id.to_string(), b"alasan")
                .unwrap(),
        ),
        ..event(id, at, EventKind::Status)
    }
}

async fn move_status(
    store: &Arc<dyn Store>,
    made: &Made,
    at: DateTime<Utc>,
    from: Status,
    to: Status,
) {
    store
        .change_status(
            &made.report.meta.id,
            from,
            &status_event(made, at, from, to),
        )
        .await
        .unwrap();
}

async fn assign_to(store: &Arc<dyn Store>, id: ReportId, to: Option<&str>, at: DateTime<Utc>) {
    let e = ReportEvent {
        subject: to.map(str::to_owned),
        ..event(id, at, EventKind::Assigned)
    };
    store.assign(&id, to, &e).await.unwrap();
}

/// Refers a report to `agency`, its referral key sealed to each liaison.
async fn refer(
    store: &Arc<dyn Store>,
    id: ReportId,
    agency: &str,
    liaisons: &[(&str, &KeyPair)],
    at: DateTime<Utc>,
) -> (Referral, ReportKey) {
    let key = ReportKey::generate();
    let referral = Referral {
        id: uuid::Uuid::new_v4().to_string(),
        report_id: id,
        agency: agency.into(),
        fields: vec![ShareField::Victim, ShareField::Story],
        referred_by: Some("w1".into()),
        at,
        payload: key
            .seal::<ReferralPayload>(&id.to_string(), agency.as_bytes())
            .unwrap(),
    };
    let grants: Vec<ReferralGrant> = liaisons
        .iter()
        .map(|(worker, pair)| ReferralGrant {
            worker_id: (*worker).into(),
            key: seal_report_key(&key, &pair.public, &referral.id).unwrap(),
        })
        .collect();
    let e = ReportEvent {
        subject: Some(agency.into()),
        ..event(id, at, EventKind::Referred)
    };
    store.insert_referral(&referral, &grants, &e).await.unwrap();
    (referral, key)
}

fn session(id_hash: &[u8], worker: &str, last_seen: i64, expires: i64) -> ConsoleSession {
    ConsoleSession {
        id_hash: id_hash.to_vec(),
        worker_id: worker.into(),
        stage: SessionStage::Full,
        key: None,
        csrf: "csrf-token".into(),
        created_at: t(0),
        last_seen: t(last_seen),
        expires_at: t(expires),
    }
}

// ---------------------------------------------------------------- sessions

async fn a_session_reads_back_and_is_touched_and_deleted(store: Arc<dyn Store>) {
    add_worker(&*store, "w1", Role::Petugas).await;
    let key = ReportKey::generate();
    let id = ReportId::new();
    let private = sealed(&key, &id, "session", b"private key");
    let original = ConsoleSession {
        stage: SessionStage::Enrol,
        key: Some(private.clone()),
        ..session(&[1; 32], "w1", 1, 60)
    };
    store.insert_session(&original).await.unwrap();

    let loaded = store.session(&[1; 32]).await.unwrap().unwrap();
    assert_eq!(loaded.id_hash, vec![1; 32]);
    assert_eq!(loaded.worker_id, "w1");
    assert_eq!(loaded.stage, SessionStage::Enrol);
    assert_eq!(loaded.csrf, "csrf-token");
    assert_eq!(
        (loaded.created_at, loaded.last_seen, loaded.expires_at),
        (t(0), t(1), t(60))
    );
    let sealed_key = loaded.key.expect("the sealed key is kept");
    assert_eq!(sealed_key, private);
    assert!(store.session(&[2; 32]).await.unwrap().is_none());

    store.touch_session(&[1; 32], t(7)).await.unwrap();
    let touched = store.session(&[1; 32]).await.unwrap().unwrap();
    assert_eq!(touched.last_seen, t(7));
    assert_eq!(touched.expires_at, t(60), "touching does not extend expiry");

    store.delete_session(&[1; 32]).await.unwrap();
    assert!(store.session(&[1; 32]).await.unwrap().is_none());
    store.delete_session(&[1; 32]).await.unwrap();

    let orphan = store
        .insert_session(&session(&[3; 32], "nobody", 0, 60))
        .await;
    assert!(orphan.is_err(), "a session needs an existing worker");
}

async fn a_workers_sessions_end_together_and_idle_or_expired_ones_are_purged(
    store: Arc<dyn Store>,
) {
    add_worker(&*store, "w1", Role::Petugas).await;
    add_worker(&*store, "w2", Role::Petugas).await;
    for (hash, worker) in [([1; 32], "w1"), ([2; 32], "w1"), ([3; 32], "w2")] {
        store
            .insert_session(&session(&hash, worker, 0, 60))
            .await
            .unwrap();
    }
    assert_eq!(store.delete_sessions_of("w1").await.unwrap(), 2);
    assert!(store.session(&[1; 32]).await.unwrap().is_none());
    assert!(store.session(&[2; 32]).await.unwrap().is_none());
    assert!(store.session(&[3; 32]).await.unwrap().is_some());
    assert_eq!(store.delete_sessions_of("w1").await.unwrap(), 0);
    store.delete_sessions_of("w2").await.unwrap();

    let fresh = session(&[10; 32], "w1", 10, 100);
    let idle = session(&[11; 32], "w1", 1, 100);
    let expired = session(&[12; 32], "w2", 10, 20);
    let idle_edge = session(&[13; 32], "w2", 5, 100);
    for s in [&fresh, &idle, &expired, &idle_edge] {
        store.insert_session(s).await.unwrap();
    }
    assert_eq!(
        store.purge_sessions(t(19), t(5)).await.unwrap(),
        1,
        "only the idle one"
    );
    assert!(store.session(&[11; 32]).await.unwrap().is_none());
    assert_eq!(
        store.purge_sessions(t(20), t(5)).await.unwrap(),
        1,
        "expired at its expiry time"
    );
    assert!(store.session(&[12; 32]).await.unwrap().is_none());
    assert!(store.session(&[10; 32]).await.unwrap().is_some());
    assert!(
        store.session(&[13; 32]).await.unwrap().is_some(),
        "seen exactly at the idle limit is not idle"
    );
}

// ---------------------------------------------------------------- sign-in

async fn failed_logins_lock_the_account_at_the_threshold_and_a_login_clears_them(
    store: Arc<dyn Store>,
) {
    add_worker(&*store, "w1", Role::Petugas).await;
    add_worker(&*store, "w2", Role::Petugas).await;
    for expected in 1..=2 {
        assert_eq!(
            store.record_failed_login("w1", 3, t(30)).await.unwrap(),
            expected
        );
        let w = store.worker_by_id("w1").await.unwrap().unwrap();
        assert_eq!((w.failed_logins, w.locked_until), (expected, None));
    }
    assert_eq!(store.record_failed_login("w1", 3, t(30)).await.unwrap(), 3);
    let w = store.worker_by_id("w1").await.unwrap().unwrap();
    assert_eq!((w.failed_logins, w.locked_until), (3, Some(t(30))));
    assert_eq!(store.record_failed_login("w1", 3, t(45)).await.unwrap(), 4);
    let w = store.worker_by_id("w1").await.unwrap().unwrap();
    assert_eq!(
        w.locked_until,
        Some(t(45)),
        "further failures extend the lock"
    );
    let other = store.worker_by_id("w2").await.unwrap().unwrap();
    assert_eq!((other.failed_logins, other.locked_until), (0, None));

    store.record_login("w1").await.unwrap();
    let w = store.worker_by_id("w1").await.unwrap().unwrap();
    assert_eq!((w.failed_logins, w.locked_until), (0, None));
    assert_eq!(store.record_failed_login("w1", 3, t(50)).await.unwrap(), 1);

    assert!(matches!(
        store.record_failed_login("nobody", 3, t(50)).await,
        Err(StoreError::NotFound)
    ));
}

async fn a_totp_step_is_accepted_once_and_never_an_older_one(store: Arc<dyn Store>) {
    add_worker(&*store, "w1", Role::Petugas).await;
    add_worker(&*store, "w2", Role::Petugas).await;
    assert!(store.use_totp_step("w1", 100).await.unwrap());
    assert!(!store.use_totp_step("w1", 100).await.unwrap(), "a replay");
    assert!(
        !store.use_totp_step("w1", 99).await.unwrap(),
        "an older code"
    );
    assert!(store.use_totp_step("w1", 101).await.unwrap());
    assert!(
        store.use_totp_step("w2", 50).await.unwrap(),
        "steps are per worker"
    );
    assert!(!store.use_totp_step("nobody", 1).await.unwrap());
    let w = store.worker_by_id("w1").await.unwrap().unwrap();
    assert_eq!(w.last_totp_step, Some(101));

    let key = ReportKey::generate();
    let id = ReportId::new();
    let secret = sealed(&key, &id, "totp", b"JBSWY3DPEHPK3PXP");
    store.set_totp("w1", Some(&secret)).await.unwrap();
    let w = store.worker_by_id("w1").await.unwrap().unwrap();
    assert_eq!(w.totp.unwrap().as_bytes(), secret.as_bytes());
    assert_eq!(
        w.last_totp_step, None,
        "a new secret starts its steps afresh"
    );
    assert!(store.use_totp_step("w1", 50).await.unwrap());

    store.set_totp("w1", None).await.unwrap();
    assert!(
        store
            .worker_by_id("w1")
            .await
            .unwrap()
            .unwrap()
            .totp
            .is_none()
    );
    assert!(matches!(
        store.set_totp("nobody", None).await,
        Err(StoreError::NotFound)
    ));
}

async fn a_worker_is_found_by_id_disabled_and_rescoped(store: Arc<dyn Store>) {
    let pair = add_worker(&*store, "w1", Role::Mitra).await;
    let w = store.worker_by_id("w1").await.unwrap().unwrap();
    assert_eq!((w.id.as_str(), w.username.as_str()), ("w1", "w1"));
    assert_eq!(w.role, Role::Mitra);
    assert_eq!(w.public_key, pair.public);
    assert!(!w.disabled);
    assert!(store.worker_by_id("nobody").await.unwrap().is_none());

    store.set_worker_disabled("w1", true).await.unwrap();
    assert!(store.worker_by_id("w1").await.unwrap().unwrap().disabled);
    store.set_worker_disabled("w1", false).await.unwrap();
    assert!(!store.worker_by_id("w1").await.unwrap().unwrap().disabled);

    store
        .update_worker_scope("w1", &["64".into(), "31.71".into()], Some("dinsos"))
        .await
        .unwrap();
    let w = store.worker_by_id("w1").await.unwrap().unwrap();
    assert_eq!(w.regions, ["64", "31.71"]);
    assert_eq!(w.agency.as_deref(), Some("dinsos"));
    store.update_worker_scope("w1", &[], None).await.unwrap();
    let w = store.worker_by_id("w1").await.unwrap().unwrap();
    assert!(w.regions.is_empty());
    assert_eq!(w.agency, None);
}

// ---------------------------------------------------------------- queue

async fn the_queue_puts_the_most_urgent_first_then_the_oldest(store: Arc<dyn Store>) {
    let mut made = Vec::new();
    for (urgency, minute, types) in [
        (Urgency::Normal, 0, vec![ViolenceType::Lainnya]),
        (Urgency::Urgent, 5, vec![ViolenceType::Seksual]),
        (
            Urgency::High,
            1,
            vec![ViolenceType::Psikis, ViolenceType::Fisik],
        ),
        (Urgency::Urgent, 2, vec![]),
        (Urgency::High, 3, vec![ViolenceType::Trafficking]),
    ] {
        let m = put(&store, &["w1"], |m| {
            m.urgency = urgency;
            m.created_at = t(minute);
            m.violence_types = types;
        })
        .await;
        made.push(m.report.meta.id);
    }
    let rows = store.queue(&query(keys("w1"))).await.unwrap();
    let order: Vec<ReportId> = rows.iter().map(|r| r.meta.id).collect();
    assert_eq!(order, [made[3], made[1], made[2], made[4], made[0]]);
    for row in &rows {
        assert_eq!(
            row.meta,
            store.report_meta(&row.meta.id).await.unwrap(),
            "a row carries the report's metadata, violence types included"
        );
        assert!(!row.referred);
    }
    assert_eq!(
        rows[2].meta.violence_types,
        [ViolenceType::Fisik, ViolenceType::Psikis]
    );
    assert_eq!(rows[1].meta.violence_types, [ViolenceType::Seksual]);
    assert!(rows[0].meta.violence_types.is_empty());
}

async fn paging_by_the_last_rows_cursor_covers_the_queue_without_overlap_or_gaps(
    store: Arc<dyn Store>,
) {
    let urgencies = [Urgency::Normal, Urgency::High, Urgency::Urgent];
    for n in 0..25 {
        // Several share a creation time, so the id has to break ties.
        put(&store, &["w1"], |m| {
            m.urgency = urgencies[n % 3];
            m.created_at = t((n / 4) as i64);
        })
        .await;
    }
    let all = ids(&store, &query(keys("w1"))).await;
    assert_eq!(all.len(), 25);

    let mut paged = Vec::new();
    let mut sizes = Vec::new();
    let mut q = QueueQuery {
        limit: 10,
        ..query(keys("w1"))
    };
    // Bounded, so a cursor that fails to advance fails the test, not hangs it.
    for _ in 0..6 {
        let page = store.queue(&q).await.unwrap();
        sizes.push(page.len());
        let Some(last) = page.last() else { break };
        q.after = Some(last.cursor.clone());
        paged.extend(page.iter().map(|r| r.meta.id));
    }
    assert_eq!(sizes, [10, 10, 5, 0]);
    assert_eq!(paged, all, "pages join up into the whole queue, in order");
    assert_eq!(set(&paged).len(), 25);
}

async fn a_worker_sees_only_reports_whose_key_was_sealed_to_them(store: Arc<dyn Store>) {
    let first = put(&store, &["w1"], |_| {}).await.report.meta.id;
    let second = put(&store, &["w2"], |_| {}).await.report.meta.id;
    let both = put(&store, &["w1", "w2"], |_| {}).await.report.meta.id;
    let recovery_only = put(&store, &[], |_| {}).await.report.meta.id;

    assert_eq!(
        set(&ids(&store, &query(keys("w1"))).await),
        set(&[first, both])
    );
    assert_eq!(
        set(&ids(&store, &query(keys("w2"))).await),
        set(&[second, both])
    );
    assert!(ids(&store, &query(keys("w3"))).await.is_empty());
    // A worker whose id looks like the recovery recipient's still sees nothing.
    assert!(ids(&store, &query(keys("recovery"))).await.is_empty());
    let _ = recovery_only;
}

async fn a_petugas_queue_shows_unassigned_and_own_reports_only(store: Arc<dyn Store>) {
    add_worker(&*store, "w1", Role::Petugas).await;
    add_worker(&*store, "w2", Role::Petugas).await;
    let unassigned = put(&store, &["w1", "w2"], |_| {}).await.report.meta.id;
    let mine = put(&store, &["w1", "w2"], |_| {}).await.report.meta.id;
    let theirs = put(&store, &["w1", "w2"], |_| {}).await.report.meta.id;
    assign_to(&store, mine, Some("w1"), t(1)).await;
    assign_to(&store, theirs, Some("w2"), t(1)).await;

    let petugas = |worker: &str| {
        query(Viewer::Keys {
            worker_id: worker.into(),
            only_unassigned_or_mine: true,
        })
    };
    assert_eq!(
        set(&ids(&store, &petugas("w1")).await),
        set(&[unassigned, mine])
    );
    assert_eq!(
        set(&ids(&store, &petugas("w2")).await),
        set(&[unassigned, theirs])
    );
    assert_eq!(
        set(&ids(&store, &query(keys("w1"))).await),
        set(&[unassigned, mine, theirs]),
        "without the narrowing, every report whose key is held"
    );
}

async fn a_liaison_sees_only_reports_referred_to_their_agency_with_their_key(
    store: Arc<dyn Store>,
) {
    let m1 = KeyPair::generate();
    let m2 = KeyPair::generate();
    let for_m1 = put(&store, &["w1"], |_| {}).await.report.meta.id;
    let for_m2 = put(&store, &["w1"], |_| {}).await.report.meta.id;
    let elsewhere = put(&store, &["w1"], |_| {}).await.report.meta.id;
    let not_referred = put(&store, &["w1"], |_| {}).await.report.meta.id;
    refer(&store, for_m1, "dinsos", &[("m1", &m1)], t(1)).await;
    refer(&store, for_m2, "dinsos", &[("m2", &m2)], t(1)).await;
    refer(&store, elsewhere, "polres", &[("m1", &m1)], t(1)).await;

    let liaison = |agency: &str, worker: &str| {
        query(Viewer::Agency {
            agency: agency.into(),
            worker_id: worker.into(),
        })
    };
    assert_eq!(ids(&store, &liaison("dinsos", "m1")).await, [for_m1]);
    assert_eq!(ids(&store, &liaison("dinsos", "m2")).await, [for_m2]);
    assert_eq!(ids(&store, &liaison("polres", "m1")).await, [elsewhere]);
    assert!(ids(&store, &liaison("polres", "m2")).await.is_empty());
    assert!(ids(&store, &liaison("lbh", "m1")).await.is_empty());
    let rows = store.queue(&liaison("dinsos", "m1")).await.unwrap();
    assert!(rows[0].referred);
    assert!(!ids(&store, &query(keys("w1"))).await.is_empty());
    assert!(
        !ids(&store, &liaison("dinsos", "m1"))
            .await
            .contains(&not_referred)
    );
}

async fn the_status_filter_shows_open_reports_all_or_one_status(store: Arc<dyn Store>) {
    let new = put(&store, &["w1"], |_| {}).await;
    let reviewed = put(&store, &["w1"], |_| {}).await;
    let finished = put(&store, &["w1"], |_| {}).await;
    let closed = put(&store, &["w1"], |_| {}).await;
    move_status(&store, &reviewed, t(1), Status::Baru, Status::Ditinjau).await;
    move_status(&store, &finished, t(1), Status::Baru, Status::Ditinjau).await;
    move_status(
        &store,
        &finished,
        t(2),
        Status::Ditinjau,
        Status::Ditindaklanjuti,
    )
    .await;
    move_status(
        &store,
        &finished,
        t(3),
        Status::Ditindaklanjuti,
        Status::Selesai,
    )
    .await;
    move_status(&store, &closed, t(1), Status::Baru, Status::Ditutup).await;
    let [new, reviewed, finished, closed] =
        [&new, &reviewed, &finished, &closed].map(|m| m.report.meta.id);

    let with = |status| QueueQuery {
        status,
        ..query(keys("w1"))
    };
    assert_eq!(
        set(&ids(&store, &with(StatusFilter::Open)).await),
        set(&[new, reviewed])
    );
    assert_eq!(
        set(&ids(&store, &with(StatusFilter::All)).await),
        set(&[new, reviewed, finished, closed])
    );
    assert_eq!(
        ids(&store, &with(StatusFilter::Only(Status::Ditutup))).await,
        [closed]
    );
    assert_eq!(
        ids(&store, &with(StatusFilter::Only(Status::Selesai))).await,
        [finished]
    );
    assert_eq!(
        ids(&store, &with(StatusFilter::Only(Status::Baru))).await,
        [new]
    );
    assert!(
        ids(&store, &with(StatusFilter::Only(Status::Dirujuk)))
            .await
            .is_empty()
    );
}

async fn the_queue_filters_by_urgency_type_region_assignee_and_referral(store: Arc<dyn Store>) {
    add_worker(&*store, "w1", Role::Petugas).await;
    add_worker(&*store, "w2", Role::Petugas).await;
    let samarinda = put(&store, &["w1"], |m| {
        m.urgency = Urgency::Urgent;
        m.violence_types = vec![ViolenceType::Seksual];
        m.area = area("64.72");
    })
    .await
    .report
    .meta
    .id;
    let balikpapan = put(&store, &["w1"], |m| {
        m.urgency = Urgency::Normal;
        m.violence_types = vec![ViolenceType::Fisik];
        m.area = area("64.71");
    })
    .await
    .report
    .meta
    .id;
    let province = put(&store, &["w1"], |m| {
        m.urgency = Urgency::Normal;
        m.violence_types = vec![ViolenceType::Penelantaran];
        m.area = area("64");
    })
    .await
    .report
    .meta
    .id;
    let jakarta = put(&store, &["w1"], |m| {
        m.urgency = Urgency::High;
        m.violence_types = vec![ViolenceType::Fisik, ViolenceType::Psikis];
        m.area = area("31.71");
    })
    .await
    .report
    .meta
    .id;
    let abroad = put(&store, &["w1"], |m| {
        m.urgency = Urgency::Urgent;
        m.violence_types = vec![ViolenceType::Trafficking];
        m.area = Some(Area::Abroad);
    })
    .await
    .report
    .meta
    .id;
    let unknown = put(&store, &["w1"], |m| {
        m.urgency = Urgency::High;
        m.violence_types = vec![ViolenceType::Lainnya];
        m.area = None;
    })
    .await
    .report
    .meta
    .id;
    assign_to(&store, balikpapan, Some("w2"), t(1)).await;
    assign_to(&store, jakarta, Some("w1"), t(1)).await;
    refer(
        &store,
        abroad,
        "bp2mi",
        &[("m1", &KeyPair::generate())],
        t(2),
    )
    .await;

    let base = query(keys("w1"));
    let region = |code: &str| QueueQuery {
        region: Some(code.into()),
        ..base.clone()
    };
    let q_urgent = QueueQuery {
        urgency: Some(Urgency::Urgent),
        ..base.clone()
    };
    assert_eq!(
        set(&ids(&store, &q_urgent).await),
        set(&[samarinda, abroad])
    );
    let q_high = QueueQuery {
        urgency: Some(Urgency::High),
        ..base.clone()
    };
    assert_eq!(set(&ids(&store, &q_high).await), set(&[jakarta, unknown]));

    let q_fisik = QueueQuery {
        violence_type: Some(ViolenceType::Fisik),
        ..base.clone()
    };
    let rows = store.queue(&q_fisik).await.unwrap();
    assert_eq!(
        set(&rows.iter().map(|r| r.meta.id).collect::<Vec<_>>()),
        set(&[balikpapan, jakarta])
    );
    let jakarta_row = rows.iter().find(|r| r.meta.id == jakarta).unwrap();
    assert_eq!(
        jakarta_row.meta.violence_types,
        [ViolenceType::Fisik, ViolenceType::Psikis],
        "filtering by one type still fills in every type"
    );
    let q_eksploitasi = QueueQuery {
        violence_type: Some(ViolenceType::Eksploitasi),
        ..base.clone()
    };
    assert!(ids(&store, &q_eksploitasi).await.is_empty());

    assert_eq!(
        set(&ids(&store, &region("64")).await),
        set(&[samarinda, balikpapan, province]),
        "a province holds its regencies"
    );
    assert_eq!(ids(&store, &region("64.72")).await, [samarinda]);
    assert_eq!(ids(&store, &region("64.71")).await, [balikpapan]);
    assert!(ids(&store, &region("64.73")).await.is_empty());
    assert!(
        ids(&store, &region("6")).await.is_empty(),
        "a prefix that is no province matches nothing"
    );
    assert_eq!(ids(&store, &region("31")).await, [jakarta]);
    assert_eq!(ids(&store, &region("abroad")).await, [abroad]);

    let q_combined = QueueQuery {
        violence_type: Some(ViolenceType::Fisik),
        region: Some("64".into()),
        ..base.clone()
    };
    assert_eq!(ids(&store, &q_combined).await, [balikpapan]);

    let q_w1 = QueueQuery {
        assigned_to: Some("w1".into()),
        ..base.clone()
    };
    assert_eq!(ids(&store, &q_w1).await, [jakarta]);
    let q_w2 = QueueQuery {
        assigned_to: Some("w2".into()),
        ..base.clone()
    };
    assert_eq!(ids(&store, &q_w2).await, [balikpapan]);

    let q_referred = QueueQuery {
        referred: true,
        ..base.clone()
    };
    let rows = store.queue(&q_referred).await.unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].meta.id, abroad);
    assert!(rows[0].referred);
    assert_eq!(ids(&store, &base).await.len(), 6);
}

// ---------------------------------------------------------------- timeline

async fn a_status_change_moves_the_report_and_records_its_event(store: Arc<dyn Store>) {
    let made = put(&store, &["w1"], |m| m.created_at = t(0)).await;
    let id = made.report.meta.id;

    move_status(&store, &made, t(5), Status::Baru, Status::Ditinjau).await;
    let meta = store.report_meta(&id).await.unwrap();
    assert_eq!(meta.status, Status::Ditinjau);
    assert_eq!(meta.updated_at, t(5));
    assert_eq!(meta.acknowledged_at, Some(t(5)));
    assert_eq!(meta.closed_at, None);

    move_status(&store, &made, t(10), Status::Ditinjau, Status::Ditutup).await;
    let meta = store.report_meta(&id).await.unwrap();
    assert_eq!(meta.status, Status::Ditutup);
    assert_eq!(
        meta.acknowledged_at,
        Some(t(5)),
        "set once, by the first change"
    );
    assert_eq!(meta.closed_at, Some(t(10)));

    move_status(&store, &made, t(15), Status::Ditutup, Status::Ditinjau).await;
    let meta = store.report_meta(&id).await.unwrap();
    assert_eq!(meta.status, Status::Ditinjau);
    assert_eq!(meta.closed_at, None, "reopening clears the closing time");
    assert_eq!(meta.acknowledged_at, Some(t(5)));

    move_status(
        &store,
        &made,
        t(20),
        Status::Ditinjau,
        Status::Ditindaklanjuti,
    )
    .await;
    move_status(
        &store,
        &made,
        t(25),
        Status::Ditindaklanjuti,
        Status::Selesai,
    )
    .await;
    let meta = store.report_meta(&id).await.unwrap();
    assert_eq!(meta.closed_at, Some(t(25)), "finishing closes too");

    let events = store.events_of(&id).await.unwrap();
    let moves: Vec<_> = events
        .iter()
        .map(|e| (e.at, e.kind, e.from_status, e.to_status))
        .collect();
    assert_eq!(
        moves,
        [
            (
                t(5),
                EventKind::Status,
                Some(Status::Baru),
                Some(Status::Ditinjau)
            ),
            (
                t(10),
                EventKind::Status,
                Some(Status::Ditinjau),
                Some(Status::Ditutup)
            ),
            (
                t(15),
                EventKind::Status,
                Some(Status::Ditutup),
                Some(Status::Ditinjau)
            ),
            (
                t(20),
                EventKind::Status,
                Some(Status::Ditinjau),
                Some(Status::Ditindaklanjuti)
            ),
            (
                t(25),
                EventKind::Status,
                Some(Status::Ditindaklanjuti),
                Some(Status::Selesai)
            ),
        ]
    );
    for e in &events {
        assert_eq!(e.report_id, id);
        assert_eq!(e.actor_id.as_deref(), Some("w1"));
        let body = e.body.as_ref().expect("the reason is kept");
        assert_eq!(
            made.key.open(&id.to_string(), body).unwrap().as_slice(),
            b"alasan"
        );
    }
}

async fn a_stale_status_change_is_a_conflict_and_records_nothing(store: Arc<dyn Store>) {
    let made = put(&store, &["w1"], |_| {}).await;
    let id = made.report.meta.id;
    move_status(&store, &made, t(5), Status::Baru, Status::Ditinjau).await;

    let stale = status_event(&made, t(6), Status::Baru, Status::Ditutup);
    let err = store
        .change_status(&id, Status::Baru, &stale)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Stale), "{err:?}");
    let meta = store.report_meta(&id).await.unwrap();
    assert_eq!(meta.status, Status::Ditinjau);
    assert_eq!(meta.closed_at, None);
    assert_eq!(meta.updated_at, t(5));
    assert_eq!(
        store.events_of(&id).await.unwrap().len(),
        1,
        "no event for it"
    );

    assert_eq!(
        store.report_meta(&id).await.unwrap().status,
        Status::Ditinjau
    );
    assert_eq!(store.events_of(&id).await.unwrap().len(), 1);
}

async fn assigning_and_unassigning_record_events_that_read_back_in_time_order(
    store: Arc<dyn Store>,
) {
    add_worker(&*store, "w1", Role::Petugas).await;
    let made = put(&store, &["w1"], |m| m.created_at = t(0)).await;
    let id = made.report.meta.id;
    let other = put(&store, &["w1"], |_| {}).await.report.meta.id;

    assign_to(&store, id, Some("w1"), t(3)).await;
    let meta = store.report_meta(&id).await.unwrap();
    assert_eq!(meta.assigned_to.as_deref(), Some("w1"));
    assert_eq!(
        meta.acknowledged_at,
        Some(t(3)),
        "taking a report answers it"
    );
    assert_eq!(meta.updated_at, t(3));

    assign_to(&store, id, None, t(7)).await;
    let meta = store.report_meta(&id).await.unwrap();
    assert_eq!(meta.assigned_to, None);
    assert_eq!(meta.acknowledged_at, Some(t(3)));

    // Unassigning a report nobody has answered is no first response.
    assign_to(&store, other, None, t(4)).await;
    assert_eq!(
        store.report_meta(&other).await.unwrap().acknowledged_at,
        None
    );

    // A note written earlier but stored last still reads back in its place;
    // its body is any sealed value, here raw framed bytes.
    let mut raw = vec![1u8; 40];
    raw[1..]
        .iter_mut()
        .enumerate()
        .for_each(|(i, b)| *b = i as u8);
    let note_body = Sealed::from_bytes(&raw).expect("framed bytes");
    let note = ReportEvent {
        body: Some(note_body),
        ..event(id, t(5), EventKind::Note)
    };
    store.insert_event(&note).await.unwrap();
    let sealed_note = ReportEvent {
        body: Some(
            made.key
                .seal::<EventBody>(&id.to_string(), b"catatan pribadi")
                .unwrap(),
        ),
        ..event(id, t(1), EventKind::Note)
    };
    store.insert_event(&sealed_note).await.unwrap();
    store
        .insert_event(&event(other, t(2), EventKind::Note))
        .await
        .unwrap();

    let events = store.events_of(&id).await.unwrap();
    let timeline: Vec<_> = events
        .iter()
        .map(|e| (e.at, e.kind, e.subject.as_deref()))
        .collect();
    assert_eq!(
        timeline,
        [
            (t(1), EventKind::Note, None),
            (t(3), EventKind::Assigned, Some("w1")),
            (t(5), EventKind::Note, None),
            (t(7), EventKind::Assigned, None),
        ]
    );
    assert_eq!(events[0].id, sealed_note.id);
    assert_eq!(
        made.key
            .open(&id.to_string(), events[0].body.as_ref().unwrap())
            .unwrap()
            .as_slice(),
        b"catatan pribadi"
    );
    assert_eq!(events[2].body.as_ref().unwrap().as_bytes(), raw.as_slice());
    assert!(events[1].body.is_none());
    assert_eq!(
        store.events_of(&other).await.unwrap().len(),
        2,
        "the note and the unassignment"
    );

    let missing = ReportId::new();
    assert!(matches!(
        store
            .assign(
                &missing,
                Some("w1"),
                &event(missing, t(9), EventKind::Assigned)
            )
            .await,
        Err(StoreError::NotFound)
    ));
    assert!(
        store
            .assign(&id, Some("nobody"), &event(id, t(9), EventKind::Assigned))
            .await
            .is_err(),
        "only an existing worker can be assigned"
    );
    assert_eq!(store.events_of(&id).await.unwrap().len(), 4);
    assert_eq!(store.report_meta(&id).await.unwrap().assigned_to, None);
}

// ---------------------------------------------------------------- referrals

async fn a_referral_marks_the_report_referred_and_only_its_liaisons_get_its_key(
    store: Arc<dyn Store>,
) {
    let m1 = KeyPair::generate();
    let m2 = KeyPair::generate();
    let made = put(&store, &["w1"], |_| {}).await;
    let id = made.report.meta.id;
    let untouched = put(&store, &["w1"], |_| {}).await.report.meta.id;
    assert!(!store.is_referred(&id).await.unwrap());

    let (first, _) = refer(&store, id, "dinsos", &[("m1", &m1), ("m2", &m2)], t(4)).await;
    assert!(store.is_referred(&id).await.unwrap());
    assert!(!store.is_referred(&untouched).await.unwrap());
    assert_eq!(store.report_meta(&id).await.unwrap().updated_at, t(4));

    let stored = store.referrals_of(&id).await.unwrap();
    assert_eq!(stored.len(), 1);
    let r = &stored[0];
    assert_eq!(r.id, first.id);
    assert_eq!(r.report_id, id);
    assert_eq!(r.agency, "dinsos");
    assert_eq!(r.fields, [ShareField::Victim, ShareField::Story]);
    assert_eq!(r.referred_by.as_deref(), Some("w1"));
    assert_eq!(r.at, t(4));
    assert_eq!(r.payload.as_bytes(), first.payload.as_bytes());

    for (worker, pair) in [("m1", &m1), ("m2", &m2)] {
        let (referral, key) = store.referral_for(&id, worker).await.unwrap().unwrap();
        assert_eq!(referral.id, first.id);
        let opened = open_report_key(&key, &pair.private, &first.id).unwrap();
        assert_eq!(
            opened
                .open(&id.to_string(), &referral.payload)
                .unwrap()
                .as_slice(),
            b"dinsos"
        );
    }
    assert!(store.referral_for(&id, "w1").await.unwrap().is_none());
    assert!(
        store
            .referral_for(&untouched, "m1")
            .await
            .unwrap()
            .is_none()
    );

    let (second, _) = refer(&store, id, "polres", &[("m1", &m1)], t(9)).await;
    let agencies: Vec<_> = store
        .referrals_of(&id)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.agency)
        .collect();
    assert_eq!(agencies, ["dinsos", "polres"]);
    let (newest, _) = store.referral_for(&id, "m1").await.unwrap().unwrap();
    assert_eq!(newest.id, second.id, "the newest referral to this liaison");
    let (only, _) = store.referral_for(&id, "m2").await.unwrap().unwrap();
    assert_eq!(only.id, first.id);

    let events = store.events_of(&id).await.unwrap();
    let subjects: Vec<_> = events
        .iter()
        .map(|e| (e.kind, e.subject.as_deref()))
        .collect();
    assert_eq!(
        subjects,
        [
            (EventKind::Referred, Some("dinsos")),
            (EventKind::Referred, Some("polres")),
        ]
    );

    let missing = ReportId::new();
    let orphan = Referral {
        id: "orphan".into(),
        report_id: missing,
        agency: "dinsos".into(),
        fields: vec![ShareField::Story],
        referred_by: None,
        at: t(9),
        payload: Sealed::from_bytes(first.payload.as_bytes()).unwrap(),
    };
    assert!(
        store
            .insert_referral(&orphan, &[], &event(missing, t(9), EventKind::Referred))
            .await
            .is_err()
    );
    assert!(store.referrals_of(&missing).await.unwrap().is_empty());
}

// ---------------------------------------------------------------- audit

async fn audit_entries_read_by_report_and_in_pages_newest_first(store: Arc<dyn Store>) {
    let a = ReportId::new();
    let b = ReportId::new();
    for n in 0..7 {
        let report_id = match n % 3 {
            0 => Some(a),
            1 => Some(b),
            _ => None,
        };
        store
            .append_audit(&AuditDraft {
                at: t(n),
                actor: "w1".into(),
                action: AuditAction::ALL[n as usize % AuditAction::ALL.len()],
                report_id,
                detail: String::new(),
            })
            .await
            .unwrap();
    }
    let of_a = store.audit_of_report(&a).await.unwrap();
    let seqs: Vec<i64> = of_a.iter().map(|e| e.seq).collect();
    assert_eq!(seqs, [1, 4, 7], "oldest first");
    assert!(of_a.iter().all(|e| e.report_id == Some(a.to_string())));
    assert_eq!(of_a[1].action, AuditAction::ALL[3].as_str());
    assert_eq!(of_a[1].at, t(3));
    let seqs = |entries: Vec<suara::store::AuditEntry>| -> Vec<i64> {
        entries.iter().map(|e| e.seq).collect()
    };
    assert_eq!(seqs(store.audit_of_report(&b).await.unwrap()), [2, 5]);
    assert!(
        store
            .audit_of_report(&ReportId::new())
            .await
            .unwrap()
            .is_empty()
    );

    assert_eq!(seqs(store.audit_page(None, 3).await.unwrap()), [7, 6, 5]);
    assert_eq!(seqs(store.audit_page(Some(5), 3).await.unwrap()), [4, 3, 2]);
    assert_eq!(seqs(store.audit_page(Some(2), 3).await.unwrap()), [1]);
    assert!(store.audit_page(Some(1), 3).await.unwrap().is_empty());
    assert_eq!(store.audit_page(None, 100).await.unwrap().len(), 7);
}

// ---------------------------------------------------------------- statistics

fn at(month: u32, day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, month, day, hour, 0, 0).unwrap()
}

/// Five reports across three months, three provinces, abroad and unknown.
/// One is answered after two hours; one is taken after half an hour and
/// closed after three days.
async fn stats_reports(store: &Arc<dyn Store>) {
    add_worker(&**store, "w1", Role::Petugas).await;
    put(store, &["w1"], |m| {
        m.created_at = at(1, 15, 10);
        m.violence_types = vec![ViolenceType::Fisik, ViolenceType::Psikis];
        m.area = area("64.72");
        m.age_band = Some(AgeBand::A25_44);
        m.victim_sex = Some(Sex::Perempuan);
        m.urgency = Urgency::High;
    })
    .await;
    let answered = put(store, &["w1"], |m| {
        m.created_at = at(1, 31, 23);
        m.violence_types = vec![ViolenceType::Seksual];
        m.area = area("64.71");
        m.age_band = Some(AgeBand::A13_17);
        m.victim_sex = Some(Sex::Perempuan);
        m.urgency = Urgency::Urgent;
    })
    .await;
    move_status(
        store,
        &answered,
        at(2, 1, 1),
        Status::Baru,
        Status::Ditinjau,
    )
    .await;
    let closed = put(store, &["w1"], |m| {
        m.created_at = at(2, 3, 0);
        m.violence_types = vec![ViolenceType::Fisik];
        m.area = area("31.71");
        m.age_band = None;
        m.victim_sex = None;
        m.urgency = Urgency::Normal;
    })
    .await;
    let closed_at = at(2, 3, 0);
    assign_to(
        store,
        closed.report.meta.id,
        Some("w1"),
        closed_at + Duration::minutes(30),
    )
    .await;
    move_status(
        store,
        &closed,
        closed_at + Duration::days(3),
        Status::Baru,
        Status::Ditutup,
    )
    .await;
    put(store, &["w1"], |m| {
        m.created_at = at(2, 28, 23);
        m.violence_types = vec![ViolenceType::Trafficking];
        m.area = Some(Area::Abroad);
        m.age_band = Some(AgeBand::A18_24);
        m.victim_sex = Some(Sex::LakiLaki);
        m.urgency = Urgency::Urgent;
    })
    .await;
    put(store, &["w1"], |m| {
        m.created_at = at(3, 1, 0);
        m.violence_types = vec![ViolenceType::Lainnya];
        m.area = None;
        m.age_band = Some(AgeBand::A25_44);
        m.victim_sex = Some(Sex::TidakDisebut);
        m.urgency = Urgency::Normal;
    })
    .await;
}

fn counts(pairs: &[(&str, i64)]) -> Counts {
    Counts(pairs.iter().map(|(k, n)| ((*k).to_owned(), *n)).collect())
}

/// The figures with every dimension in key order, so the comparison does
/// not depend on the database's collation.
fn sorted(mut stats: Stats) -> Stats {
    for c in [
        &mut stats.by_month,
        &mut stats.by_type,
        &mut stats.by_province,
        &mut stats.by_regency,
        &mut stats.by_age_band,
        &mut stats.by_sex,
        &mut stats.by_urgency,
        &mut stats.by_status,
    ] {
        c.0.sort();
    }
    stats
}

async fn statistics_count_reports_along_each_dimension(store: Arc<dyn Store>) {
    assert_eq!(
        store.stats(&StatsScope::default()).await.unwrap(),
        Stats::default(),
        "an empty database"
    );
    stats_reports(&store).await;
    let stats = sorted(store.stats(&StatsScope::default()).await.unwrap());
    let expected = Stats {
        total: 5,
        by_month: counts(&[("2026-01", 2), ("2026-02", 2), ("2026-03", 1)]),
        by_type: counts(&[
            ("fisik", 2),
            ("lainnya", 1),
            ("psikis", 1),
            ("seksual", 1),
            ("trafficking", 1),
        ]),
        by_province: counts(&[("", 1), ("31", 1), ("64", 2), ("abroad", 1)]),
        by_regency: counts(&[
            ("", 1),
            ("31.71", 1),
            ("64.71", 1),
            ("64.72", 1),
            ("abroad", 1),
        ]),
        by_age_band: counts(&[("", 1), ("a13_17", 1), ("a18_24", 1), ("a25_44", 2)]),
        by_sex: counts(&[
            ("", 1),
            ("laki_laki", 1),
            ("perempuan", 2),
            ("tidak_disebut", 1),
        ]),
        by_urgency: counts(&[("high", 1), ("normal", 2), ("urgent", 2)]),
        by_status: counts(&[("baru", 3), ("ditinjau", 1), ("ditutup", 1)]),
        response_ms: vec![
            Duration::minutes(30).num_milliseconds(),
            Duration::hours(2).num_milliseconds(),
        ],
        close_ms: vec![Duration::days(3).num_milliseconds()],
    };
    assert_eq!(stats, expected);
}

async fn the_closing_median_reads_only_the_middle_times(store: Arc<dyn Store>) {
    add_worker(&*store, "w1", Role::Petugas).await;
    let created = at(1, 1, 0);
    // Closed after 5, 1, 4, 2 and 3 days, in that order.
    for days in [5, 1, 4, 2, 3] {
        let report = put(&store, &["w1"], |m| m.created_at = created).await;
        let closed = created + Duration::days(days);
        move_status(&store, &report, closed, Status::Baru, Status::Ditutup).await;
    }
    let day = Duration::days(1).num_milliseconds();
    let odd = store.stats(&StatsScope::default()).await.unwrap();
    assert_eq!(odd.close_ms, [3 * day], "five times: the third");
    let sixth = put(&store, &["w1"], |m| m.created_at = created).await;
    move_status(
        &store,
        &sixth,
        created + Duration::days(6),
        Status::Baru,
        Status::Ditutup,
    )
    .await;
    let even = store.stats(&StatsScope::default()).await.unwrap();
    assert_eq!(
        even.close_ms,
        [3 * day, 4 * day],
        "six times: the two middle ones"
    );
}

async fn statistics_are_limited_to_the_scope_regions_and_dates(store: Arc<dyn Store>) {
    stats_reports(&store).await;
    let total = |scope: StatsScope| {
        let store = store.clone();
        async move { store.stats(&scope).await.unwrap().total }
    };
    let regions = |codes: &[&str]| StatsScope {
        regions: codes.iter().map(|c| (*c).to_owned()).collect(),
        ..StatsScope::default()
    };
    assert_eq!(total(regions(&["64"])).await, 2);
    assert_eq!(total(regions(&["64.71"])).await, 1);
    assert_eq!(total(regions(&["64.71", "31"])).await, 2);
    assert_eq!(total(regions(&["64.73"])).await, 0);
    assert_eq!(total(regions(&["6"])).await, 0);

    let since_february = StatsScope {
        from: Some(at(2, 1, 0)),
        ..StatsScope::default()
    };
    assert_eq!(total(since_february.clone()).await, 3);
    let before_february = StatsScope {
        to: Some(at(2, 1, 0)),
        ..StatsScope::default()
    };
    assert_eq!(total(before_february).await, 2);
    let february = StatsScope {
        from: Some(at(2, 1, 0)),
        to: Some(at(3, 1, 0)),
        ..StatsScope::default()
    };
    let stats = sorted(store.stats(&february).await.unwrap());
    assert_eq!(stats.total, 2, "`to` is exclusive");
    assert_eq!(stats.by_month, counts(&[("2026-02", 2)]));
    assert_eq!(stats.by_province, counts(&[("31", 1), ("abroad", 1)]));
    assert_eq!(stats.close_ms, [Duration::days(3).num_milliseconds()]);

    let kaltim_late_january = StatsScope {
        regions: vec!["64".into()],
        from: Some(at(1, 20, 0)),
        to: None,
    };
    let stats = sorted(store.stats(&kaltim_late_january).await.unwrap());
    assert_eq!(stats.total, 1);
    assert_eq!(stats.by_type, counts(&[("seksual", 1)]));
    assert_eq!(stats.by_status, counts(&[("ditinjau", 1)]));
    assert_eq!(stats.response_ms, [Duration::hours(2).num_milliseconds()]);
    assert!(stats.close_ms.is_empty());
}

// ---------------------------------------------------------------- deletion

async fn deleting_a_report_removes_its_timeline_and_referrals(store: Arc<dyn Store>) {
    add_worker(&*store, "w1", Role::Petugas).await;
    let m1 = KeyPair::generate();
    let made = put(&store, &["w1"], |_| {}).await;
    let id = made.report.meta.id;
    let kept = put(&store, &["w1"], |_| {}).await;
    for m in [&made, &kept] {
        let rid = m.report.meta.id;
        move_status(&store, m, t(1), Status::Baru, Status::Ditinjau).await;
        assign_to(&store, rid, Some("w1"), t(2)).await;
        refer(&store, rid, "dinsos", &[("m1", &m1)], t(3)).await;
    }

    store
        .delete_report(&id, &super::fixtures::audit_of("retention", id))
        .await
        .unwrap();
    assert!(store.events_of(&id).await.unwrap().is_empty());
    assert!(store.referrals_of(&id).await.unwrap().is_empty());
    assert!(store.referral_for(&id, "m1").await.unwrap().is_none());
    assert!(matches!(
        store.report_meta(&id).await,
        Err(StoreError::NotFound)
    ));
    let liaison = query(Viewer::Agency {
        agency: "dinsos".into(),
        worker_id: "m1".into(),
    });
    assert_eq!(ids(&store, &liaison).await, [kept.report.meta.id]);

    let kept = kept.report.meta.id;
    assert_eq!(store.events_of(&kept).await.unwrap().len(), 3);
    assert_eq!(store.referrals_of(&kept).await.unwrap().len(), 1);
    assert!(store.referral_for(&kept, "m1").await.unwrap().is_some());
}
