//! Delivery against real local servers: what arrives per card, header precedence, and
//! every failure kind (refused, timeout, 500, oversized body, redirects, bad URL).
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use hookcraft::engine::Output;
use hookcraft::send::receiver::{Receiver, ReceiverConfig};
use hookcraft::send::{
    self, BuildOptions, DeliverOptions, DispatchOptions, HttpRequest, Outcome, SendError,
    SigningParams, signing,
};

fn output(url: &str, headers: &[(&str, &str)]) -> Output {
    Output {
        method: "POST".to_owned(),
        url: url.to_owned(),
        headers: headers
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
        payload: serde_json::json!({"event": "Payment Succeeded", "userId": "cus_8VbC6JDZzPEqfBPUdpj0K", "properties": {"amount": "12.50", "note": "é ünïcode"}}),
        cancel: false,
    }
}

fn creds(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

fn receiver() -> Receiver {
    Receiver::start(ReceiverConfig::default()).unwrap()
}

fn build(card: &str, out: &Output, credentials: &BTreeMap<String, String>) -> HttpRequest {
    let auth = send::card_auth(card).unwrap();
    send::build_request_with(out, Some(&auth), credentials, &[], &BuildOptions::default()).unwrap()
}

#[test]
fn segment_request_arrives_exactly() {
    let rx = receiver();
    let out = output(&format!("{}v1/track?x=1", rx.url()), &[]);
    let request = build("segment", &out, &creds(&[("write_key", "wk_live_ABC123")]));
    let response = send::deliver(&request, &DeliverOptions::default()).unwrap();
    assert_eq!(response.status, 200);
    assert!(response.is_success());
    let got = rx.received();
    assert_eq!(got.len(), 1);
    let got = &got[0];
    assert_eq!(got.method, "POST");
    assert_eq!(got.path, "/v1/track?x=1");
    assert_eq!(got.http_version, "HTTP/1.1");
    let expected_auth = format!("Basic {}", BASE64.encode("wk_live_ABC123:"));
    assert_eq!(got.header("authorization"), Some(expected_auth.as_str()));
    assert_eq!(got.header("content-type"), Some("application/json"));
    assert_eq!(got.header("user-agent"), Some(send::USER_AGENT));
    assert!(send::USER_AGENT.starts_with("hookcraft/"));
    assert_eq!(got.body_raw, out.body().as_bytes());
    assert_eq!(
        got.header("content-length"),
        Some(out.body().len().to_string().as_str())
    );
    assert!(
        got.raw.starts_with("POST /v1/track?x=1 HTTP/1.1\r\n"),
        "{}",
        got.raw
    );
    assert!(got.raw.ends_with(&out.body()));
}

#[test]
fn customerio_uses_site_id_and_api_key() {
    let rx = receiver();
    let out = output(&format!("{}api/v2/entity", rx.url()), &[]);
    let request = build(
        "customerio",
        &out,
        &creds(&[("site_id", "site42"), ("api_key", "cio_key_9")]),
    );
    send::deliver(&request, &DeliverOptions::default()).unwrap();
    let got = &rx.received()[0];
    let expected = format!("Basic {}", BASE64.encode("site42:cio_key_9"));
    assert_eq!(got.header("Authorization"), Some(expected.as_str()));
    assert_eq!(got.body_raw, out.body().as_bytes());
}

#[test]
fn webhook_card_signature_verifies_on_received_bytes() {
    let rx = receiver();
    let secret = signing::generate_secret();
    let out = output(&rx.url(), &[]);
    let request = build("webhook", &out, &creds(&[("secret", &secret)]));
    send::deliver(&request, &DeliverOptions::default()).unwrap();
    let got = &rx.received()[0];
    let id = got.header("webhook-id").unwrap();
    assert!(id.starts_with("msg_"), "{id}");
    let timestamp: i64 = got.header("webhook-timestamp").unwrap().parse().unwrap();
    let now = chrono::Utc::now().timestamp();
    assert!((now - timestamp).abs() < 60);
    assert!(got.header("webhook-signature").unwrap().starts_with("v1,"));
    signing::verify(&got.headers, &got.body_raw, &secret, now).unwrap();
    // A different secret does not verify.
    let other = signing::generate_secret();
    assert_eq!(
        signing::verify(&got.headers, &got.body_raw, &other, now),
        Err(signing::VerifyError::NoMatch)
    );
}

#[test]
fn webhook_card_with_fixed_id_and_timestamp_matches_the_vector() {
    let out = Output {
        payload: serde_json::json!({"test": 2_432_232_314_u64}),
        ..output("https://example.com/hook", &[])
    };
    let auth = send::card_auth("webhook").unwrap();
    let opts = BuildOptions {
        signing: SigningParams {
            webhook_id: Some("msg_p5jXN8AQM9LWM0D4loKWxJek".to_owned()),
            timestamp: Some(1_614_265_330),
        },
    };
    let request = send::build_request_with(
        &out,
        Some(&auth),
        &creds(&[("secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")]),
        &[],
        &opts,
    )
    .unwrap();
    // The compact body differs from the vector's `{"test": 2432232314}` by the space.
    let expected = signing::sign(
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        "msg_p5jXN8AQM9LWM0D4loKWxJek",
        1_614_265_330,
        br#"{"test":2432232314}"#,
    )
    .unwrap();
    assert_eq!(request.header("webhook-signature"), Some(expected.as_str()));
    assert_eq!(
        request.header("webhook-id"),
        Some("msg_p5jXN8AQM9LWM0D4loKWxJek")
    );
    assert_eq!(request.header("webhook-timestamp"), Some("1614265330"));
}

#[test]
fn bearer_and_url_only_cards() {
    let out = output("https://example.com/", &[]);
    for (card, field) in [
        ("sendgrid", "api_key"),
        ("resend", "api_key"),
        ("loops", "api_key"),
        ("hubspot", "access_token"),
    ] {
        let request = build(card, &out, &creds(&[(field, "tok_123")]));
        assert_eq!(
            request.header("authorization"),
            Some("Bearer tok_123"),
            "{card}"
        );
    }
    let close = build("close", &out, &creds(&[("api_key", "api_close")]));
    let expected = format!("Basic {}", BASE64.encode("api_close:"));
    assert_eq!(close.header("authorization"), Some(expected.as_str()));
    for card in ["slack", "discord", "teams", "zapier", "windmill", "inngest"] {
        let request = build(card, &out, &BTreeMap::new());
        assert_eq!(request.header("authorization"), None, "{card}");
        assert_eq!(request.headers.len(), 2, "{card}: {:?}", request.headers);
    }
}

#[test]
fn missing_credentials_name_the_field() {
    let out = output("https://example.com/", &[]);
    let cases = [
        ("segment", vec![], "Segment needs its Write Key (write_key)"),
        (
            "customerio",
            vec![("site_id", "s")],
            "CustomerIO needs its Track API Key (api_key)",
        ),
        (
            "hubspot",
            vec![("access_token", "   ")],
            "HubSpot needs its Access token (access_token)",
        ),
        ("close", vec![], "CloseCRM needs its API Key (api_key)"),
    ];
    for (card, given, message) in cases {
        let auth = send::card_auth(card).unwrap();
        let err = send::build_request_with(
            &out,
            Some(&auth),
            &creds(&given),
            &[],
            &BuildOptions::default(),
        )
        .unwrap_err();
        assert_eq!(err.kind(), "missing_credential");
        assert_eq!(err.to_string(), message);
    }
    let auth = send::card_auth("webhook").unwrap();
    let err = send::build_request_with(
        &out,
        Some(&auth),
        &creds(&[("secret", "whsec_%%%")]),
        &[],
        &BuildOptions::default(),
    )
    .unwrap_err();
    assert_eq!(err.kind(), "invalid_credential", "{err}");
    // The webhook's signing secret is optional: without it the request goes unsigned.
    let unsigned = send::build_request_with(
        &out,
        Some(&auth),
        &BTreeMap::new(),
        &[],
        &BuildOptions::default(),
    )
    .unwrap();
    assert_eq!(unsigned.header("webhook-signature"), None);
    assert_eq!(unsigned.headers.len(), 2, "{:?}", unsigned.headers);
}

#[test]
fn header_precedence_transform_over_endpoint_over_auth_over_defaults() {
    let rx = receiver();
    let out = output(
        &rx.url(),
        &[
            ("x-shared", "from-transform"),
            ("content-type", "application/vnd.custom+json"),
        ],
    );
    let endpoint = vec![
        ("X-Shared".to_owned(), "from-endpoint".to_owned()),
        (
            "AUTHORIZATION".to_owned(),
            "Token endpoint-token".to_owned(),
        ),
        ("X-Endpoint-Only".to_owned(), "1".to_owned()),
    ];
    let auth = send::card_auth("segment").unwrap();
    let request = send::build_request_with(
        &out,
        Some(&auth),
        &creds(&[("write_key", "wk")]),
        &endpoint,
        &BuildOptions::default(),
    )
    .unwrap();
    send::deliver(&request, &DeliverOptions::default()).unwrap();
    let got = &rx.received()[0];
    let count = |name: &str| {
        got.headers
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case(name))
            .count()
    };
    assert_eq!(got.header("x-shared"), Some("from-transform"));
    assert_eq!(count("x-shared"), 1);
    assert_eq!(got.header("authorization"), Some("Token endpoint-token"));
    assert_eq!(count("authorization"), 1);
    assert_eq!(
        got.header("content-type"),
        Some("application/vnd.custom+json")
    );
    assert_eq!(count("content-type"), 1);
    assert_eq!(got.header("x-endpoint-only"), Some("1"));
}

#[test]
fn refused_connection() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let url = format!("http://127.0.0.1:{port}/hook");
    let request = HttpRequest::new("POST", &url, vec![], "{}");
    let err = send::deliver(&request, &DeliverOptions::default()).unwrap_err();
    assert!(matches!(err, SendError::Refused { .. }), "{err:?}");
    assert!(err.to_string().ends_with(&url), "{err}");
}

#[test]
fn timeout_against_a_slow_server() {
    let rx = Receiver::start(ReceiverConfig {
        delay_ms: 2_000,
        ..ReceiverConfig::default()
    })
    .unwrap();
    let request = HttpRequest::new("POST", rx.url(), vec![], "{}");
    let opts = DeliverOptions {
        timeout: Duration::from_millis(200),
        ..DeliverOptions::default()
    };
    let started = std::time::Instant::now();
    let err = send::deliver(&request, &opts).unwrap_err();
    assert!(
        started.elapsed() < Duration::from_millis(1_500),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(err.kind(), "timeout", "{err:?}");
    assert!(err.to_string().contains("200 ms"), "{err}");
}

#[test]
fn slow_response_within_timeout() {
    let rx = Receiver::start(ReceiverConfig {
        delay_ms: 300,
        status: 202,
        ..ReceiverConfig::default()
    })
    .unwrap();
    let request = HttpRequest::new("PUT", rx.url(), vec![], "{}");
    let opts = DeliverOptions {
        timeout: Duration::from_secs(5),
        ..DeliverOptions::default()
    };
    let response = send::deliver(&request, &opts).unwrap();
    assert_eq!(response.status, 202);
    assert_eq!(response.reason, "Accepted");
    assert!(response.elapsed_ms >= 300, "{}", response.elapsed_ms);
    assert!(response.headers_ms <= response.elapsed_ms);
    assert_eq!(rx.received()[0].method, "PUT");
}

#[test]
fn server_error_is_a_response_with_body() {
    let rx = Receiver::start(ReceiverConfig {
        status: 500,
        ..ReceiverConfig::default()
    })
    .unwrap();
    let request = HttpRequest::new("POST", rx.url(), vec![], "{}");
    let response = send::deliver(&request, &DeliverOptions::default()).unwrap();
    assert_eq!(response.status, 500);
    assert!(!response.is_success());
    assert_eq!(response.reason, "Internal Server Error");
    assert_eq!(response.body, r#"{"ok":true,"seq":1}"#);
    assert_eq!(response.header("content-type"), Some("application/json"));
    assert!(!response.truncated);
}

/// A one-off server answering each request with `answer(path)`.
fn serve(answer: fn(&str) -> tiny_http::ResponseBox) -> (String, std::thread::JoinHandle<()>) {
    let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
    let url = format!("http://{}", server.server_addr().to_ip().unwrap());
    let handle = std::thread::spawn(move || {
        while let Ok(Some(request)) = server.recv_timeout(Duration::from_secs(5)) {
            let response = answer(request.url());
            request.respond(response).ok();
        }
    });
    (url, handle)
}

#[test]
fn oversized_response_is_truncated_with_real_size() {
    let (url, _server) = serve(|_| tiny_http::Response::from_data(vec![b'x'; 1_572_864]).boxed());
    let request = HttpRequest::new("POST", &url, vec![], "{}");
    let response = send::deliver(&request, &DeliverOptions::default()).unwrap();
    assert!(response.truncated);
    assert_eq!(response.body_bytes, 1_572_864);
    assert_eq!(response.body.len(), send::DEFAULT_MAX_RESPONSE_BYTES);
}

fn redirect_to(location: &str) -> tiny_http::ResponseBox {
    tiny_http::Response::empty(307)
        .with_header(tiny_http::Header::from_bytes(&b"Location"[..], location.as_bytes()).unwrap())
        .boxed()
}

#[test]
fn redirects_are_followed_and_reported() {
    let (url, _server) = serve(|path| match path {
        "/a" => redirect_to("/b"),
        "/b" => redirect_to("/c"),
        "/loop" => redirect_to("/loop"),
        _ => tiny_http::Response::from_string("done").boxed(),
    });
    let request = HttpRequest::new("POST", format!("{url}/a"), vec![], "{}");
    let response = send::deliver(&request, &DeliverOptions::default()).unwrap();
    assert_eq!(response.status, 200);
    assert_eq!(response.body, "done");
    let hops: Vec<(u16, String)> = response
        .redirects
        .iter()
        .map(|h| (h.status, h.to.clone()))
        .collect();
    assert_eq!(
        hops,
        vec![(307, format!("{url}/b")), (307, format!("{url}/c"))]
    );
    assert_eq!(response.redirects[0].from, format!("{url}/a"));
    assert_eq!(response.final_url, format!("{url}/c"));

    let looping = HttpRequest::new("POST", format!("{url}/loop"), vec![], "{}");
    let err = send::deliver(&looping, &DeliverOptions::default()).unwrap_err();
    assert_eq!(err.kind(), "too_many_redirects", "{err:?}");
    assert!(err.to_string().contains("more than 5 redirects"), "{err}");
}

#[test]
fn invalid_urls_say_the_url_last() {
    for url in ["ftp://example.com/x", "not a url", "http://"] {
        let request = HttpRequest::new("POST", url, vec![], "{}");
        let err = send::deliver(&request, &DeliverOptions::default()).unwrap_err();
        assert_eq!(err.kind(), "invalid_url", "{url}: {err:?}");
        assert!(err.to_string().ends_with(url), "{err}");
    }
}

#[test]
fn request_body_limit() {
    let request = HttpRequest::new("POST", "http://127.0.0.1:9/", vec![], "x".repeat(2_000));
    let opts = DeliverOptions {
        max_request_bytes: 1_000,
        ..DeliverOptions::default()
    };
    let err = send::deliver(&request, &opts).unwrap_err();
    assert_eq!(err.kind(), "body_too_large");
}

#[test]
fn cancel_sends_nothing() {
    let rx = receiver();
    let out = Output {
        cancel: true,
        ..output(&rx.url(), &[])
    };
    let outcome = send::dispatch(
        &out,
        None,
        &BTreeMap::new(),
        &[],
        &DispatchOptions::default(),
    );
    assert_eq!(outcome, Outcome::Cancelled);
    assert!(outcome.is_success());
    assert_eq!(
        outcome.summary(),
        "cancelled — counts as a successful delivery"
    );
    std::thread::sleep(Duration::from_millis(100));
    assert!(rx.received().is_empty());
}

#[test]
fn dispatch_send_to_keeps_auth_and_body() {
    let rx = receiver();
    let out = output("https://api.segment.io/v1/track", &[]);
    let card = hookcraft::catalogue::card("segment").unwrap();
    let opts = DispatchOptions {
        send_to: Some(rx.url()),
        ..DispatchOptions::default()
    };
    let outcome = send::dispatch(
        &out,
        Some(card),
        &creds(&[("write_key", "wk_1")]),
        &[],
        &opts,
    );
    assert!(outcome.is_success(), "{}", outcome.summary());
    let got = &rx.received()[0];
    let expected = format!("Basic {}", BASE64.encode("wk_1:"));
    assert_eq!(got.header("authorization"), Some(expected.as_str()));
    assert_eq!(got.body_raw, out.body().as_bytes());
    let Outcome::Response { request, .. } = outcome else {
        panic!("expected a response");
    };
    assert_eq!(request.url, rx.url());
}

#[test]
fn every_catalogue_card_builds_with_its_credentials() {
    for card in hookcraft::catalogue::cards() {
        let credentials: BTreeMap<String, String> = card
            .credentials
            .iter()
            .map(|field| {
                let value = if field.name == "secret" {
                    signing::generate_secret()
                } else {
                    format!("{}_value", field.name)
                };
                (field.name.to_owned(), value)
            })
            .collect();
        let out = output("https://example.com/hook", &[]);
        let request = send::build_request(
            &out,
            Some(card),
            &credentials,
            &[],
            &BuildOptions::default(),
        )
        .unwrap_or_else(|err| panic!("{}: {err}", card.id));
        let authorization = request.header("authorization");
        match card.auth {
            hookcraft::catalogue::AuthStyle::UrlOnly => assert_eq!(authorization, None),
            hookcraft::catalogue::AuthStyle::Basic { .. } => {
                assert!(authorization.unwrap().starts_with("Basic "), "{}", card.id);
            }
            hookcraft::catalogue::AuthStyle::Bearer { token } => {
                assert_eq!(
                    authorization,
                    Some(format!("Bearer {token}_value").as_str())
                );
            }
            hookcraft::catalogue::AuthStyle::StandardWebhooks { .. } => {
                let now = chrono::Utc::now().timestamp();
                signing::verify(
                    &request.headers,
                    request.body.as_bytes(),
                    &credentials["secret"],
                    now,
                )
                .unwrap();
            }
        }
        // Nothing secret survives redaction.
        let shown = serde_json::to_string(&request.redacted()).unwrap();
        for value in credentials.values() {
            assert!(!shown.contains(value.as_str()), "{}: {shown}", card.id);
        }
    }
}

#[test]
fn tls_to_a_plain_http_server_is_a_tls_error() {
    use std::io::Write as _;
    // A plain server that answers in clear text at once, whatever arrives.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        if let Ok((mut stream, _)) = listener.accept() {
            stream
                .write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
                .ok();
            std::thread::sleep(Duration::from_millis(500));
        }
    });
    let url = format!("https://{addr}/");
    let request = HttpRequest::new("POST", &url, vec![], "{}");
    let opts = DeliverOptions {
        timeout: Duration::from_secs(5),
        ..DeliverOptions::default()
    };
    let err = send::deliver(&request, &opts).unwrap_err();
    assert_eq!(err.kind(), "tls", "{err:?}");
    assert!(err.to_string().ends_with(&url), "{err}");
}
