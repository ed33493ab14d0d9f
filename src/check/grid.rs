//! The run-all grid: a transform run over every sample, one row each, grouped by event
//! family, with a status, a duration, the validation findings and the output.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use serde::Serialize;

use super::explain::{Explanation, explain};
use super::{Finding, RunFn, SampleRef, Severity, validate};
use crate::engine::{ErrorKind, Output, RunOptions, RunRequest, WebhookInput};

/// What happened to one sample.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Status {
    /// The transform produced a request the validators accept.
    Transformed,
    /// The output is the input envelope, sent to the same URL: the event is not handled.
    Unchanged,
    /// The transform set `cancel = true`: nothing is sent.
    Cancelled,
    /// The run failed.
    Failed {
        /// What went wrong.
        kind: ErrorKind,
        /// The engine's message (with the line when known).
        message: String,
    },
    /// The output breaks the destination's rules (see the row's findings).
    Invalid,
    /// Not run: the grid was stopped first.
    Skipped,
}

impl Status {
    /// A short word for tables.
    pub fn label(&self) -> &'static str {
        match self {
            Self::Transformed => "transformed",
            Self::Unchanged => "unchanged",
            Self::Cancelled => "cancelled",
            Self::Failed { .. } => "failed",
            Self::Invalid => "invalid",
            Self::Skipped => "skipped",
        }
    }
}

/// One sample's result.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Row {
    /// The sample's name.
    pub sample: String,
    /// Its event type.
    pub event_type: String,
    /// The event family: the event type before the first dot (`payment`).
    pub family: String,
    /// What happened.
    pub status: Status,
    /// How long the run took.
    #[serde(serialize_with = "ser_ms")]
    pub duration: Duration,
    /// Destination findings for the output (empty when the run failed or was skipped).
    pub findings: Vec<Finding>,
    /// The output, when the run succeeded.
    pub output: Option<Output>,
    /// For a failed run, what in this sample caused it (see [`explain`]), when known.
    pub explanation: Option<Explanation>,
}

fn ser_ms<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(d.as_secs_f64() * 1000.0)
}

impl Row {
    /// The number of error findings.
    pub fn errors(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count()
    }
}

/// Counts of each status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// [`Status::Transformed`] rows.
    pub transformed: usize,
    /// [`Status::Unchanged`] rows.
    pub unchanged: usize,
    /// [`Status::Cancelled`] rows.
    pub cancelled: usize,
    /// [`Status::Failed`] rows.
    pub failed: usize,
    /// [`Status::Invalid`] rows.
    pub invalid: usize,
    /// [`Status::Skipped`] rows.
    pub skipped: usize,
}

/// The results of a run over many samples.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Grid {
    /// One row per sample, in the order the samples were given.
    pub rows: Vec<Row>,
    /// `true` when the run was stopped before every sample ran.
    pub stopped: bool,
}

impl Grid {
    /// Counts of each status.
    pub fn summary(&self) -> Summary {
        let mut s = Summary::default();
        for row in &self.rows {
            match row.status {
                Status::Transformed => s.transformed += 1,
                Status::Unchanged => s.unchanged += 1,
                Status::Cancelled => s.cancelled += 1,
                Status::Failed { .. } => s.failed += 1,
                Status::Invalid => s.invalid += 1,
                Status::Skipped => s.skipped += 1,
            }
        }
        s
    }

    /// Rows grouped by event family, families in first-seen order.
    pub fn families(&self) -> Vec<(&str, Vec<&Row>)> {
        let mut out: Vec<(&str, Vec<&Row>)> = Vec::new();
        for row in &self.rows {
            match out.iter_mut().find(|(f, _)| *f == row.family) {
                Some((_, rows)) => rows.push(row),
                None => out.push((&row.family, vec![row])),
            }
        }
        out
    }

    /// The row of `sample`.
    pub fn row(&self, sample: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.sample == sample)
    }

    /// Event types in `subscribed` that the transform does not handle: every row of that
    /// type came out [`Status::Unchanged`]. Types with no row are not reported.
    pub fn unhandled_subscribed(&self, subscribed: &[String]) -> Vec<String> {
        let mut by_type: BTreeMap<&str, bool> = BTreeMap::new();
        for row in &self.rows {
            let all_unchanged = by_type.entry(&row.event_type).or_insert(true);
            *all_unchanged &= row.status == Status::Unchanged;
        }
        subscribed
            .iter()
            .filter(|e| by_type.get(e.as_str()).copied().unwrap_or(false))
            .cloned()
            .collect()
    }
}

/// Runs `code` over every sample (POSTed to `url` with `env`), on two threads. `progress`
/// is called with (done, total) after each sample; setting `cancel` stops the run and marks
/// the rest [`Status::Skipped`].
pub fn run_all(
    run: &RunFn<'_>,
    code: &str,
    samples: &[SampleRef<'_>],
    url: &str,
    env: &BTreeMap<String, String>,
    progress: &(dyn Fn(usize, usize) + Sync),
    cancel: &AtomicBool,
) -> Grid {
    let total = samples.len();
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let rows: Mutex<Vec<Option<Row>>> = Mutex::new(vec![None; total]);
    let worker = || {
        loop {
            if cancel.load(Ordering::Relaxed) {
                break;
            }
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(sample) = samples.get(i) else { break };
            let row = run_one(run, code, sample, url, env);
            if let Ok(mut rows) = rows.lock()
                && let Some(slot) = rows.get_mut(i)
            {
                *slot = Some(row);
            }
            progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
        }
    };
    std::thread::scope(|s| {
        let extra = std::thread::Builder::new()
            .name("hookcraft-grid".into())
            .spawn_scoped(s, worker);
        worker();
        if let Ok(handle) = extra {
            handle.join().ok();
        }
    });
    let rows = rows
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let stopped = rows.iter().any(Option::is_none);
    Grid {
        rows: rows
            .into_iter()
            .zip(samples)
            .map(|(row, sample)| row.unwrap_or_else(|| skipped(sample)))
            .collect(),
        stopped,
    }
}

fn family(event_type: &str) -> String {
    event_type
        .split('.')
        .next()
        .unwrap_or(event_type)
        .to_owned()
}

fn skipped(sample: &SampleRef<'_>) -> Row {
    let event_type = sample.event_type();
    Row {
        sample: sample.name.to_owned(),
        family: family(&event_type),
        event_type,
        status: Status::Skipped,
        duration: Duration::ZERO,
        findings: Vec::new(),
        output: None,
        explanation: None,
    }
}

/// Runs one sample and classifies the result.
pub fn run_one(
    run: &RunFn<'_>,
    code: &str,
    sample: &SampleRef<'_>,
    url: &str,
    env: &BTreeMap<String, String>,
) -> Row {
    let input = WebhookInput::new(sample.payload.clone())
        .with_url(url)
        .with_env(env.clone());
    let report = run(&RunRequest {
        code: code.to_owned(),
        input: input.clone(),
        options: RunOptions::default(),
    });
    let event_type = sample.event_type();
    let mut explanation = None;
    let (status, findings, output) = match report.result {
        Err(e) => {
            explanation = explain(&e, code, sample.payload);
            (
                Status::Failed {
                    kind: e.kind,
                    message: e.to_string(),
                },
                Vec::new(),
                None,
            )
        }
        Ok(output) => {
            let findings = validate(&output);
            let status = if output.cancel {
                Status::Cancelled
            } else if output.payload == input.payload && output.url == input.url {
                Status::Unchanged
            } else if findings.iter().any(|f| f.severity == Severity::Error) {
                Status::Invalid
            } else {
                Status::Transformed
            };
            (status, findings, Some(output))
        }
    };
    Row {
        sample: sample.name.to_owned(),
        family: family(&event_type),
        event_type,
        status,
        duration: report.duration,
        findings,
        output,
        explanation,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests may unwrap (common brief); the lint guards user data.
mod tests {
    use std::collections::BTreeMap;

    use serde_json::{Value, json};

    use super::*;
    use crate::engine::{EngineError, RunReport};

    /// A stand-in for the engine that behaves like a small transform, per event type.
    fn fake(req: &RunRequest) -> RunReport {
        let t = req.input.event_type.as_str();
        let base = Output {
            method: "POST".into(),
            url: req.input.url.clone(),
            headers: BTreeMap::new(),
            payload: req.input.payload.clone(),
            cancel: false,
        };
        let result = match t {
            "payment.succeeded" => Ok(Output {
                url: "https://api.segment.io/v1/track".into(),
                payload: json!({"userId": "cus_1", "event": "Paid"}),
                ..base
            }),
            "payment.failed" => Ok(Output {
                url: "https://api.segment.io/v1/track".into(),
                payload: json!({"event": "Failed"}),
                ..base
            }),
            "refund.succeeded" => Ok(Output {
                cancel: true,
                ..base
            }),
            "dispute.opened" => {
                Err(EngineError::new(ErrorKind::Exception, "TypeError: boom").at(3, 5))
            }
            _ => Ok(base),
        };
        RunReport {
            result,
            console: Vec::new(),
            duration: Duration::from_millis(2),
        }
    }

    fn envelopes() -> Vec<(String, Value)> {
        ["payment.succeeded", "payment.failed", "refund.succeeded", "dispute.opened", "license_key.created"]
            .iter()
            .map(|t| (t.to_string(), json!({"business_id": "bus_1", "type": t, "timestamp": "2026-01-01T00:00:00Z", "data": {}})))
            .collect()
    }

    #[test]
    fn statuses_and_families() {
        let env = envelopes();
        let samples: Vec<SampleRef<'_>> = env
            .iter()
            .map(|(n, p)| SampleRef {
                name: n,
                payload: p,
            })
            .collect();
        let calls = AtomicUsize::new(0);
        let grid = run_all(
            &fake,
            "code",
            &samples,
            "",
            &BTreeMap::new(),
            &|_, total| {
                assert_eq!(total, 5);
                calls.fetch_add(1, Ordering::Relaxed);
            },
            &AtomicBool::new(false),
        );
        assert_eq!(calls.load(Ordering::Relaxed), 5);
        let labels: Vec<&str> = grid.rows.iter().map(|r| r.status.label()).collect();
        assert_eq!(
            labels,
            ["transformed", "invalid", "cancelled", "failed", "unchanged"]
        );
        assert_eq!(grid.rows[1].errors(), 1);
        assert!(
            matches!(&grid.rows[3].status, Status::Failed { kind: ErrorKind::Exception, message } if message.contains("line 3"))
        );
        assert_eq!(
            grid.summary(),
            Summary {
                transformed: 1,
                unchanged: 1,
                cancelled: 1,
                failed: 1,
                invalid: 1,
                skipped: 0
            }
        );
        let fams: Vec<(&str, usize)> = grid.families().iter().map(|(f, r)| (*f, r.len())).collect();
        assert_eq!(
            fams,
            [
                ("payment", 2),
                ("refund", 1),
                ("dispute", 1),
                ("license_key", 1)
            ]
        );
        assert!(!grid.stopped);
        assert_eq!(
            grid.unhandled_subscribed(&[
                "license_key.created".into(),
                "payment.succeeded".into(),
                "payout.created".into()
            ]),
            ["license_key.created"]
        );
    }

    #[test]
    fn cancel_skips_the_rest() {
        let env = envelopes();
        let samples: Vec<SampleRef<'_>> = env
            .iter()
            .map(|(n, p)| SampleRef {
                name: n,
                payload: p,
            })
            .collect();
        let stop = AtomicBool::new(true);
        let grid = run_all(
            &fake,
            "code",
            &samples,
            "",
            &BTreeMap::new(),
            &|_, _| {},
            &stop,
        );
        assert!(grid.stopped);
        assert_eq!(grid.summary().skipped, 5);
        assert_eq!(grid.rows[0].family, "payment");
    }
}
