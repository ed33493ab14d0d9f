//! The check panes drawn with egui_kittest: findings and the run-all grid report clicks.

#![allow(clippy::unwrap_used)] // Tests may unwrap (common brief).

use std::collections::BTreeMap;
use std::time::Duration;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use hookcraft::app::panes::checks::{findings_ui, grid_ui};
use hookcraft::check::grid::{Grid, Row, Status};
use hookcraft::check::{Finding, validate};
use hookcraft::engine::{ErrorKind, Output};
use serde_json::json;

fn findings() -> Vec<Finding> {
    validate(&Output {
        method: "POST".into(),
        url: "https://track.customer.io/api/v2/entity".into(),
        headers: BTreeMap::new(),
        payload: json!({"type": "person", "identifiers": {"id": "cus_1"}, "action": "payment_completed", "name": "Paid"}),
        cancel: false,
    })
}

#[test]
fn clicking_a_finding_path_reports_it() {
    let f = findings();
    assert_eq!(f.len(), 1);
    let mut harness = Harness::new_ui_state(
        |ui, clicked: &mut Option<String>| {
            if let Some(path) = findings_ui(ui, &f) {
                *clicked = Some(path);
            }
        },
        None,
    );
    harness.run();
    harness.get_by_label("payload.action").click();
    harness.run();
    assert_eq!(harness.state().as_deref(), Some("payload.action"));
}

fn row(sample: &str, status: Status) -> Row {
    Row {
        sample: sample.into(),
        event_type: sample.split('.').take(2).collect::<Vec<_>>().join("."),
        family: sample.split('.').next().unwrap().into(),
        status,
        duration: Duration::from_micros(1500),
        findings: Vec::new(),
        output: None,
        explanation: None,
    }
}

#[test]
fn clicking_a_grid_cell_reports_the_sample() {
    let grid = Grid {
        rows: vec![
            row("payment.succeeded", Status::Transformed),
            row("payment.failed", Status::Unchanged),
            row(
                "dispute.won",
                Status::Failed {
                    kind: ErrorKind::Exception,
                    message: "TypeError".into(),
                },
            ),
        ],
        stopped: false,
    };
    let mut harness = Harness::new_ui_state(
        |ui, clicked: &mut Option<String>| {
            if let Some(s) = grid_ui(ui, &grid) {
                *clicked = Some(s);
            }
        },
        None,
    );
    harness.run();
    assert!(
        harness
            .query_by_label("1 transformed · 1 unchanged · 0 cancelled · 0 invalid · 1 failed")
            .is_some()
    );
    harness.get_by_label("won  1.5 ms").click();
    harness.run();
    assert_eq!(harness.state().as_deref(), Some("dispute.won"));
}

#[test]
fn every_severity_and_no_findings_render() {
    let mut f = findings();
    f.push(Finding::new(
        hookcraft::check::Severity::Warning,
        "x.warn",
        "method",
        "m",
        "f",
    ));
    f.push(Finding::new(
        hookcraft::check::Severity::Info,
        "x.info",
        "url",
        "m",
        "f",
    ));
    let mut harness = Harness::new_ui(|ui| {
        findings_ui(ui, &f);
        findings_ui(ui, &[]);
    });
    harness.run();
    assert!(harness.query_by_label("WARNING").is_some());
    assert!(
        harness
            .query_by_label("No problems found for this destination")
            .is_some()
    );
}
