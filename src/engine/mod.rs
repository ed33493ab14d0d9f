//! The transformation engine: the `handler(webhook)` contract run safely on boa.
//!
//! A transformation is a plain script that defines `function handler(webhook)`. It receives
//! `{method, url, payload, eventType, env}` and returns the (possibly changed) object; see
//! [`WebhookInput`] and [`Output`].
//!
//! # How a runaway script is stopped
//! boa 0.22 has loop and recursion limits but no memory cap and no way for another thread to
//! interrupt a running script, and a failed allocation aborts the whole process. So scripts
//! never run inside the caller's process: [`Engine`] keeps warm worker processes (this same
//! binary started as `hookcraft __engine-worker`), each run in a fresh boa `Context`.
//! - Time: the caller waits for the answer until the deadline, then kills the worker and
//!   starts a new one (about 6 ms). A killed run is a [`ErrorKind::Timeout`].
//! - Memory: the worker's global allocator ([`cap::Cap`]) refuses allocations past the run's
//!   budget; the failed allocation aborts the worker, the caller reads the abort message and
//!   reports [`ErrorKind::Memory`]. A stack overflow is reported the same way.
//! - Output: the body is serialised with `JSON.stringify` inside the worker and refused past
//!   [`RunOptions::max_output_bytes`], so a huge result cannot flood the caller.
//! - Speed: a worker builds the next run's fresh `Context` (about 1 ms of boa start-up on
//!   this project's machine) right after answering, while it would otherwise wait, and the
//!   [`Engine`] hands runs to the longest-idle worker. Each `Context` still serves one run.
//!
//! The alternatives measured against this: boa's loop limit is per call frame and cannot
//! reach loops inside built-in callbacks; polling `evaluate_async_with_budget` costs 1.3-2x
//! and has the same hole; neither bounds memory, and an allocation failure in-process would
//! abort the app. A process boundary is the only design that keeps both promises.
//!
//! The in-process runner ([`run_in_process`]) is what the worker calls; use it directly only
//! for trusted code (benchmarks, unit tests).

mod error;
mod js;
mod output;
mod sandbox;
pub mod worker;

use std::collections::BTreeMap;
use std::time::Duration;

use serde::{Deserialize, Serialize};

pub use error::{EngineError, ErrorKind};
pub use js::run_in_process;
pub use output::Output;
pub use sandbox::Engine;

/// The URL the dashboard shows before the user enters one.
pub const DEFAULT_URL: &str = "https://webhook.example.com";

/// The bounds the dashboard puts on transformation code, in characters.
pub const CODE_LENGTH_MIN: usize = 10;
/// See [`CODE_LENGTH_MIN`].
pub const CODE_LENGTH_MAX: usize = 51_200;

/// `Date.now()` in repeatable mode: 2026-01-01T00:00:00.000Z.
pub const REPEATABLE_NOW_MS: u64 = 1_767_225_600_000;
/// The seed of the `Math.random()` sequence in repeatable mode (mulberry32).
pub const REPEATABLE_RANDOM_SEED: u32 = 0x5EED_1234;

/// The object handed to `handler(webhook)`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WebhookInput {
    /// `"POST"` unless the caller says otherwise.
    pub method: String,
    /// The endpoint URL ([`DEFAULT_URL`] when none was entered).
    pub url: String,
    /// The parsed Dodo envelope `{business_id, type, timestamp, data}`.
    pub payload: serde_json::Value,
    /// The event type; equals `payload.type` unless given.
    pub event_type: String,
    /// The endpoint's Variables.
    pub env: BTreeMap<String, String>,
}

impl WebhookInput {
    /// The input for `payload`, with `eventType` taken from `payload.type` and the default
    /// method, URL and no variables.
    pub fn new(payload: serde_json::Value) -> Self {
        let event_type = payload
            .get("type")
            .and_then(serde_json::Value::as_str)
            .unwrap_or_default()
            .to_owned();
        Self {
            method: "POST".to_owned(),
            url: DEFAULT_URL.to_owned(),
            payload,
            event_type,
            env: BTreeMap::new(),
        }
    }

    /// Sets the URL; an empty one means [`DEFAULT_URL`].
    #[must_use]
    pub fn with_url(mut self, url: &str) -> Self {
        url.trim().clone_into(&mut self.url);
        if self.url.is_empty() {
            DEFAULT_URL.clone_into(&mut self.url);
        }
        self
    }

    /// Sets the Variables (`webhook.env`).
    #[must_use]
    pub fn with_env(mut self, env: BTreeMap<String, String>) -> Self {
        self.env = env;
        self
    }
}

/// Limits and modes of one run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RunOptions {
    /// Wall-clock deadline of the whole run (script, promises and timers).
    pub timeout: Duration,
    /// Heap the script may use on top of the worker's baseline.
    pub memory_limit_bytes: usize,
    /// Fixed `Date` and `Math.random` so the same inputs give the same output (previews).
    pub repeatable: bool,
    /// The largest serialised output body accepted.
    pub max_output_bytes: usize,
    /// Console lines kept per run before a "truncated" marker.
    pub max_console_lines: usize,
    /// Console bytes kept per run before a "truncated" marker.
    pub max_console_bytes: usize,
}

impl Default for RunOptions {
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(1),
            memory_limit_bytes: 64 * 1024 * 1024,
            repeatable: false,
            max_output_bytes: 1024 * 1024,
            max_console_lines: 1000,
            max_console_bytes: 64 * 1024,
        }
    }
}

impl RunOptions {
    /// Defaults with repeatable mode on, as previews use.
    pub fn repeatable() -> Self {
        Self {
            repeatable: true,
            ..Self::default()
        }
    }
}

/// One `console.*` call.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsoleLine {
    /// The method called.
    pub level: ConsoleLevel,
    /// The formatted arguments.
    pub message: String,
}

/// Which `console` method wrote a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ConsoleLevel {
    /// `console.log` (and the "truncated" marker).
    Log,
    /// `console.info`.
    Info,
    /// `console.warn`.
    Warn,
    /// `console.error`.
    Error,
    /// `console.debug` and `console.trace`.
    Debug,
}

impl ConsoleLevel {
    /// The method's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Log => "log",
            Self::Info => "info",
            Self::Warn => "warn",
            Self::Error => "error",
            Self::Debug => "debug",
        }
    }
}

/// What one run produced.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunReport {
    /// The normalised output, or why there is none.
    pub result: Result<Output, EngineError>,
    /// Console output in call order (also kept when the run failed).
    pub console: Vec<ConsoleLine>,
    /// Wall-clock time of the run as the caller saw it.
    pub duration: Duration,
}

impl RunReport {
    /// The output, when the run succeeded.
    pub fn output(&self) -> Option<&Output> {
        self.result.as_ref().ok()
    }

    /// The error, when the run failed.
    pub fn error(&self) -> Option<&EngineError> {
        self.result.as_ref().err()
    }
}

/// Everything a run needs; what travels to the worker process.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunRequest {
    /// The transformation's source.
    pub code: String,
    /// The `webhook` argument.
    pub input: WebhookInput,
    /// Limits and modes.
    pub options: RunOptions,
}
