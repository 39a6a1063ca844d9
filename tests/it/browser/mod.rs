//! Headless Chromium against the real `suara demo` binary.
//!
//! Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs
//! them). Without them the tests say so and pass locally; under `CI=true`
//! they fail, because a browser test that silently skipped proves nothing.

mod console;
mod demo;
pub mod webdriver;

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use webdriver::Session;

/// A child process that is killed when dropped, even if the test panics.
/// Started in its own process group, the whole group goes: chromedriver
/// and the Chromium it launched, so no browser outlives a failed test.
pub struct Reaped(pub Child);

impl Drop for Reaped {
    fn drop(&mut self) {
        let group = format!("-{}", self.0.id());
        let _ = Command::new("kill")
            .args(["-KILL", "--", &group])
            .stderr(Stdio::null())
            .status();
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Whether the browser tools exist; panics under CI when they do not.
pub fn browser_available() -> bool {
    let found = ["/usr/bin/chromium", "/usr/bin/chromedriver"]
        .iter()
        .all(|p| std::path::Path::new(p).exists());
    if !found {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "chromium and chromium-driver are required under CI"
        );
        eprintln!("skipping: chromium and chromium-driver are not installed");
    }
    found
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

/// Starts chromedriver and a headless Chromium session.
pub async fn browser() -> (Reaped, Session) {
    let port = free_port();
    let driver = Command::new("/usr/bin/chromedriver")
        .process_group(0)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromedriver");
    let driver = Reaped(driver);
    let caps = serde_json::json!({
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": "/usr/bin/chromium",
            "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--disable-background-networking", "--disable-component-update",
                     "--disable-sync", "--no-first-run", "--window-size=420,900"]
        }
    });
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let attempt = Session::new(&format!("http://127.0.0.1:{port}"), caps.clone()).await;
        match attempt {
            Ok(client) => return (driver, client),
            // chromedriver is still starting: its port is not open yet.
            Err(e) if Instant::now() < deadline => {
                let _ = e;
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Err(e) => panic!("cannot start a Chromium session: {e}"),
        }
    }
}

/// Runs `suara demo` on a fresh directory and a free port; returns the
/// process and the chat page URL it printed.
pub fn start_demo(dir: &std::path::Path) -> (Reaped, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_suara"))
        .args([
            "demo",
            "--dir",
            dir.to_str().unwrap(),
            "--sim-addr",
            "127.0.0.1:0",
        ])
        .env("RUST_LOG", "warn")
        // Its own free port for the console too: never the default one
        // another demo on this machine may hold.
        .env("SUARA_CONSOLE_LISTEN", "127.0.0.1:0")
        .env("SUARA_OPS_LISTEN", "127.0.0.1:0")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start suara demo");
    let stdout = child.stdout.take().expect("stdout");
    let child = Reaped(child);
    let mut lines = BufReader::new(stdout).lines();
    let url = loop {
        let line = lines
            .next()
            .expect("demo printed its URLs")
            .expect("read stdout");
        if let Some(rest) = line.split("Chat with the bot").nth(1) {
            break rest
                .split_whitespace()
                .find(|w| w.starts_with("http"))
                .expect("a URL")
                .to_owned();
        }
    };
    // Keep draining stdout so the demo never blocks on a full pipe.
    std::thread::spawn(move || lines.for_each(drop));
    (child, url)
}
