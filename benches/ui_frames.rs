//! Frame-time benchmark of the app: the time to the first frame, and typing into a 50 KB
//! script in the transformation editor.
//!
//! Run it in release: `cargo bench --bench ui_frames`
//!
//! Each frame is what eframe does on the CPU for one frame: `Context::run_ui` over the
//! app's `ui`, then `Context::tessellate` of its shapes (only the GPU upload is left out).
//! Typing is measured twice: with AccessKit off, as in a normal session, and with it on,
//! as when a screen reader is attached (egui then also builds the accessibility tree of the
//! whole edited text every frame). Targets: first frame <= 500 ms, typing p99 <= 8 ms.

#![allow(clippy::unwrap_used, reason = "a benchmark may unwrap")]
#![allow(clippy::print_stdout, reason = "a benchmark prints its figures")]

use std::time::{Duration, Instant};

use egui::{Context, Event, Key, Modifiers, RawInput, Rect, pos2, vec2};
use hookcraft::app::HookcraftApp;
use hookcraft::app::command::Command;
use hookcraft::app::panes;
use hookcraft::app::state::Screen;
use hookcraft::engine::Engine;

const SIZE: [f32; 2] = [1280.0, 800.0];
const FRAMES: usize = 400;

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let first = first_frame(dir.path());
    println!(
        "first frame: {:.1} ms (app construction + first run_ui + tessellate; target <= 500 ms: {})",
        ms(first),
        verdict(first <= Duration::from_millis(500)),
    );
    for accesskit in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        let (bytes, mut times) = typing(dir.path(), Target::Code, accesskit);
        times.sort();
        let p99 = percentile(&times, 0.99);
        println!(
            "typing into a {bytes}-byte script, AccessKit {}: p50 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms, max {:.2} ms over {FRAMES} frames (target p99 <= 8 ms: {})",
            if accesskit {
                "on (screen reader)"
            } else {
                "off"
            },
            ms(percentile(&times, 0.50)),
            ms(percentile(&times, 0.95)),
            ms(p99),
            ms(times.last().copied().unwrap_or_default()),
            verdict(p99 <= Duration::from_millis(8)),
        );
    }
    // A minified payload (one long line) in the payload editor: the worst case for a
    // line-by-line layout, reported for comparison (the pane suggests Format for it).
    let dir = tempfile::tempdir().unwrap();
    let (bytes, mut times) = typing(dir.path(), Target::MinifiedPayload, false);
    times.sort();
    println!(
        "typing into a {bytes}-byte one-line payload, AccessKit off: p50 {:.2} ms, p99 {:.2} ms",
        ms(percentile(&times, 0.50)),
        ms(percentile(&times, 0.99)),
    );
}

/// Which editor the keys go to.
#[derive(Clone, Copy, PartialEq)]
enum Target {
    /// The transformation code, holding a 50 KB script.
    Code,
    /// The payload, holding about 100 KB of JSON on one line.
    MinifiedPayload,
}

/// About `bytes` of valid JSON on one line.
fn minified_payload(bytes: usize) -> String {
    let mut items = Vec::new();
    let mut size = 0;
    while size < bytes {
        let item = format!(
            "{{\"product_id\":\"pdt_{n:020}\",\"quantity\":{n},\"note\":\"item {n}\"}}",
            n = items.len()
        );
        size += item.len() + 1;
        items.push(item);
    }
    format!(
        "{{\"business_id\":\"bus_1\",\"type\":\"payment.succeeded\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"data\":{{\"payload_type\":\"Payment\",\"items\":[{}]}}}}",
        items.join(",")
    )
}

/// A realistic transform padded with commented helper functions to about `bytes`.
fn big_script(bytes: usize) -> String {
    let mut code = String::from(
        "function handler(webhook) {\n  const d = webhook.payload.data;\n  webhook.payload = { id: d.payment_id, total: helper0(d.total_amount) };\n  return webhook;\n}\n",
    );
    let mut n = 0;
    while code.len() < bytes {
        code.push_str(&format!(
            "// Helper {n}: formats an amount in minor units.\nfunction helper{n}(amount) {{\n  const s = `${{(amount / 100).toFixed(2)}}`;\n  return {{ value: s, note: \"helper {n}\", ok: true, n: {n} }};\n}}\n"
        ));
        n += 1;
    }
    code
}

fn new_app(dir: &std::path::Path) -> HookcraftApp {
    HookcraftApp::new_for_tests(
        Engine::new(env!("CARGO_BIN_EXE_hookcraft").into()),
        dir.to_owned(),
    )
}

fn input(time: f64, events: Vec<Event>) -> RawInput {
    RawInput {
        screen_rect: Some(Rect::from_min_size(pos2(0.0, 0.0), vec2(SIZE[0], SIZE[1]))),
        time: Some(time),
        events,
        ..Default::default()
    }
}

/// One frame as eframe runs it on the CPU: the app's ui, then tessellation.
fn frame(ctx: &Context, app: &mut HookcraftApp, raw: RawInput) {
    let output = ctx.run_ui(raw, |ui| app.ui(ui));
    let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
    std::hint::black_box(primitives);
}

fn first_frame(dir: &std::path::Path) -> Duration {
    let started = Instant::now();
    let ctx = Context::default();
    let mut app = new_app(dir);
    frame(&ctx, &mut app, input(0.0, Vec::new()));
    started.elapsed()
}

/// Types `FRAMES` keys (a newline every tenth) into a 50 KB script; returns the script's
/// final size and each frame's time.
fn typing(dir: &std::path::Path, target: Target, accesskit: bool) -> (usize, Vec<Duration>) {
    let ctx = Context::default();
    if accesskit {
        ctx.enable_accesskit();
    }
    let mut app = new_app(dir);
    app.apply(Command::PickCard("webhook".to_owned()));
    let state = app.state_mut();
    state.draft.code = big_script(50 * 1024);
    if target == Target::MinifiedPayload {
        state.draft.payload_text = minified_payload(100 * 1024);
        state.draft.sample.clear();
    }
    state.screen = Screen::Editor;
    let mut time = 0.0;
    // Settle the layout, then focus the code editor.
    for _ in 0..5 {
        frame(&ctx, &mut app, input(time, Vec::new()));
        time += 1.0 / 60.0;
    }
    let (editor, text_of): (_, fn(&HookcraftApp) -> usize) = match target {
        Target::Code => (panes::code::editor_id(), |app| app.state().draft.code.len()),
        Target::MinifiedPayload => (panes::payload::editor_id(), |app| {
            app.state().draft.payload_text.len()
        }),
    };
    ctx.memory_mut(|m| m.request_focus(editor));
    frame(&ctx, &mut app, input(time, Vec::new()));
    let before = text_of(&app);
    let mut times = Vec::with_capacity(FRAMES);
    for i in 0..FRAMES {
        time += 1.0 / 60.0;
        let event = if i % 10 == 9 && target == Target::Code {
            Event::Key {
                key: Key::Enter,
                physical_key: None,
                pressed: true,
                repeat: false,
                modifiers: Modifiers::NONE,
            }
        } else {
            Event::Text("x".to_owned())
        };
        let raw = input(time, vec![event]);
        let t = Instant::now();
        frame(&ctx, &mut app, raw);
        times.push(t.elapsed());
    }
    let after = text_of(&app);
    assert_eq!(after, before + FRAMES, "every key reached the editor");
    (after, times)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn verdict(met: bool) -> &'static str {
    if met { "met" } else { "NOT met" }
}
