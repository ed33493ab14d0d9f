//! History files and cURL export never hold secrets; past requests can be re-sent.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;

use hookcraft::engine::Output;
use hookcraft::send::history::{EntryMeta, History, HistoryResult};
use hookcraft::send::receiver::{Receiver, ReceiverConfig};
use hookcraft::send::{self, BuildOptions, DispatchOptions, Outcome, curl, signing};

const WRITE_KEY: &str = "wk_SuperSecret_123";

fn output(url: &str) -> Output {
    Output {
        method: "POST".to_owned(),
        url: url.to_owned(),
        headers: BTreeMap::new(),
        payload: serde_json::json!({"event": "Order Completed", "userId": "cus_1"}),
        cancel: false,
    }
}

fn creds(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

fn all_files_text(dir: &std::path::Path) -> String {
    let mut text = String::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        text.push_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap());
    }
    text
}

#[test]
fn history_files_hold_no_secrets_and_list_newest_first() {
    let rx = Receiver::start(ReceiverConfig::default()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let history = History::open(dir.path()).unwrap();
    let auth = hookcraft::catalogue::card("segment").unwrap();
    // The secret also travels in a custom endpoint header.
    let endpoint = vec![("X-Write-Key".to_owned(), WRITE_KEY.to_owned())];
    let outcome = send::dispatch(
        &output(&rx.url()),
        Some(auth),
        &creds(&[("write_key", WRITE_KEY)]),
        &endpoint,
        &DispatchOptions::default(),
    );
    assert!(outcome.is_success(), "{}", outcome.summary());
    let meta = EntryMeta {
        endpoint_slug: Some("segment-prod".to_owned()),
        endpoint_name: Some("Segment prod".to_owned()),
        card: Some("segment".to_owned()),
        sample: Some("payment.succeeded".to_owned()),
    };
    let first = history.record(meta.clone(), &outcome).unwrap();
    let second = history
        .record(EntryMeta::default(), &Outcome::Cancelled)
        .unwrap();

    let text = all_files_text(dir.path());
    assert!(!text.contains(WRITE_KEY), "{text}");
    let encoded = {
        use base64::Engine as _;
        base64::engine::general_purpose::STANDARD.encode(format!("{WRITE_KEY}:"))
    };
    assert!(!text.contains(&encoded), "{text}");
    assert!(text.contains("Basic [redacted]"), "{text}");
    assert!(text.contains("segment-prod"));

    let listed = history.list().unwrap();
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[0].id, second.id);
    assert_eq!(listed[1].id, first.id);
    assert!(matches!(listed[0].result, HistoryResult::Cancelled { .. }));
    let got = history.get(&first.id).unwrap();
    assert_eq!(got.meta, meta);
    assert!(got.ok);
    let HistoryResult::Response { response } = &got.result else {
        panic!("expected a response");
    };
    assert_eq!(response.status, 200);
    assert!(got.elapsed_ms.is_some());
    assert!(history.get("../etc/passwd").is_err());
}

#[test]
fn a_past_request_is_resent_with_secrets_refilled() {
    let rx = Receiver::start(ReceiverConfig::default()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let history = History::open(dir.path()).unwrap();
    let secret = signing::generate_secret();
    let auth = hookcraft::catalogue::card("webhook").unwrap();
    let credentials = creds(&[("secret", &secret)]);
    let outcome = send::dispatch(
        &output(&rx.url()),
        Some(auth),
        &credentials,
        &[],
        &DispatchOptions::default(),
    );
    let entry = history
        .record(
            EntryMeta {
                endpoint_slug: Some("hook".to_owned()),
                ..EntryMeta::default()
            },
            &outcome,
        )
        .unwrap();
    assert!(!all_files_text(dir.path()).contains(&secret));
    let stored = history.get(&entry.id).unwrap();
    assert_eq!(
        stored.request.as_ref().unwrap().header("webhook-signature"),
        Some("[redacted]")
    );

    let again = stored
        .resend_request(Some(auth), &credentials, &BuildOptions::default())
        .unwrap();
    send::deliver(&again, &send::DeliverOptions::default()).unwrap();
    let received = rx.received();
    assert_eq!(received.len(), 2);
    // Same message id, like a retry; both verify.
    assert_eq!(
        received[0].header("webhook-id"),
        received[1].header("webhook-id")
    );
    let now = chrono::Utc::now().timestamp();
    for got in &received {
        signing::verify(&got.headers, &got.body_raw, &secret, now).unwrap();
    }
    // Without the secret it cannot be rebuilt.
    let err = stored
        .resend_request(Some(auth), &BTreeMap::new(), &BuildOptions::default())
        .unwrap_err();
    assert_eq!(err.kind(), "missing_credential");
}

#[test]
fn failed_sends_are_recorded_with_their_error() {
    let dir = tempfile::tempdir().unwrap();
    let history = History::open(dir.path()).unwrap();
    let auth = hookcraft::catalogue::card("segment").unwrap();
    let outcome = send::dispatch(
        &output("https://example.com/"),
        Some(auth),
        &BTreeMap::new(),
        &[],
        &DispatchOptions::default(),
    );
    let entry = history.record(EntryMeta::default(), &outcome).unwrap();
    assert!(!entry.ok);
    let HistoryResult::Error { error } = &entry.result else {
        panic!("expected an error");
    };
    assert_eq!(error.kind, "missing_credential");
    assert_eq!(error.message, "Segment needs its Write Key (write_key)");
}

#[test]
fn history_keeps_only_the_newest() {
    let dir = tempfile::tempdir().unwrap();
    let history = History::open(dir.path()).unwrap().with_keep(3);
    let mut ids = Vec::new();
    for _ in 0..5 {
        ids.push(
            history
                .record(EntryMeta::default(), &Outcome::Cancelled)
                .unwrap()
                .id,
        );
    }
    let listed: Vec<String> = history.list().unwrap().into_iter().map(|e| e.id).collect();
    assert_eq!(listed, vec![ids[4].clone(), ids[3].clone(), ids[2].clone()]);
}

#[test]
fn curl_export_is_redacted_unless_asked() {
    let auth = hookcraft::catalogue::card("customerio").unwrap();
    let request = send::build_request(
        &output("https://track.customer.io/api/v2/entity"),
        Some(auth),
        &creds(&[("site_id", "site_777"), ("api_key", "cio_secret_999")]),
        &[],
        &BuildOptions::default(),
    )
    .unwrap();
    let redacted = curl::to_curl(&request, false);
    assert!(!redacted.contains("cio_secret_999"), "{redacted}");
    assert!(
        redacted.contains("-H 'Authorization: Basic [redacted]'"),
        "{redacted}"
    );
    assert!(redacted.starts_with("curl -X POST https://track.customer.io/api/v2/entity"));
    assert!(
        redacted.contains(r#"--data-raw '{"event":"Order Completed","userId":"cus_1"}'"#),
        "{redacted}"
    );
    let full = curl::to_curl(&request, true);
    assert!(
        full.contains("Authorization: Basic c2l0ZV83Nzc6Y2lvX3NlY3JldF85OTk="),
        "{full}"
    );
}

#[test]
fn damaged_files_are_skipped_by_list_and_reported_by_get() {
    let dir = tempfile::tempdir().unwrap();
    let history = History::open(dir.path()).unwrap();
    let good = history
        .record(EntryMeta::default(), &Outcome::Cancelled)
        .unwrap();
    std::fs::write(
        dir.path().join("20000101T000000.000000Z-broken.json"),
        "{\n  \"id\": 3,\n",
    )
    .unwrap();
    let listed = history.list().unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].id, good.id);
    let err = history
        .get("20000101T000000.000000Z-broken")
        .unwrap_err()
        .to_string();
    assert!(err.contains("line 2"), "{err}");
    assert!(err.ends_with("broken.json"), "{err}");
    history.clear().unwrap();
    assert!(history.list().unwrap().is_empty());
}
