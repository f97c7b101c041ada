//! Background tasks that are watched, restarted and stopped on request.
//!
//! A background task that stopped unnoticed (an early return, an error, a panic) would
//! leave the service answering while mail or reminders silently stop. So each one runs
//! under [`supervise`]: when it stops, the log says which task and why, and it starts
//! again after a pause that doubles on each failure in a row (and starts over once the
//! task has run a while). A task that keeps failing is given up on, and the caller then
//! stops the whole process with a non-zero exit, so an orchestrator notices and restarts
//! it, rather than it running on without the task.
//!
//! Stopping is cooperative: the task is given a [`Shutdown`] and is expected to finish the
//! item in hand and return once it is requested. Nothing is aborted mid-item.

use std::any::Any;
use std::future::Future;
use std::time::Duration;

use tokio::sync::watch;
use tokio::task::JoinSet;
use tokio::time::Instant;

/// When to restart a stopped task, and when to give up.
#[derive(Debug, Clone, Copy)]
pub struct RestartPolicy {
    /// The pause before the first restart; doubled for each failure in a row.
    pub initial_backoff: Duration,
    pub max_backoff: Duration,
    /// A run at least this long counts as healthy: the failures in a row start over.
    pub healthy_after: Duration,
    /// Failures in a row tolerated; one more and the task is given up on.
    pub max_restarts: u32,
}

impl Default for RestartPolicy {
    fn default() -> Self {
        RestartPolicy {
            initial_backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(60),
            healthy_after: Duration::from_secs(5 * 60),
            max_restarts: 10,
        }
    }
}

/// The stop request a supervised task listens to. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Shutdown(watch::Receiver<bool>);

impl Shutdown {
    /// A stop request and the handle that makes it.
    pub fn new() -> (StopHandle, Shutdown) {
        let (sender, receiver) = watch::channel(false);
        (StopHandle(sender), Shutdown(receiver))
    }

    pub fn is_requested(&self) -> bool {
        *self.0.borrow()
    }

    /// Resolves once a stop is requested (at once if it already was). Cancel-safe, so it
    /// can sit in a `select!` beside a task's pause.
    pub async fn requested(&mut self) {
        // An error means the handle is gone: nobody can ask any more, so treat it as asked.
        let _ = self.0.wait_for(|stop| *stop).await;
    }
}

/// Requests the stop. Dropped, it ends every wait on [`Shutdown::requested`] too: nobody
/// is left to ask, so waiting on would be forever.
#[derive(Debug)]
pub struct StopHandle(watch::Sender<bool>);

impl StopHandle {
    pub fn stop(&self) {
        self.0.send_replace(true);
    }
}

/// How a supervised task ended for good.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Exit {
    /// Stopped on request.
    Stopped,
    /// Failed more often in a row than the policy tolerates; `reason` is the last failure.
    GaveUp { task: &'static str, reason: String },
}

impl std::fmt::Display for Exit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Exit::Stopped => f.write_str("stopped on request"),
            Exit::GaveUp { task, reason } => {
                write!(f, "background task {task} keeps failing, last: {reason}")
            }
        }
    }
}

/// Runs `task` (a factory: each call starts a fresh run) until a stop is requested,
/// restarting it per `policy` whenever it stops on its own. A run that returns `Ok` while
/// no stop was requested counts as a failure too: these tasks are meant to run forever.
pub async fn supervise<F, Fut>(
    name: &'static str,
    policy: RestartPolicy,
    mut shutdown: Shutdown,
    mut task: F,
) -> Exit
where
    F: FnMut(Shutdown) -> Fut,
    Fut: Future<Output = anyhow::Result<()>> + Send + 'static,
{
    let mut failures: u32 = 0;
    let mut backoff = policy.initial_backoff;
    loop {
        if shutdown.is_requested() {
            return Exit::Stopped;
        }
        let started = Instant::now();
        // Its own tokio task, so that a panic ends that run only and is reported here.
        let reason = match tokio::spawn(task(shutdown.clone())).await {
            Ok(Ok(())) if shutdown.is_requested() => return Exit::Stopped,
            Ok(Ok(())) => "it returned".to_string(),
            Ok(Err(error)) => format!("{error:#}"),
            Err(join) => match join.try_into_panic() {
                Ok(payload) => format!("it panicked: {}", panic_message(payload.as_ref())),
                Err(_) => "it was cancelled".to_string(),
            },
        };
        if shutdown.is_requested() {
            tracing::error!(task = name, reason = %reason, "background task failed while stopping");
            return Exit::Stopped;
        }
        if started.elapsed() >= policy.healthy_after {
            failures = 0;
            backoff = policy.initial_backoff;
        }
        failures += 1;
        if failures > policy.max_restarts {
            tracing::error!(task = name, reason = %reason, failures, "background task keeps failing; giving up");
            return Exit::GaveUp { task: name, reason };
        }
        tracing::error!(task = name, reason = %reason, failures, restart_in = ?backoff, "background task stopped; restarting");
        tokio::select! {
            () = tokio::time::sleep(backoff) => {}
            () = shutdown.requested() => return Exit::Stopped,
        }
        backoff = backoff.saturating_mul(2).min(policy.max_backoff);
    }
}

fn panic_message(payload: &(dyn Any + Send)) -> &str {
    if let Some(text) = payload.downcast_ref::<&str>() {
        text
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text
    } else {
        "(a panic without a message)"
    }
}

/// The supervised tasks of one process and their shared stop request.
#[derive(Debug)]
pub struct Background {
    stop: StopHandle,
    shutdown: Shutdown,
    tasks: JoinSet<Exit>,
}

impl Default for Background {
    fn default() -> Self {
        Self::new()
    }
}

impl Background {
    pub fn new() -> Background {
        let (stop, shutdown) = Shutdown::new();
        Background {
            stop,
            shutdown,
            tasks: JoinSet::new(),
        }
    }

    /// Starts `task` under [`supervise`].
    pub fn spawn<F, Fut>(&mut self, name: &'static str, policy: RestartPolicy, task: F)
    where
        F: FnMut(Shutdown) -> Fut + Send + 'static,
        Fut: Future<Output = anyhow::Result<()>> + Send + 'static,
    {
        let shutdown = self.shutdown.clone();
        self.tasks.spawn(supervise(name, policy, shutdown, task));
    }

    /// Resolves when a task has been given up on; never, while all of them run. Cancel-
    /// safe, so it can race the server in a `select!`.
    pub async fn gave_up(&mut self) -> Exit {
        while let Some(ended) = self.tasks.join_next().await {
            match ended {
                Ok(Exit::Stopped) => {}
                Ok(gave_up) => return gave_up,
                Err(join) => {
                    return Exit::GaveUp {
                        task: "supervisor",
                        reason: format!("the supervisor itself ended: {join}"),
                    }
                }
            }
        }
        std::future::pending().await
    }

    /// Requests the stop and waits, at most `grace`, for every task to finish the item in
    /// hand. Returns whether all of them did in time (the rest are left to the process's
    /// exit).
    pub async fn stop(mut self, grace: Duration) -> bool {
        self.stop.stop();
        if self.tasks.is_empty() {
            return true;
        }
        let drained = async { while self.tasks.join_next().await.is_some() {} };
        match tokio::time::timeout(grace, drained).await {
            Ok(()) => {
                tracing::info!("background tasks stopped");
                true
            }
            Err(_) => {
                tracing::warn!(
                    still_running = self.tasks.len(),
                    "background tasks did not stop in time"
                );
                false
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicU32, Ordering};
    use std::sync::Arc;

    use super::*;

    fn quick() -> RestartPolicy {
        RestartPolicy {
            initial_backoff: Duration::from_millis(10),
            max_backoff: Duration::from_millis(80),
            healthy_after: Duration::from_secs(1),
            max_restarts: 3,
        }
    }

    /// Runs until asked to stop, then notes that it finished its item.
    async fn until_stopped(mut shutdown: Shutdown, finished: Arc<AtomicU32>) -> anyhow::Result<()> {
        shutdown.requested().await;
        finished.fetch_add(1, Ordering::SeqCst);
        Ok(())
    }

    #[tokio::test(start_paused = true)]
    async fn a_task_that_panics_is_restarted_and_stops_on_request() {
        let runs = Arc::new(AtomicU32::new(0));
        let finished = Arc::new(AtomicU32::new(0));
        let mut background = Background::new();
        background.spawn("flaky", quick(), {
            let (runs, finished) = (runs.clone(), finished.clone());
            move |shutdown| {
                let run = runs.fetch_add(1, Ordering::SeqCst);
                let finished = finished.clone();
                async move {
                    if run == 0 {
                        panic!("first run breaks");
                    }
                    until_stopped(shutdown, finished).await
                }
            }
        });
        tokio::time::sleep(Duration::from_secs(1)).await;
        assert_eq!(
            runs.load(Ordering::SeqCst),
            2,
            "restarted once after the panic"
        );
        assert!(background.stop(Duration::from_secs(1)).await);
        assert_eq!(
            finished.load(Ordering::SeqCst),
            1,
            "the running task was let finish"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_task_that_keeps_failing_is_given_up_on_with_its_reason() {
        let runs = Arc::new(AtomicU32::new(0));
        let mut background = Background::new();
        background.spawn("broken", quick(), {
            let runs = runs.clone();
            move |_| {
                runs.fetch_add(1, Ordering::SeqCst);
                async { Err(anyhow::anyhow!("no database")) }
            }
        });
        let started = Instant::now();
        let exit = background.gave_up().await;
        assert_eq!(
            exit,
            Exit::GaveUp {
                task: "broken",
                reason: "no database".to_string()
            }
        );
        // The first run and three restarts, after pauses of 10, 20 and 40 ms.
        assert_eq!(runs.load(Ordering::SeqCst), 4);
        assert_eq!(started.elapsed(), Duration::from_millis(70));
    }

    #[tokio::test(start_paused = true)]
    async fn a_task_that_returns_on_its_own_counts_as_a_failure() {
        let (_stop, shutdown) = Shutdown::new();
        let exit = supervise("quitter", quick(), shutdown, |_| async { Ok(()) }).await;
        assert!(matches!(exit, Exit::GaveUp { reason, .. } if reason == "it returned"));
    }

    #[tokio::test(start_paused = true)]
    async fn the_backoff_is_capped_and_starts_over_after_a_healthy_run() {
        let runs = Arc::new(AtomicU32::new(0));
        let (stop, shutdown) = Shutdown::new();
        let policy = RestartPolicy {
            max_restarts: 5,
            ..quick()
        };
        let supervisor = tokio::spawn(supervise("healthy", policy, shutdown, {
            let runs = runs.clone();
            move |_| {
                let run = runs.fetch_add(1, Ordering::SeqCst);
                async move {
                    // Runs 0-4 fail at once; run 5 runs healthily, then fails; so does 6.
                    if run >= 5 {
                        tokio::time::sleep(Duration::from_secs(2)).await;
                    }
                    anyhow::bail!("run {run} failed")
                }
            }
        }));
        // 10 + 20 + 40 + 80 + 80 (capped) ms of pauses, the healthy run's 2 s, then only the
        // first pause again: five failures in a row would have given up before run 6.
        tokio::time::sleep(Duration::from_millis(230 + 2000 + 10 + 1000)).await;
        assert_eq!(runs.load(Ordering::SeqCst), 7);
        stop.stop();
        assert_eq!(supervisor.await.ok(), Some(Exit::Stopped));
    }

    #[tokio::test(start_paused = true)]
    async fn a_stop_during_the_pause_ends_at_once() {
        let (stop, shutdown) = Shutdown::new();
        let policy = RestartPolicy {
            initial_backoff: Duration::from_secs(3600),
            ..quick()
        };
        let supervisor = tokio::spawn(supervise("slow", policy, shutdown, |_| async {
            anyhow::bail!("down")
        }));
        tokio::time::sleep(Duration::from_millis(5)).await;
        let asked = Instant::now();
        stop.stop();
        assert_eq!(supervisor.await.ok(), Some(Exit::Stopped));
        assert!(asked.elapsed() < Duration::from_secs(1));
    }
}
