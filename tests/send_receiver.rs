//! The local receiver: exact capture, configurable status/delay/failure rate, stop.
#![allow(clippy::unwrap_used)]

use std::io::{Read as _, Write as _};
use std::time::Duration;

use hookcraft::send::receiver::{Receiver, ReceiverConfig};
use hookcraft::send::{self, DeliverOptions, HttpRequest};

#[test]
fn captures_every_header_in_order_and_raw_text() {
    let rx = Receiver::start(ReceiverConfig::default()).unwrap();
    let addr = rx.addr();
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    let body = "{\"a\":\"é\"}";
    let request = format!(
        "POST /hooks/x?y=1 HTTP/1.1\r\nHost: {addr}\r\nX-Zeta: 1\r\nX-Alpha: 2\r\nX-Zeta: 3\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).unwrap();
    let mut answer = String::new();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let mut buf = [0u8; 4096];
    let read = stream.read(&mut buf).unwrap();
    answer.push_str(&String::from_utf8_lossy(&buf[..read]));
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(rx.wait_for(1, Duration::from_secs(5)));
    let got = &rx.received()[0];
    assert_eq!(got.method, "POST");
    assert_eq!(got.path, "/hooks/x?y=1");
    let names: Vec<&str> = got.headers.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        names,
        vec!["Host", "X-Zeta", "X-Alpha", "X-Zeta", "Content-Length"]
    );
    assert_eq!(got.headers[3].1, "3");
    assert_eq!(got.body_raw, body.as_bytes());
    assert_eq!(got.body_text, body);
    assert_eq!(got.raw, request);
    assert_eq!(got.response_status, 200);
}

#[test]
fn status_delay_and_fail_rate_apply_and_change_at_run_time() {
    let rx = Receiver::start(ReceiverConfig {
        status: 201,
        ..ReceiverConfig::default()
    })
    .unwrap();
    let request = HttpRequest::new("POST", rx.url(), vec![], "{}");
    let opts = DeliverOptions::default();
    assert_eq!(send::deliver(&request, &opts).unwrap().status, 201);

    rx.set_config(ReceiverConfig {
        fail_rate: 1.0,
        fail_status: 503,
        ..ReceiverConfig::default()
    })
    .unwrap();
    for _ in 0..3 {
        let response = send::deliver(&request, &opts).unwrap();
        assert_eq!(response.status, 503);
        assert!(
            response.body.contains("simulated failure"),
            "{}",
            response.body
        );
    }
    assert_eq!(rx.config().port, rx.addr().port());

    rx.set_config(ReceiverConfig {
        delay_ms: 250,
        ..ReceiverConfig::default()
    })
    .unwrap();
    let response = send::deliver(&request, &opts).unwrap();
    assert_eq!(response.status, 200);
    assert!(response.elapsed_ms >= 250, "{}", response.elapsed_ms);
    let statuses: Vec<u16> = rx.received().iter().map(|r| r.response_status).collect();
    assert_eq!(statuses, vec![201, 503, 503, 503, 200]);
    assert_eq!(rx.count(), 5);
    assert!(rx.wait_answered(5, Duration::from_secs(2)));
    assert_eq!(rx.received_after(4).len(), 1);
    rx.clear();
    assert!(rx.received().is_empty());
}

#[test]
fn bad_settings_are_refused() {
    let err = Receiver::start(ReceiverConfig {
        fail_rate: 1.5,
        ..ReceiverConfig::default()
    })
    .unwrap_err();
    assert!(err.to_string().contains("fail_rate"), "{err}");
    let rx = Receiver::start(ReceiverConfig::default()).unwrap();
    assert!(
        rx.set_config(ReceiverConfig {
            status: 42,
            ..ReceiverConfig::default()
        })
        .is_err()
    );
}

#[test]
fn stop_closes_the_port_and_clones_share_state() {
    let rx = Receiver::start(ReceiverConfig::default()).unwrap();
    let clone = rx.clone();
    let url = rx.url();
    let poller = std::thread::spawn(move || clone.wait_for(1, Duration::from_secs(5)));
    send::deliver(
        &HttpRequest::new("POST", &url, vec![], "{}"),
        &DeliverOptions::default(),
    )
    .unwrap();
    assert!(poller.join().unwrap());
    assert!(rx.is_running());
    rx.stop();
    assert!(!rx.is_running());
    let err = send::deliver(
        &HttpRequest::new("POST", &url, vec![], "{}"),
        &DeliverOptions::default(),
    )
    .unwrap_err();
    assert_eq!(err.kind(), "refused", "{err:?}");
}

#[test]
fn dropping_the_last_handle_stops_it() {
    let url = {
        let rx = Receiver::start(ReceiverConfig::default()).unwrap();
        rx.url()
    };
    let err = send::deliver(
        &HttpRequest::new("POST", &url, vec![], "{}"),
        &DeliverOptions::default(),
    )
    .unwrap_err();
    assert_eq!(err.kind(), "refused", "{err:?}");
}
