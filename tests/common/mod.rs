//! Helpers the app's kittest tests share: a test app, its harness, and waiting for
//! background results.

#![allow(dead_code, reason = "each test file uses a different subset")]

use std::path::Path;
use std::time::Duration;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use hookcraft::app::HookcraftApp;
use hookcraft::engine::Engine;

/// The app on a workspace in `dir`, with the engine's workers from the built binary.
pub fn new_app(dir: &Path) -> HookcraftApp {
    HookcraftApp::new_for_tests(
        Engine::new(env!("CARGO_BIN_EXE_hookcraft").into()),
        dir.to_owned(),
    )
}

/// A harness big enough to show every pane.
pub fn harness(app: HookcraftApp) -> Harness<'static, HookcraftApp> {
    Harness::builder()
        .with_size([1500.0, 1100.0])
        .with_max_steps(64)
        .build_ui_state(|ui, app: &mut HookcraftApp| app.ui(ui), app)
}

/// Steps frames until `done` holds (background results arrive in real time), at most ~30 s.
pub fn step_until(
    harness: &mut Harness<'_, HookcraftApp>,
    what: &str,
    done: impl Fn(&Harness<'_, HookcraftApp>) -> bool,
) {
    for _ in 0..3000 {
        harness.step();
        if done(harness) {
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("timed out waiting for {what}");
}

/// A node with exactly this label exists.
pub fn has_label(harness: &Harness<'_, HookcraftApp>, label: &str) -> bool {
    harness.query_by_label(label).is_some()
}

/// A node whose label contains `part` exists.
pub fn has_label_containing(harness: &Harness<'_, HookcraftApp>, part: &str) -> bool {
    harness.query_by_label_contains(part).is_some()
}

/// From the endpoints screen: "+ Add endpoint", then the card named `card` ("Segment").
pub fn add_endpoint_with_card(harness: &mut Harness<'_, HookcraftApp>, card: &str) {
    harness.run_ok();
    harness.get_by_label("+ Add endpoint").click();
    harness.run_ok();
    harness.get_by_label(&format!("Use {card}")).click();
    harness.run_ok();
}
