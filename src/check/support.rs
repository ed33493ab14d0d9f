//! Support mode: everything about one delivered webhook in a single report — its event type,
//! schema problems, the Standard Webhooks signature (when a secret is given), and what a
//! transform makes of it, with the destination findings and an error explanation.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use super::explain::{Explanation, explain};
use super::{Finding, RunFn, schema_facts, validate};
use crate::engine::{EngineError, Output, RunOptions, RunRequest, WebhookInput};
use crate::send::signing::{self, VerifyError};

/// One schema problem in the pasted envelope.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SchemaProblem {
    /// JSON path, e.g. `data.customer.email`; empty for the whole payload.
    pub path: String,
    /// What is wrong.
    pub message: String,
    /// `error`, `warning` or `info`.
    pub severity: &'static str,
}

/// The signature verdict.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SignatureCheck {
    /// `true` when a `v1` signature matches the body.
    pub valid: bool,
    /// Why (or which header is missing).
    pub message: String,
    /// Seconds between `webhook-timestamp` and now (positive: in the past), when readable.
    pub age_secs: Option<i64>,
}

/// What a transform made of the webhook.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TransformCheck {
    /// The output, when the run succeeded.
    pub output: Option<Output>,
    /// The error, when it failed.
    pub error: Option<EngineError>,
    /// Destination findings for the output.
    pub findings: Vec<Finding>,
    /// An explanation of the error in terms of this payload, when one applies.
    pub explanation: Option<Explanation>,
}

/// The whole support report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SupportReport {
    /// The parsed body, or where it fails to parse (`line L, column C: message`).
    pub parse_error: Option<String>,
    /// The event type: the payload's `type`.
    pub event_type: Option<String>,
    /// Problems against the Dodo schema.
    pub schema: Vec<SchemaProblem>,
    /// The signature verdict, when a secret (and headers) were given.
    pub signature: Option<SignatureCheck>,
    /// The transform's result, when code was given and the body parsed.
    pub transform: Option<TransformCheck>,
}

/// Analyses one delivered webhook: `raw_body` exactly as received, its `headers` (names
/// case-insensitive), the endpoint `secret` (`whsec_...`) and a transform's `code`.
pub fn analyse(
    raw_body: &str,
    headers: Option<&[(String, String)]>,
    secret: Option<&str>,
    code: Option<&str>,
    run: &RunFn<'_>,
) -> SupportReport {
    let parsed: Result<Value, String> = serde_json::from_str(raw_body)
        .map_err(|e| format!("line {}, column {}: {e}", e.line(), e.column()));
    let signature = secret.map(|s| {
        check_signature(
            raw_body,
            headers.unwrap_or(&[]),
            s,
            chrono::Utc::now().timestamp(),
        )
    });
    let Ok(payload) = parsed else {
        return SupportReport {
            parse_error: parsed.err(),
            event_type: None,
            schema: Vec::new(),
            signature,
            transform: None,
        };
    };
    let event_type = schema_facts::detect_event_type(&payload);
    let schema = schema_facts::check_envelope(&payload)
        .into_iter()
        .map(|(path, message, severity)| SchemaProblem {
            path,
            message,
            severity,
        })
        .collect();
    let transform = code.map(|code| {
        let mut input = WebhookInput::new(payload.clone());
        if let Some(t) = &event_type {
            input.event_type.clone_from(t);
        }
        let report = run(&RunRequest {
            code: code.to_owned(),
            input,
            options: RunOptions::default(),
        });
        match report.result {
            Ok(output) => TransformCheck {
                findings: validate(&output),
                output: Some(output),
                error: None,
                explanation: None,
            },
            Err(error) => TransformCheck {
                explanation: explain(&error, code, &payload),
                output: None,
                error: Some(error),
                findings: Vec::new(),
            },
        }
    });
    SupportReport {
        parse_error: None,
        event_type,
        schema,
        signature,
        transform,
    }
}

/// Verifies a Standard Webhooks signature (domain §3) with [`signing::verify_parts`], at
/// time `now` (Unix seconds). The signature and the timestamp's age are judged apart: a
/// webhook copied from a log days later still shows whether its signature matches.
fn check_signature(
    body: &str,
    headers: &[(String, String)],
    secret: &str,
    now: i64,
) -> SignatureCheck {
    let header = |name: &str| {
        headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.trim().to_owned())
    };
    let (Some(id), Some(ts), Some(sigs)) = (
        header(signing::HEADER_ID),
        header(signing::HEADER_TIMESTAMP),
        header(signing::HEADER_SIGNATURE),
    ) else {
        return SignatureCheck {
            valid: false,
            message: format!(
                "{}: webhook-id, webhook-timestamp and webhook-signature are all needed",
                VerifyError::MissingHeaders
            ),
            age_secs: None,
        };
    };
    let Ok(sent) = ts.parse::<i64>() else {
        return SignatureCheck {
            valid: false,
            message: format!(
                "{}: webhook-timestamp {ts:?} is not Unix seconds",
                VerifyError::InvalidHeaders
            ),
            age_secs: None,
        };
    };
    let age_secs = Some(now - sent);
    // Checked at the time it was sent, so only the signature itself is judged here.
    match signing::verify_parts(&id, &ts, &sigs, body.as_bytes(), secret, sent) {
        Ok(()) if (now - sent).abs() > signing::TOLERANCE_SECS => SignatureCheck {
            valid: true,
            message: format!(
                "the signature matches, but the timestamp is {} s away from now: a live receiver would reject it ({})",
                (now - sent).abs(),
                if now > sent {
                    VerifyError::TooOld
                } else {
                    VerifyError::TooNew
                }
            ),
            age_secs,
        },
        Ok(()) => SignatureCheck {
            valid: true,
            message: "the signature matches".into(),
            age_secs,
        },
        Err(VerifyError::NoMatch) => SignatureCheck {
            valid: false,
            message: format!(
                "{}: check the secret, and that the body is exactly the bytes received (re-serialised JSON breaks the signature)",
                VerifyError::NoMatch
            ),
            age_secs,
        },
        Err(e) => SignatureCheck {
            valid: false,
            message: e.to_string(),
            age_secs,
        },
    }
}

/// Parses `Name: value` lines (as copied from a log) into header pairs; other lines are
/// skipped.
pub fn parse_headers(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .filter(|(k, _)| !k.is_empty() && !k.contains(' '))
        .collect::<BTreeMap<_, _>>()
        .into_iter()
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests may unwrap (common brief); the lint guards user data.
mod tests {
    use std::time::Duration;

    use serde_json::json;

    use super::*;
    use crate::engine::{ErrorKind, RunReport};

    const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    fn vector_headers() -> Vec<(String, String)> {
        vec![
            ("Webhook-Id".into(), "msg_p5jXN8AQM9LWM0D4loKWxJek".into()),
            ("webhook-timestamp".into(), "1614265330".into()),
            (
                "webhook-signature".into(),
                "v1a,xyz v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=".into(),
            ),
        ]
    }

    #[test]
    fn signature_official_vector() {
        let ok = check_signature(
            r#"{"test": 2432232314}"#,
            &vector_headers(),
            SECRET,
            1_614_265_330,
        );
        assert!(ok.valid, "{}", ok.message);
        assert_eq!(ok.age_secs, Some(0));
        let bad = check_signature(
            r#"{"test":2432232314}"#,
            &vector_headers(),
            SECRET,
            1_614_265_330,
        );
        assert!(!bad.valid);
        let old = check_signature(
            r#"{"test": 2432232314}"#,
            &vector_headers(),
            SECRET,
            1_614_265_330 + 3600,
        );
        assert!(
            old.valid && old.message.contains("3600 s"),
            "{}",
            old.message
        );
        let missing = check_signature("{}", &[], SECRET, 0);
        assert!(
            !missing.valid && missing.message.contains("Missing required headers"),
            "{}",
            missing.message
        );
        let mut bad_ts = vector_headers();
        bad_ts[1].1 = "soon".into();
        assert!(
            check_signature("{}", &bad_ts, SECRET, 0)
                .message
                .contains("Invalid Signature Headers")
        );
        let wrong_secret = check_signature(
            r#"{"test": 2432232314}"#,
            &vector_headers(),
            "whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            1_614_265_330,
        );
        assert!(
            !wrong_secret.valid
                && wrong_secret
                    .message
                    .starts_with("No matching signature found")
        );
    }

    fn fake_run(req: &RunRequest) -> RunReport {
        let result = if req.code.contains("throw") {
            Err(EngineError::new(
                ErrorKind::Exception,
                "TypeError: cannot convert 'null' or 'undefined' to object",
            )
            .at(2, 1))
        } else {
            Ok(Output {
                method: "POST".into(),
                url: "https://api.segment.io/v1/track".into(),
                headers: BTreeMap::new(),
                payload: json!({"event": req.input.event_type}),
                cancel: false,
            })
        };
        RunReport {
            result,
            console: Vec::new(),
            duration: Duration::ZERO,
        }
    }

    #[test]
    fn report_parts() {
        let body = r#"{"business_id":"bus_1","type":"license_key.created","timestamp":"2026-01-01T00:00:00Z","data":{"customer_id":"cus_1"}}"#;
        let r = analyse(
            body,
            None,
            None,
            Some("function handler(webhook) { return webhook; }"),
            &fake_run,
        );
        assert_eq!(r.event_type.as_deref(), Some("license_key.created"));
        assert!(r.parse_error.is_none() && r.signature.is_none());
        let t = r.transform.unwrap();
        assert_eq!(
            t.output.unwrap().payload,
            json!({"event": "license_key.created"})
        );
        assert_eq!(
            t.findings.iter().map(|f| f.rule).collect::<Vec<_>>(),
            ["segment.user_id_required"]
        );

        let code = "function handler(webhook) {\n  const e = webhook.payload.data.customer.email; throw 1;\n}";
        let r = analyse(body, None, None, Some(code), &fake_run);
        let t = r.transform.unwrap();
        assert!(t.error.is_some());
        assert_eq!(
            t.explanation.unwrap().sample_path.as_deref(),
            Some("data.customer")
        );

        let r = analyse("{\n  \"a\": }", None, Some(SECRET), None, &fake_run);
        assert!(r.parse_error.unwrap().starts_with("line 2"));
        assert!(!r.signature.unwrap().valid);

        let r = analyse(r#"{"type":"nope"}"#, None, None, None, &fake_run);
        assert!(r.schema.iter().any(|p| p.path == "type"));
    }

    #[test]
    fn header_lines() {
        let h = parse_headers("webhook-id: msg_1\nnot a header\nwebhook-timestamp:  5 \n");
        assert_eq!(
            h,
            vec![
                ("webhook-id".into(), "msg_1".into()),
                ("webhook-timestamp".into(), "5".into())
            ]
        );
    }
}
