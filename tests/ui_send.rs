//! Send test from the desktop app against real local HTTP servers (no network).

#![allow(clippy::unwrap_used, reason = "tests may unwrap")]

use std::sync::mpsc;
use std::time::Duration;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use hookcraft::app::HookcraftApp;

mod common;
use common::*;

/// What the test server received: path, lower-cased headers, body.
type Received = (String, Vec<(String, String)>, String);

/// A one-request server on 127.0.0.1:0 answering 202 with a JSON body once `release` gets a
/// message; hands back what it got.
fn start_server() -> (String, mpsc::Receiver<Received>, mpsc::Sender<()>) {
    let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
    let url = format!(
        "http://{}/hooks/dodo",
        server.server_addr().to_ip().unwrap()
    );
    let (tx, rx) = mpsc::channel();
    let (release, released) = mpsc::channel::<()>();
    std::thread::spawn(move || {
        if let Ok(Some(mut request)) = server.recv_timeout(Duration::from_secs(20)) {
            let mut body = String::new();
            request.as_reader().read_to_string(&mut body).unwrap();
            let headers = request
                .headers()
                .iter()
                .map(|h| {
                    (
                        h.field.as_str().as_str().to_ascii_lowercase(),
                        h.value.as_str().to_owned(),
                    )
                })
                .collect();
            tx.send((request.url().to_owned(), headers, body)).unwrap();
            released.recv_timeout(Duration::from_secs(20)).ok();
            let response = tiny_http::Response::from_string(r#"{"accepted":true}"#)
                .with_status_code(202)
                .with_header(
                    "Content-Type: application/json"
                        .parse::<tiny_http::Header>()
                        .unwrap(),
                );
            request.respond(response).unwrap();
        }
    });
    (url, rx, release)
}

/// New Webhook endpoint pointed at `url`, with a signing secret, output ready.
fn webhook_to(harness: &mut Harness<'_, HookcraftApp>, url: &str) {
    harness.run_ok();
    harness.get_by_label("+ Add endpoint").click();
    harness.run_ok();
    harness.get_by_label("Use Webhook").click();
    harness.run_ok();
    let field = harness.get_by_role_and_label(Role::TextInput, "Endpoint URL");
    field.focus();
    field.type_text(url);
    harness.run_ok();
    let secret = harness.get_by_role_and_label(Role::PasswordInput, "Signing secret (whsec_…)");
    secret.focus();
    secret.type_text("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    harness.run_ok();
    let wanted = url.to_owned();
    step_until(harness, "the output for the local URL", move |h| {
        !h.state().run_pending() && h.state().current_output().is_some_and(|o| o.url == wanted)
    });
}

#[test]
fn send_test_reaches_a_local_server_and_shows_its_status() {
    let dir = tempfile::tempdir().unwrap();
    let (url, got, release) = start_server();
    let mut harness = harness(new_app(dir.path()));
    webhook_to(&mut harness, &url);
    let expected_body = harness.state().current_output().unwrap().body();

    harness
        .get_by_role_and_label(Role::Button, "Send test")
        .click();
    harness.step();
    // A second click while the first is in flight is refused (the server holds its answer
    // until `release` below).
    harness
        .get_by_role_and_label(Role::Button, "Send test")
        .click();
    harness.run_steps(2);
    assert!(
        harness
            .query_by_label_contains("already in flight")
            .is_some()
    );

    let (path, headers, body) = got.recv_timeout(Duration::from_secs(10)).unwrap();
    assert_eq!(path, "/hooks/dodo");
    assert_eq!(body, expected_body, "the exact output body is sent");
    assert!(
        headers
            .iter()
            .any(|(k, v)| k == "webhook-signature" && v.starts_with("v1,"))
    );
    release.send(()).unwrap();

    step_until(&mut harness, "the response status", |h| {
        h.query_by_label_contains("202 Accepted").is_some()
    });
    let body = harness
        .get_by_role_and_label(Role::MultilineTextInput, "Response body")
        .value();
    assert!(
        body.is_some_and(|b| b.contains("\"accepted\": true")),
        "response body shown pretty"
    );
}

#[test]
fn send_failure_is_explained_in_plain_words() {
    let dir = tempfile::tempdir().unwrap();
    // A port with nothing listening: bind, read the port, drop the listener.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}/gone");
    let mut harness = harness(new_app(dir.path()));
    webhook_to(&mut harness, &url);
    harness
        .get_by_role_and_label(Role::Button, "Send test")
        .click();
    step_until(&mut harness, "the failure", |h| {
        h.query_by_label_contains("Not delivered").is_some()
    });
    assert!(
        harness
            .query_by_label_contains("connection refused")
            .is_some()
    );
}

#[test]
fn local_receiver_shows_the_received_request() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(new_app(dir.path()));
    webhook_to(&mut harness, "https://example.invalid/hook");
    harness.get_by_label("Local receiver").click();
    harness.run_ok();
    assert!(
        harness
            .query_by_label_contains("goes to the local receiver at http://127.0.0.1:")
            .is_some()
    );
    harness
        .get_by_role_and_label(Role::Button, "Send test")
        .click();
    step_until(&mut harness, "the receiver's copy", |h| {
        h.query_by_label_contains("Local receiver got 1 request")
            .is_some()
    });
    assert!(harness.query_by_label_contains("200 OK").is_some());
}
