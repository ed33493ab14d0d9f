//! SendGrid mail-send rules (domain §5.5).

use std::collections::BTreeSet;

use serde_json::Value;

use super::{at, at_index, push, text};
use crate::check::{Finding, Severity};

/// Checks a `/v3/mail/send` body.
pub(super) fn check(payload: &Value, out: &mut Vec<Finding>) {
    let mut recipients = 0usize;
    let mut seen = BTreeSet::new();
    let mut subject_everywhere = false;
    match payload.get("personalizations").and_then(Value::as_array) {
        Some(list) if !list.is_empty() && list.len() <= 1000 => {
            subject_everywhere = true;
            for (i, p) in list.iter().enumerate() {
                let path = at_index("payload.personalizations", i);
                subject_everywhere &= text(p, "subject").is_some();
                let to = p
                    .get("to")
                    .and_then(Value::as_array)
                    .filter(|t| !t.is_empty());
                let Some(to) = to else {
                    push(
                        out,
                        Severity::Error,
                        "sendgrid.to_required",
                        at(&path, "to"),
                        "each personalization needs a `to` array with at least one { email }",
                        "Add to: [ { email: webhook.payload.data.customer.email } ].",
                    );
                    continue;
                };
                for (j, r) in to.iter().enumerate() {
                    match text(r, "email") {
                        Some(email) => {
                            recipients += 1;
                            if !seen.insert(email.to_ascii_lowercase()) {
                                push(
                                    out,
                                    Severity::Error,
                                    "sendgrid.duplicate_recipient",
                                    format!("{path}.to[{j}].email"),
                                    format!(
                                        "{email} appears more than once; SendGrid rejects duplicate recipients"
                                    ),
                                    "List each address once.",
                                );
                            }
                        }
                        None => push(
                            out,
                            Severity::Error,
                            "sendgrid.to_required",
                            format!("{path}.to[{j}].email"),
                            "each recipient needs an `email`",
                            "Set email to an address string.",
                        ),
                    }
                }
            }
        }
        Some(list) if list.len() > 1000 => push(
            out,
            Severity::Error,
            "sendgrid.personalizations_required",
            "payload.personalizations",
            format!("{} personalizations; SendGrid allows 1 to 1000", list.len()),
            "Split the mail into several requests.",
        ),
        _ => push(
            out,
            Severity::Error,
            "sendgrid.personalizations_required",
            "payload.personalizations",
            "SendGrid needs `personalizations`: an array of 1 to 1000 entries, each with `to`",
            "Add personalizations: [ { to: [ { email } ] } ].",
        ),
    }
    if recipients > 1000 {
        push(
            out,
            Severity::Error,
            "sendgrid.too_many_recipients",
            "payload.personalizations",
            format!("{recipients} recipients; SendGrid allows 1000 per request"),
            "Split the mail into several requests.",
        );
    }
    if payload.get("from").and_then(|f| text(f, "email")).is_none() {
        push(
            out,
            Severity::Error,
            "sendgrid.from_required",
            "payload.from.email",
            "SendGrid needs from: { email } (a verified sender)",
            "Add from: { email: \"billing@yourdomain.com\", name: \"Your Company\" }.",
        );
    }
    let template = payload.get("template_id").and_then(Value::as_str);
    if let Some(id) = template
        && !id.starts_with("d-")
    {
        push(
            out,
            Severity::Warning,
            "sendgrid.template_id",
            "payload.template_id",
            format!("template_id {id:?} does not start with \"d-\"; dynamic templates use d- ids"),
            "Copy the id of a dynamic template (d-...) from SendGrid.",
        );
    }
    if template.is_none() {
        if text(payload, "subject").is_none() && !subject_everywhere {
            push(
                out,
                Severity::Error,
                "sendgrid.subject_required",
                "payload.subject",
                "without a template_id, SendGrid needs a `subject`",
                "Add subject: \"...\" or use a dynamic template (template_id).",
            );
        }
        let content_ok = payload
            .get("content")
            .and_then(Value::as_array)
            .is_some_and(|c| {
                !c.is_empty()
                    && c.iter()
                        .all(|c| text(c, "type").is_some() && text(c, "value").is_some())
            });
        if !content_ok {
            push(
                out,
                Severity::Error,
                "sendgrid.content_required",
                "payload.content",
                "without a template_id, SendGrid needs content: [ { type, value } ] with non-empty values",
                "Add content: [ { type: \"text/plain\", value: \"...\" } ], or use template_id with dynamic_template_data.",
            );
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests may unwrap (common brief); the lint guards user data.
mod tests {
    use serde_json::json;

    use crate::check::destinations::test_util::rules;

    const URL: &str = "https://api.sendgrid.com/v3/mail/send";

    #[test]
    fn valid_mails_pass() {
        assert!(rules(URL, json!({"personalizations": [{"to": [{"email": "a@b.c"}]}], "from": {"email": "x@y.z"}, "subject": "s", "content": [{"type": "text/plain", "value": "v"}]})).is_empty());
        assert!(rules(URL, json!({"personalizations": [{"to": [{"email": "a@b.c"}], "dynamic_template_data": {}}], "from": {"email": "x@y.z"}, "template_id": "d-123"})).is_empty());
    }

    #[test]
    fn required_parts() {
        assert_eq!(
            rules(URL, json!({})),
            [
                "sendgrid.personalizations_required",
                "sendgrid.from_required",
                "sendgrid.subject_required",
                "sendgrid.content_required"
            ]
        );
        assert_eq!(
            rules(
                URL,
                json!({"personalizations": [{"to": []}], "from": {"email": "x"}, "template_id": "d-1"})
            ),
            ["sendgrid.to_required"]
        );
        assert_eq!(
            rules(
                URL,
                json!({"personalizations": [{"to": [{"email": "a@b"}, {"email": "A@b"}]}], "from": {"email": "x"}, "template_id": "d-1"})
            ),
            ["sendgrid.duplicate_recipient"]
        );
        assert_eq!(
            rules(
                URL,
                json!({"personalizations": [{"to": [{"email": "a@b"}]}], "from": {"email": "x"}, "template_id": "tmpl"})
            ),
            ["sendgrid.template_id"]
        );
    }
}
