//! Checks before sending: destination validators, behaviour lints, diffs, the run-all grid,
//! expected outputs, support mode and the error explainer. No egui here.
//!
//! - [`validate`] checks one [`Output`] against the rules of the destination its URL points at
//!   (Segment, Customer.io, Slack, Discord, Teams, SendGrid, Resend, Loops, Inngest, HubSpot,
//!   Close, or a generic webhook).
//! - [`lints`] runs a transform over the sample library and reports behaviour problems
//!   (raw envelope forwarded, `/ 100` on zero-decimal currencies, fields the schema lacks).
//! - [`grid`] runs a transform over every sample and tabulates the results.
//! - [`diff`], [`expected`], [`support`], [`explain`] and [`anonymise`] are the smaller tools.

pub mod anonymise;
pub mod destination;
mod destinations;
pub mod diff;
pub mod expected;
pub mod explain;
pub mod grid;
pub mod lints;
mod scan;
mod schema_facts;
pub mod support;

use serde::Serialize;

use crate::engine::Output;

pub use destination::{Destination, destination_for};

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The destination will reject or silently drop the request.
    Error,
    /// Probably wrong, or outside a documented recommendation.
    Warning,
    /// Worth knowing; nothing is broken.
    Info,
}

impl Severity {
    /// The lower-case name used in JSON and the CLI.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
            Self::Info => "info",
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem found in a transform's output.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// How bad it is.
    pub severity: Severity,
    /// Where: `method`, `url`, `headers.x`, or a JSON path into the body such as
    /// `payload.identifiers` or `payload.blocks[3].text.text`.
    pub path: String,
    /// What is wrong, in plain words.
    pub message: String,
    /// What to change, in plain words.
    pub fix: String,
    /// A stable id such as `segment.track.event_required`.
    pub rule: &'static str,
}

impl Finding {
    /// A finding; see the fields.
    pub fn new(
        severity: Severity,
        rule: &'static str,
        path: impl Into<String>,
        message: impl Into<String>,
        fix: impl Into<String>,
    ) -> Self {
        Self {
            severity,
            path: path.into(),
            message: message.into(),
            fix: fix.into(),
            rule,
        }
    }
}

/// Checks `output` against the rules of the destination its URL points at, plus the rules
/// every request must follow (method, URL scheme). Findings come errors first.
///
/// A cancelled output is not sent, so it only gets an [`Severity::Info`] note.
pub fn validate(output: &Output) -> Vec<Finding> {
    let mut findings = Vec::new();
    if output.cancel {
        findings.push(Finding::new(
            Severity::Info,
            "request.cancelled",
            "cancel",
            "cancel is true: this webhook is not sent (the dashboard shows it as a successful dispatch)",
            "Nothing to fix if this event type is meant to be skipped.",
        ));
        return findings;
    }
    destinations::check_request(output, &mut findings);
    let destination = destination_for(&output.url);
    destinations::check_destination(&destination, output, &mut findings);
    findings.sort_by_key(|f| f.severity);
    findings
}

/// The number of findings of each severity: `(errors, warnings, infos)`.
pub fn count(findings: &[Finding]) -> (usize, usize, usize) {
    findings
        .iter()
        .fold((0, 0, 0), |(e, w, i), f| match f.severity {
            Severity::Error => (e + 1, w, i),
            Severity::Warning => (e, w + 1, i),
            Severity::Info => (e, w, i + 1),
        })
}

/// A sample to run: its name (e.g. `payment.succeeded.jpy`) and its Dodo envelope.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SampleRef<'a> {
    /// The sample's name.
    pub name: &'a str,
    /// The envelope (`webhook.payload`).
    pub payload: &'a serde_json::Value,
}

impl SampleRef<'_> {
    /// The event type: the payload's `type`, else the name up to its variant suffix.
    pub fn event_type(&self) -> String {
        self.payload
            .get("type")
            .and_then(serde_json::Value::as_str)
            .map_or_else(|| self.name.to_owned(), str::to_owned)
    }
}

/// Something that runs a transform: `|req| engine.run(req)` in the app, or
/// `engine::run_in_process` in tests.
pub type RunFn<'a> = dyn Fn(&crate::engine::RunRequest) -> crate::engine::RunReport + Sync + 'a;

impl<'a> From<&'a crate::samples::Sample> for SampleRef<'a> {
    fn from(sample: &'a crate::samples::Sample) -> Self {
        Self {
            name: &sample.name,
            payload: &sample.payload,
        }
    }
}

/// The samples as [`SampleRef`]s, e.g. from `Library::builtin().iter()`.
pub fn sample_refs<'a>(
    samples: impl IntoIterator<Item = &'a crate::samples::Sample>,
) -> Vec<SampleRef<'a>> {
    samples.into_iter().map(SampleRef::from).collect()
}
