//! The per-destination validators (one file each) and the rules every request follows.

mod close;
mod customerio;
mod discord;
mod hubspot;
mod inngest;
mod loops;
mod resend;
mod segment;
mod sendgrid;
mod slack;
mod teams;

use serde_json::Value;

use super::destination::{Destination, parse_url};
use super::{Finding, Severity};
use crate::engine::Output;

/// Size limit of one request for Segment and Customer.io (32 KB).
pub(super) const KB32: usize = 32 * 1024;
/// Size limit of a batch request for Segment and Customer.io (500 KB).
pub(super) const KB500: usize = 500 * 1024;

/// Method and URL rules that hold for every destination.
pub(super) fn check_request(output: &Output, out: &mut Vec<Finding>) {
    match output.method.to_ascii_uppercase().as_str() {
        "POST" | "PUT" => {}
        "PATCH" => push(
            out,
            Severity::Warning,
            "request.method_patch",
            "method",
            "PATCH is accepted by the current Svix API, but the dashboard docs and the template comment list only POST and PUT",
            "Keep PATCH only if you have checked that your Dodo endpoint accepts it; otherwise use POST or PUT.",
        ),
        other => push(
            out,
            Severity::Error,
            "request.method_invalid",
            "method",
            format!("method {other:?} is not allowed; a transformation may only use POST or PUT"),
            "Set webhook.method = \"POST\" (or \"PUT\").",
        ),
    }
    match parse_url(&output.url) {
        Some(parts) if parts.scheme == "https" => {}
        Some(parts) if parts.scheme == "http" => push(
            out,
            Severity::Warning,
            "request.url_not_https",
            "url",
            format!(
                "the URL is plain http, so the payload travels unencrypted: {}",
                output.url
            ),
            "Use an https:// URL.",
        ),
        Some(parts) => push(
            out,
            Severity::Error,
            "request.url_scheme",
            "url",
            format!(
                "the URL scheme {:?} cannot be delivered to: {}",
                parts.scheme, output.url
            ),
            "Use an https:// URL.",
        ),
        None => push(
            out,
            Severity::Error,
            "request.url_invalid",
            "url",
            format!("this is not an absolute URL: {}", output.url),
            "Set webhook.url to a full https:// URL.",
        ),
    }
}

/// Runs the validator of `destination` on `output`.
pub(super) fn check_destination(
    destination: &Destination,
    output: &Output,
    out: &mut Vec<Finding>,
) {
    let payload = &output.payload;
    if destination.is_third_party() && is_dodo_envelope(payload) {
        push(
            out,
            Severity::Error,
            "request.raw_envelope",
            "payload",
            format!(
                "the raw Dodo envelope ({}) would be posted to {}, which does not understand it",
                payload
                    .get("type")
                    .and_then(Value::as_str)
                    .unwrap_or("unknown event"),
                destination.label()
            ),
            "Handle this event type in the transform, or set webhook.cancel = true for events you do not forward.",
        );
        return;
    }
    if !payload.is_object() && !matches!(destination, Destination::Inngest) {
        push(
            out,
            Severity::Error,
            "request.body_not_object",
            "payload",
            format!("the body is {}, not a JSON object", kind(payload)),
            "Set webhook.payload to an object: { ... }.",
        );
        return;
    }
    let body_len = output.body().len();
    match destination {
        Destination::Segment { method, eu } => segment::check(method, *eu, payload, body_len, out),
        Destination::CustomerIo { endpoint, eu } => {
            customerio::check(endpoint, *eu, payload, body_len, out)
        }
        Destination::Slack => slack::check(payload, out),
        Destination::Discord => discord::check(payload, out),
        Destination::Teams => teams::check(payload, out),
        Destination::SendGrid => sendgrid::check(payload, out),
        Destination::Resend => resend::check(payload, out),
        Destination::Loops => loops::check(payload, out),
        Destination::Inngest => inngest::check(payload, out),
        Destination::HubSpot => hubspot::check(&output.url, payload, out),
        Destination::Close => close::check(&output.url, payload, out),
        Destination::Generic => {}
    }
}

/// `true` when `value` looks like a Dodo envelope `{business_id, type, timestamp, data}`.
pub(crate) fn is_dodo_envelope(value: &Value) -> bool {
    ["business_id", "type", "timestamp", "data"]
        .iter()
        .all(|k| value.get(k).is_some())
}

/// Adds one finding.
pub(super) fn push(
    out: &mut Vec<Finding>,
    severity: Severity,
    rule: &'static str,
    path: impl Into<String>,
    message: impl Into<String>,
    fix: impl Into<String>,
) {
    out.push(Finding::new(severity, rule, path, message, fix));
}

/// `path.key`.
pub(super) fn at(path: &str, key: &str) -> String {
    format!("{path}.{key}")
}

/// `path[index]`.
pub(super) fn at_index(path: &str, index: usize) -> String {
    format!("{path}[{index}]")
}

/// The string at `key`, when present and not empty (after trimming).
pub(super) fn text<'a>(value: &'a Value, key: &str) -> Option<&'a str> {
    value
        .get(key)
        .and_then(Value::as_str)
        .filter(|s| !s.trim().is_empty())
}

/// `true` when `key` holds a usable id: a non-empty string or a number.
pub(super) fn has_id(value: &Value, key: &str) -> bool {
    match value.get(key) {
        Some(Value::String(s)) => !s.trim().is_empty(),
        Some(Value::Number(_)) => true,
        _ => false,
    }
}

/// Length in characters (what Slack and Discord count).
pub(super) fn chars(s: &str) -> usize {
    s.chars().count()
}

/// The JSON type of `value`, for messages.
pub(super) fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// `size` in KB with one decimal, for messages.
pub(super) fn kb(size: usize) -> String {
    #[expect(clippy::cast_precision_loss, reason = "sizes are far below 2^52")]
    let kb = size as f64 / 1024.0;
    format!("{kb:.1} KB")
}

/// EU country codes (for the "EU data sent to a US host" hint).
const EU_COUNTRIES: &[&str] = &[
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
    "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
];

/// `true` when the body carries EUR amounts or an EU country, a hint the workspace may be EU.
pub(super) fn looks_european(value: &Value) -> bool {
    match value {
        Value::Object(map) => map.iter().any(|(k, v)| {
            let key = k.to_ascii_lowercase();
            let s = v.as_str().map(str::to_ascii_uppercase);
            (key.contains("currency") && s.as_deref() == Some("EUR"))
                || (key.contains("country")
                    && s.as_deref().is_some_and(|c| EU_COUNTRIES.contains(&c)))
                || looks_european(v)
        }),
        Value::Array(items) => items.iter().any(looks_european),
        _ => false,
    }
}

#[cfg(test)]
pub(crate) mod test_util {
    use std::collections::BTreeMap;

    use serde_json::Value;

    use crate::check::{Finding, validate};
    use crate::engine::Output;

    /// An output POSTing `payload` to `url`.
    pub(crate) fn output(url: &str, payload: Value) -> Output {
        Output {
            method: "POST".into(),
            url: url.into(),
            headers: BTreeMap::new(),
            payload,
            cancel: false,
        }
    }

    /// The rule ids `validate` reports for `payload` sent to `url`.
    pub(crate) fn rules(url: &str, payload: Value) -> Vec<&'static str> {
        validate(&output(url, payload))
            .iter()
            .map(|f| f.rule)
            .collect()
    }

    /// The findings `validate` reports for `payload` sent to `url`.
    pub(crate) fn findings(url: &str, payload: Value) -> Vec<Finding> {
        validate(&output(url, payload))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests may unwrap (common brief); the lint guards user data.
mod tests {
    use serde_json::json;

    use super::test_util::{output, rules};
    use crate::check::{Severity, validate};

    #[test]
    fn method_rules() {
        let mut o = output("https://example.com/hook", json!({}));
        assert!(validate(&o).is_empty());
        o.method = "PUT".into();
        assert!(validate(&o).is_empty());
        o.method = "PATCH".into();
        let f = validate(&o);
        assert_eq!(
            (f[0].rule, f[0].severity, f[0].path.as_str()),
            ("request.method_patch", Severity::Warning, "method")
        );
        o.method = "GET".into();
        assert_eq!(validate(&o)[0].rule, "request.method_invalid");
        assert_eq!(validate(&o)[0].severity, Severity::Error);
    }

    #[test]
    fn url_rules() {
        assert_eq!(
            rules("http://example.com/x", json!({})),
            ["request.url_not_https"]
        );
        assert_eq!(
            rules("ftp://example.com/x", json!({})),
            ["request.url_scheme"]
        );
        assert_eq!(rules("example.com/x", json!({})), ["request.url_invalid"]);
    }

    #[test]
    fn generic_needs_object() {
        assert_eq!(
            rules("https://example.com/x", json!([1])),
            ["request.body_not_object"]
        );
        assert_eq!(
            rules("https://example.com/x", json!("s")),
            ["request.body_not_object"]
        );
        assert!(rules("https://example.com/x", json!({"a": 1})).is_empty());
    }

    #[test]
    fn raw_envelope_to_third_party() {
        let env = json!({"business_id": "bus_1", "type": "refund.succeeded", "timestamp": "t", "data": {}});
        assert_eq!(
            rules("https://api.segment.io/v1/track", env.clone()),
            ["request.raw_envelope"]
        );
        // A generic webhook may receive the envelope as it is.
        assert!(rules("https://example.com/hook", env).is_empty());
    }

    #[test]
    fn cancelled_is_only_info() {
        let mut o = output("ftp://x", json!(5));
        o.cancel = true;
        let f = validate(&o);
        assert_eq!(f.len(), 1);
        assert_eq!(
            (f[0].rule, f[0].severity),
            ("request.cancelled", Severity::Info)
        );
    }

    #[test]
    fn european_hint_detection() {
        assert!(super::looks_european(
            &json!({"properties": {"currency": "EUR"}})
        ));
        assert!(super::looks_european(
            &json!({"traits": {"address": {"country": "de"}}})
        ));
        assert!(!super::looks_european(
            &json!({"properties": {"currency": "USD", "country": "US"}})
        ));
    }
}
