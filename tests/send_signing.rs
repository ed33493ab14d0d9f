//! Standard Webhooks signing through the public API: the official vector, tolerance, and a
//! signed delivery checked on the bytes the receiver got.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;

use hookcraft::engine::Output;
use hookcraft::send::receiver::{Receiver, ReceiverConfig};
use hookcraft::send::signing::{self, VerifyError};
use hookcraft::send::{self, BuildOptions, DeliverOptions, SigningParams};

const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const ID: &str = "msg_p5jXN8AQM9LWM0D4loKWxJek";
const TIMESTAMP: i64 = 1_614_265_330;
const BODY: &[u8] = br#"{"test": 2432232314}"#;
const EXPECTED: &str = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

#[test]
fn official_vector() {
    assert_eq!(
        signing::sign(SECRET, ID, TIMESTAMP, BODY).unwrap(),
        EXPECTED
    );
}

#[test]
fn tolerance_is_five_minutes_each_way() {
    let headers = vec![
        ("webhook-id".to_owned(), ID.to_owned()),
        ("webhook-timestamp".to_owned(), TIMESTAMP.to_string()),
        ("webhook-signature".to_owned(), EXPECTED.to_owned()),
    ];
    let at = |now: i64| signing::verify(&headers, BODY, SECRET, now);
    assert_eq!(at(TIMESTAMP + 300), Ok(()));
    assert_eq!(at(TIMESTAMP - 300), Ok(()));
    assert_eq!(
        at(TIMESTAMP + 301).unwrap_err().to_string(),
        "Message timestamp too old"
    );
    assert_eq!(
        at(TIMESTAMP - 301).unwrap_err().to_string(),
        "Message timestamp too new"
    );
    assert_eq!(
        signing::verify(&headers[1..], BODY, SECRET, TIMESTAMP),
        Err(VerifyError::MissingHeaders)
    );
}

#[test]
fn receiver_checks_a_signed_delivery() {
    let rx = Receiver::start(ReceiverConfig::default()).unwrap();
    let secret = signing::generate_secret();
    let out = Output {
        method: "POST".to_owned(),
        url: rx.url(),
        headers: BTreeMap::new(),
        payload: serde_json::json!({"type": "payment.succeeded", "data": {"amount": 1}}),
        cancel: false,
    };
    let card = hookcraft::catalogue::card("webhook").unwrap();
    let opts = BuildOptions {
        signing: SigningParams {
            webhook_id: Some("msg_fixed".to_owned()),
            timestamp: Some(1_700_000_000),
        },
    };
    let credentials = BTreeMap::from([("secret".to_owned(), secret.clone())]);
    let request = send::build_request(&out, Some(card), &credentials, &[], &opts).unwrap();
    send::deliver(&request, &DeliverOptions::default()).unwrap();
    let got = &rx.received()[0];
    assert_eq!(got.header("webhook-id"), Some("msg_fixed"));
    assert_eq!(got.verify_signature(&secret, 1_700_000_100), Ok(()));
    assert_eq!(
        got.verify_signature(&secret, 1_700_000_000 + 3_600),
        Err(VerifyError::TooOld)
    );
    assert_eq!(
        got.verify_signature(&signing::generate_secret(), 1_700_000_000),
        Err(VerifyError::NoMatch)
    );
}
