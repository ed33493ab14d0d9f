//! HubSpot CRM v3 rules (domain §5.5): a `properties` object of flat values.

use serde_json::Value;

use super::{at, kind, push};
use crate::check::{Finding, Severity};

/// Checks a HubSpot CRM body sent to `url`.
pub(super) fn check(url: &str, payload: &Value, out: &mut Vec<Finding>) {
    if !url.contains("/crm/") {
        return;
    }
    if url.contains("/batch/") {
        if !payload.get("inputs").is_some_and(Value::is_array) {
            push(
                out,
                Severity::Error,
                "hubspot.inputs_required",
                "payload.inputs",
                "a HubSpot batch request needs an `inputs` array",
                "Send { inputs: [ { properties: { ... } } ] }.",
            );
        }
        return;
    }
    match payload.get("properties") {
        Some(Value::Object(map)) => {
            for (k, v) in map {
                if v.is_object() || v.is_array() {
                    push(
                        out,
                        Severity::Error,
                        "hubspot.property_value",
                        at("payload.properties", k),
                        format!(
                            "HubSpot property values must be strings, numbers or booleans; {k} is {}",
                            kind(v)
                        ),
                        "Flatten the value or send it as a string.",
                    );
                }
            }
        }
        Some(other) => push(
            out,
            Severity::Error,
            "hubspot.properties_required",
            "payload.properties",
            format!("properties must be an object, not {}", kind(other)),
            "Send { properties: { email, firstname, ... } }.",
        ),
        None => push(
            out,
            Severity::Error,
            "hubspot.properties_required",
            "payload.properties",
            "HubSpot CRM objects take their fields inside a `properties` object",
            "Wrap the fields: { properties: { email, firstname, ... } }.",
        ),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests may unwrap (common brief); the lint guards user data.
mod tests {
    use serde_json::json;

    use crate::check::destinations::test_util::rules;

    const URL: &str = "https://api.hubapi.com/crm/v3/objects/contacts";

    #[test]
    fn hubspot_rules() {
        assert!(rules(URL, json!({"properties": {"email": "a@b", "amount": 12}})).is_empty());
        assert_eq!(
            rules(URL, json!({"email": "a@b"})),
            ["hubspot.properties_required"]
        );
        assert_eq!(
            rules(URL, json!({"properties": {"address": {"city": "x"}}})),
            ["hubspot.property_value"]
        );
        assert_eq!(
            rules(
                "https://api.hubapi.com/crm/v3/objects/contacts/batch/create",
                json!({})
            ),
            ["hubspot.inputs_required"]
        );
    }
}
