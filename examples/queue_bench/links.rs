//! The linking cases of the queue benchmark (issue 16): seeds about three
//! blind indexes per report (a phone number, a company and a person's
//! name), with one report in twenty naming one of a pool of recruiters so
//! that networks form, and the clusters those recruiters make; then times
//!
//! - matching a new report: the transaction that stores its links and
//!   files it into its network (`Write::write` of a batch with only its
//!   links: the advisory lock on PostgreSQL, the inserts, one or two index
//!   probes per identifier, the merge, the commit);
//! - reading its "Laporan terkait" (`Links::related_reports`);
//! - the networks page: `service::links::clusters` and `GET /networks`
//!   as a koordinator.

use std::collections::BTreeMap;
use std::time::Instant;

use suara::crypto::BlindIndex;
use suara::domain::ReportId;
use suara::domain::identifiers::LinkKind;
use suara::store::{Batch, NewLinks, Recipient, Store};

use super::{BoxError, REPORT_COLS, Raw, Rng, Timing, V, ms, summarize};

/// One report in this many names a recruiter of the pool.
const RECRUITED_EVERY: u64 = 20;
/// Distinct person names: names are shared a lot (they are coarse).
const NAMES: u64 = 20_000;

/// 16 bytes standing for the blind index of identifier `n` of `kind`
/// (random-looking, as an HMAC is).
fn blind(kind: LinkKind, n: u64) -> Vec<u8> {
    let salt = match kind {
        LinkKind::Phone => 1,
        LinkKind::Account => 2,
        LinkKind::Company => 3,
        LinkKind::Name => 4,
        LinkKind::Bank => 5,
    };
    let mut rng = Rng(n.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ salt);
    let mut out = rng.next().to_le_bytes().to_vec();
    out.extend_from_slice(&rng.next().to_le_bytes());
    out
}

fn index(kind: LinkKind, n: u64) -> BlindIndex {
    BlindIndex::from_bytes(blind(kind, n).try_into().expect("16 bytes"))
}

/// What was seeded.
pub struct Seeded {
    pub links: usize,
    pub clustered: usize,
    pub clusters: usize,
    pub recruiters: u64,
}

/// Seeds the links and clusters of every report already stored.
pub async fn seed(raw: &mut Raw, store: &dyn Store) -> Result<Seeded, BoxError> {
    let ids: Vec<String> = match store.backend() {
        suara::store::Backend::Sqlite => {
            let Raw::Sqlite(c) = raw else { unreachable!() };
            let rows: Vec<(String,)> = sqlx::query_as("SELECT id FROM reports ORDER BY id")
                .fetch_all(&mut **c)
                .await?;
            rows.into_iter().map(|(i,)| i).collect()
        }
        suara::store::Backend::Postgres => {
            let Raw::Pg(c) = raw else { unreachable!() };
            let rows: Vec<(String,)> = sqlx::query_as("SELECT id FROM reports ORDER BY id")
                .fetch_all(&mut **c)
                .await?;
            rows.into_iter().map(|(i,)| i).collect()
        }
    };
    let recruiters = (ids.len() as u64 / 100).max(10);
    let mut rng = Rng(0x5EED_0016);
    let mut by_recruiter: BTreeMap<u64, Vec<String>> = BTreeMap::new();
    let (mut rows, mut links) = (Vec::new(), 0);
    raw.exec("BEGIN", vec![]).await?;
    for (i, id) in ids.iter().enumerate() {
        let i = i as u64;
        let (phone, company) = if rng.below(RECRUITED_EVERY) == 0 {
            let r = rng.below(recruiters);
            by_recruiter.entry(r).or_default().push(id.clone());
            (u64::MAX - r, u64::MAX - r)
        } else {
            (i, i)
        };
        for (kind, n) in [
            (LinkKind::Phone, phone),
            (LinkKind::Company, company),
            (LinkKind::Name, rng.below(NAMES)),
        ] {
            rows.push(vec![
                V::T(id.clone()),
                V::T(kind.as_str().into()),
                V::Blob(blind(kind, n)),
            ]);
        }
        if rows.len() >= 1500 {
            links += rows.len();
            raw.insert("report_links", &["report_id", "kind", "blind"], &mut rows)
                .await?;
        }
    }
    links += rows.len();
    raw.insert("report_links", &["report_id", "kind", "blind"], &mut rows)
        .await?;
    let (mut clustered, mut clusters) = (0, 0);
    let mut rows = Vec::new();
    for members in by_recruiter.values().filter(|m| m.len() >= 2) {
        clusters += 1;
        let first = members.iter().min().expect("two").clone();
        for m in members {
            clustered += 1;
            rows.push(vec![V::T(m.clone()), V::T(first.clone()), V::I(0)]);
            if rows.len() >= 3000 {
                raw.insert(
                    "report_clusters",
                    &["report_id", "cluster_id", "linked_at"],
                    &mut rows,
                )
                .await?;
            }
        }
    }
    raw.insert(
        "report_clusters",
        &["report_id", "cluster_id", "linked_at"],
        &mut rows,
    )
    .await?;
    // The networks' summary rows, as migration 0007 fills them from
    // clusters already stored.
    raw.exec(backfill(raw.is_sqlite()), vec![]).await?;
    raw.exec("COMMIT", vec![]).await?;
    Ok(Seeded {
        links,
        clustered,
        clusters,
        recruiters,
    })
}

/// The `INSERT … SELECT` of migration 0007 that writes a summary row for
/// every stored cluster.
fn backfill(sqlite: bool) -> &'static str {
    let file = if sqlite {
        include_str!("../../migrations/sqlite/0007_cluster_summaries.sql")
    } else {
        include_str!("../../migrations/postgres/0007_cluster_summaries.sql")
    };
    let at = (file.find("WITH sizes AS")).expect("migration 0007 fills the summaries");
    &file[at..]
}

/// The timings of the linking cases.
pub struct LinkTimings {
    pub matching: Timing,
    pub related: Timing,
    pub clusters: Timing,
    pub page: Timing,
    /// `GET /stats` and `POST /stats.csv` (issue 14: statistics at scale).
    pub stats: Timing,
    pub csv: Timing,
}

/// Times matching `iters` new reports, their "Laporan terkait", and the
/// networks page (`base` is the console, `cookie` a koordinator's).
pub async fn time(
    raw: &mut Raw,
    store: &dyn Store,
    seeded: &Seeded,
    koordinator: &str,
    base: &str,
    cookie: &str,
    iters: usize,
) -> Result<LinkTimings, BoxError> {
    // The new reports, stored first: only their links are timed.
    let now = chrono::Utc::now().timestamp_millis();
    let mut fresh = Vec::with_capacity(iters);
    let mut rows = Vec::new();
    for i in 0..iters {
        let id = ReportId::new();
        let mut receipt = id.as_uuid().as_bytes().to_vec();
        receipt.extend_from_slice(b"links-bench-new!");
        rows.push(vec![
            V::T(id.to_string()),
            V::I(now),
            V::I(now),
            V::T("baru".into()),
            V::T("high".into()),
            V::I(1),
            V::OT(Some("64.72".into())),
            V::OT(None),
            V::OT(None),
            V::OT(None),
            V::B(false),
            V::OT(None),
            V::OI(None),
            V::OI(None),
            V::Blob(receipt),
            V::OBlob(None),
            V::OBlob(None),
            V::Blob(vec![0xAB; 700]),
            V::B(false),
        ]);
        fresh.push((id, i as u64));
    }
    raw.insert("reports", REPORT_COLS, &mut rows).await?;
    let mut matching = Vec::with_capacity(iters);
    let mut related = Vec::with_capacity(iters);
    let recipient = Recipient::Worker(koordinator.to_owned());
    for (id, i) in &fresh {
        // A known recruiter's number, a company never seen, a common name.
        let links = vec![
            (
                LinkKind::Phone,
                index(LinkKind::Phone, u64::MAX - i % seeded.recruiters),
            ),
            (
                LinkKind::Company,
                index(LinkKind::Company, u64::MAX / 2 - i),
            ),
            (LinkKind::Name, index(LinkKind::Name, i % NAMES)),
        ];
        let batch = Batch {
            links: vec![NewLinks {
                report_id: *id,
                at: chrono::Utc::now(),
                links,
            }],
            ..Batch::default()
        };
        let t = Instant::now();
        store.write(&batch).await?;
        matching.push(ms(t.elapsed()));
        let t = Instant::now();
        store.related_reports(id, &recipient, 500).await?;
        related.push(ms(t.elapsed()));
    }
    if super::env_flag("SUARA_BENCH_PLANS", true) {
        print_plans(raw, seeded, &fresh[0].0).await?;
    }
    let mut clusters = Vec::with_capacity(iters);
    for _ in 0..iters {
        let t = Instant::now();
        suara::service::links::clusters(store).await?;
        clusters.push(ms(t.elapsed()));
    }
    let client = reqwest::Client::new();
    let url = format!("{base}networks");
    let mut page = Vec::with_capacity(iters);
    for _ in 0..iters + 3 {
        let t = Instant::now();
        let response = client.get(&url).header("cookie", cookie).send().await?;
        let status = response.status();
        let body = response.text().await?;
        if !status.is_success() || !body.contains("/networks/") {
            return Err(format!("networks page answered {status}: {body:.300}").into());
        }
        page.push(ms(t.elapsed()));
    }
    page.drain(..3);
    let (stats, csv) = time_stats(&client, base, cookie, iters).await?;
    Ok(LinkTimings {
        stats,
        csv,
        matching: summarize(matching),
        related: summarize(related),
        clusters: summarize(clusters),
        page: summarize(page),
    })
}

/// The statistics page and its CSV, as a koordinator (every region).
async fn time_stats(
    client: &reqwest::Client,
    base: &str,
    cookie: &str,
    iters: usize,
) -> Result<(Timing, Timing), BoxError> {
    let (mut page, mut csv) = (Vec::new(), Vec::new());
    let mut token = String::new();
    for _ in 0..iters + 1 {
        let t = Instant::now();
        let response = client
            .get(format!("{base}stats"))
            .header("cookie", cookie)
            .send()
            .await?;
        let status = response.status();
        let body = response.text().await?;
        page.push(ms(t.elapsed()));
        let field = body
            .split("name=\"csrf\" value=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next());
        match field {
            Some(value) if status.is_success() => token = value.to_owned(),
            _ => return Err(format!("statistics page answered {status}: {body:.300}").into()),
        }
    }
    for _ in 0..iters + 1 {
        let t = Instant::now();
        let response = client
            .post(format!("{base}stats.csv"))
            .header("cookie", cookie)
            .form(&[("csrf", token.as_str())])
            .send()
            .await?;
        let status = response.status();
        let body = response.text().await?;
        if !status.is_success() || body.is_empty() {
            return Err(format!("statistics CSV answered {status}: {body:.300}").into());
        }
        csv.push(ms(t.elapsed()));
    }
    page.remove(0);
    csv.remove(0);
    Ok((summarize(page), summarize(csv)))
}

/// The plans of the probe a new report's matching makes per identifier, of its related
/// reports and of the networks list (blind indexes inlined as literals).
async fn print_plans(raw: &mut Raw, seeded: &Seeded, report: &ReportId) -> Result<(), BoxError> {
    let bytes = blind(LinkKind::Phone, u64::MAX - 1 % seeded.recruiters);
    let literal = if raw.is_sqlite() {
        format!("X'{}'", hex::encode(&bytes))
    } else {
        format!("'\\x{}'::bytea", hex::encode(&bytes))
    };
    let cases = [
        (
            "match: the networks and the reports in none naming the number",
            format!(
                "SELECT DISTINCT c.cluster_id, \
                     CASE WHEN c.cluster_id IS NULL THEN l.report_id END \
                 FROM report_links l LEFT JOIN report_clusters c ON c.report_id = l.report_id \
                 WHERE l.kind = 'phone' AND l.blind = {literal} AND l.report_id <> '{report}' LIMIT 32"
            ),
        ),
        (
            "networks list",
            "SELECT cluster_id, size, first_at, last_at, areas, types FROM cluster_summaries \
             ORDER BY last_at DESC, cluster_id LIMIT 50"
                .to_owned(),
        ),
    ];
    for (name, sql) in cases {
        println!("\n-- plan: {name}");
        for line in raw.plan(&sql, &[]).await? {
            println!("   {line}");
        }
    }
    Ok(())
}
