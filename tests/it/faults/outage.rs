//! The database goes away for 15 seconds in the middle of her report: she
//! is told once, gently, that it takes a moment; nothing she answered is
//! lost; everything resumes when the database is back.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use suara::sim::SimConfig;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Mutex;
use tokio::task::JoinSet;

use super::Person;
use crate::app::spawn_app_through;
use crate::helpers::{TestDb, replace_host};

/// A TCP proxy in front of PostgreSQL that can be cut: every connection
/// dropped, and new ones refused, until it is restored.
pub struct Proxy {
    pub port: u16,
    down: Arc<AtomicBool>,
    links: Arc<Mutex<JoinSet<()>>>,
}

impl Proxy {
    pub async fn start(upstream: String) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let down = Arc::new(AtomicBool::new(false));
        let links = Arc::new(Mutex::new(JoinSet::new()));
        let (d, l) = (down.clone(), links.clone());
        tokio::spawn(async move {
            loop {
                let Ok((mut client, _)) = listener.accept().await else {
                    return;
                };
                if d.load(Ordering::SeqCst) {
                    continue;
                }
                let upstream = upstream.clone();
                l.lock().await.spawn(async move {
                    if let Ok(mut server) = TcpStream::connect(upstream).await {
                        let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
                    }
                });
            }
        });
        Self { port, down, links }
    }

    pub async fn cut(&self) {
        self.down.store(true, Ordering::SeqCst);
        self.links.lock().await.abort_all();
    }

    pub fn restore(&self) {
        self.down.store(false, Ordering::SeqCst);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_database_outage_of_fifteen_seconds_loses_nothing_she_answered() {
    let db = TestDb::postgres().await;
    let proxy = Proxy::start("127.0.0.1:5432".to_owned()).await;
    let through = replace_host(&db.url, &format!("127.0.0.1:{}", proxy.port));
    let app = spawn_app_through(db, &through, SimConfig::default()).await;
    let mut sari = Person::new(&app.sim, "Sari").await;
    sari.says("/start").await;
    assert!(sari.expects(&["Halo"]).await.is_some());
    sari.presses("Mulai").await;
    assert!(sari.expects(&["aman sekarang"]).await.is_some());

    proxy.cut().await;
    sari.presses("Ya, saya aman").await;
    let toast = async {
        for _ in 0..100 {
            let told = (app.sim.requests().iter()).any(|r| {
                r.method == "answerCallbackQuery"
                    && r.params["text"]
                        .as_str()
                        .is_some_and(|t| t.contains("sebentar ada gangguan"))
            });
            if told {
                return true;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        false
    };
    assert!(
        toast.await,
        "her button answers gently that it takes a moment"
    );
    tokio::time::sleep(Duration::from_secs(15)).await;
    proxy.restore();

    assert!(
        sari.expects(&["setuju"]).await.is_some(),
        "the answer she gave during the outage is applied"
    );
    sari.presses("Setuju, lanjut").await;
    assert!(
        sari.expects(&["memberi tahu polisi"]).await.is_some(),
        "and she goes on"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_message_typed_during_an_outage_is_answered_once_with_a_gentle_word_and_then_applied() {
    let db = TestDb::postgres().await;
    let proxy = Proxy::start("127.0.0.1:5432".to_owned()).await;
    let through = replace_host(&db.url, &format!("127.0.0.1:{}", proxy.port));
    let app = spawn_app_through(db, &through, SimConfig::default()).await;
    let mut sari = Person::new(&app.sim, "Sari").await;
    sari.says("/start").await;
    assert!(sari.expects(&["Halo"]).await.is_some());
    proxy.cut().await;
    sari.says("/bantuan").await;
    assert!(sari.expects(&["sebentar ada gangguan"]).await.is_some());
    sari.says("/start").await;
    tokio::time::sleep(Duration::from_secs(15)).await;
    proxy.restore();
    assert!(
        sari.expects(&["Halo"]).await.is_some(),
        "her /start is applied"
    );
    let told = (app.sim.transcript(sari.chat).await.unwrap().entries.iter())
        .filter(|e| {
            e.text
                .as_deref()
                .is_some_and(|t| t.contains("sebentar ada gangguan"))
        })
        .count();
    assert_eq!(told, 1, "told once, not at every retry");
}
