//! Benchmark of the console's triage queue on a large database.
//!
//! Seeds a fresh SQLite file and a fresh PostgreSQL database with
//! `SUARA_BENCH_REPORTS` reports (100,000 by default) by direct multi-row
//! INSERTs (no HPKE: the queue never opens a key, so the key blobs are
//! dummies), then times, for a koordinator, a petugas and a newcomer
//! petugas with few keys, and several filters, the first page and a page
//! about twenty pages deep (or the last page, if there are fewer):
//!
//! - `ConsoleStore::queue` (the page query plus the violence-type query);
//! - the whole queue page over HTTP (session lookup, render, loopback),
//!   with the handler's own `Server-Timing: db` figure.
//!
//! It then seeds about three blind indexes per report and the networks
//! they form, and times matching a new report, its "Laporan terkait" and
//! the networks page (issue 16; see `queue_bench/links.rs`).
//!
//! It also prints the query plans (EXPLAIN QUERY PLAN on SQLite, EXPLAIN
//! ANALYZE on PostgreSQL) of every measured page.
//!
//! ```text
//! cargo run --release --example queue_bench              # both databases
//! cargo run --release --example queue_bench -- sqlite    # one of them
//! ```
//!
//! Environment: `SUARA_BENCH_REPORTS` (100000), `SUARA_BENCH_ITERS` (50),
//! `SUARA_BENCH_PG_URL` (postgres://postgres@127.0.0.1:5432/postgres, an
//! admin connection; the run creates and drops the database `suara_bench`),
//! `SUARA_BENCH_KEEP=1` keeps that database and the SQLite file,
//! `SUARA_BENCH_PLANS=0` skips the plans, `SUARA_BENCH_QUEUE=0` the queue
//! pages (linking and statistics only), `SUARA_BENCH_SQLITE_ANALYZE=1`
//! runs ANALYZE on SQLite too (Suara itself never does). See
//! docs/performance.md.
//!
//! Not a test: run it by hand, in release mode.

use std::error::Error;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Utc;
use sqlx::pool::PoolConnection;
use sqlx::{Connection, PgPool, Postgres, Row as _, Sqlite, SqlitePool};
use suara::config::Settings;
use suara::console::ConsoleState;
use suara::crypto::{
    KdfParams, KeyPair, PasswordKdf, ServerKey, SessionToken, UnlockedPrivateKey, random_token,
};
use suara::domain::ViolenceType;
use suara::domain::report::Status;
use suara::domain::role::Role;
use suara::domain::urgency::Urgency;
use suara::i18n::Locales;
use suara::store::{
    self, ConsoleSession, NewWorker, QueueCursor, QueueQuery, SessionStage, StatusFilter, Store,
    Viewer,
};

type BoxError = Box<dyn Error + Send + Sync>;

#[path = "queue_bench/links.rs"]
mod links;

const PAGE: i64 = 50;
/// How many pages in the "deep" page is.
const DEEP: usize = 20;
/// Reports per multi-row INSERT (19 columns: 9,500 parameters, under
/// SQLite's 32,766).
const BATCH: usize = 500;
const TWO_YEARS_MS: i64 = 730 * 24 * 3600 * 1000;

fn env_num(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.replace('_', "").parse().ok())
        .unwrap_or(default)
}

fn env_flag(name: &str, default: bool) -> bool {
    std::env::var(name)
        .map(|v| !matches!(v.as_str(), "" | "0" | "false" | "no"))
        .unwrap_or(default)
}

// ---------------------------------------------------------------- random

/// SplitMix64: a deterministic data set, without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// Picks by weight.
    fn pick<T: Copy>(&mut self, table: &[(T, u32)]) -> T {
        let total: u32 = table.iter().map(|(_, w)| w).sum();
        let mut x = self.below(u64::from(total)) as u32;
        for (v, w) in table {
            if x < *w {
                return *v;
            }
            x -= w;
        }
        table[table.len() - 1].0
    }
}

// ---------------------------------------------------------------- databases

/// A raw connection for seeding and EXPLAIN, beside the store's own pool.
enum Raw {
    Sqlite(PoolConnection<Sqlite>),
    Pg(PoolConnection<Postgres>),
}

/// A bound value.
#[derive(Clone)]
enum V {
    T(String),
    OT(Option<String>),
    I(i64),
    OI(Option<i64>),
    B(bool),
    Blob(Vec<u8>),
    OBlob(Option<Vec<u8>>),
}

macro_rules! bind_all {
    ($q:expr, $vals:expr) => {{
        let mut q = $q;
        for v in $vals {
            q = match v {
                V::T(x) => q.bind(x),
                V::OT(x) => q.bind(x),
                V::I(x) => q.bind(x),
                V::OI(x) => q.bind(x),
                V::B(x) => q.bind(x),
                V::Blob(x) => q.bind(x),
                V::OBlob(x) => q.bind(x),
            };
        }
        q
    }};
}

impl Raw {
    fn is_sqlite(&self) -> bool {
        matches!(self, Raw::Sqlite(_))
    }

    async fn exec(&mut self, sql: &str, vals: Vec<V>) -> Result<(), BoxError> {
        match self {
            Raw::Sqlite(c) => {
                bind_all!(sqlx::query(sql), vals).execute(&mut **c).await?;
            }
            Raw::Pg(c) => {
                bind_all!(sqlx::query(sql), vals).execute(&mut **c).await?;
            }
        }
        Ok(())
    }

    /// `INSERT INTO table (cols) VALUES (...), (...)` for `rows`.
    async fn insert(
        &mut self,
        table: &str,
        cols: &[&str],
        rows: &mut Vec<Vec<V>>,
    ) -> Result<(), BoxError> {
        if rows.is_empty() {
            return Ok(());
        }
        let mut sql = format!("INSERT INTO {table} ({}) VALUES ", cols.join(", "));
        let mut n = 0;
        for (i, row) in rows.iter().enumerate() {
            if i > 0 {
                sql.push_str(", ");
            }
            sql.push('(');
            for j in 0..row.len() {
                if j > 0 {
                    sql.push_str(", ");
                }
                n += 1;
                // SQLite looks `$N` names up one by one; `?` is positional.
                if self.is_sqlite() {
                    sql.push('?');
                } else {
                    sql.push_str(&format!("${n}"));
                }
            }
            sql.push(')');
        }
        let vals: Vec<V> = rows.drain(..).flatten().collect();
        self.exec(&sql, vals).await
    }

    /// The plan of `sql`: EXPLAIN QUERY PLAN on SQLite, EXPLAIN ANALYZE on
    /// PostgreSQL.
    async fn plan(&mut self, sql: &str, args: &[Arg]) -> Result<Vec<String>, BoxError> {
        let vals: Vec<V> = args
            .iter()
            .map(|a| match a {
                Arg::Text(s) => V::T(s.clone()),
                Arg::Int(i) => V::I(*i),
            })
            .collect();
        Ok(match self {
            Raw::Sqlite(c) => {
                let q = format!("EXPLAIN QUERY PLAN {sql}");
                let rows: Vec<(i64, i64, i64, String)> = bind_all!(sqlx::query_as(&q), vals)
                    .fetch_all(&mut **c)
                    .await?;
                let mut depth: Vec<(i64, usize)> = Vec::new();
                rows.into_iter()
                    .map(|(id, parent, _, detail)| {
                        let d = depth
                            .iter()
                            .find(|(i, _)| *i == parent)
                            .map_or(0, |(_, d)| d + 1);
                        depth.push((id, d));
                        format!("{}{detail}", "  ".repeat(d))
                    })
                    .collect()
            }
            Raw::Pg(c) => {
                let q = format!("EXPLAIN (ANALYZE, BUFFERS) {sql}");
                let rows: Vec<(String,)> = bind_all!(sqlx::query_as(&q), vals)
                    .fetch_all(&mut **c)
                    .await?;
                rows.into_iter().map(|(l,)| l).collect()
            }
        })
    }
}

// ---------------------------------------------------------------- the query

enum Arg {
    Text(String),
    Int(i64),
}

/// The columns `queue_sql` selects (the plan depends on them: an index
/// that holds them all is read without the table).
const QUEUE_COLUMNS: &str = "r.id, r.created_at, r.updated_at, r.status, r.urgency, r.region_code, \
     r.age_band, r.victim_sex, r.reporter_role, r.contact_allowed, r.assigned_to, \
     r.acknowledged_at, r.closed_at, r.referred, r.urgency_rank";

/// A copy of `queue_sql` in src/store/console_rows.rs (which is private),
/// for EXPLAIN only. `check_mirror` compares its rows with
/// `ConsoleStore::queue` on every case, so a drift is caught.
fn queue_sql_mirror(q: &QueueQuery) -> (String, Vec<Arg>) {
    fn text(args: &mut Vec<Arg>, v: String) -> String {
        args.push(Arg::Text(v));
        format!("${}", args.len())
    }
    let mut args: Vec<Arg> = Vec::new();
    let mut cond: Vec<String> = Vec::new();
    if let Viewer::Keys {
        worker_id,
        only_unassigned_or_mine,
    } = &q.viewer
    {
        let recipient = text(&mut args, format!("worker:{worker_id}"));
        cond.push(format!(
            "EXISTS (SELECT 1 FROM report_keys k WHERE k.report_id = r.id \
             AND k.recipient = {recipient})"
        ));
        if *only_unassigned_or_mine {
            let me = text(&mut args, worker_id.clone());
            cond.push(format!(
                "NOT (r.assigned_to IS NOT NULL AND r.assigned_to <> {me})"
            ));
        }
    }
    match q.status {
        StatusFilter::Open => cond.push("r.closed_at IS NULL".into()),
        StatusFilter::All => {}
        StatusFilter::Only(s) => {
            let p = text(&mut args, s.as_str().into());
            cond.push(format!("r.status = {p}"));
        }
    }
    if let Some(u) = q.urgency {
        args.push(Arg::Int(match u {
            Urgency::Urgent => 2,
            Urgency::High => 1,
            Urgency::Normal => 0,
        }));
        cond.push(format!("r.urgency_rank = ${}", args.len()));
    }
    if let Some(t) = q.violence_type {
        let p = text(&mut args, t.as_str().into());
        cond.push(format!(
            "EXISTS (SELECT 1 FROM report_types t WHERE t.report_id = r.id AND t.violence_type = {p})"
        ));
    }
    if let Some(region) = &q.region {
        let exact = text(&mut args, region.clone());
        let inside = text(&mut args, format!("{region}.%"));
        cond.push(format!(
            "(r.region_code = {exact} OR r.region_code LIKE {inside})"
        ));
    }
    if let Some(who) = &q.assigned_to {
        let p = text(&mut args, who.clone());
        cond.push(format!("r.assigned_to = {p}"));
    }
    if q.referred {
        cond.push("r.referred = TRUE".into());
    }
    args.push(Arg::Int(q.limit));
    let limit = format!("${}", args.len());
    let page = |extra: Option<&str>, order: &str| {
        let all: Vec<&str> = cond.iter().map(String::as_str).chain(extra).collect();
        format!(
            "SELECT {QUEUE_COLUMNS} FROM reports r WHERE {} ORDER BY {order} LIMIT {limit}",
            all.join(" AND ")
        )
    };
    let order = "r.urgency_rank DESC, r.created_at, r.id";
    let sql = match &q.after {
        None => page(None, order),
        Some(c) => {
            args.push(Arg::Int(c.urgency_rank));
            let rank = format!("${}", args.len());
            args.push(Arg::Int(c.created_at));
            let created = format!("${}", args.len());
            let id = text(&mut args, c.id.clone());
            let same = page(
                Some(&format!(
                    "r.urgency_rank = {rank} AND (r.created_at, r.id) > ({created}, {id})"
                )),
                "r.created_at, r.id",
            );
            let lower = page(Some(&format!("r.urgency_rank < {rank}")), order);
            format!(
                "SELECT * FROM (SELECT * FROM ({same}) a UNION ALL SELECT * FROM ({lower}) b) q \
                 ORDER BY q.urgency_rank DESC, q.created_at, q.id LIMIT {limit}"
            )
        }
    };
    (sql, args)
}

async fn mirror_ids(raw: &mut Raw, q: &QueueQuery) -> Result<Vec<String>, BoxError> {
    let (sql, args) = queue_sql_mirror(q);
    let vals: Vec<V> = args
        .into_iter()
        .map(|a| match a {
            Arg::Text(s) => V::T(s),
            Arg::Int(i) => V::I(i),
        })
        .collect();
    Ok(match raw {
        Raw::Sqlite(c) => {
            let rows = bind_all!(sqlx::query(&sql), vals)
                .fetch_all(&mut **c)
                .await?;
            rows.iter()
                .map(|r| r.try_get::<String, _>(0))
                .collect::<Result<_, _>>()?
        }
        Raw::Pg(c) => {
            let rows = bind_all!(sqlx::query(&sql), vals)
                .fetch_all(&mut **c)
                .await?;
            rows.iter()
                .map(|r| r.try_get::<String, _>(0))
                .collect::<Result<_, _>>()?
        }
    })
}

// ---------------------------------------------------------------- seeding

struct Worker {
    id: String,
    username: &'static str,
    role: Role,
    private: UnlockedPrivateKey,
}

async fn create_workers(store: &dyn Store) -> Result<Vec<Worker>, BoxError> {
    let kdf = PasswordKdf::new(KdfParams::INSECURE_FOR_TESTS)?;
    let mut out = Vec::new();
    for (username, role, regions) in [
        ("koordinator", Role::Koordinator, vec!["64".to_owned()]),
        ("petugas", Role::Petugas, vec!["64.72".to_owned()]),
        ("petugas2", Role::Petugas, vec!["64.71".to_owned()]),
        ("petugas_new", Role::Petugas, vec!["64.02".to_owned()]),
    ] {
        let pair = KeyPair::generate();
        let id = uuid::Uuid::new_v4().to_string();
        let password = "bench-password-long";
        store
            .write(&suara::store::Batch {
                workers: vec![NewWorker {
                    id: id.clone(),
                    username: username.to_owned(),
                    role,
                    regions,
                    agency: None,
                    password_hash: kdf.hash_password(password)?,
                    totp: None,
                    public_key: pair.public,
                    private_key: kdf.wrap(&pair.private, password)?,
                    created_at: Utc::now(),
                    created_by: Some("bench".to_owned()),
                    approved_by: Some("bench".to_owned()),
                    enrolment: None,
                }],
                ..Default::default()
            })
            .await?;
        out.push(Worker {
            id,
            username,
            role,
            private: pair.private,
        });
    }
    Ok(out)
}

struct SeedStats {
    keys: usize,
    types: usize,
    open: usize,
    petugas_keys: usize,
}

const REPORT_COLS: &[&str] = &[
    "id",
    "created_at",
    "updated_at",
    "status",
    "urgency",
    "urgency_rank",
    "region_code",
    "age_band",
    "victim_sex",
    "reporter_role",
    "contact_allowed",
    "assigned_to",
    "acknowledged_at",
    "closed_at",
    "receipt_hash",
    "reporter_ref",
    "chat_sealed",
    "payload_sealed",
    "referred",
];

/// Inserts `n` reports with their types and keys in one transaction.
async fn seed(raw: &mut Raw, n: usize, workers: &[Worker]) -> Result<SeedStats, BoxError> {
    let (koord, petugas, petugas2) = (&workers[0].id, &workers[1].id, &workers[2].id);
    let now = Utc::now().timestamp_millis();
    let mut rng = Rng(0x5EED_0001);
    // Sizes of the real blobs: a sealed payload of a short report, an
    // HPKE-sealed 32-byte key, a sealed chat reference.
    let payload = vec![0xAB; 700];
    let key_blob = vec![0xCD; 96];
    let chat = vec![0xEF; 64];
    let mut stats = SeedStats {
        keys: 0,
        types: 0,
        open: 0,
        petugas_keys: 0,
    };
    let (mut reports, mut types, mut keys) = (Vec::new(), Vec::new(), Vec::new());
    raw.exec("BEGIN", vec![]).await?;
    for i in 0..n {
        let created = now - (rng.unit() * TWO_YEARS_MS as f64) as i64;
        let mut tail = [0u8; 10];
        tail.copy_from_slice(&rng.next().to_le_bytes().repeat(2)[..10]);
        let uuid = uuid::Builder::from_unix_timestamp_millis(created as u64, &tail).into_uuid();
        let id = uuid.hyphenated().to_string();
        let urgency = rng.pick(&[
            (Urgency::Normal, 70),
            (Urgency::High, 20),
            (Urgency::Urgent, 10),
        ]);
        let rank = match urgency {
            Urgency::Urgent => 2,
            Urgency::High => 1,
            Urgency::Normal => 0,
        };
        let status = rng.pick(&[
            (Status::Baru, 6),
            (Status::Ditinjau, 5),
            (Status::Ditindaklanjuti, 6),
            (Status::Dirujuk, 3),
            (Status::Selesai, 55),
            (Status::Ditutup, 25),
        ]);
        let acknowledged = (status != Status::Baru)
            .then(|| (created + 300_000 + rng.below(2 * 86_400_000) as i64).min(now));
        let closed = (!status.is_open()).then(|| {
            (acknowledged.unwrap_or(created) + 3_600_000 + rng.below(60 * 86_400_000) as i64)
                .min(now)
        });
        stats.open += usize::from(status.is_open());
        let updated = closed.or(acknowledged).unwrap_or(created);
        let region = rng.pick(&[
            (Some("64.71"), 25),
            (Some("64.72"), 30),
            (Some("64.02"), 15),
            (Some("64.03"), 10),
            (Some("abroad"), 15),
            (None, 5),
        ]);
        let age = rng.pick(&[
            (Some("a0_5"), 3),
            (Some("a6_12"), 8),
            (Some("a13_17"), 15),
            (Some("a18_24"), 25),
            (Some("a25_44"), 35),
            (Some("a45_59"), 8),
            (Some("a60_plus"), 2),
            (None, 4),
        ]);
        let sex = rng.pick(&[
            (Some("perempuan"), 75),
            (Some("laki_laki"), 15),
            (Some("tidak_disebut"), 5),
            (None, 5),
        ]);
        let role = rng.pick(&[(Some("myself"), 70), (Some("someone_else"), 25), (None, 5)]);
        let contact = rng.unit() < 0.6;
        // One petugas holds ~20% of the keys; most of the reports they hold
        // are assigned to them or to a colleague.
        let petugas_holds = rng.unit() < 0.2;
        let a = rng.unit();
        let assigned = if petugas_holds {
            match a {
                x if x < 0.35 => Some(petugas.clone()),
                x if x < 0.50 => Some(petugas2.clone()),
                x if x < 0.60 => Some(koord.clone()),
                _ => None,
            }
        } else {
            match a {
                x if x < 0.40 => Some(petugas2.clone()),
                x if x < 0.50 => Some(koord.clone()),
                _ => None,
            }
        };
        // A newcomer who holds ~1% of the keys: the worst case for a plan
        // that walks the queue and probes each report for a key.
        let newcomer_holds = rng.unit() < 0.01;
        let referred = status == Status::Dirujuk || (closed.is_some() && rng.unit() < 0.1);
        let mut receipt = uuid.as_bytes().to_vec();
        receipt.extend_from_slice(uuid.as_bytes());
        reports.push(vec![
            V::T(id.clone()),
            V::I(created),
            V::I(updated),
            V::T(status.as_str().into()),
            V::T(urgency.as_str().into()),
            V::I(rank),
            V::OT(region.map(Into::into)),
            V::OT(age.map(Into::into)),
            V::OT(sex.map(Into::into)),
            V::OT(role.map(Into::into)),
            V::B(contact),
            V::OT(assigned),
            V::OI(acknowledged),
            V::OI(closed),
            V::Blob(receipt),
            V::OBlob(contact.then(|| rng.next().to_le_bytes().repeat(4))),
            V::OBlob(contact.then(|| chat.clone())),
            V::Blob(payload.clone()),
            V::B(referred),
        ]);
        let weights = [
            (ViolenceType::Fisik, 30),
            (ViolenceType::Psikis, 25),
            (ViolenceType::Seksual, 20),
            (ViolenceType::Eksploitasi, 8),
            (ViolenceType::Trafficking, 7),
            (ViolenceType::Penelantaran, 7),
            (ViolenceType::Lainnya, 3),
        ];
        let first = rng.pick(&weights);
        let mut mine = vec![first];
        if rng.unit() < 0.5 {
            let second = rng.pick(&weights);
            if second != first {
                mine.push(second);
            }
        }
        for t in mine {
            types.push(vec![V::T(id.clone()), V::T(t.as_str().into())]);
        }
        let mut recipients = vec!["recovery".to_owned(), format!("worker:{koord}")];
        if petugas_holds {
            recipients.push(format!("worker:{petugas}"));
            stats.petugas_keys += 1;
        }
        if newcomer_holds {
            recipients.push(format!("worker:{}", workers[3].id));
        }
        for r in recipients {
            keys.push(vec![
                V::T(id.clone()),
                V::T(r),
                V::Blob(key_blob.clone()),
                V::OT(None),
                V::I(created),
            ]);
        }
        if reports.len() == BATCH || i + 1 == n {
            stats.types += types.len();
            stats.keys += keys.len();
            raw.insert("reports", REPORT_COLS, &mut reports).await?;
            raw.insert("report_types", &["report_id", "violence_type"], &mut types)
                .await?;
            raw.insert(
                "report_keys",
                &[
                    "report_id",
                    "recipient",
                    "key_sealed",
                    "granted_by",
                    "granted_at",
                ],
                &mut keys,
            )
            .await?;
        }
    }
    raw.exec("COMMIT", vec![]).await?;
    Ok(stats)
}

// ---------------------------------------------------------------- cases

#[derive(Clone, Copy)]
enum Filter {
    Open,
    All,
    StatusBaru,
    Urgent,
    Normal,
    Trafficking,
    Province,
    Mine,
}

const FILTERS: &[Filter] = &[
    Filter::Open,
    Filter::All,
    Filter::StatusBaru,
    Filter::Urgent,
    Filter::Normal,
    Filter::Trafficking,
    Filter::Province,
    Filter::Mine,
];

impl Filter {
    fn name(self) -> &'static str {
        match self {
            Filter::Open => "open (default)",
            Filter::All => "status=all",
            Filter::StatusBaru => "status=baru",
            Filter::Urgent => "urgency=urgent",
            Filter::Normal => "urgency=normal",
            Filter::Trafficking => "type=trafficking",
            Filter::Province => "region=64",
            Filter::Mine => "mine",
        }
    }

    /// The page's query string for this filter.
    fn params(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Filter::Open => &[],
            Filter::All => &[("status", "all")],
            Filter::StatusBaru => &[("status", "baru")],
            Filter::Urgent => &[("urgency", "urgent")],
            Filter::Normal => &[("urgency", "normal")],
            Filter::Trafficking => &[("type", "trafficking")],
            Filter::Province => &[("region", "64")],
            Filter::Mine => &[("mine", "1")],
        }
    }

    /// The same query as `suara::console::queue::query_for` builds.
    fn query(self, w: &Worker) -> QueueQuery {
        let mut q = QueueQuery {
            viewer: Viewer::Keys {
                worker_id: w.id.clone(),
                only_unassigned_or_mine: w.role == Role::Petugas,
            },
            status: StatusFilter::Open,
            urgency: None,
            violence_type: None,
            region: None,
            assigned_to: None,
            referred: false,
            after: None,
            limit: PAGE,
        };
        match self {
            Filter::Open => {}
            Filter::All => q.status = StatusFilter::All,
            Filter::StatusBaru => q.status = StatusFilter::Only(Status::Baru),
            Filter::Urgent => q.urgency = Some(Urgency::Urgent),
            Filter::Normal => q.urgency = Some(Urgency::Normal),
            Filter::Trafficking => q.violence_type = Some(ViolenceType::Trafficking),
            Filter::Province => q.region = Some("64".into()),
            Filter::Mine => q.assigned_to = Some(w.id.clone()),
        }
        q
    }
}

/// Who is measured: the koordinator (every key), the petugas (~20%) and
/// the newcomer (~1%).
fn viewers(workers: &[Worker]) -> impl Iterator<Item = &Worker> {
    // `SUARA_BENCH_QUEUE=0`: the linking and statistics cases only.
    let all = [&workers[0], &workers[1], &workers[3]];
    let n = if env_flag("SUARA_BENCH_QUEUE", true) {
        all.len()
    } else {
        0
    };
    all.into_iter().take(n)
}

fn filters_for(w: &Worker) -> &'static [Filter] {
    if w.username == "petugas_new" {
        &[Filter::Open, Filter::All]
    } else {
        FILTERS
    }
}

struct Timing {
    median: f64,
    p95: f64,
}

fn summarize(mut ms: Vec<f64>) -> Timing {
    ms.sort_by(f64::total_cmp);
    let p95 = ((ms.len() as f64 * 0.95).ceil() as usize).clamp(1, ms.len()) - 1;
    Timing {
        median: ms[ms.len() / 2],
        p95: ms[p95],
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

struct Row {
    db: &'static str,
    viewer: &'static str,
    filter: &'static str,
    page: usize,
    rows: usize,
    query: Timing,
    http: Timing,
    http_db: Timing,
}

/// Follows cursors from the first page; returns the last page reached
/// (at most `DEEP + 1`) and its query.
async fn deep_query(store: &dyn Store, mut q: QueueQuery) -> Result<(usize, QueueQuery), BoxError> {
    let mut page = 1;
    while page <= DEEP {
        let rows = store.queue(&q).await?;
        if rows.len() < PAGE as usize {
            break;
        }
        let last = rows.last().map(|r| r.cursor.clone());
        let next = QueueQuery {
            after: last,
            ..q.clone()
        };
        if store.queue(&next).await?.is_empty() {
            break;
        }
        q = next;
        page += 1;
    }
    Ok((page, q))
}

fn cursor_param(c: &QueueCursor) -> String {
    format!("{}.{}.{}", c.urgency_rank, c.created_at, c.id)
}

struct Http {
    client: reqwest::Client,
    base: String,
    cookie: String,
}

impl Http {
    /// One GET of the queue page; returns (elapsed, Server-Timing db ms).
    async fn get(&self, query: &[(String, String)]) -> Result<(Duration, f64), BoxError> {
        let started = Instant::now();
        let response = self
            .client
            .get(&self.base)
            .query(query)
            .header("cookie", &self.cookie)
            .send()
            .await?;
        let status = response.status();
        let db = response
            .headers()
            .get("server-timing")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("db;dur="))
            .and_then(|v| v.parse::<f64>().ok());
        let body = response.text().await?;
        let elapsed = started.elapsed();
        if !status.is_success() || !body.contains("<table") {
            return Err(format!("queue page answered {status}: {:.300}", body).into());
        }
        Ok((elapsed, db.ok_or("no server-timing header")?))
    }
}

async fn start_console(store: Arc<dyn Store>) -> Result<(String, Arc<dyn Store>), BoxError> {
    let mut settings = Settings::default();
    // The queue page says its database time only when asked to.
    settings.console.debug_timing = true;
    let state = ConsoleState::new(
        &settings,
        store.clone(),
        Arc::new(ServerKey::from_bytes(&[7u8; 32])),
        Arc::new(Locales::load()?),
        PasswordKdf::new(KdfParams::INSECURE_FOR_TESTS)?,
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    tokio::spawn(async move {
        let _ = suara::console::serve(listener, state, std::future::pending()).await;
    });
    Ok((format!("http://{addr}/"), store))
}

/// A signed-in session for `w`, as a login would leave it.
async fn session_cookie(store: &dyn Store, w: &Worker) -> Result<String, BoxError> {
    let token = SessionToken::generate();
    let now = Utc::now();
    store
        .insert_session(&ConsoleSession {
            id_hash: token.id_hash(),
            worker_id: w.id.clone(),
            stage: SessionStage::Full,
            key: Some(token.seal_private(&w.private)?),
            csrf: random_token(),
            created_at: now,
            last_seen: now,
            expires_at: now + chrono::Duration::hours(12),
        })
        .await?;
    Ok(format!("suara={}", &*token.to_cookie()))
}

async fn run_backend(
    name: &'static str,
    url: &str,
    n: usize,
    iters: usize,
) -> Result<Vec<Row>, BoxError> {
    println!("\n=== {name}: {n} reports ===");
    let store = store::connect_url(url, Settings::default().database.max_connections).await?;
    store.migrate().await?;
    let workers = create_workers(store.as_ref()).await?;
    let mut raw = if name == "sqlite" {
        Raw::Sqlite(SqlitePool::connect(url).await?.acquire().await?)
    } else {
        Raw::Pg(PgPool::connect(url).await?.acquire().await?)
    };
    let started = Instant::now();
    let s = seed(&mut raw, n, &workers).await?;
    println!(
        "seeded {n} reports ({} open), {} report_types, {} report_keys ({} to the petugas) in {:.1} s",
        s.open,
        s.types,
        s.keys,
        s.petugas_keys,
        started.elapsed().as_secs_f64()
    );
    let started = Instant::now();
    let seeded = links::seed(&mut raw, store.as_ref()).await?;
    println!(
        "seeded {} links (phone, company, name per report), {} reports in {} networks \
         ({} recruiters) in {:.1} s",
        seeded.links,
        seeded.clustered,
        seeded.clusters,
        seeded.recruiters,
        started.elapsed().as_secs_f64()
    );
    if name == "postgres" {
        // What autovacuum would have done by the time anyone reads.
        raw.exec("VACUUM ANALYZE", vec![]).await?;
        println!("VACUUM ANALYZE done");
    } else if env_flag("SUARA_BENCH_SQLITE_ANALYZE", false) {
        raw.exec("ANALYZE", vec![]).await?;
        println!("ANALYZE done");
    } else {
        println!("no ANALYZE (Suara never runs it on SQLite): the planner has no statistics");
    }

    // Plans of the first pages, and a check that the mirror is faithful.
    let show_plans = env_flag("SUARA_BENCH_PLANS", true);
    for w in viewers(&workers) {
        for f in filters_for(w) {
            let q = f.query(w);
            let (deep_page, deep) = deep_query(store.as_ref(), q.clone()).await?;
            for (page, q) in [(1, &q), (deep_page, &deep)] {
                let from_store: Vec<String> = (store.queue(q).await?.into_iter())
                    .map(|r| r.meta.id.to_string())
                    .collect();
                if from_store != mirror_ids(&mut raw, q).await? {
                    return Err(format!(
                        "queue_sql_mirror differs from queue_sql ({} / {} / page {page})",
                        w.username,
                        f.name()
                    )
                    .into());
                }
            }
            if show_plans {
                for (page, q) in [(1, &q), (deep_page, &deep)] {
                    let (sql, args) = queue_sql_mirror(q);
                    println!(
                        "\n-- plan: {name} / {} / {} / page {page}",
                        w.username,
                        f.name()
                    );
                    for line in raw.plan(&sql, &args).await? {
                        println!("   {line}");
                    }
                }
            }
        }
    }

    let (base, store) = start_console(store).await?;
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    let mut out = Vec::new();
    for w in viewers(&workers) {
        let http = Http {
            client: client.clone(),
            base: base.clone(),
            cookie: session_cookie(store.as_ref(), w).await?,
        };
        for f in filters_for(w) {
            let first = f.query(w);
            let (deep_page, deep) = deep_query(store.as_ref(), first.clone()).await?;
            let mut pages = vec![(1, first)];
            if deep_page > 1 {
                pages.push((deep_page, deep));
            }
            for (page, q) in pages {
                let mut params: Vec<(String, String)> = (f.params().iter())
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect();
                if let Some(c) = &q.after {
                    params.push(("after".into(), cursor_param(c)));
                }
                let rows = store.queue(&q).await?.len();
                for _ in 0..3 {
                    store.queue(&q).await?;
                    http.get(&params).await?;
                }
                let mut query = Vec::with_capacity(iters);
                for _ in 0..iters {
                    let t = Instant::now();
                    store.queue(&q).await?;
                    query.push(ms(t.elapsed()));
                }
                let (mut total, mut db) = (Vec::new(), Vec::new());
                for _ in 0..iters {
                    let (elapsed, server_db) = http.get(&params).await?;
                    total.push(ms(elapsed));
                    db.push(server_db);
                }
                out.push(Row {
                    db: name,
                    viewer: w.username,
                    filter: f.name(),
                    page,
                    rows,
                    query: summarize(query),
                    http: summarize(total),
                    http_db: summarize(db),
                });
            }
        }
    }
    let koordinator = &workers[0];
    let cookie = session_cookie(store.as_ref(), koordinator).await?;
    let t = links::time(
        &mut raw,
        store.as_ref(),
        &seeded,
        &koordinator.id,
        &base,
        &cookie,
        iters,
    )
    .await?;
    println!(
        "\nlinking, {name}, {n} reports, {iters} runs; milliseconds, median / p95\n\n\
         | case | median | p95 |\n|---|---:|---:|"
    );
    for (case, timing) in [
        (
            "match a new report (its links' transaction, commit included)",
            &t.matching,
        ),
        (
            "Laporan terkait of that report (related_reports)",
            &t.related,
        ),
        (
            "networks: service::links::clusters (50 networks)",
            &t.clusters,
        ),
        ("networks page: GET /networks over HTTP", &t.page),
        (
            "statistics page: GET /stats over HTTP (koordinator)",
            &t.stats,
        ),
        (
            "statistics CSV: POST /stats.csv over HTTP (koordinator)",
            &t.csv,
        ),
    ] {
        println!("| {case} | {:.2} | {:.2} |", timing.median, timing.p95);
    }
    Ok(out)
}

fn print_table(rows: &[Row], n: usize, iters: usize) {
    println!(
        "\n{n} reports, {iters} runs each; milliseconds, median / p95.\n\
         query = ConsoleStore::queue (page + types); page = GET / over loopback HTTP \
         (session, queue, workers, render); db = the page's Server-Timing.\n"
    );
    println!(
        "| db | viewer | filter | page | rows | query median | query p95 | page median | page p95 | db (Server-Timing) median |"
    );
    println!("|---|---|---|---:|---:|---:|---:|---:|---:|---:|");
    for r in rows {
        println!(
            "| {} | {} | {} | {} | {} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} |",
            r.db,
            r.viewer,
            r.filter,
            r.page,
            r.rows,
            r.query.median,
            r.query.p95,
            r.http.median,
            r.http.p95,
            r.http_db.median
        );
    }
}

#[tokio::main]
async fn main() -> Result<(), BoxError> {
    let n = env_num("SUARA_BENCH_REPORTS", 100_000);
    let iters = env_num("SUARA_BENCH_ITERS", 50).max(1);
    let which: Vec<String> = std::env::args().skip(1).collect();
    let wants = |b: &str| which.is_empty() || which.iter().any(|w| w == b);
    if cfg!(debug_assertions) {
        println!("warning: a debug build; run with --release for real figures");
    }
    let mut rows = Vec::new();

    if wants("sqlite") {
        let dir = tempfile::tempdir()?;
        let url = format!("sqlite://{}", dir.path().join("bench.db").display());
        let result = run_backend("sqlite", &url, n, iters).await;
        if env_flag("SUARA_BENCH_KEEP", false) {
            println!("kept {}", dir.keep().join("bench.db").display());
        }
        rows.extend(result?);
    }

    if wants("postgres") {
        let admin = std::env::var("SUARA_BENCH_PG_URL")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned());
        let mut conn = sqlx::PgConnection::connect(&admin).await?;
        sqlx::query("DROP DATABASE IF EXISTS suara_bench WITH (FORCE)")
            .execute(&mut conn)
            .await?;
        sqlx::query("CREATE DATABASE suara_bench")
            .execute(&mut conn)
            .await?;
        let mut url = url::Url::parse(&admin)?;
        url.set_path("/suara_bench");
        let result = run_backend("postgres", url.as_str(), n, iters).await;
        if !env_flag("SUARA_BENCH_KEEP", false) {
            sqlx::query("DROP DATABASE IF EXISTS suara_bench WITH (FORCE)")
                .execute(&mut conn)
                .await?;
        }
        rows.extend(result?);
    }

    print_table(&rows, n, iters);
    Ok(())
}
