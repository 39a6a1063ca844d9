//! The networks scenario of issue 16, through the simulator: three women
//! in Samarinda, Kutai Kartanegara and abroad in Malaysia (from Nunukan)
//! name the same recruiter's number, each written her own way, and the
//! same PT in different case and punctuation. The koordinator sees one
//! network of three; a petugas sees what she may open as linked and the
//! rest as a count; a liaison sees nothing of links. Neither the number
//! nor the company is anywhere in clear: database, WAL, backup, logs.

use suara::domain::role::Role;

use super::tell_and_send;
use crate::app::{Reporter, TestApp, spawn_app, spawn_app_on};
use crate::console::{Console, account};
use crate::helpers::{TestDb, captured_logs};

/// Where she was when it happened.
enum Place {
    Regency(&'static str),
    Malaysia,
}

/// A woman recruited by an agent, from /start to her receipt, naming the
/// agent's number and company as she writes them.
async fn recruited(sari: &Reporter<'_>, place: Place, phone: &str, company: &str) {
    sari.says("/start").await;
    sari.expects(&["Halo"]).await;
    sari.presses("Mulai").await;
    sari.expects(&["aman sekarang"]).await;
    sari.presses("Ya, saya aman").await;
    sari.expects(&["setuju"]).await;
    sari.presses("Setuju, lanjut").await;
    sari.expects(&["polisi"]).await;
    sari.presses("Lewati").await;
    sari.expects(&["diri sendiri"]).await;
    sari.presses("Saya sendiri").await;
    sari.expects(&["Apa yang terjadi"]).await;
    sari.presses("Dipukul atau disakiti").await;
    sari.presses("Diancam atau dikekang").await;
    sari.presses("Selesai memilih").await;
    sari.expects(&["dikurung"]).await;
    sari.presses("Lewati semua").await;
    sari.expects(&["Kapan"]).await;
    sari.presses("Masih terjadi").await;
    sari.expects(&["Di mana"]).await;
    match place {
        Place::Regency(name) => {
            sari.presses("Kalimantan Timur").await;
            sari.expects(&["kabupaten"]).await;
            sari.presses(name).await;
        }
        Place::Malaysia => {
            sari.presses("Luar negeri").await;
            sari.expects(&["negara mana"]).await;
            sari.presses("Malaysia").await;
            sari.expects(&["Di mana Anda sekarang"]).await;
            sari.presses("Masih di luar negeri").await;
            sari.expects(&["berangkat"]).await;
            sari.presses("Lewati").await;
        }
    }
    sari.expects(&["tempat seperti apa"]).await;
    sari.presses("Lewati").await;
    sari.expects(&["Siapa yang melakukannya"]).await;
    sari.presses("Agen/calo/sponsor/PT").await;
    sari.expects(&["nama orang yang merekrut"]).await;
    sari.presses("Lanjut").await;
    sari.expects(&["nomor telepon atau WhatsApp"]).await;
    sari.says(phone).await;
    sari.expects(&["Tersimpan: 1"]).await;
    sari.presses("Lanjut").await;
    sari.expects(&["akun media sosial"]).await;
    sari.presses("Lanjut").await;
    sari.expects(&["nama perusahaannya"]).await;
    sari.says(company).await;
    sari.expects(&["Tersimpan: 1"]).await;
    sari.presses("Lanjut").await;
    sari.expects(&["laki-laki atau perempuan"]).await;
    sari.presses("Laki-laki").await;
    sari.expects(&["umur"]).await;
    sari.presses("25–44 tahun").await;
    sari.expects(&["jenis kelamin"]).await;
    sari.presses("Perempuan").await;
    sari.expects(&["sulit melihat"]).await;
    sari.presses("Tidak").await;
    sari.expects(&["Ceritakan"]).await;
    tell_and_send(sari, "Saya dijanjikan kerja, paspor saya ditahan.").await;
}

/// A number and a company name no other test uses, so finding either in
/// a file means it leaked from here.
struct Recruiter {
    /// The eight digits after 0812.
    digits: String,
    /// One word of the company's name.
    word: String,
}

impl Recruiter {
    fn new() -> Self {
        let n = uuid::Uuid::new_v4().as_u128();
        Self {
            digits: format!("{:08}", n % 100_000_000),
            word: format!("kanari{}", uuid::Uuid::new_v4().simple()),
        }
    }
    fn forms(&self) -> [String; 3] {
        let d = &self.digits;
        [
            format!("0812-{}-{}", &d[..4], &d[4..]),
            format!("+62 812 {} {}", &d[..4], &d[4..]),
            format!("62812{d}"),
        ]
    }
    fn companies(&self) -> [String; 3] {
        let w = &self.word;
        [
            format!("PT. Sinar {}", w.to_uppercase()),
            format!("pt sinar-{w}"),
            format!("Sinar {w}, P.T."),
        ]
    }
    /// What must be found nowhere: the digits run every form shares, each
    /// typed form, and the company word (searched case-folded).
    fn needles(&self) -> Vec<String> {
        let mut out = vec![format!("812{}", self.digits), self.word.clone()];
        out.extend(self.forms());
        out.push(hex::encode(format!("812{}", self.digits)));
        out.push(hex::encode(&self.word));
        out
    }
}

fn assert_absent(haystack: &[u8], recruiter: &Recruiter, place: &str) {
    let text = String::from_utf8_lossy(haystack).to_lowercase();
    for needle in recruiter.needles() {
        assert!(
            !text.contains(&needle.to_lowercase()),
            "an identifier ({needle}) was found in clear in {place}"
        );
    }
}

fn scan_dir(dir: &std::path::Path, recruiter: &Recruiter) -> usize {
    let mut files = 0;
    for entry in std::fs::read_dir(dir).expect("read dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            files += scan_dir(&path, recruiter);
        } else {
            let bytes = std::fs::read(&path).expect("read file");
            assert_absent(&bytes, recruiter, &path.display().to_string());
            files += 1;
        }
    }
    files
}

/// The three reports, then what each case worker sees.
async fn three_reports_one_network(app: &TestApp) -> Recruiter {
    let r = Recruiter::new();
    let koor = account(app, "koor", Role::Koordinator, &["64"], None).await;
    let petugas = account(app, "petugas", Role::Petugas, &["64"], None).await;
    let mitra = account(app, "dinsos", Role::Mitra, &[], Some("dinsos")).await;
    let forms = r.forms();
    let companies = r.companies();
    let places = [
        Place::Regency("Kota Samarinda"),
        Place::Regency("Kutai Kartanegara"),
        Place::Malaysia,
    ];
    for (i, place) in places.into_iter().enumerate() {
        let sari = app.reporter(&format!("Sari{i}"), "id").await;
        recruited(&sari, place, &forms[i], &companies[i]).await;
    }
    assert_eq!(app.db.store.count_reports().await.unwrap(), 3);

    // The koordinator: one network of three, in both regions and abroad.
    let kc = Console::new(app).await;
    kc.login(&koor).await;
    let networks = kc.get("/networks").await;
    assert_eq!(networks.status, 200);
    let clusters = app.db.store.clusters(10).await.unwrap();
    assert_eq!(clusters.len(), 1, "one network");
    assert_eq!(clusters[0].size, 3);
    for shown in ["Kota Samarinda", "Kutai Kartanegara", "Luar negeri"] {
        assert!(
            networks.body.contains(shown),
            "{shown} on the networks page"
        );
    }
    let cluster = kc.get(&format!("/networks/{}", clusters[0].id)).await;
    assert_eq!(cluster.status, 200);
    assert_eq!(cluster.body.matches("<circle").count(), 3);
    // Every two of them share the number and the company: one line each.
    assert_eq!(cluster.body.matches("<line").count(), 3);
    assert!(cluster.body.contains(">perusahaan, telepon<"));
    assert!(
        cluster.body.contains("Malaysia"),
        "the country, read from the sealed report"
    );
    let audited = app.db.store.audit_entries(0, 1000).await.unwrap();
    assert!(
        audited.iter().any(|e| e.action == "network.viewed"),
        "opening a network is audited"
    );
    let members = app.db.store.cluster_members(&clusters[0].id).await.unwrap();
    let by_area = |code: &str| {
        members
            .iter()
            .find(|m| m.area.as_ref().is_some_and(|a| a.as_str() == code))
            .expect("a report of that area")
            .report_id
    };
    let (samarinda, kukar, abroad) = (by_area("64.72"), by_area("64.03"), by_area("abroad"));

    // The petugas of Kalimantan Timur: Kutai Kartanegara's report linked,
    // the one from abroad only counted.
    let pc = Console::new(app).await;
    pc.login(&petugas).await;
    let page = pc.get(&format!("/reports/{samarinda}")).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Laporan terkait"));
    assert!(page.body.contains(&format!("/reports/{kukar}")));
    assert!(page.body.contains("nomor telepon yang sama"));
    assert!(page.body.contains("nama perusahaan atau agen yang sama"));
    assert!(
        page.body
            .contains("1 laporan lain yang tidak bisa Anda buka")
    );
    assert!(!page.body.contains(&abroad.to_string()) && !page.body.contains(&abroad.short()));
    assert!(
        !page.body.contains("Luar negeri"),
        "no region of a report she cannot open"
    );
    assert_eq!(
        pc.get("/networks").await.status,
        404,
        "networks are the koordinator's"
    );

    // A liaison, through a referral: nothing of links.
    kc.get(&format!("/reports/{samarinda}")).await;
    let referred = kc
        .post(
            &format!("/reports/{samarinda}/refer"),
            &[
                ("agency", "dinsos"),
                ("reason", "Pendampingan."),
                ("share-story", "on"),
                ("share-victim", "on"),
                ("share-place", "on"),
            ],
        )
        .await;
    assert!(referred.location().contains("notice=referred"));
    let mc = Console::new(app).await;
    mc.login(&mitra).await;
    let page = mc.get(&format!("/reports/{samarinda}")).await;
    assert_eq!(page.status, 200);
    assert!(!page.body.contains("Laporan terkait"));
    assert!(!page.body.contains(&kukar.to_string()));
    r
}

#[tokio::test]
async fn on_sqlite_three_reporters_naming_one_recruiter_make_one_network_kept_unreadable() {
    captured_logs();
    let app = spawn_app().await;
    let r = three_reports_one_network(&app).await;
    let dir = app.db.dir().expect("sqlite dir").to_owned();
    let backup = tempfile::tempdir().unwrap();
    app.db
        .store
        .backup_into(&backup.path().join("suara-backup.db"))
        .await
        .unwrap();
    assert!(dir.join("suara.db-wal").exists());
    assert!(scan_dir(&dir, &r) >= 2, "the database and its WAL");
    assert_eq!(scan_dir(backup.path(), &r), 1, "the backup");
    assert_absent(captured_logs().as_bytes(), &r, "the logs");
}

#[tokio::test]
async fn on_postgres_three_reporters_naming_one_recruiter_make_one_network_kept_unreadable() {
    captured_logs();
    let app = spawn_app_on(TestDb::postgres().await).await;
    let r = three_reports_one_network(&app).await;
    let dump = app.db.postgres_dump().await;
    assert!(
        dump.contains("report.submitted"),
        "the dump reads real rows"
    );
    assert_absent(dump.as_bytes(), &r, "PostgreSQL table data");
    assert_absent(captured_logs().as_bytes(), &r, "the logs");
}
