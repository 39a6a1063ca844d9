//! Faults injected into real processes: `suara serve` killed with SIGKILL,
//! Telegram failing, the database gone, two processes on one token,
//! replicas behind a webhook. Each test asserts what she was promised.

mod chaos;
mod kill;
pub mod outage;
mod replicas;
mod standby;
mod webhook;

use std::process::Stdio;
use std::time::Duration;

use suara::sim::{SimHandle, TranscriptEntry, UserMessage};
use tokio::process::{Child, Command};

/// The heavy fault tests run one at a time: each loads the machine on its
/// own, and together they would measure the machine, not the code.
pub static HEAVY: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// A `suara serve` process, restartable, killable.
pub struct Serve {
    env: Vec<(String, String)>,
    child: Option<Child>,
    pub restarts: usize,
}

impl Serve {
    /// The environment of a serve process against `sim` and `database`.
    pub fn new(sim: &SimHandle, database: &str, server_key: &str, extra: &[(&str, &str)]) -> Self {
        let mut env = vec![
            ("SUARA_DATABASE_URL".to_owned(), database.to_owned()),
            ("SUARA_TELEGRAM_TOKEN".to_owned(), sim.token().to_owned()),
            ("SUARA_TELEGRAM_API_URL".to_owned(), sim.base_url()),
            ("SUARA_CONSOLE_LISTEN".to_owned(), "127.0.0.1:0".to_owned()),
            ("SUARA_OPS_LISTEN".to_owned(), "127.0.0.1:0".to_owned()),
            // Not about pacing: see spawn_app.
            (
                "SUARA_TELEGRAM_CHAT_SENDS_PER_SECOND".to_owned(),
                "0".to_owned(),
            ),
            ("RUST_LOG".to_owned(), "warn".to_owned()),
        ];
        if !server_key.is_empty() {
            env.push(("SUARA_KEYS_SERVER_KEY".to_owned(), server_key.to_owned()));
        }
        env.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        Self {
            env,
            child: None,
            restarts: 0,
        }
    }

    pub fn start(&mut self) {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_suara"));
        cmd.arg("serve")
            .env_clear()
            .envs(self.env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .kill_on_drop(true);
        self.child = Some(cmd.spawn().expect("suara serve starts"));
    }

    /// SIGKILL: no cleanup of any kind.
    pub async fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.start_kill();
            let _ = child.wait().await;
        }
    }

    pub async fn restart(&mut self) {
        self.kill().await;
        self.start();
        self.restarts += 1;
    }

    /// SIGTERM, and the exit status.
    pub async fn terminate(&mut self) -> Option<std::process::ExitStatus> {
        let mut child = self.child.take()?;
        let pid = child.id()? as i32;
        let _ = std::process::Command::new("kill")
            .args(["-TERM", &pid.to_string()])
            .status();
        tokio::time::timeout(Duration::from_secs(30), child.wait())
            .await
            .ok()?
            .ok()
    }
}

/// One person typing to the bot through the simulator, patient as a real
/// one: after each step she waits (long) for the bot to answer.
pub struct Person<'a> {
    pub sim: &'a SimHandle,
    pub user: i64,
    pub chat: i64,
    seen: i64,
}

/// How long she waits for an answer before giving up: long enough for a
/// restart and an expired lease.
pub const PATIENCE: Duration = Duration::from_secs(90);

impl<'a> Person<'a> {
    pub async fn new(sim: &'a SimHandle, name: &str) -> Self {
        let user = sim.create_user_named(name, "id").await.expect("user");
        Self {
            sim,
            user: user.id,
            chat: user.chat_id,
            seen: 0,
        }
    }

    pub async fn says(&self, text: &str) {
        self.sim.send_text(self.user, text).await.expect("send");
    }

    pub async fn sends_voice(&self, bytes: Vec<u8>) {
        self.sim
            .send(
                self.user,
                None,
                UserMessage::Voice {
                    bytes: Some(bytes),
                    duration: 3,
                },
            )
            .await
            .expect("voice");
    }

    pub async fn presses(&self, label: &str) {
        self.sim
            .press_button(self.user, label)
            .await
            .expect("press");
    }

    /// The newest bot message after the last one she read that contains
    /// every word, or `None` after [`PATIENCE`] (and what she saw, printed).
    pub async fn expects(&mut self, words: &[&str]) -> Option<TranscriptEntry> {
        let found = self.wait_for(words).await;
        if found.is_none() {
            let seen: Vec<String> = (self.sim.transcript(self.chat).await.ok())
                .map(|t| t.entries)
                .unwrap_or_default()
                .iter()
                .rev()
                .take(4)
                .map(|e| {
                    format!(
                        "{:?} {}: {}",
                        e.direction,
                        e.message_id,
                        e.text.as_deref().unwrap_or("")
                    )
                })
                .collect();
            eprintln!(
                "chat {}: no message with {words:?}; last seen: {seen:#?}",
                self.chat
            );
        }
        found
    }

    async fn wait_for(&mut self, words: &[&str]) -> Option<TranscriptEntry> {
        let seen = self.seen;
        let wanted: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
        let found = self
            .sim
            .wait_for_bot_message(
                self.chat,
                |e| {
                    let text = e.text.as_deref().unwrap_or_default().to_lowercase();
                    e.message_id > seen && !e.deleted && wanted.iter().all(|w| text.contains(w))
                },
                PATIENCE,
            )
            .await
            .ok()?;
        self.seen = found.message_id;
        Some(found)
    }

    /// A whole report, as far as she gets: the receipt's code, or `None`.
    /// The same answers as the conversation tests' `up_to_the_story`.
    pub async fn reports(&mut self, story: &str, voice: Option<Vec<u8>>) -> Option<String> {
        self.says("/start").await;
        self.expects(&["Halo"]).await?;
        let steps: &[(&str, &str)] = &[
            ("Mulai", "aman sekarang"),
            ("Ya, saya aman", "setuju"),
            ("Setuju, lanjut", "memberi tahu polisi"),
            ("Lewati", "diri sendiri"),
            ("Saya sendiri", "Apa yang terjadi"),
        ];
        for (press, then) in steps {
            self.presses(press).await;
            self.expects(&[then]).await?;
        }
        self.presses("Dipukul atau disakiti").await;
        self.presses("Selesai memilih").await;
        self.expects(&["pertanyaan 1 dari"]).await?;
        let steps: &[(&str, &str)] = &[
            ("Lewati semua", "Kapan"),
            ("Masih terjadi", "Di mana"),
            ("Kalimantan Timur", "kabupaten"),
            ("Kota Samarinda", "tempat seperti apa"),
            ("Di rumah", "Siapa yang melakukannya"),
            ("Suami atau istri", "laki-laki atau perempuan"),
            ("Laki-laki", "umur"),
            ("25–44 tahun", "jenis kelamin"),
            ("Perempuan", "sulit melihat"),
            ("Tidak", "Ceritakan"),
        ];
        for (press, then) in steps {
            self.presses(press).await;
            self.expects(&[then]).await?;
        }
        self.says(story).await;
        self.expects(&["Tersimpan"]).await?;
        if let Some(bytes) = voice {
            self.sends_voice(bytes).await;
            self.expects(&["Tersimpan"]).await?;
        }
        let steps: &[(&str, &str)] = &[
            ("Selesai", "Bantuan apa"),
            ("Lewati", "menghubungi"),
            ("Lewat bot ini saja", "kata aman"),
            ("Lewati", "ringkasan"),
        ];
        for (press, then) in steps {
            self.presses(press).await;
            self.expects(&[then]).await?;
        }
        self.presses("Kirim ke petugas").await;
        let receipt = self.expects(&["Kode Anda:"]).await?;
        Some(crate::conversation::code_in(receipt.text.as_deref()?))
    }
}
