//! Loops `events/send` rules (domain §5.5 and the Dodo example's `properties` bug, §4.7).

use serde_json::Value;

use super::{at, has_id, kind, push, text};
use crate::check::{Finding, Severity};

/// Checks a Loops event body.
pub(super) fn check(payload: &Value, out: &mut Vec<Finding>) {
    match text(payload, "eventName") {
        None => push(
            out,
            Severity::Error,
            "loops.event_name_required",
            "payload.eventName",
            "Loops needs an `eventName`",
            "Add eventName: \"paymentSucceeded\".",
        ),
        Some(name) if name.contains(':') => push(
            out,
            Severity::Error,
            "loops.event_name_colon",
            "payload.eventName",
            format!("eventName {name:?} contains ':', which Loops does not allow"),
            "Use letters, digits, '_' or '-', e.g. \"payment_succeeded\".",
        ),
        Some(_) => {}
    }
    if text(payload, "email").is_none() && !has_id(payload, "userId") {
        push(
            out,
            Severity::Error,
            "loops.contact_required",
            "payload.email",
            "Loops needs `email` or `userId` to find the contact",
            "Add email: webhook.payload.data.customer.email.",
        );
    }
    if payload.get("properties").is_some() && payload.get("eventProperties").is_none() {
        push(
            out,
            Severity::Error,
            "loops.event_properties",
            "payload.properties",
            "Loops reads event data from `eventProperties`, not `properties`: these values never reach your emails (a bug in Dodo's example)",
            "Rename properties to eventProperties.",
        );
    }
    if let Some(props) = payload.get("eventProperties") {
        match props.as_object() {
            Some(map) => {
                for (k, v) in map {
                    if !(v.is_string() || v.is_number() || v.is_boolean()) {
                        push(
                            out,
                            Severity::Warning,
                            "loops.event_property_type",
                            at("payload.eventProperties", k),
                            format!(
                                "eventProperties values must be strings, numbers, booleans or dates; {k} is {}",
                                kind(v)
                            ),
                            "Flatten it, or send it as a string.",
                        );
                    }
                }
            }
            None => push(
                out,
                Severity::Error,
                "loops.event_properties",
                "payload.eventProperties",
                format!("eventProperties must be an object, not {}", kind(props)),
                "Make eventProperties an object: { key: value }.",
            ),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests may unwrap (common brief); the lint guards user data.
mod tests {
    use serde_json::json;

    use crate::check::destinations::test_util::rules;

    const URL: &str = "https://app.loops.so/api/v1/events/send";

    #[test]
    fn loops_rules() {
        assert!(
            rules(
                URL,
                json!({"eventName": "paid", "email": "a@b", "eventProperties": {"amount": 12}})
            )
            .is_empty()
        );
        assert!(rules(URL, json!({"eventName": "paid", "userId": "u"})).is_empty());
        assert_eq!(
            rules(URL, json!({"email": "a@b"})),
            ["loops.event_name_required"]
        );
        assert_eq!(
            rules(URL, json!({"eventName": "pay:ok", "email": "a@b"})),
            ["loops.event_name_colon"]
        );
        assert_eq!(
            rules(URL, json!({"eventName": "paid"})),
            ["loops.contact_required"]
        );
        assert_eq!(
            rules(
                URL,
                json!({"eventName": "paid", "email": "a@b", "properties": {"a": 1}})
            ),
            ["loops.event_properties"]
        );
        assert_eq!(
            rules(
                URL,
                json!({"eventName": "paid", "email": "a@b", "eventProperties": {"a": {"b": 1}}})
            ),
            ["loops.event_property_type"]
        );
    }
}
