//! The six Dodo example transforms (tests/fixtures/seeds) run through `check` with the real
//! engine and the built-in samples: their documented bugs must be found.

#![allow(clippy::unwrap_used)] // Tests may unwrap (common brief).

use std::collections::BTreeMap;
use std::sync::atomic::AtomicBool;

use hookcraft::check::grid::{self, Grid, Status};
use hookcraft::check::lints::{LintFinding, lint_transform};
use hookcraft::check::{SampleRef, Severity, sample_refs};
use hookcraft::engine::{DEFAULT_URL, Engine, RunReport, RunRequest};
use hookcraft::samples::Library;

fn seed(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/seeds/{name}.js",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn engine() -> Engine {
    Engine::new(env!("CARGO_BIN_EXE_hookcraft").into())
}

fn samples(names: &[&str]) -> Vec<SampleRef<'static>> {
    let lib = Library::builtin();
    names
        .iter()
        .map(|n| SampleRef::from(lib.get(n).unwrap_or_else(|| panic!("no sample {n}"))))
        .collect()
}

fn grid_of(code: &str, samples: &[SampleRef<'_>]) -> Grid {
    let engine = engine();
    let run = |r: &RunRequest| -> RunReport { engine.run(r) };
    grid::run_all(
        &run,
        code,
        samples,
        DEFAULT_URL,
        &BTreeMap::new(),
        &|_, _| {},
        &AtomicBool::new(false),
    )
}

fn lints_of(code: &str, samples: &[SampleRef<'_>], url: &str) -> Vec<LintFinding> {
    let engine = engine();
    let run = |r: &RunRequest| -> RunReport { engine.run(r) };
    lint_transform(&run, code, samples, url, &BTreeMap::new())
}

fn rules(grid: &Grid, sample: &str) -> Vec<&'static str> {
    grid.row(sample)
        .unwrap_or_else(|| panic!("no row {sample}"))
        .findings
        .iter()
        .map(|f| f.rule)
        .collect()
}

#[test]
fn customerio_payment_completed_is_flagged() {
    let g = grid_of(
        &seed("customerio_track_payments"),
        &samples(&["payment.succeeded", "refund.succeeded"]),
    );
    let row = g.row("payment.succeeded").unwrap();
    assert_eq!(row.status, Status::Invalid);
    let f = row
        .findings
        .iter()
        .find(|f| f.rule == "customerio.action_invalid")
        .expect("action_invalid");
    assert_eq!(f.path, "payload.action");
    assert!(f.message.contains("payment_completed"), "{}", f.message);
    assert!(f.fix.contains("action: \"event\""), "{}", f.fix);
    // Unhandled events pass through unchanged to the default URL.
    assert_eq!(g.row("refund.succeeded").unwrap().status, Status::Unchanged);
}

#[test]
fn customerio_subscriptions_and_attributes() {
    let g = grid_of(
        &seed("customerio_track_subscriptions"),
        &samples(&["subscription.active", "subscription.cancelled"]),
    );
    assert!(rules(&g, "subscription.active").contains(&"customerio.action_invalid"));
    assert!(rules(&g, "subscription.cancelled").contains(&"customerio.action_invalid"));
    let g = grid_of(
        &seed("customerio_track_attributes"),
        &samples(&["payment.succeeded"]),
    );
    let row = g.row("payment.succeeded").unwrap();
    assert_eq!(row.status, Status::Transformed, "{:?}", row.findings);
    let info = row
        .findings
        .iter()
        .find(|f| f.rule == "customerio.identify_name_ignored")
        .expect("identify name");
    assert_eq!(info.severity, Severity::Info);
}

#[test]
fn segment_seeds_are_valid_but_divide_by_100() {
    for name in ["segment_track_payments", "segment_identify_customer"] {
        let code = seed(name);
        let g = grid_of(&code, &samples(&["payment.succeeded"]));
        let row = g.row("payment.succeeded").unwrap();
        assert_eq!(
            row.status,
            Status::Transformed,
            "{name}: {:?}",
            row.findings
        );
        let lints = lints_of(
            &code,
            &samples(&["payment.succeeded.jpy", "payment.succeeded.kwd"]),
            DEFAULT_URL,
        );
        let jpy: Vec<&LintFinding> = lints
            .iter()
            .filter(|l| l.rule == "lint.minor_units")
            .collect();
        assert_eq!(jpy.len(), 2, "{name}: {lints:?}");
        assert_eq!(jpy[0].sample, "payment.succeeded.jpy");
        assert!(jpy[0].line.is_some());
    }
}

#[test]
fn segment_subscriptions_on_the_whole_library() {
    let lib = Library::builtin();
    let all = sample_refs(lib.iter().filter(|s| !s.name.ends_with(".placeholder")));
    let code = seed("segment_track_subscriptions");
    let g = grid_of(&code, &all);
    let s = g.summary();
    assert_eq!(
        s.failed,
        0,
        "{:?}",
        g.rows
            .iter()
            .filter(|r| matches!(r.status, Status::Failed { .. }))
            .collect::<Vec<_>>()
    );
    assert!(s.transformed >= 2);
    assert!(s.unchanged > 30);
    assert_eq!(
        g.row("subscription.active").unwrap().status,
        Status::Transformed
    );
    assert_eq!(
        g.unhandled_subscribed(&["subscription.active".into(), "license_key.created".into()]),
        ["license_key.created"]
    );
    // Pointed at Segment, every unhandled event posts the raw envelope there.
    let lints = lints_of(
        &code,
        &samples(&["license_key.created", "subscription.active.jpy"]),
        "https://api.segment.io/v1/track",
    );
    let rules: Vec<&str> = lints.iter().map(|l| l.rule).collect();
    assert!(rules.contains(&"lint.raw_envelope"), "{rules:?}");
    assert!(rules.contains(&"lint.minor_units"), "{rules:?}");
}

#[test]
fn failed_rows_carry_an_explanation() {
    let code = "function handler(webhook) {\n  webhook.payload = { email: webhook.payload.data.customer.email };\n  return webhook;\n}";
    let g = grid_of(
        code,
        &samples(&["payment.succeeded", "license_key.created"]),
    );
    assert!(g.row("payment.succeeded").unwrap().explanation.is_none());
    let row = g.row("license_key.created").unwrap();
    assert!(matches!(row.status, Status::Failed { .. }));
    let e = row.explanation.as_ref().expect("explained");
    assert_eq!(e.sample_path.as_deref(), Some("data.customer"));
    assert_eq!(e.line, Some(2));
    assert!(e.text.contains("license_key.created"), "{}", e.text);
}
