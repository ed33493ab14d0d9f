//! `hookcraft check` as a user runs it: exit codes, text and JSON output, expected outputs.

#![allow(clippy::unwrap_used)] // Tests may unwrap (common brief).

use std::path::Path;
use std::process::{Command, Output};

use serde_json::{Value, json};

fn hookcraft(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hookcraft"))
        .args(args)
        .output()
        .expect("run hookcraft")
}

fn seed(name: &str) -> String {
    format!(
        "{}/tests/fixtures/seeds/{name}.js",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

const SEGMENT_TRACK: &str = r#"function handler(webhook) {
  if (webhook.eventType !== "payment.succeeded") { webhook.cancel = true; return webhook; }
  const p = webhook.payload.data;
  webhook.url = "https://api.segment.io/v1/track";
  webhook.payload = { userId: p.customer.customer_id, event: "Payment Succeeded", properties: { payment_id: p.payment_id } };
  return webhook;
}"#;

fn payment() -> Value {
    json!({"business_id": "bus_1", "type": "payment.succeeded", "timestamp": "2026-01-01T00:00:00Z",
           "data": {"payload_type": "Payment", "payment_id": "pay_1", "currency": "USD", "total_amount": 100,
                    "customer": {"customer_id": "cus_1", "email": "a@b.co", "name": "Ann"}}})
}

#[test]
fn customerio_seed_fails_with_findings() {
    let out = hookcraft(&["check", "--transform", &seed("customerio_track_payments")]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("customerio.action_invalid"), "{stdout}");
    assert!(stdout.contains("lint.minor_units"), "{stdout}");
    let summary = stdout.lines().last().unwrap();
    assert!(
        summary.contains("samples:") && summary.contains("invalid"),
        "{summary}"
    );
}

#[test]
fn json_output_is_one_object() {
    let out = hookcraft(&[
        "check",
        "--transform",
        &seed("segment_track_payments"),
        "--json",
    ]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "the JPY sample makes /100 an error"
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    assert_eq!(v["ok"], false);
    let rows = v["samples"].as_array().unwrap();
    assert_eq!(rows.len(), hookcraft::samples::Library::builtin().len());
    let paid = rows
        .iter()
        .find(|r| r["sample"] == "payment.succeeded")
        .unwrap();
    assert_eq!(paid["status"]["status"], "transformed");
    assert!(
        v["lints"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["rule"] == "lint.minor_units")
    );
    assert_eq!(v["summary"]["samples"], rows.len());
}

#[test]
fn clean_transform_and_expected_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let code = write(dir.path(), "t.js", SEGMENT_TRACK);
    let samples = dir.path().join("samples");
    std::fs::create_dir(&samples).unwrap();
    write(&samples, "payment.succeeded.json", &payment().to_string());
    let samples = samples.display().to_string();
    let out = hookcraft(&["check", "--transform", &code, "--samples", &samples]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );

    let expected = dir.path().join("expected");
    std::fs::create_dir(&expected).unwrap();
    let pin = json!({"url": "https://api.segment.io/v1/track", "payload": {"userId": "cus_1", "event": "Payment Succeeded", "properties": {"payment_id": "pay_1"}}});
    write(&expected, "payment.succeeded.json", &pin.to_string());
    let exp = expected.display().to_string();
    let out = hookcraft(&[
        "check",
        "--transform",
        &code,
        "--samples",
        &samples,
        "--expected",
        &exp,
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 match, 0 mismatch"));

    let mut wrong = pin.clone();
    wrong["payload"]["event"] = json!("Order Completed");
    write(&expected, "payment.succeeded.json", &wrong.to_string());
    let out = hookcraft(&[
        "check",
        "--transform",
        &code,
        "--samples",
        &samples,
        "--expected",
        &exp,
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("payload.event: expected \"Order Completed\", got \"Payment Succeeded\""),
        "{stdout}"
    );
}

#[test]
fn env_reaches_the_transform() {
    let dir = tempfile::tempdir().unwrap();
    let code = write(
        dir.path(),
        "t.js",
        "function handler(webhook) { webhook.url = webhook.env.TARGET; return webhook; }",
    );
    let samples = dir.path().join("s");
    std::fs::create_dir(&samples).unwrap();
    write(&samples, "payment.succeeded.json", &payment().to_string());
    let s = samples.display().to_string();
    let out = hookcraft(&[
        "check",
        "--transform",
        &code,
        "--samples",
        &s,
        "--env",
        "TARGET=https://api.segment.io/v1/track",
        "--json",
    ]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["samples"][0]["output"]["url"],
        "https://api.segment.io/v1/track"
    );
    // The raw envelope now goes to Segment: an error.
    assert_eq!(
        v["samples"][0]["findings"][0]["rule"],
        "request.raw_envelope"
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn usage_errors_exit_2() {
    let out = hookcraft(&["check", "--transform", "/nonexistent/t.js"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/t.js"));
    let out = hookcraft(&[
        "check",
        "--transform",
        &seed("segment_track_payments"),
        "--env",
        "novalue",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "bad.json", "{\n  oops");
    let d = dir.path().display().to_string();
    let out = hookcraft(&[
        "check",
        "--transform",
        &seed("segment_track_payments"),
        "--samples",
        &d,
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("line 2"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
