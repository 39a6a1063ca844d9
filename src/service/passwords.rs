//! Password hashing with a bounded cost. Argon2id takes 64 MiB for each
//! derivation; unbounded, a login flood takes the memory of the console and
//! of the bot with it (issue 12: 64 parallel attempts reached 3.9 GiB).
//!
//! Every derivation of the console — checking a login, unwrapping a key,
//! setting a password — runs through one [`Passwords`]: at most
//! `permits` at once (the configured memory budget divided by the cost of
//! one), at most `queue` more waiting, and everyone else is told at once
//! that the console is busy. Unknown names are checked against a dummy hash
//! of the same cost, so that neither time nor memory tells them apart.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use base64::Engine;
use tokio::sync::Semaphore;

use crate::crypto::{PasswordKdf, random_bytes};

/// How long a derivation may wait for its turn before the answer is "busy".
pub const MAX_WAIT: Duration = Duration::from_secs(10);

/// The console's queue for password hashing was full.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("too many password checks at once; try again shortly")]
pub struct Busy;

/// The KDF, with a bound on how many derivations run and wait at once.
pub struct Passwords {
    kdf: PasswordKdf,
    permits: Arc<Semaphore>,
    size: usize,
    waiting: AtomicUsize,
    queue: usize,
    dummy: String,
}

impl std::fmt::Debug for Passwords {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Passwords")
            .field("params", &self.kdf.params())
            .field("permits", &self.size)
            .field("queue", &self.queue)
            .finish()
    }
}

impl Passwords {
    /// Derivations at once: what fits in `budget_mib` at the KDF's memory
    /// cost, at least one. `queue` more may wait their turn.
    pub fn new(kdf: PasswordKdf, budget_mib: u32, queue: u32) -> Self {
        let per_hash_kib = u64::from(kdf.params().m_cost_kib.max(1));
        let size = (u64::from(budget_mib) * 1024 / per_hash_kib).max(1) as usize;
        Self::with_permits(kdf, size, queue as usize)
    }

    /// A gate of exactly `size` permits (tests).
    pub fn with_permits(kdf: PasswordKdf, size: usize, queue: usize) -> Self {
        Self {
            dummy: dummy_phc(&kdf),
            kdf,
            permits: Arc::new(Semaphore::new(size.max(1))),
            size: size.max(1),
            waiting: AtomicUsize::new(0),
            queue,
        }
    }

    /// The parameters new hashes and wraps get.
    pub fn kdf(&self) -> &PasswordKdf {
        &self.kdf
    }

    /// Derivations allowed at once.
    pub fn permits(&self) -> usize {
        self.size
    }

    /// A PHC string no password matches, at the KDF's own cost: checking a
    /// password against it takes as long, and as much memory, as checking
    /// a real one.
    pub fn dummy_hash(&self) -> &str {
        &self.dummy
    }

    /// Runs `f` (which derives) on the blocking pool once a permit is free.
    /// The permit goes into the blocking task, so a client that hangs up
    /// mid-way does not free memory that is still in use.
    pub async fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce(&PasswordKdf) -> T + Send + 'static,
    ) -> Result<T, Busy> {
        let permit = match self.permits.clone().try_acquire_owned() {
            Ok(permit) => permit,
            Err(_) => {
                let waiting = self.waiting.fetch_add(1, Ordering::SeqCst);
                metrics::gauge!("suara_argon2_waiting").set((waiting + 1) as f64);
                let _leave = Leave(&self.waiting);
                if waiting >= self.queue {
                    metrics::counter!("suara_argon2_refused_total").increment(1);
                    return Err(Busy);
                }
                tokio::time::timeout(MAX_WAIT, self.permits.clone().acquire_owned())
                    .await
                    .map_err(|_| Busy)?
                    .map_err(|_| Busy)?
            }
        };
        let kdf = self.kdf.clone();
        metrics::gauge!("suara_argon2_running").increment(1.0);
        let result = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            f(&kdf)
        })
        .await
        .map_err(|_| Busy);
        metrics::gauge!("suara_argon2_running").decrement(1.0);
        result
    }

    /// Checks `password` against `phc` (a real hash, or [`Self::dummy_hash`]).
    pub async fn verify(&self, phc: &str, password: &str) -> Result<bool, Busy> {
        let (phc, password) = (phc.to_owned(), zeroize::Zeroizing::new(password.to_owned()));
        self.run(move |_| PasswordKdf::verify_password(&phc, &password).is_ok())
            .await
    }
}

/// Takes one waiter off the count when dropped.
struct Leave<'a>(&'a AtomicUsize);

impl Drop for Leave<'_> {
    fn drop(&mut self) {
        let left = self.0.fetch_sub(1, Ordering::SeqCst).saturating_sub(1);
        metrics::gauge!("suara_argon2_waiting").set(left as f64);
    }
}

/// A well-formed Argon2id PHC string with the KDF's parameters, a random
/// salt and a random digest: nothing hashes to it.
fn dummy_phc(kdf: &PasswordKdf) -> String {
    let p = kdf.params();
    let b64 = base64::engine::general_purpose::STANDARD_NO_PAD;
    format!(
        "$argon2id$v=19$m={},t={},p={}${}${}",
        p.m_cost_kib,
        p.t_cost,
        p.p_cost,
        b64.encode(random_bytes::<16>()),
        b64.encode(random_bytes::<32>())
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::{CryptoError, KdfParams};

    fn kdf() -> PasswordKdf {
        PasswordKdf::new(KdfParams::INSECURE_FOR_TESTS).unwrap()
    }

    #[test]
    fn the_memory_budget_decides_how_many_run_at_once() {
        let production = PasswordKdf::production();
        assert_eq!(Passwords::new(production.clone(), 128, 8).permits(), 2);
        assert_eq!(Passwords::new(production.clone(), 256, 8).permits(), 4);
        assert_eq!(Passwords::new(production, 10, 8).permits(), 1);
    }

    #[test]
    fn the_dummy_hash_is_well_formed_and_matches_no_password() {
        let p = Passwords::new(kdf(), 128, 8);
        let result = PasswordKdf::verify_password(p.dummy_hash(), "any password at all");
        assert!(
            matches!(result, Err(CryptoError::WrongPassword)),
            "a full verification that fails, not a parse error: {result:?}"
        );
        assert!(p.dummy_hash().contains("m=64,t=1,p=1"));
    }

    #[tokio::test]
    async fn a_full_queue_answers_busy_at_once() {
        let p = Arc::new(Passwords::with_permits(kdf(), 1, 1));
        let (tx, rx) = std::sync::mpsc::channel::<()>();
        let rx = Arc::new(std::sync::Mutex::new(rx));
        // One runs (blocked until told), one waits, the third is refused.
        let first = {
            let (p, rx) = (p.clone(), rx.clone());
            tokio::spawn(async move {
                p.run(move |_| {
                    let _ = rx.lock().unwrap().recv();
                })
                .await
            })
        };
        tokio::time::sleep(Duration::from_millis(50)).await;
        let second = {
            let p = p.clone();
            tokio::spawn(async move { p.run(|_| ()).await })
        };
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert_eq!(p.run(|_| ()).await, Err(Busy));
        tx.send(()).unwrap();
        assert_eq!(first.await.unwrap(), Ok(()));
        assert_eq!(second.await.unwrap(), Ok(()));
        assert_eq!(p.run(|_| 7).await, Ok(7));
    }
}
