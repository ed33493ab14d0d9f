//! Close CRM rules: the few that are certain (a contact or opportunity needs its lead).

use serde_json::Value;

use super::{has_id, push, text};
use crate::check::{Finding, Severity};

/// Checks a Close body sent to `url`.
pub(super) fn check(url: &str, payload: &Value, out: &mut Vec<Finding>) {
    if url.contains("/opportunity") && !has_id(payload, "lead_id") {
        push(
            out,
            Severity::Error,
            "close.lead_id_required",
            "payload.lead_id",
            "a Close opportunity needs the `lead_id` it belongs to (a lead_..., not a Dodo customer id)",
            "Look up or create the lead first and pass its lead_... id.",
        );
    }
    if let Some(lead) = text(payload, "lead_id")
        && lead.starts_with("cus_")
    {
        push(
            out,
            Severity::Warning,
            "close.lead_id_namespace",
            "payload.lead_id",
            format!("lead_id {lead:?} is a Dodo customer id; Close lead ids start with lead_"),
            "Store the Close lead id on the customer (metadata) and use that.",
        );
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests may unwrap (common brief); the lint guards user data.
mod tests {
    use serde_json::json;

    use crate::check::destinations::test_util::rules;

    #[test]
    fn close_rules() {
        let url = "https://api.close.com/api/v1/opportunity/";
        assert!(rules(url, json!({"lead_id": "lead_1", "value": 100})).is_empty());
        assert_eq!(
            rules(url, json!({"value": 100})),
            ["close.lead_id_required"]
        );
        assert_eq!(
            rules(
                "https://api.close.com/api/v1/contact/",
                json!({"lead_id": "cus_1"})
            ),
            ["close.lead_id_namespace"]
        );
    }
}
