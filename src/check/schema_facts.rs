//! The Dodo schema facts the checks need, keyed by event type, from
//! [`crate::samples::schema`]: does a field exist, which values an enum allows, a
//! currency's exponent, the event type of a pasted envelope and its schema problems.

use serde_json::Value;

use crate::samples::{self, schema};

/// The Dodo event type names.
pub(crate) const EVENT_TYPES: &[&str] = samples::EVENT_TYPE_NAMES;

/// Does the payload of `event_type` have `path` (relative to the envelope, e.g.
/// `data.customer.phone`)? `Some(false)` when it definitely lacks it, `None` when unknown
/// (an unknown event type, or inside `metadata`).
pub(crate) fn field_exists(event_type: &str, path: &str) -> Option<bool> {
    let info = samples::event_type(event_type)?;
    schema::field_path_exists(info.schema, path)
}

/// The values allowed at `path` for `event_type`, when it is an enum.
pub(crate) fn enum_values(event_type: &str, path: &str) -> Option<&'static [&'static str]> {
    let info = samples::event_type(event_type)?;
    schema::enum_values(info.schema, path)
}

/// Digits after the decimal point of a currency.
pub(crate) fn currency_exponent(code: &str) -> u32 {
    schema::currency_exponent(code)
}

/// The event type of a pasted envelope (or a bare `data` object).
pub(crate) fn detect_event_type(payload: &Value) -> Option<String> {
    schema::detect_event_type(payload)
}

/// The schema problems of an envelope: (path, message, severity name).
pub(crate) fn check_envelope(payload: &Value) -> Vec<(String, String, &'static str)> {
    schema::check_envelope(payload)
        .into_iter()
        .map(|f| (f.path, f.message, f.severity.as_str()))
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests may unwrap (common brief); the lint guards user data.
mod tests {
    use super::*;

    #[test]
    fn facts() {
        assert_eq!(
            field_exists("payment.succeeded", "data.customer.phone"),
            Some(false)
        );
        assert_eq!(
            field_exists("payment.succeeded", "data.customer.phone_number"),
            Some(true)
        );
        assert_eq!(
            field_exists("payment.succeeded", "data.product_id"),
            Some(false)
        );
        assert_eq!(
            field_exists("subscription.active", "data.product_id"),
            Some(true)
        );
        assert_eq!(
            field_exists("license_key.created", "data.customer"),
            Some(false)
        );
        assert_eq!(
            field_exists("payment.succeeded", "data.metadata.anything"),
            None
        );
        assert_eq!(field_exists("nope.nope", "data.x"), None);
        assert!(
            enum_values("dispute.won", "data.dispute_status")
                .unwrap()
                .contains(&"dispute_won")
        );
        assert!(
            !enum_values("dispute.won", "data.dispute_status")
                .unwrap()
                .contains(&"won")
        );
        assert_eq!(currency_exponent("JPY"), 0);
        assert_eq!(currency_exponent("KWD"), 3);
        assert_eq!(currency_exponent("USD"), 2);
    }
}
