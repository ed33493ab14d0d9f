//! Resend `/emails` rules (domain §5.5).

use serde_json::Value;

use super::{push, text};
use crate::check::{Finding, Severity};

/// Checks a Resend email body.
pub(super) fn check(payload: &Value, out: &mut Vec<Finding>) {
    if text(payload, "from").is_none() {
        push(
            out,
            Severity::Error,
            "resend.from_required",
            "payload.from",
            "Resend needs `from` (a sender on a verified domain)",
            "Add from: \"Billing <billing@yourdomain.com>\".",
        );
    }
    let to_ok = match payload.get("to") {
        Some(Value::String(s)) => !s.trim().is_empty(),
        Some(Value::Array(list)) => {
            !list.is_empty()
                && list
                    .iter()
                    .all(|v| v.as_str().is_some_and(|s| !s.trim().is_empty()))
        }
        _ => false,
    };
    if !to_ok {
        push(
            out,
            Severity::Error,
            "resend.to_required",
            "payload.to",
            "Resend needs `to`: an address or an array of addresses (no empty ones)",
            "Add to: [webhook.payload.data.customer.email].",
        );
    }
    if text(payload, "subject").is_none() {
        push(
            out,
            Severity::Error,
            "resend.subject_required",
            "payload.subject",
            "Resend needs a `subject`",
            "Add subject: \"...\".",
        );
    }
    if text(payload, "html").is_none()
        && text(payload, "text").is_none()
        && payload.get("react").is_none()
    {
        push(
            out,
            Severity::Error,
            "resend.body_required",
            "payload.html",
            "Resend needs `html` or `text`",
            "Add html: \"<p>...</p>\" or text: \"...\".",
        );
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests may unwrap (common brief); the lint guards user data.
mod tests {
    use serde_json::json;

    use crate::check::destinations::test_util::rules;

    const URL: &str = "https://api.resend.com/emails";

    #[test]
    fn resend_rules() {
        assert!(
            rules(
                URL,
                json!({"from": "a@b", "to": ["c@d"], "subject": "s", "html": "<p>x</p>"})
            )
            .is_empty()
        );
        assert!(
            rules(
                URL,
                json!({"from": "a@b", "to": "c@d", "subject": "s", "text": "x"})
            )
            .is_empty()
        );
        assert_eq!(
            rules(URL, json!({"to": []})),
            [
                "resend.from_required",
                "resend.to_required",
                "resend.subject_required",
                "resend.body_required"
            ]
        );
        assert_eq!(
            rules(
                URL,
                json!({"from": "a@b", "to": [null], "subject": "s", "text": "x"})
            ),
            ["resend.to_required"]
        );
    }
}
