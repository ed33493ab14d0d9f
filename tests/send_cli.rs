//! The `send`, `receive`, `sign` and `verify` subcommands, run as the real binary.
#![allow(clippy::unwrap_used)]

use std::io::{BufRead as _, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

use hookcraft::send::receiver::{Receiver, ReceiverConfig};
use hookcraft::send::{self, DeliverOptions, HttpRequest};

const BIN: &str = env!("CARGO_BIN_EXE_hookcraft");

const SEGMENT_TRANSFORM: &str = r#"
function handler(webhook) {
  const p = webhook.payload;
  webhook.url = "https://api.segment.io/v1/track";
  webhook.payload = { event: "Payment Succeeded", userId: p.data.customer.customer_id, properties: { amount: p.data.total_amount } };
  webhook.headers = { "X-From-Transform": "yes" };
  return webhook;
}
"#;

const SAMPLE: &str = r#"{
  "business_id": "bus_1", "type": "payment.succeeded", "timestamp": "2026-01-01T00:00:00Z",
  "data": { "payload_type": "Payment", "total_amount": 1250, "customer": { "customer_id": "cus_42", "email": "a@b.c", "name": "A" } }
}"#;

fn files(transform: &str) -> (tempfile::TempDir, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let code = dir.path().join("t.js");
    let sample = dir.path().join("s.json");
    std::fs::write(&code, transform).unwrap();
    std::fs::write(&sample, SAMPLE).unwrap();
    (
        dir,
        code.to_string_lossy().into_owned(),
        sample.to_string_lossy().into_owned(),
    )
}

#[test]
fn send_json_to_the_receiver_with_card_auth() {
    let rx = Receiver::start(ReceiverConfig::default()).unwrap();
    let (_dir, code, sample) = files(SEGMENT_TRANSFORM);
    let out = Command::new(BIN)
        .args([
            "send",
            "--transform",
            &code,
            "--sample",
            &sample,
            "--url",
            "https://example.com/hook",
        ])
        .args([
            "--card",
            "segment",
            "--cred",
            "write_key=wk_cli_secret",
            "--header",
            "X-Endpoint=1",
        ])
        .args(["--send-to", &rx.url(), "--json"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let value: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(value["ok"], true);
    assert_eq!(value["response"]["status"], 200);
    assert!(!stdout.contains("wk_cli_secret"), "{stdout}");
    let got = &rx.received()[0];
    assert_eq!(
        got.body_text,
        r#"{"event":"Payment Succeeded","userId":"cus_42","properties":{"amount":1250}}"#
    );
    use base64::Engine as _;
    let auth = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode("wk_cli_secret:")
    );
    assert_eq!(got.header("authorization"), Some(auth.as_str()));
    assert_eq!(got.header("x-from-transform"), Some("yes"));
    assert_eq!(got.header("x-endpoint"), Some("1"));
}

#[test]
fn send_exit_codes() {
    let rx = Receiver::start(ReceiverConfig {
        status: 500,
        ..ReceiverConfig::default()
    })
    .unwrap();
    let (_dir, code, sample) = files(SEGMENT_TRANSFORM);
    let run = |extra: &[&str]| {
        Command::new(BIN)
            .args([
                "send",
                "--transform",
                &code,
                "--sample",
                &sample,
                "--url",
                "https://example.com/",
            ])
            .args(extra)
            .output()
            .unwrap()
    };
    // Non-2xx.
    let out = run(&["--send-to", &rx.url(), "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["ok"], false);
    assert_eq!(value["response"]["status"], 500);
    // Missing credential.
    let out = run(&["--card", "segment", "--json", "--dry-run"]);
    assert_eq!(out.status.code(), Some(1));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        value["error"]["message"],
        "Segment needs its Write Key (write_key)"
    );
    // Usage errors.
    assert_eq!(run(&["--card", "nope"]).status.code(), Some(2));
    assert_eq!(run(&["--cred", "novalue"]).status.code(), Some(2));
    // Dry run prints the redacted request and sends nothing.
    let out = run(&[
        "--card",
        "segment",
        "--cred",
        "write_key=wk_dry",
        "--dry-run",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("POST https://api.segment.io/v1/track\n"),
        "{text}"
    );
    assert!(text.contains("Authorization: Basic [redacted]"), "{text}");
    assert!(!text.contains("wk_dry"));
    assert!(rx.received().len() == 1);
}

#[test]
fn send_with_a_library_sample_and_bad_samples() {
    let rx = Receiver::start(ReceiverConfig::default()).unwrap();
    let (dir, code, _) = files(SEGMENT_TRANSFORM);
    let run = |sample: &str| {
        Command::new(BIN)
            .args([
                "send",
                "--transform",
                &code,
                "--sample",
                sample,
                "--url",
                "https://example.com/",
            ])
            .args(["--send-to", &rx.url()])
            .output()
            .unwrap()
    };
    let out = run("payment.succeeded");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let body: serde_json::Value = serde_json::from_slice(&rx.received()[0].body_raw).unwrap();
    assert_eq!(body["event"], "Payment Succeeded");
    assert!(
        body["userId"].as_str().unwrap().starts_with("cus_"),
        "{body}"
    );

    let out = run("no.such.sample");
    assert_eq!(out.status.code(), Some(2));
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "{\n  \"type\": \n}").unwrap();
    let out = run(&broken.to_string_lossy());
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("line 3"), "{stderr}");
    assert_eq!(rx.received().len(), 1);
}

#[test]
fn send_cancel_counts_as_success() {
    let (_dir, code, sample) =
        files("function handler(webhook) { webhook.cancel = true; return webhook; }");
    let out = Command::new(BIN)
        .args([
            "send",
            "--transform",
            &code,
            "--sample",
            &sample,
            "--url",
            "http://127.0.0.1:9/",
            "--json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        value["cancelled"]["message"],
        "cancelled — counts as a successful delivery"
    );
}

#[test]
fn sign_and_verify_the_official_vector() {
    let dir = tempfile::tempdir().unwrap();
    let body = dir.path().join("body.json");
    std::fs::write(&body, r#"{"test": 2432232314}"#).unwrap();
    let body = body.to_string_lossy().into_owned();
    let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    let id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    let out = Command::new(BIN)
        .args([
            "sign",
            "--secret",
            secret,
            "--id",
            id,
            "--timestamp",
            "1614265330",
            "--body-file",
            &body,
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
    );
    let verify = |now: &str| {
        Command::new(BIN)
            .args([
                "verify",
                "--secret",
                secret,
                "--id",
                id,
                "--timestamp",
                "1614265330",
            ])
            .args([
                "--signature",
                "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
                "--body-file",
                &body,
                "--now",
                now,
            ])
            .output()
            .unwrap()
    };
    assert_eq!(verify("1614265400").status.code(), Some(0));
    let late = verify("1614266000");
    assert_eq!(late.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&late.stdout).trim(),
        "Message timestamp too old"
    );
}

#[test]
fn receive_prints_requests_and_exits_after_max() {
    let mut child = Command::new(BIN)
        .args(["receive", "--status", "202", "--max-requests", "1"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let url = first
        .split_whitespace()
        .find(|word| word.starts_with("http://127.0.0.1:"))
        .unwrap()
        .to_owned();
    let mut request = HttpRequest::new("POST", &url, vec![], r#"{"hello":"world"}"#);
    request.set_header("X-Custom", "abc");
    let response = send::deliver(
        &request,
        &DeliverOptions {
            timeout: Duration::from_secs(10),
            ..DeliverOptions::default()
        },
    )
    .unwrap();
    assert_eq!(response.status, 202);
    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    let status = child.wait().unwrap();
    assert!(status.success());
    let text = rest.join("\n");
    assert!(text.contains("POST / HTTP/1.1"), "{text}");
    assert!(
        text.contains("X-Custom: abc") || text.contains("x-custom: abc"),
        "{text}"
    );
    assert!(text.contains(r#"{"hello":"world"}"#), "{text}");
}
