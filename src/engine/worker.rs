//! The engine worker: `hookcraft __engine-worker` reads one [`RunRequest`] per line on stdin
//! and answers one [`WorkerReply`] per line on stdout, each run in a fresh boa `Context`.
//!
//! The process's global allocator is [`cap::Cap`]: during a run it refuses allocations past
//! the run's memory budget, which aborts this process with "memory allocation of N bytes
//! failed" on stderr. The parent ([`super::Engine`]) reads that and reports
//! [`super::ErrorKind::Memory`]; the worker is then replaced.

use std::io::{BufRead as _, Write as _};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::js::{Prepared, RUN_STACK_BYTES, run_prepared};
use super::{ConsoleLine, EngineError, Output, RunRequest};

/// The subcommand that starts a worker.
pub const WORKER_ARG: &str = "__engine-worker";

/// The first line a worker writes, once it is ready for requests.
pub const READY_LINE: &str = "hookcraft-engine-worker ready";

/// Heap the worker may use outside runs (its own baseline), far above what it needs.
const IDLE_LIMIT_BYTES: usize = usize::MAX;

/// Every allocation of the process goes through this counter. Outside worker mode its limit
/// is never lowered, so it only counts.
#[global_allocator]
static ALLOCATOR: cap::Cap<std::alloc::System> = cap::Cap::new(std::alloc::System, usize::MAX);

/// One answer, in the order requests came.
#[derive(Debug, Serialize, Deserialize)]
pub struct WorkerReply {
    /// The run's result.
    pub result: Result<Output, EngineError>,
    /// Console output.
    pub console: Vec<ConsoleLine>,
    /// Time spent inside the worker.
    pub duration: Duration,
}

/// Runs the worker loop until stdin closes. Returns the process exit code.
pub fn main() -> i32 {
    let thread = std::thread::Builder::new()
        .name("engine-worker".to_owned())
        .stack_size(RUN_STACK_BYTES)
        .spawn(serve);
    match thread.map(std::thread::JoinHandle::join) {
        Ok(Ok(code)) => code,
        _ => 3,
    }
}

fn serve() -> i32 {
    let stdin = std::io::stdin();
    let mut stdout = std::io::stdout().lock();
    if writeln!(stdout, "{READY_LINE}")
        .and_then(|()| stdout.flush())
        .is_err()
    {
        return 1;
    }
    // The next run's Context is made while waiting for its request.
    let mut next = Prepared::new();
    for line in stdin.lock().lines() {
        let Ok(line) = line else { return 1 };
        if line.trim().is_empty() {
            continue;
        }
        let started = Instant::now();
        let mut used = std::mem::replace(
            &mut next,
            Err(EngineError::new(
                super::ErrorKind::Exception,
                "internal: no prepared context",
            )),
        );
        let reply = match (serde_json::from_str::<RunRequest>(&line), used.as_mut()) {
            (Ok(request), Ok(prepared)) => run_capped(prepared, &request, started),
            (Ok(_), Err(error)) => failed(error.clone()),
            (Err(e), _) => failed(EngineError::new(
                super::ErrorKind::Exception,
                format!("internal: the worker could not read its request: {e}"),
            )),
        };
        let Ok(text) = serde_json::to_string(&reply) else {
            return 1;
        };
        if writeln!(stdout, "{text}")
            .and_then(|()| stdout.flush())
            .is_err()
        {
            return 1;
        }
        // After answering: drop the used Context and make the next one.
        drop(used);
        next = Prepared::new();
    }
    0
}

fn failed(error: EngineError) -> WorkerReply {
    WorkerReply {
        result: Err(error),
        console: Vec::new(),
        duration: Duration::ZERO,
    }
}

/// Runs one request with the heap capped at the current use plus the run's budget.
fn run_capped(prepared: &mut Prepared, request: &RunRequest, started: Instant) -> WorkerReply {
    let budget = ALLOCATOR
        .allocated()
        .saturating_add(request.options.memory_limit_bytes);
    // The limit only fails if it is below current use, which `budget` never is.
    ALLOCATOR.set_limit(budget).ok();
    let report = run_prepared(prepared, request, started);
    ALLOCATOR.set_limit(IDLE_LIMIT_BYTES).ok();
    WorkerReply {
        result: report.result,
        console: report.console,
        duration: report.duration,
    }
}
