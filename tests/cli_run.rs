//! `hookcraft run`, `samples` and `cards` as a user calls them.

use std::process::Command;

fn hookcraft(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_hookcraft"))
        .args(args)
        .output()
        .expect("run hookcraft");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn seed(name: &str) -> String {
    format!("{}/tests/fixtures/seeds/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn write_temp(name: &str, text: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(name);
    std::fs::write(&path, text).expect("write");
    let path = path.display().to_string();
    (dir, path)
}

#[test]
fn run_json_success_shape() {
    let (code, stdout, _) = hookcraft(&[
        "run",
        "--transform",
        &seed("segment_track_payments.js"),
        "--sample",
        "payment.succeeded",
        "--json",
    ]);
    assert_eq!(code, 0, "{stdout}");
    let v: serde_json::Value = serde_json::from_str(stdout.trim()).expect("one JSON object");
    assert_eq!(v["ok"], true);
    assert_eq!(v["method"], "POST");
    assert_eq!(v["url"], "https://api.segment.io/v1/track");
    assert_eq!(v["cancel"], false);
    assert_eq!(v["payload"]["event"], "Payment Completed");
    assert!(v["headers"].is_object());
    assert!(v["console"].is_array());
    assert!(v["duration_ms"].as_f64().is_some());
}

#[test]
fn run_json_failure_has_kind_and_position_and_exit_1() {
    let (_dir, path) = write_temp(
        "t.js",
        "function handler(webhook) {\n  console.log('hi');\n  throw new Error('boom');\n}\n",
    );
    let (code, stdout, _) = hookcraft(&[
        "run",
        "--transform",
        &path,
        "--sample",
        "payment.succeeded",
        "--json",
    ]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(stdout.trim()).expect("json");
    assert_eq!(v["ok"], false);
    assert_eq!(v["error"]["kind"], "exception");
    assert_eq!(v["error"]["line"], 3);
    assert!(
        v["error"]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("boom")
    );
    assert_eq!(v["console"][0]["level"], "log");
    assert_eq!(v["console"][0]["message"], "hi");
}

#[test]
fn bad_sample_file_is_exit_2_with_line_and_column() {
    let (_dir, path) = write_temp(
        "bad.json",
        "{\n  \"type\": \"payment.succeeded\",\n  \"data\": {,}\n}\n",
    );
    let (code, stdout, _) = hookcraft(&[
        "run",
        "--transform",
        &seed("segment_track_payments.js"),
        "--sample",
        &path,
        "--json",
    ]);
    assert_eq!(code, 2);
    let v: serde_json::Value = serde_json::from_str(stdout.trim()).expect("json");
    assert_eq!(v["error"]["kind"], "bad_sample");
    assert_eq!(v["error"]["line"], 3);
    assert!(v["error"]["column"].as_u64().is_some());
}

#[test]
fn unknown_sample_name_and_bad_usage_are_exit_2() {
    let (code, _, _) = hookcraft(&[
        "run",
        "--transform",
        &seed("segment_track_payments.js"),
        "--sample",
        "payment.nope",
    ]);
    assert_eq!(code, 2);
    let (code, _, _) = hookcraft(&["run", "--sample", "payment.succeeded"]);
    assert_eq!(code, 2);
    let (code, _, stderr) = hookcraft(&[
        "run",
        "--transform",
        "/nonexistent/t.js",
        "--sample",
        "payment.succeeded",
    ]);
    assert_eq!(code, 2);
    assert!(stderr.contains("/nonexistent/t.js"), "{stderr}");
}

#[test]
fn human_summary_names_method_url_and_body() {
    let (code, stdout, _) = hookcraft(&[
        "run",
        "--transform",
        &seed("segment_identify_customer.js"),
        "--sample",
        "payment.succeeded",
    ]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("POST https://api.segment.io/v1/identify"),
        "{stdout}"
    );
    assert!(stdout.contains("\"traits\""), "{stdout}");
}

#[test]
fn samples_and_cards_list_everything() {
    let (code, stdout, _) = hookcraft(&["samples", "--json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(stdout.trim()).expect("json");
    let names: Vec<&str> = v["samples"]
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|s| s["event_type"].as_str())
        .collect();
    for event in hookcraft::samples::EVENT_TYPES {
        assert!(names.contains(&event.name), "{} missing", event.name);
    }
    let (code, stdout, _) = hookcraft(&["cards", "--json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(stdout.trim()).expect("json");
    let ids: Vec<&str> = v["cards"]
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|c| c["id"].as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "webhook",
            "slack",
            "discord",
            "teams",
            "hubspot",
            "close",
            "sendgrid",
            "customerio",
            "zapier",
            "windmill",
            "inngest",
            "resend",
            "loops",
            "segment"
        ]
    );
}
