//! Dodo's six example transforms (Segment and Customer.io) run unchanged and give what V8
//! gives, on every realistic sample. The reference outputs come from node
//! (`tests/fixtures/seeds/v8_outputs.js`); when node is on PATH they are also recomputed live.

use std::path::PathBuf;

use hookcraft::engine::{Engine, RunOptions, RunRequest, WebhookInput};
use hookcraft::samples::{Library, Variant};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds")
}

const SEEDS: [&str; 6] = [
    "segment_track_payments.js",
    "segment_track_subscriptions.js",
    "segment_identify_customer.js",
    "customerio_track_payments.js",
    "customerio_track_subscriptions.js",
    "customerio_track_attributes.js",
];

/// What hookcraft's engine produces, in the shape v8_outputs.js writes.
fn hookcraft_outputs() -> serde_json::Value {
    let engine = Engine::new(env!("CARGO_BIN_EXE_hookcraft").into());
    let mut all = serde_json::Map::new();
    for seed in SEEDS {
        let code = std::fs::read_to_string(fixtures().join(seed)).expect("seed");
        let mut per_sample = serde_json::Map::new();
        for sample in Library::builtin().iter() {
            if sample.variant == Variant::Placeholder {
                continue;
            }
            let input = WebhookInput::new(sample.payload.clone());
            let report = engine.run(&RunRequest {
                code: code.clone(),
                input: input.clone(),
                options: RunOptions::default(),
            });
            let entry = match report.result {
                Ok(out) => {
                    if out.payload == input.payload
                        && out.url == input.url
                        && out.method == "POST"
                        && !out.cancel
                    {
                        serde_json::json!("unchanged")
                    } else {
                        serde_json::json!({"method": out.method, "url": out.url, "cancel": out.cancel, "payload": out.payload})
                    }
                }
                Err(e) => serde_json::json!({"error": e.message}),
            };
            per_sample.insert(sample.name.clone(), entry);
        }
        all.insert(seed.to_owned(), serde_json::Value::Object(per_sample));
    }
    serde_json::Value::Object(all)
}

fn compare(reference: &serde_json::Value, ours: &serde_json::Value, what: &str) {
    for seed in SEEDS {
        let expected = reference[seed].as_object().expect("seed in reference");
        let got = ours[seed].as_object().expect("seed in ours");
        assert_eq!(
            expected.len(),
            got.len(),
            "{seed}: sample count differs from {what}"
        );
        for (sample, want) in expected {
            let have = &got[sample];
            // Compare as serialised text too, so key order (what goes over the wire) counts.
            assert_eq!(
                want.to_string(),
                have.to_string(),
                "{seed} on {sample}: hookcraft differs from {what}"
            );
        }
    }
}

#[test]
fn seeds_match_the_v8_reference_outputs() {
    let reference: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(fixtures().join("v8_outputs.json")).expect("reference"),
    )
    .expect("reference JSON");
    let ours = hookcraft_outputs();
    compare(&reference, &ours, "v8_outputs.json");
    // The seeds transform the events they handle.
    assert_eq!(
        ours["segment_track_payments.js"]["payment.succeeded"]["url"],
        "https://api.segment.io/v1/track"
    );
    assert_eq!(
        ours["customerio_track_subscriptions.js"]["subscription.cancelled"]["payload"]["action"],
        "subscription_cancelled"
    );
    // JPY shows the `/100` bug the validators warn about: ¥4,980 becomes "49.80".
    let jpy = &ours["segment_track_payments.js"]["payment.succeeded.jpy"]["payload"]["properties"]
        ["amount"];
    assert!(jpy.is_string(), "{jpy}");
}

#[test]
fn seeds_match_node_live_when_node_is_installed() {
    let Ok(out) = std::process::Command::new("node")
        .arg(fixtures().join("v8_outputs.js"))
        .output()
    else {
        eprintln!("node is not on PATH; the committed reference is compared instead");
        return;
    };
    assert!(
        out.status.success(),
        "node failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let live: serde_json::Value = serde_json::from_slice(&out.stdout).expect("node JSON");
    compare(&live, &hookcraft_outputs(), "node run live");
}

#[test]
fn seed_fixtures_are_the_documents_code_unchanged() {
    // The fixtures were cut from ../shared/seeds (Dodo's card pages); when that folder is
    // present, every fixture must appear in it verbatim.
    let shared = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let Ok(entries) = std::fs::read_dir(&shared) else {
        eprintln!(
            "{} not present; skipping the provenance check",
            shared.display()
        );
        return;
    };
    let documents: String = entries
        .filter_map(Result::ok)
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .collect();
    for seed in SEEDS {
        let code = std::fs::read_to_string(fixtures().join(seed)).expect("seed");
        assert!(
            documents.contains(code.trim_end()),
            "{seed} is not verbatim in the seed documents"
        );
    }
}
