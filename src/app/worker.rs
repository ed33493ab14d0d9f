//! Background work: the live-output run worker and one-shot tasks, both through channels.
//!
//! The UI thread never runs JavaScript or HTTP. Runs go to one named worker thread that only
//! keeps the newest queued job; every result carries the generation it was asked for, so the
//! app drops answers that are already stale. Each finished job wakes the UI with
//! `request_repaint`, so nothing repaints while idle.

use std::sync::mpsc;

use crate::engine::{Engine, RunReport, RunRequest};

/// One run asked of the worker.
pub struct RunJob {
    /// Increases with every job; results echo it.
    pub generation: u64,
    /// What to run.
    pub request: RunRequest,
}

/// The answer to a [`RunJob`].
pub struct RunResult {
    /// The generation of the job.
    pub generation: u64,
    /// What the engine reported.
    pub report: RunReport,
}

/// The handle of the run worker thread.
pub struct RunWorker {
    jobs: mpsc::Sender<RunJob>,
    results: mpsc::Receiver<RunResult>,
    next_generation: u64,
    latest_generation: u64,
}

impl RunWorker {
    /// Starts the worker thread; it wakes `ctx` whenever a result is ready.
    pub fn spawn(engine: Engine, ctx: egui::Context) -> std::io::Result<Self> {
        let (jobs, job_rx) = mpsc::channel::<RunJob>();
        let (result_tx, results) = mpsc::channel();
        std::thread::Builder::new()
            .name("hookcraft-run".to_owned())
            .spawn(move || {
                // Start the engine's worker process before the first keystroke needs it; a
                // failure here shows up, worded, on the first run instead.
                engine.warm_up(1).ok();
                while let Ok(mut job) = job_rx.recv() {
                    // Skip to the newest job: older ones are stale already.
                    while let Ok(newer) = job_rx.try_recv() {
                        job = newer;
                    }
                    let report = engine.run(&job.request);
                    let result = RunResult {
                        generation: job.generation,
                        report,
                    };
                    if result_tx.send(result).is_err() {
                        break;
                    }
                    ctx.request_repaint();
                }
            })?;
        Ok(Self {
            jobs,
            results,
            next_generation: 1,
            latest_generation: 0,
        })
    }

    /// Queues a run; returns its generation.
    pub fn submit(&mut self, request: RunRequest) -> u64 {
        let generation = self.next_generation;
        self.next_generation += 1;
        self.latest_generation = generation;
        // A closed channel means the worker died; `poll` then never answers and the UI says so.
        self.jobs
            .send(RunJob {
                generation,
                request,
            })
            .ok();
        generation
    }

    /// The newest result for the newest job, if it arrived; stale results are dropped.
    pub fn poll(&mut self) -> Option<RunReport> {
        let mut fresh = None;
        while let Ok(result) = self.results.try_recv() {
            if result.generation == self.latest_generation {
                fresh = Some(result.report);
            }
        }
        fresh
    }

    /// Whether the newest job has not answered yet.
    pub fn is_pending(&self, answered_generation: u64) -> bool {
        answered_generation < self.latest_generation
    }

    /// The generation of the newest job.
    pub fn latest_generation(&self) -> u64 {
        self.latest_generation
    }
}

/// A one-shot background task whose result is polled each frame (a tiny promise).
pub struct Task<T> {
    rx: mpsc::Receiver<T>,
}

impl<T: Send + 'static> Task<T> {
    /// Runs `work` on a named thread and wakes `ctx` when done.
    pub fn spawn(
        name: &str,
        ctx: &egui::Context,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> std::io::Result<Self> {
        let (tx, rx) = mpsc::channel();
        let ctx = ctx.clone();
        std::thread::Builder::new()
            .name(name.to_owned())
            .spawn(move || {
                tx.send(work()).ok();
                ctx.request_repaint();
            })?;
        Ok(Self { rx })
    }

    /// The result, once ready (`Some` exactly once).
    pub fn poll(&self) -> Option<T> {
        self.rx.try_recv().ok()
    }
}

/// A background task that reports progress before its result.
pub struct ProgressTask<P, T> {
    progress: mpsc::Receiver<P>,
    done: Task<T>,
    /// The last progress value received.
    pub last_progress: Option<P>,
}

impl<P: Send + 'static, T: Send + 'static> ProgressTask<P, T> {
    /// Runs `work`, which reports progress through the sender it is given.
    pub fn spawn(
        name: &str,
        ctx: &egui::Context,
        work: impl FnOnce(&(dyn Fn(P) + Sync)) -> T + Send + 'static,
    ) -> std::io::Result<Self> {
        let (tx, progress) = mpsc::channel();
        let wake = ctx.clone();
        let done = Task::spawn(name, ctx, move || {
            let report = move |p: P| {
                tx.send(p).ok();
                wake.request_repaint();
            };
            work(&report)
        })?;
        Ok(Self {
            progress,
            done,
            last_progress: None,
        })
    }

    /// Drains progress; returns the result once finished.
    pub fn poll(&mut self) -> Option<T> {
        while let Ok(p) = self.progress.try_recv() {
            self.last_progress = Some(p);
        }
        self.done.poll()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests may unwrap")]
mod tests {
    use super::*;

    #[test]
    fn task_delivers_its_result_once() {
        let ctx = egui::Context::default();
        let task = Task::spawn("test-task", &ctx, || 41 + 1).unwrap();
        let mut got = None;
        for _ in 0..500 {
            if let Some(v) = task.poll() {
                got = Some(v);
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        assert_eq!(got, Some(42));
        assert_eq!(task.poll(), None);
    }

    #[test]
    fn progress_task_reports_progress_then_result() {
        let ctx = egui::Context::default();
        let mut task =
            ProgressTask::spawn("test-progress", &ctx, |report: &(dyn Fn(usize) + Sync)| {
                for i in 1..=3 {
                    report(i);
                }
                "done"
            })
            .unwrap();
        let mut got = None;
        for _ in 0..500 {
            if let Some(v) = task.poll() {
                got = Some(v);
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        task.poll();
        assert_eq!(got, Some("done"));
        assert_eq!(task.last_progress, Some(3));
    }
}
