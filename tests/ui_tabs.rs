//! The tabs beside the output: Preview, Diff, Checks and the all-samples grid.

#![allow(clippy::unwrap_used, reason = "tests may unwrap")]

use egui_kittest::kittest::Queryable as _;

mod common;
use common::*;

#[test]
fn preview_diff_and_all_samples_grid() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(new_app(dir.path()));
    add_endpoint_with_card(&mut harness, "Segment");
    step_until(&mut harness, "the output", |h| {
        !h.state().run_pending() && h.state().current_output().is_some()
    });

    harness.get_by_label("Preview").click();
    harness.run_ok();
    assert!(
        harness
            .query_by_label_contains("Preview: Segment")
            .is_some(),
        "the Segment preview is drawn"
    );

    harness.get_by_label("Diff").click();
    harness.run_ok();
    assert!(
        harness
            .query_by_label_contains("differences from the incoming webhook")
            .is_some(),
        "the Segment template reshapes the body, so there are differences"
    );
    assert!(
        harness.query_all_by_label_contains("payload.").count() > 1,
        "paths into the body are listed"
    );

    harness.get_by_label_contains("Checks").click();
    harness.run_ok();
    harness.get_by_label("Run all samples").click();
    step_until(&mut harness, "the all-samples grid", |h| {
        h.query_by_label_contains(" transformed · ").is_some()
    });
    assert!(
        harness.query_by_label_contains("succeeded.jpy").is_some(),
        "the currency variant has a cell"
    );
}

#[test]
fn sample_variant_chips_switch_the_payload() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(new_app(dir.path()));
    add_endpoint_with_card(&mut harness, "Segment");
    assert_eq!(harness.state().state().draft.sample, "payment.succeeded");

    harness.get_by_label("placeholder").click();
    harness.run_ok();
    let draft = &harness.state().state().draft;
    assert_eq!(draft.sample, "payment.succeeded.placeholder");
    assert!(
        draft.payload_text.contains("\"string\""),
        "the placeholder payload is loaded"
    );

    harness.get_by_label("realistic").click();
    harness.run_ok();
    assert_eq!(harness.state().state().draft.sample, "payment.succeeded");
}

#[test]
fn run_all_samples_can_be_stopped() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_app(dir.path());
    app.apply(hookcraft::app::command::Command::PickCard(
        "webhook".to_owned(),
    ));
    // Slow enough (a busy loop per sample) that Stop arrives long before the 99 runs end.
    app.state_mut().draft.code =
        "function handler(webhook) {\n  let n = 0;\n  for (let i = 0; i < 3e5; i++) { n += i; }\n  return webhook;\n}\n"
            .to_owned();
    let mut harness = harness(app);
    harness.run_ok();
    harness.get_by_label_contains("Checks").click();
    harness.run_ok();
    harness.get_by_label("Run all samples").click();
    harness.run_ok();
    harness.get_by_label("Stop").click();
    step_until(&mut harness, "the stopped grid", |h| {
        h.query_by_label_contains("(stopped)").is_some()
    });
    assert!(
        harness.query_by_label("Stop").is_none(),
        "Stop goes away once the run has ended"
    );
}
