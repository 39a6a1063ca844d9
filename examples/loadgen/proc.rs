//! The bot under test as its own process, read through /proc: CPU time
//! (utime + stime of all its threads), peak RSS (VmHWM); and the CPU time
//! of one of our own threads, for the fake and the driver.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// The bot's process.
pub struct BotProc {
    child: Child,
    pub spawned: Instant,
    pub log: PathBuf,
}

/// How to start a bot: binary, extra environment, where its log goes.
pub struct Launch<'a> {
    pub bin: &'a Path,
    pub args: &'a [&'a str],
    pub env: Vec<(&'static str, String)>,
    pub log: PathBuf,
}

/// Runs `launch` to completion (a setup step such as `keys init`), its
/// output to the log only: a recovery key is not for the terminal.
pub fn run_once(launch: &Launch) -> Result<(), BoxError> {
    let log = File::create(&launch.log)?;
    let status = command(launch)
        .stdout(log.try_clone()?)
        .stderr(log)
        .status()?;
    if !status.success() {
        return Err(format!(
            "{} {} failed ({status}); see {}",
            launch.bin.display(),
            launch.args.join(" "),
            launch.log.display()
        )
        .into());
    }
    Ok(())
}

fn command(launch: &Launch) -> Command {
    let mut cmd = Command::new(launch.bin);
    cmd.args(launch.args).stdin(Stdio::null());
    // Only what the run sets: no config file or setting from the caller.
    for (key, _) in std::env::vars() {
        if key.starts_with("SUARA_") {
            cmd.env_remove(key);
        }
    }
    for (key, value) in &launch.env {
        cmd.env(key, value);
    }
    cmd
}

impl BotProc {
    pub fn spawn(launch: &Launch) -> Result<Self, BoxError> {
        let log = File::create(&launch.log)?;
        let spawned = Instant::now();
        let child = command(launch)
            .stdout(log.try_clone()?)
            .stderr(log)
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", launch.bin.display()))?;
        Ok(Self {
            child,
            spawned,
            log: launch.log.clone(),
        })
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Whether it is still running.
    pub fn alive(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// User + system CPU time of the whole process so far.
    pub fn cpu(&self) -> Duration {
        pid_cpu(self.pid())
    }

    /// Peak resident set size, bytes.
    pub fn peak_rss(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid()));
        let line = status.ok().and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(str::to_owned)
        });
        let kib = line.and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok());
        kib.unwrap_or(0) * 1024
    }

    /// SIGTERM (through kill(1), by pid), then waits up to 15 s; a bot
    /// that does not stop by then is killed.
    pub async fn stop(mut self) -> Result<(), BoxError> {
        let pid = self.pid().to_string();
        let _ = Command::new("kill").args(["-TERM", &pid]).status();
        let deadline = Instant::now() + Duration::from_secs(15);
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait()? {
                return match status.success() || status.code().is_none() {
                    true => Ok(()),
                    false => Err(format!("the bot exited with {status}").into()),
                };
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        self.child.kill()?;
        self.child.wait()?;
        Err("the bot did not stop within 15 s of SIGTERM".into())
    }

    /// SIGKILL, for a bot that was started only to time its start.
    pub fn kill(mut self) -> Result<(), BoxError> {
        self.child.kill()?;
        self.child.wait()?;
        Ok(())
    }

    /// The last lines of its log, to explain a failure.
    pub fn log_tail(&self) -> String {
        log_tail(&self.log)
    }
}

/// The 1, 5 and 15 minute load averages, as /proc/loadavg has them.
pub fn load_average() -> String {
    let text = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    text.split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
}

/// A run that ends early (an error) leaves no bot behind.
impl Drop for BotProc {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

pub fn log_tail(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(15)..].join("\n")
}

/// Clock ticks per second, as /proc counts CPU time.
fn clock_ticks() -> f64 {
    static TICKS: std::sync::OnceLock<f64> = std::sync::OnceLock::new();
    *TICKS.get_or_init(|| {
        let out = Command::new("getconf").arg("CLK_TCK").output().ok();
        let parsed = out.and_then(|o| String::from_utf8(o.stdout).ok()?.trim().parse().ok());
        parsed.unwrap_or(100.0)
    })
}

/// utime + stime from a `stat` file of /proc.
fn stat_cpu(path: &str) -> Option<Duration> {
    let stat = std::fs::read_to_string(path).ok()?;
    // The command name may hold spaces; the fields after it do not.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some(Duration::from_secs_f64((utime + stime) / clock_ticks()))
}

/// User + system CPU time of process `pid` so far (zero if it is gone).
pub fn pid_cpu(pid: u32) -> Duration {
    stat_cpu(&format!("/proc/{pid}/stat")).unwrap_or_default()
}

/// The calling thread's id, to read its CPU time later from any thread.
pub fn current_tid() -> Option<u32> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    stat.split_whitespace().next()?.parse().ok()
}

/// CPU time of thread `tid` of this process, to the nanosecond from
/// `schedstat` where the kernel keeps it, else in clock ticks.
pub fn thread_cpu(tid: Option<u32>) -> Duration {
    let Some(tid) = tid else {
        return Duration::ZERO;
    };
    let schedstat = std::fs::read_to_string(format!("/proc/self/task/{tid}/schedstat")).ok();
    let ns = schedstat.and_then(|s| s.split_whitespace().next()?.parse::<u64>().ok());
    match ns {
        Some(ns) => Duration::from_nanos(ns),
        None => stat_cpu(&format!("/proc/self/task/{tid}/stat")).unwrap_or_default(),
    }
}
