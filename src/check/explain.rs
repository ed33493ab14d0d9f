//! Explain a run error in terms of the sample: for "cannot read property of undefined"
//! errors, find the property chain on the failing line and the part the sample lacks.

use serde::Serialize;
use serde_json::Value;

use super::scan;
use crate::engine::{EngineError, ErrorKind};

/// A plain-words explanation of an error.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Explanation {
    /// What happened and what to do.
    pub text: String,
    /// The path in the sample that is missing (e.g. `data.customer`), when found.
    pub sample_path: Option<String>,
    /// The code line, when known.
    pub line: Option<u32>,
}

/// `true` for errors raised by reading a property of `undefined` or `null`, in boa's words
/// ("cannot convert 'null' or 'undefined' to object") or V8's ("Cannot read properties of
/// undefined (reading 'x')").
fn is_property_of_nothing(message: &str) -> bool {
    let m = message.to_ascii_lowercase();
    m.contains("typeerror")
        && (m.contains("'null' or 'undefined'")
            || m.contains("null or undefined")
            || m.contains("cannot read propert")
            || m.contains("of undefined")
            || m.contains("of null"))
}

/// The property name V8-style messages carry: `(reading 'x')` or `property 'x'`.
fn property_in_message(message: &str) -> Option<String> {
    for marker in ["(reading '", "property '"] {
        if let Some(rest) = message.split(marker).nth(1) {
            return rest.split('\'').next().map(str::to_owned);
        }
    }
    None
}

/// Explains `error` for `sample` (the Dodo envelope the run used), when it is a read of a
/// property of something missing; `None` for other errors or when no chain on the failing
/// line (or, lacking a line, in the code) explains it.
pub fn explain(error: &EngineError, code: &str, sample: &Value) -> Option<Explanation> {
    if error.kind != ErrorKind::Exception || !is_property_of_nothing(&error.message) {
        return None;
    }
    let tokens = scan::tokenize(code);
    let aliases = scan::aliases(&tokens);
    let named = property_in_message(&error.message);
    let event_type = sample
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or("this sample");
    let mut candidates: Vec<(Option<u32>, String, String)> = Vec::new();
    for chain in scan::chains(&tokens) {
        if error.line.is_some_and(|l| l != chain.line) {
            continue;
        }
        let Some(path) = scan::resolve(&aliases, &chain) else {
            continue;
        };
        // Walk the webhook object: `payload.*` is the sample; other roots are not data.
        if path.first().is_none_or(|a| a.name != "payload") {
            continue;
        }
        let mut value = sample;
        for (i, access) in path.iter().enumerate().skip(1) {
            let next = value
                .get(&access.name)
                .or_else(|| access.name.parse::<usize>().ok().and_then(|n| value.get(n)));
            match next {
                Some(v) if !v.is_null() => value = v,
                found => {
                    // `access` is missing; the error comes from reading the next property.
                    let Some(after) = path.get(i + 1) else { break };
                    if after.optional {
                        break;
                    }
                    if named.as_ref().is_some_and(|n| n != &after.name) {
                        break;
                    }
                    let missing: Vec<&str> = path[1..=i].iter().map(|a| a.name.as_str()).collect();
                    let missing = missing.join(".");
                    let what = if found.is_some() {
                        "has `null` at"
                    } else {
                        "has no"
                    };
                    let offset = path.len() - chain.accesses.len();
                    let mut guarded = chain.root.clone();
                    for (k, acc) in chain.accesses.iter().enumerate() {
                        let sep = if acc.optional || k + offset == i + 1 {
                            "?."
                        } else {
                            "."
                        };
                        guarded.push_str(sep);
                        guarded.push_str(&acc.name);
                    }
                    let text = format!(
                        "this sample (`{event_type}`) {what} `{missing}`, so reading `.{}` of it fails; guard it with `?.` (`{guarded}`) or handle {event_type} separately",
                        after.name,
                    );
                    candidates.push((Some(chain.line), missing, text));
                    break;
                }
            }
        }
    }
    let (line, path, text) = candidates.into_iter().next()?;
    Some(Explanation {
        text,
        sample_path: Some(path),
        line: line.or(error.line),
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests may unwrap (common brief); the lint guards user data.
mod tests {
    use serde_json::json;

    use super::*;

    fn license_key() -> Value {
        json!({"business_id": "bus_1", "type": "license_key.created", "timestamp": "t", "data": {"payload_type": "LicenseKey", "customer_id": "cus_1"}})
    }

    const CODE: &str = "function handler(webhook) {\n  const p = webhook.payload.data;\n  const email = p.customer.email;\n  return webhook;\n}";

    #[test]
    fn explains_missing_customer() {
        let err = EngineError::new(
            ErrorKind::Exception,
            "TypeError: cannot convert 'null' or 'undefined' to object",
        )
        .at(3, 17);
        let e = explain(&err, CODE, &license_key()).unwrap();
        assert_eq!(e.sample_path.as_deref(), Some("data.customer"));
        assert_eq!(e.line, Some(3));
        assert!(e.text.contains("`license_key.created`"), "{}", e.text);
        assert!(e.text.contains("has no `data.customer`"), "{}", e.text);
        assert!(e.text.contains("?."), "{}", e.text);
    }

    #[test]
    fn v8_wording_and_no_line() {
        let err = EngineError::new(
            ErrorKind::Exception,
            "TypeError: Cannot read properties of undefined (reading 'email')",
        );
        let e = explain(&err, CODE, &license_key()).unwrap();
        assert_eq!(e.sample_path.as_deref(), Some("data.customer"));
    }

    #[test]
    fn unrelated_errors_are_not_explained() {
        let err = EngineError::new(ErrorKind::Exception, "Error: boom").at(3, 1);
        assert!(explain(&err, CODE, &license_key()).is_none());
        let err = EngineError::new(
            ErrorKind::Syntax,
            "TypeError: cannot convert 'null' or 'undefined' to object",
        );
        assert!(explain(&err, CODE, &license_key()).is_none());
        // A payment has a customer: nothing on line 3 is missing.
        let payment = json!({"type": "payment.succeeded", "data": {"customer": {"email": "a@b"}}});
        let err = EngineError::new(
            ErrorKind::Exception,
            "TypeError: cannot convert 'null' or 'undefined' to object",
        )
        .at(3, 17);
        assert!(explain(&err, CODE, &payment).is_none());
        // Guarded reads are not the cause.
        let guarded = "function handler(webhook) {\n  const p = webhook.payload.data;\n  const email = p.customer?.email;\n}";
        assert!(explain(&err, guarded, &license_key()).is_none());
    }

    #[test]
    fn explains_a_real_engine_error() {
        use crate::engine::{RunOptions, RunRequest, WebhookInput, run_in_process};
        let code = "function handler(webhook) {\n  const who = webhook.payload.data.customer.email;\n  webhook.payload = { who };\n  return webhook;\n}";
        let report = run_in_process(&RunRequest {
            code: code.to_owned(),
            input: WebhookInput::new(license_key()),
            options: RunOptions::default(),
        });
        let err = report
            .result
            .expect_err("reading customer.email of a license key throws");
        let e =
            explain(&err, code, &license_key()).unwrap_or_else(|| panic!("not explained: {err:?}"));
        assert_eq!(e.sample_path.as_deref(), Some("data.customer"));
        assert_eq!(e.line, Some(2));
        assert!(
            e.text.contains("webhook.payload.data.customer?.email"),
            "{}",
            e.text
        );
    }
}
