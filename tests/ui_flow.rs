//! The desktop app driven through AccessKit with egui_kittest: pick a card, test a sample,
//! break and fix the code, create the endpoint and find it again.

#![allow(clippy::unwrap_used, reason = "tests may unwrap")]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use hookcraft::app::HookcraftApp;

mod common;
use common::*;

/// Opens the sample picker and picks `name`.
fn pick_sample(harness: &mut Harness<'_, HookcraftApp>, name: &str) {
    harness.get_by_label("Sample").click();
    harness.run_ok();
    // The popup's item is the last node with the sample's name (the picker shows it too).
    harness.get_all_by_label(name).last().unwrap().click();
    harness.run_ok();
}

#[test]
fn segment_card_payment_succeeded_outputs_segment_url() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(new_app(dir.path()));
    harness.run_ok();
    assert!(
        has_label_containing(&harness, "No endpoints yet"),
        "empty state explains what to do"
    );

    harness.get_by_label("+ Add endpoint").click();
    harness.run_ok();
    harness
        .get_by_role_and_label(Role::TextInput, "Search integrations")
        .focus();
    harness
        .get_by_role_and_label(Role::TextInput, "Search integrations")
        .type_text("seg");
    harness.run_ok();
    assert!(
        harness.query_by_label("Use Slack").is_none(),
        "search filters the cards"
    );
    harness.get_by_label("Use Segment").click();
    harness.run_ok();
    assert_eq!(harness.state().state().draft.card, "segment");

    pick_sample(&mut harness, "refund.succeeded");
    assert_eq!(harness.state().state().draft.sample, "refund.succeeded");
    pick_sample(&mut harness, "payment.succeeded");
    assert_eq!(harness.state().state().draft.sample, "payment.succeeded");

    step_until(&mut harness, "the Segment output", |h| {
        h.state().report().is_some_and(|r| r.output().is_some()) && !h.state().run_pending()
    });
    let output = harness.state().report().and_then(|r| r.output()).unwrap();
    assert_eq!(output.url, "https://api.segment.io/v1/track");
    assert!(
        has_label(&harness, "https://api.segment.io/v1/track"),
        "URL shown in the output pane"
    );
}

#[test]
fn code_error_is_marked_at_its_line_and_fixed_by_reset() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(new_app(dir.path()));
    add_endpoint_with_card(&mut harness, "Segment");
    step_until(&mut harness, "the first output", |h| {
        h.state().report().is_some_and(|r| r.output().is_some()) && !h.state().run_pending()
    });

    let editor = harness.get_by_role_and_label(Role::MultilineTextInput, "Code");
    editor.focus();
    harness.run_ok();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Home);
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "Code")
        .type_text("oops }}\n");
    harness.run_ok();
    let code = harness.state().state().draft.code.clone();
    let typed_line = code
        .lines()
        .position(|l| l.contains("oops }}"))
        .expect("typed text is in the code")
        + 1;

    step_until(&mut harness, "the syntax error", |h| {
        h.state().report().is_some_and(|r| r.error().is_some()) && !h.state().run_pending()
    });
    let error = harness
        .state()
        .report()
        .and_then(|r| r.error())
        .unwrap()
        .clone();
    let line = error.line.expect("syntax errors carry a line");
    assert!(
        (line as usize).abs_diff(typed_line) <= 1,
        "error reported at line {line}, typed at line {typed_line}:\n{code}"
    );
    assert!(
        has_label_containing(&harness, &format!("Error at line {line}")),
        "the editor marks the line"
    );
    assert!(
        has_label_containing(&harness, &format!("Go to line {line}")),
        "output offers a jump"
    );
    harness
        .get_by_label_contains(&format!("Go to line {line}"))
        .click();
    harness.run_ok();

    harness.get_by_label("Reset to template").click();
    harness.run_ok();
    step_until(&mut harness, "the fixed output", |h| {
        h.state().report().is_some_and(|r| r.output().is_some()) && !h.state().run_pending()
    });
    assert!(
        !has_label_containing(&harness, "Error at line"),
        "mark gone after the fix"
    );
}

#[test]
fn created_endpoint_is_listed_after_restart() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(new_app(dir.path()));
    add_endpoint_with_card(&mut harness, "Segment");
    let name = harness.get_by_role_and_label(Role::TextInput, "Name");
    name.focus();
    name.type_text("Growth tracking");
    harness.run_ok();
    harness.get_by_label("Create").click();
    harness.run_ok();
    assert!(
        harness.state().status().is_some_and(|s| !s.is_error),
        "{:?}",
        harness.state().status()
    );
    drop(harness);

    let mut harness = self::harness(new_app(dir.path()));
    harness.run_ok();
    assert_eq!(harness.state().endpoints().len(), 1);
    harness.get_by_label("Growth tracking").click();
    harness.run_ok();
    let draft = &harness.state().state().draft;
    assert_eq!(draft.card, "segment");
    assert_eq!(draft.name, "Growth tracking");
    assert!(draft.slug.is_some());
    assert!(
        has_label(&harness, "Save"),
        "an existing endpoint is saved, not created"
    );

    // Ctrl+S saves the edited endpoint under the same slug.
    let name = harness.get_by_role_and_label(Role::TextInput, "Name");
    name.focus();
    name.type_text(" v2");
    harness.run_ok();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run_ok();
    assert!(
        harness
            .state()
            .status()
            .is_some_and(|s| s.text.starts_with("Saved")),
        "{:?}",
        harness.state().status()
    );
    assert_eq!(harness.state().endpoints().len(), 1);
    assert_eq!(
        harness.state().endpoints()[0].summary.name,
        "Growth tracking v2"
    );

    // Disable from the list, then delete.
    harness
        .get_by_role_and_label(Role::CheckBox, "Enabled: Growth tracking v2")
        .click();
    harness.run_ok();
    assert!(!harness.state().endpoints()[0].summary.enabled);
    harness.get_by_label("Delete").click();
    harness.run_ok();
    assert!(harness.state().endpoints().is_empty());
    assert!(has_label_containing(&harness, "No endpoints yet"));
}
