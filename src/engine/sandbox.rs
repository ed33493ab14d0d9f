//! [`Engine`]: runs transformations in warm worker processes with a deadline and a memory cap.

use std::collections::VecDeque;
use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::worker::{READY_LINE, WORKER_ARG, WorkerReply};
use super::{EngineError, ErrorKind, RunReport, RunRequest};

/// How long a new worker may take to start.
const START_TIMEOUT: Duration = Duration::from_secs(20);

/// Idle workers kept warm for the next runs.
const MAX_IDLE_WORKERS: usize = 4;

/// How much of a worker's stderr is kept to explain a crash.
const STDERR_TAIL_BYTES: usize = 8 * 1024;

/// Runs transformations safely. Cheap to clone; all clones share the warm workers.
///
/// Every run gets a fresh boa `Context` in a worker process. A run that passes its deadline is
/// killed with its worker ([`ErrorKind::Timeout`]); one that passes its memory budget aborts
/// its worker ([`ErrorKind::Memory`]). Either way the caller's process carries on and the next
/// run starts a new worker. `run` blocks: call it off the UI thread.
#[derive(Clone, Debug)]
pub struct Engine {
    worker_exe: PathBuf,
    idle: Arc<Mutex<VecDeque<Worker>>>,
}

impl Engine {
    /// An engine whose workers are `worker_exe __engine-worker` (the hookcraft binary).
    pub fn new(worker_exe: PathBuf) -> Self {
        Self {
            worker_exe,
            idle: Arc::new(Mutex::new(VecDeque::new())),
        }
    }

    /// An engine whose workers are this very executable (the hookcraft binary).
    pub fn from_current_exe() -> Self {
        let exe = std::env::current_exe().unwrap_or_else(|_| PathBuf::from("hookcraft"));
        Self::new(exe)
    }

    /// Starts `workers` workers now so the first runs do not pay for them. With two or more,
    /// back-to-back runs alternate between them, and each worker prepares its next fresh
    /// `Context` while the other one runs.
    pub fn warm_up(&self, workers: usize) -> Result<(), EngineError> {
        for _ in 0..workers.clamp(1, MAX_IDLE_WORKERS) {
            let worker = Worker::start(&self.worker_exe)?;
            self.give_back(worker);
        }
        Ok(())
    }

    /// Runs one transformation and waits for its report.
    pub fn run(&self, request: &RunRequest) -> RunReport {
        let started = Instant::now();
        let failed = |error: EngineError| RunReport {
            result: Err(error),
            console: Vec::new(),
            duration: started.elapsed(),
        };
        let line = match serde_json::to_string(request) {
            Ok(line) => line,
            Err(e) => {
                return failed(EngineError::new(
                    ErrorKind::BadSample,
                    format!("the input cannot be encoded: {e}"),
                ));
            }
        };
        let mut worker = match self.take_idle() {
            Some(worker) => worker,
            None => match Worker::start(&self.worker_exe) {
                Ok(worker) => worker,
                Err(error) => return failed(error),
            },
        };
        let sent_at = Instant::now();
        match worker.call(&line, request.options.timeout) {
            Ok(reply) => {
                self.give_back(worker);
                RunReport {
                    result: reply.result,
                    console: reply.console,
                    duration: reply.duration,
                }
            }
            Err(failure) => {
                let error = worker.explain(failure, request);
                RunReport {
                    result: Err(error),
                    console: Vec::new(),
                    duration: sent_at.elapsed(),
                }
            }
        }
    }

    fn take_idle(&self) -> Option<Worker> {
        let mut idle = self.idle.lock().ok()?;
        // The longest-idle worker has had the most time to prepare its next Context.
        while let Some(mut worker) = idle.pop_front() {
            if worker.is_alive() {
                return Some(worker);
            }
        }
        None
    }

    fn give_back(&self, worker: Worker) {
        if let Ok(mut idle) = self.idle.lock()
            && idle.len() < MAX_IDLE_WORKERS
        {
            idle.push_back(worker);
        }
    }
}

/// Why a call to a worker got no answer.
enum CallFailure {
    /// The deadline passed; the worker was killed.
    Timeout,
    /// The worker went away (crashed or aborted).
    Died,
    /// Writing the request failed.
    Io(std::io::Error),
}

/// One worker process and the threads reading its output.
#[derive(Debug)]
struct Worker {
    child: Child,
    stdin: ChildStdin,
    replies: Receiver<String>,
    stderr_tail: Arc<Mutex<Vec<u8>>>,
    /// Ends when the worker's stderr closes; joined to read a crash's last words in full.
    stderr_reader: Option<std::thread::JoinHandle<()>>,
}

impl Worker {
    fn start(exe: &PathBuf) -> Result<Self, EngineError> {
        let cannot = |why: String| {
            EngineError::new(
                ErrorKind::Exception,
                format!(
                    "the engine worker could not start ({why}): {}",
                    exe.display()
                ),
            )
        };
        let mut child = Command::new(exe)
            .arg(WORKER_ARG)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| cannot(e.to_string()))?;
        let (Some(stdin), Some(stdout), Some(stderr)) =
            (child.stdin.take(), child.stdout.take(), child.stderr.take())
        else {
            child.kill().ok();
            child.wait().ok();
            return Err(cannot("no pipes".to_owned()));
        };
        let (sender, replies) = mpsc::channel();
        std::thread::Builder::new()
            .name("engine-worker-stdout".to_owned())
            .spawn(move || {
                for line in BufReader::new(stdout).lines() {
                    let Ok(line) = line else { break };
                    if sender.send(line).is_err() {
                        break;
                    }
                }
            })
            .map_err(|e| cannot(e.to_string()))?;
        let stderr_tail = Arc::new(Mutex::new(Vec::new()));
        let tail = Arc::clone(&stderr_tail);
        let stderr_reader = std::thread::Builder::new()
            .name("engine-worker-stderr".to_owned())
            .spawn(move || {
                let mut stderr = stderr;
                let mut chunk = [0_u8; 4096];
                while let Ok(n) = stderr.read(&mut chunk) {
                    if n == 0 {
                        break;
                    }
                    if let (Ok(mut tail), Some(bytes)) = (tail.lock(), chunk.get(..n)) {
                        tail.extend_from_slice(bytes);
                        let excess = tail.len().saturating_sub(STDERR_TAIL_BYTES);
                        tail.drain(..excess);
                    }
                }
            })
            .map_err(|e| cannot(e.to_string()))?;
        let mut worker = Self {
            child,
            stdin,
            replies,
            stderr_tail,
            stderr_reader: Some(stderr_reader),
        };
        match worker.replies.recv_timeout(START_TIMEOUT) {
            Ok(line) if line == READY_LINE => Ok(worker),
            Ok(line) => {
                worker.kill();
                Err(cannot(format!("unexpected first line {line:?}")))
            }
            Err(_) => {
                worker.kill();
                let tail = worker.stderr_text();
                Err(cannot(if tail.is_empty() {
                    "no answer".to_owned()
                } else {
                    tail
                }))
            }
        }
    }

    fn call(&mut self, line: &str, timeout: Duration) -> Result<WorkerReply, CallFailure> {
        // Drop any stale line (there should be none).
        while self.replies.try_recv().is_ok() {}
        self.stdin
            .write_all(line.as_bytes())
            .and_then(|()| self.stdin.write_all(b"\n"))
            .and_then(|()| self.stdin.flush())
            .map_err(|e| {
                if self.is_alive() {
                    CallFailure::Io(e)
                } else {
                    CallFailure::Died
                }
            })?;
        match self.replies.recv_timeout(timeout) {
            Ok(reply) => serde_json::from_str(&reply).map_err(|e| {
                CallFailure::Io(std::io::Error::new(std::io::ErrorKind::InvalidData, e))
            }),
            Err(RecvTimeoutError::Timeout) => {
                self.kill();
                Err(CallFailure::Timeout)
            }
            Err(RecvTimeoutError::Disconnected) => Err(CallFailure::Died),
        }
    }

    /// Turns a failed call into the error the user sees; the worker is gone afterwards.
    fn explain(&mut self, failure: CallFailure, request: &RunRequest) -> EngineError {
        match failure {
            CallFailure::Timeout => EngineError::new(
                ErrorKind::Timeout,
                format!(
                    "the run took longer than {} ms and was stopped (an endless loop, or a timer or promise that never ends?)",
                    request.options.timeout.as_millis()
                ),
            ),
            CallFailure::Io(e) => {
                self.kill();
                EngineError::new(
                    ErrorKind::Exception,
                    format!("internal: talking to the engine worker failed: {e}"),
                )
            }
            CallFailure::Died => {
                let status = self.child.wait().ok();
                // The process is gone, so its stderr is closed: wait for the reader to finish.
                if let Some(reader) = self.stderr_reader.take() {
                    reader.join().ok();
                }
                let tail = self.stderr_text();
                let budget_mib = request.options.memory_limit_bytes / (1024 * 1024);
                if tail.contains("memory allocation of") {
                    EngineError::new(
                        ErrorKind::Memory,
                        format!(
                            "the script used more than its {budget_mib} MiB memory budget and was stopped"
                        ),
                    )
                } else if tail.contains("overflowed its stack") {
                    EngineError::new(
                        ErrorKind::Memory,
                        "the script ran out of stack (too deep recursion or nesting) and was stopped",
                    )
                } else {
                    let how = status.map_or_else(|| "unknown".to_owned(), |s| s.to_string());
                    EngineError::new(
                        ErrorKind::Memory,
                        format!(
                            "the engine worker stopped unexpectedly ({how}); the script most likely exhausted memory. {}",
                            tail.lines().last().unwrap_or_default()
                        ),
                    )
                }
            }
        }
    }

    fn stderr_text(&self) -> String {
        self.stderr_tail
            .lock()
            .map(|tail| String::from_utf8_lossy(&tail).into_owned())
            .unwrap_or_default()
    }

    fn is_alive(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    fn kill(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        self.kill();
    }
}
