//! Bounded password hashing: argon2id needs 19 MiB per hash, so an unbounded number of
//! parallel logins is a memory-exhaustion attack. Every hash and verify in the process runs on
//! one of a fixed set of worker threads, as many as there are CPUs (a hash is CPU-bound: more
//! at once only costs memory). The workers are dedicated threads, never tokio's blocking pool:
//! glibc keeps a freed 19 MiB buffer in the arena of the thread that used it, so hashing on up
//! to 512 short-lived blocking threads left hundreds of megabytes behind, while N long-lived
//! workers keep at most N buffers and reuse them.
//!
//! Admission is a semaphore of the same size; waiting for it is bounded by [`WAIT`]. A caller
//! that gets no slot in time gets [`Busy`] and answers "try again" (429 with `Retry-After` on
//! the web) instead of queueing without end.

use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;
use tokio::sync::{Semaphore, oneshot};

/// How long a login waits for a hashing slot before it is told to come back.
pub const WAIT: Duration = Duration::from_secs(2);

/// No hashing slot came free within [`WAIT`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("het is op dit moment te druk; probeer het over een paar seconden opnieuw")]
pub struct Busy;

/// A hashing job that was admitted but did not produce its answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum JobFailed {
    /// The job panicked (its worker dropped the answer channel).
    #[error("wachtwoordcontrole afgebroken")]
    Aborted,
    /// No worker thread could be started to take the job.
    #[error("geen wachtwoordcontrole beschikbaar")]
    NoWorker,
}

type Job = Box<dyn FnOnce() + Send + 'static>;

#[derive(Debug)]
struct Pool {
    admission: Semaphore,
    jobs: SyncSender<Job>,
}

static POOL: OnceLock<Pool> = OnceLock::new();

/// The number of hashes that may run at once: the number of CPUs (at least 1).
pub fn slots() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
}

fn worker(jobs: &Mutex<Receiver<Job>>) {
    loop {
        let job = match jobs.lock() {
            Ok(rx) => rx.recv(),
            Err(poisoned) => poisoned.into_inner().recv(),
        };
        let Ok(job) = job else { return };
        // A panicking job must not take the worker with it (its caller sees a closed channel).
        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(job));
    }
}

fn pool() -> &'static Pool {
    POOL.get_or_init(|| {
        let n = slots();
        // Admission already bounds the jobs in flight to `n`; the channel never fills.
        let (tx, rx) = sync_channel::<Job>(n);
        let rx = Arc::new(Mutex::new(rx));
        for i in 0..n {
            let rx = rx.clone();
            let spawned = std::thread::Builder::new().name(format!("koers-hash-{i}")).spawn(move || worker(&rx));
            if let Err(e) = spawned {
                eprintln!("koers: hashing thread {i} could not start: {e}");
            }
        }
        Pool { admission: Semaphore::new(n), jobs: tx }
    })
}

/// Run `f` (a hash or verify) on a hashing worker while holding one of the [`slots`].
/// `Err(Busy)` when no slot came free within `wait`; `Ok(Err(..))` when the job itself failed
/// (a panic in `f`, or no worker thread could be started).
pub async fn run_bounded<T: Send + 'static>(
    wait: Duration,
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<Result<T, JobFailed>, Busy> {
    let pool = pool();
    let permit = match tokio::time::timeout(wait, pool.admission.acquire()).await {
        Ok(Ok(p)) => p,
        _ => return Err(Busy),
    };
    let (tx, rx) = oneshot::channel();
    let job: Job = Box::new(move || {
        let _ = tx.send(f());
    });
    let out = match pool.jobs.send(job) {
        Ok(()) => rx.await.map_err(|_| JobFailed::Aborted),
        Err(_) => Err(JobFailed::NoWorker),
    };
    drop(permit);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn never_more_hashes_at_once_than_slots() {
        let running = Arc::new(AtomicUsize::new(0));
        let peak = Arc::new(AtomicUsize::new(0));
        let tasks: Vec<_> = (0..(slots() * 4))
            .map(|_| {
                let (running, peak) = (running.clone(), peak.clone());
                tokio::spawn(run_bounded(Duration::from_secs(60), move || {
                    let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                    peak.fetch_max(now, Ordering::SeqCst);
                    std::thread::sleep(Duration::from_millis(20));
                    running.fetch_sub(1, Ordering::SeqCst);
                }))
            })
            .collect();
        for t in tasks {
            assert!(matches!(t.await, Ok(Ok(Ok(())))));
        }
        assert!(peak.load(Ordering::SeqCst) <= slots());
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_caller_that_cannot_get_a_slot_in_time_is_told_busy() {
        let hold: Vec<_> = (0..slots())
            .map(|_| {
                tokio::spawn(run_bounded(Duration::from_secs(60), || std::thread::sleep(Duration::from_millis(500))))
            })
            .collect();
        tokio::time::sleep(Duration::from_millis(100)).await;
        assert_eq!(run_bounded(Duration::from_millis(10), || ()).await, Err(Busy));
        for h in hold {
            assert!(h.await.is_ok());
        }
    }
}
