//! Inngest event rules (domain §5.5): `name`, `data`, `ts` in milliseconds.

use serde_json::Value;

use super::{at, at_index, kind, push, text};
use crate::check::{Finding, Severity};

/// Checks an Inngest body: one event object or an array of them.
pub(super) fn check(payload: &Value, out: &mut Vec<Finding>) {
    match payload {
        Value::Array(events) => {
            for (i, e) in events.iter().enumerate() {
                check_event(e, &at_index("payload", i), out);
            }
        }
        Value::Object(_) => check_event(payload, "payload", out),
        other => push(
            out,
            Severity::Error,
            "request.body_not_object",
            "payload",
            format!(
                "the body is {}, not an event object or an array of events",
                kind(other)
            ),
            "Send { name, data }.",
        ),
    }
}

fn check_event(event: &Value, path: &str, out: &mut Vec<Finding>) {
    if text(event, "name").is_none() {
        push(
            out,
            Severity::Error,
            "inngest.name_required",
            at(path, "name"),
            "an Inngest event needs a `name`",
            "Add name: \"dodo/payment.succeeded\".",
        );
    }
    if !event.get("data").is_some_and(Value::is_object) {
        push(
            out,
            Severity::Error,
            "inngest.data_required",
            at(path, "data"),
            "an Inngest event needs a `data` object",
            "Add data: { ... } (the fields your functions need).",
        );
    }
    if let Some(ts) = event.get("ts") {
        match ts.as_f64() {
            Some(v) if v < 100_000_000_000.0 => push(
                out,
                Severity::Error,
                "inngest.ts_milliseconds",
                at(path, "ts"),
                format!(
                    "ts {ts} looks like seconds; Inngest expects milliseconds since the epoch (this is 1970)"
                ),
                "Use Date.parse(webhook.payload.timestamp) (milliseconds), not a value divided by 1000.",
            ),
            Some(_) => {}
            None => push(
                out,
                Severity::Error,
                "inngest.ts_milliseconds",
                at(path, "ts"),
                format!("ts must be a number of milliseconds, not {}", kind(ts)),
                "Use Date.parse(webhook.payload.timestamp).",
            ),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests may unwrap (common brief); the lint guards user data.
mod tests {
    use serde_json::json;

    use crate::check::destinations::test_util::rules;

    const URL: &str = "https://inn.gs/e/key";

    #[test]
    fn inngest_rules() {
        assert!(
            rules(
                URL,
                json!({"name": "dodo/payment", "data": {}, "ts": 1_767_225_600_000_i64})
            )
            .is_empty()
        );
        assert!(rules(URL, json!([{"name": "a", "data": {}}])).is_empty());
        assert_eq!(rules(URL, json!({"data": {}})), ["inngest.name_required"]);
        assert_eq!(rules(URL, json!({"name": "a"})), ["inngest.data_required"]);
        assert_eq!(
            rules(URL, json!({"name": "a", "data": {}, "ts": 1_767_225_600})),
            ["inngest.ts_milliseconds"]
        );
        assert_eq!(
            rules(URL, json!([{"name": "a", "data": 1}])),
            ["inngest.data_required"]
        );
    }
}
