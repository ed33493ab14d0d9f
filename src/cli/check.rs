//! `hookcraft check`: run a transform over every sample and report what each produces,
//! the destination findings, behaviour lints and expected-output mismatches.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use anyhow::Context as _;
use serde_json::{Value, json};

use crate::check::expected::{self, Comparison};
use crate::check::grid::{self, Grid, Status};
use crate::check::lints::{self, LintFinding};
use crate::check::{SampleRef, Severity};
use crate::engine::{DEFAULT_URL, Engine, RunReport, RunRequest};

/// Arguments of `hookcraft check`.
#[derive(Debug, Clone, clap::Args)]
pub struct CheckArgs {
    /// The transformation file (a script defining `function handler(webhook)`).
    #[arg(long, value_name = "FILE")]
    pub transform: PathBuf,
    /// A folder of sample envelopes (`*.json`); default: the built-in library.
    #[arg(long, value_name = "DIR")]
    pub samples: Option<PathBuf>,
    /// A folder of expected outputs (`<sample>.json`) to compare against.
    #[arg(long, value_name = "DIR")]
    pub expected: Option<PathBuf>,
    /// The endpoint URL the webhook is sent to before the transform changes it.
    #[arg(long, value_name = "URL", default_value = DEFAULT_URL)]
    pub url: String,
    /// A variable for `webhook.env`, as KEY=VALUE (repeatable).
    #[arg(long = "env", value_name = "KEY=VALUE", value_parser = parse_env)]
    pub env: Vec<(String, String)>,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

fn parse_env(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((k, v)) if !k.trim().is_empty() => Ok((k.trim().to_owned(), v.to_owned())),
        _ => Err(format!("expected KEY=VALUE, got {s:?}")),
    }
}

/// A usage problem: reported on stderr with exit code 2.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
struct UsageError(String);

/// Runs `hookcraft check`: 0 when everything passed, 1 on run failures, error findings,
/// error lints or expected-output mismatches, 2 on usage errors (unreadable files).
pub fn run(args: &CheckArgs) -> anyhow::Result<ExitCode> {
    match run_inner(args) {
        Ok(code) => Ok(code),
        Err(e) if e.downcast_ref::<UsageError>().is_some() => {
            eprintln!("hookcraft check: {e:#}");
            Ok(ExitCode::from(2))
        }
        Err(e) => Err(e),
    }
}

fn run_inner(args: &CheckArgs) -> anyhow::Result<ExitCode> {
    let code = std::fs::read_to_string(&args.transform).map_err(|e| {
        UsageError(format!(
            "cannot read the transform: {e}: {}",
            args.transform.display()
        ))
    })?;
    let owned = match &args.samples {
        Some(dir) => load_samples(dir)?,
        None => builtin_samples(),
    };
    if owned.is_empty() {
        return Err(UsageError("no samples to run".into()).into());
    }
    let expected = match &args.expected {
        Some(dir) => Some(expected::load_dir(dir).map_err(|e| UsageError(e.to_string()))?),
        None => None,
    };
    let samples: Vec<SampleRef<'_>> = owned
        .iter()
        .map(|(n, p)| SampleRef {
            name: n,
            payload: p,
        })
        .collect();
    let env: BTreeMap<String, String> = args.env.iter().cloned().collect();
    let engine = Engine::from_current_exe();
    let runner = |req: &RunRequest| -> RunReport { engine.run(req) };
    let grid = grid::run_all(
        &runner,
        &code,
        &samples,
        &args.url,
        &env,
        &|_, _| {},
        &AtomicBool::new(false),
    );
    let lints = lints::lint_transform(&runner, &code, &samples, &args.url, &env);
    let comparisons: Vec<(String, Comparison)> = match &expected {
        Some(pins) => grid
            .rows
            .iter()
            .map(|row| {
                let pin = pins.iter().find(|(n, _)| *n == row.sample).map(|(_, v)| v);
                let cmp = match (&row.output, pin) {
                    (Some(out), pin) => expected::compare(out, pin),
                    (None, None) => Comparison::Missing,
                    (None, Some(pin)) => {
                        Comparison::Mismatch(crate::check::diff::diff(pin, &Value::Null))
                    }
                };
                (row.sample.clone(), cmp)
            })
            .collect(),
        None => Vec::new(),
    };
    let report = Report::new(&grid, &lints, &comparisons);
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&report.to_json(&grid, &lints, &comparisons))?
        );
    } else {
        print_text(&grid, &lints, &comparisons, &report);
    }
    Ok(if report.ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Every `*.json` in `dir` as (file stem, parsed payload), sorted by name.
fn load_samples(dir: &Path) -> anyhow::Result<Vec<(String, Value)>> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        UsageError(format!(
            "cannot read the samples folder: {e}: {}",
            dir.display()
        ))
    })?;
    let mut out = Vec::new();
    for entry in entries {
        let path = entry
            .with_context(|| format!("reading {}", dir.display()))?
            .path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let Some(name) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        let text = std::fs::read_to_string(&path)
            .map_err(|e| UsageError(format!("cannot read the sample: {e}: {}", path.display())))?;
        let payload: Value = serde_json::from_str(&text).map_err(|e| {
            UsageError(format!(
                "line {}, column {}: {e}: {}",
                e.line(),
                e.column(),
                path.display()
            ))
        })?;
        out.push((name.to_owned(), payload));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

/// The built-in sample library.
fn builtin_samples() -> Vec<(String, Value)> {
    crate::samples::Library::builtin()
        .iter()
        .map(|s| (s.name.clone(), s.payload.clone()))
        .collect()
}

/// Totals for the summary line and the exit code.
struct Report {
    errors: usize,
    warnings: usize,
    matches: usize,
    mismatches: usize,
    missing: usize,
}

impl Report {
    fn new(grid: &Grid, lints: &[LintFinding], comparisons: &[(String, Comparison)]) -> Self {
        let mut r = Self {
            errors: 0,
            warnings: 0,
            matches: 0,
            mismatches: 0,
            missing: 0,
        };
        for row in &grid.rows {
            if matches!(row.status, Status::Failed { .. }) {
                r.errors += 1;
            }
            for f in &row.findings {
                match f.severity {
                    Severity::Error => r.errors += 1,
                    Severity::Warning => r.warnings += 1,
                    Severity::Info => {}
                }
            }
        }
        for l in lints {
            match l.severity {
                Severity::Error => r.errors += 1,
                Severity::Warning => r.warnings += 1,
                Severity::Info => {}
            }
        }
        for (_, c) in comparisons {
            match c {
                Comparison::Match => r.matches += 1,
                Comparison::Mismatch(_) => r.mismatches += 1,
                Comparison::Missing => r.missing += 1,
            }
        }
        r
    }

    fn ok(&self) -> bool {
        self.errors == 0 && self.mismatches == 0
    }

    fn to_json(
        &self,
        grid: &Grid,
        lints: &[LintFinding],
        comparisons: &[(String, Comparison)],
    ) -> Value {
        let s = grid.summary();
        json!({
            "ok": self.ok(),
            "summary": {
                "samples": grid.rows.len(),
                "transformed": s.transformed,
                "unchanged": s.unchanged,
                "cancelled": s.cancelled,
                "failed": s.failed,
                "invalid": s.invalid,
                "errors": self.errors,
                "warnings": self.warnings,
                "expected": { "match": self.matches, "mismatch": self.mismatches, "missing": self.missing },
            },
            "samples": grid.rows,
            "lints": lints,
            "expected": comparisons.iter().map(|(n, c)| json!({"sample": n, "result": c})).collect::<Vec<_>>(),
        })
    }
}

fn print_text(
    grid: &Grid,
    lints: &[LintFinding],
    comparisons: &[(String, Comparison)],
    report: &Report,
) {
    let width = grid.rows.iter().map(|r| r.sample.len()).max().unwrap_or(10);
    for row in &grid.rows {
        let status = match &row.status {
            Status::Failed { message, .. } => format!("failed: {message}"),
            other => other.label().to_owned(),
        };
        println!(
            "{:width$}  {:>7.1} ms  {status}",
            row.sample,
            row.duration.as_secs_f64() * 1000.0
        );
        if let Some(e) = &row.explanation {
            println!("    why:    {}", e.text);
        }
        for f in &row.findings {
            println!(
                "    {:<7} {}  {} [{}]",
                f.severity.as_str(),
                f.path,
                f.message,
                f.rule
            );
            println!("            fix: {}", f.fix);
        }
    }
    if !lints.is_empty() {
        println!();
        println!("lints:");
        for l in lints {
            let at = match (l.line, l.sample.is_empty()) {
                (Some(line), true) => format!("line {line}"),
                (Some(line), false) => format!("line {line}, {}", l.sample),
                (None, false) => l.sample.clone(),
                (None, true) => String::new(),
            };
            println!(
                "    {:<7} {at}: {} [{}]",
                l.severity.as_str(),
                l.message,
                l.rule
            );
            println!("            fix: {}", l.fix);
        }
    }
    let mismatched: Vec<_> = comparisons
        .iter()
        .filter(|(_, c)| c.is_mismatch())
        .collect();
    if !mismatched.is_empty() {
        println!();
        println!("expected-output mismatches:");
        for (name, c) in mismatched {
            if let Comparison::Mismatch(entries) = c {
                println!("    {name}:");
                for d in entries {
                    println!(
                        "        {}: {}",
                        if d.path.is_empty() { "(root)" } else { &d.path },
                        describe_change(&d.change)
                    );
                }
            }
        }
    }
    let s = grid.summary();
    let mut line = format!(
        "{} samples: {} transformed, {} unchanged, {} cancelled, {} invalid, {} failed; {} errors, {} warnings",
        grid.rows.len(),
        s.transformed,
        s.unchanged,
        s.cancelled,
        s.invalid,
        s.failed,
        report.errors,
        report.warnings
    );
    if !comparisons.is_empty() {
        line.push_str(&format!(
            "; expected: {} match, {} mismatch, {} missing",
            report.matches, report.mismatches, report.missing
        ));
    }
    println!();
    println!("{line}");
}

fn describe_change(change: &crate::check::diff::Change) -> String {
    use crate::check::diff::Change;
    match change {
        Change::Added(v) => format!("added {v}"),
        Change::Removed(v) => format!("removed {v}"),
        Change::Changed(a, b) => format!("expected {a}, got {b}"),
    }
}
