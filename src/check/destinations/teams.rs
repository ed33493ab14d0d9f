//! Microsoft Teams (Adaptive Card message) rules (domain §5.5).

use serde_json::Value;

use super::{at, at_index, kind, push};
use crate::check::{Finding, Severity};

/// The Adaptive Card content type Teams expects.
const ADAPTIVE: &str = "application/vnd.microsoft.card.adaptive";
/// TextBlock colours defined by Adaptive Cards (case-insensitive).
const COLORS: &[&str] = &[
    "default",
    "dark",
    "light",
    "accent",
    "good",
    "warning",
    "attention",
];

/// Checks a Teams message body.
pub(super) fn check(payload: &Value, out: &mut Vec<Finding>) {
    if payload.get("type").and_then(Value::as_str) != Some("message") {
        push(
            out,
            Severity::Error,
            "teams.type_message",
            "payload.type",
            "a Teams webhook message needs type: \"message\"",
            "Send { type: \"message\", attachments: [ { contentType: \"application/vnd.microsoft.card.adaptive\", content: { type: \"AdaptiveCard\", body: [...] } } ] }.",
        );
    }
    let Some(attachments) = payload
        .get("attachments")
        .and_then(Value::as_array)
        .filter(|a| !a.is_empty())
    else {
        push(
            out,
            Severity::Error,
            "teams.attachments_required",
            "payload.attachments",
            "a Teams message needs an `attachments` array holding the Adaptive Card",
            "Add attachments: [ { contentType: \"application/vnd.microsoft.card.adaptive\", content: { type: \"AdaptiveCard\", version: \"1.4\", body: [...] } } ].",
        );
        return;
    };
    for (i, a) in attachments.iter().enumerate() {
        let path = at_index("payload.attachments", i);
        if a.get("contentType").and_then(Value::as_str) != Some(ADAPTIVE) {
            push(
                out,
                Severity::Error,
                "teams.content_type",
                at(&path, "contentType"),
                format!("contentType must be {ADAPTIVE:?}"),
                format!("Set contentType: {ADAPTIVE:?}."),
            );
        }
        let content_path = at(&path, "content");
        let Some(content) = a.get("content").filter(|c| c.is_object()) else {
            push(
                out,
                Severity::Error,
                "teams.card_required",
                content_path,
                "the attachment needs a `content` object (the Adaptive Card)",
                "Add content: { type: \"AdaptiveCard\", version: \"1.4\", body: [...] }.",
            );
            continue;
        };
        if content.get("type").and_then(Value::as_str) != Some("AdaptiveCard") {
            push(
                out,
                Severity::Error,
                "teams.card_type",
                at(&content_path, "type"),
                "the card needs type: \"AdaptiveCard\"",
                "Set content.type = \"AdaptiveCard\".",
            );
        }
        match content.get("body") {
            Some(Value::Array(items)) => check_elements(items, &at(&content_path, "body"), out),
            Some(other) => push(
                out,
                Severity::Error,
                "teams.body_array",
                at(&content_path, "body"),
                format!("card body must be an array, not {}", kind(other)),
                "Make body an array of elements such as { type: \"TextBlock\", text }.",
            ),
            None => push(
                out,
                Severity::Error,
                "teams.body_array",
                at(&content_path, "body"),
                "the card has no `body`, so Teams shows an empty card",
                "Add body: [ { type: \"TextBlock\", text: \"...\" } ].",
            ),
        }
    }
}

/// Checks card elements, descending into containers and columns.
fn check_elements(items: &[Value], path: &str, out: &mut Vec<Finding>) {
    for (i, item) in items.iter().enumerate() {
        let ipath = at_index(path, i);
        match item.get("type").and_then(Value::as_str) {
            Some("TextBlock") => {
                if item.get("text").and_then(Value::as_str).is_none() {
                    push(
                        out,
                        Severity::Error,
                        "teams.textblock_text",
                        at(&ipath, "text"),
                        "a TextBlock needs a string `text`",
                        "Set text to a string, e.g. `Amount: ${amount}`.",
                    );
                }
                if let Some(color) = item.get("color") {
                    let ok = color
                        .as_str()
                        .is_some_and(|c| COLORS.contains(&c.to_ascii_lowercase().as_str()));
                    if !ok {
                        push(
                            out,
                            Severity::Warning,
                            "teams.textblock_color",
                            at(&ipath, "color"),
                            format!(
                                "TextBlock color {color} is not an Adaptive Card colour; Teams shows the default"
                            ),
                            "Use Default, Good, Warning or Attention (also Dark, Light, Accent).",
                        );
                    }
                }
            }
            Some(_) => {}
            None => push(
                out,
                Severity::Error,
                "teams.element_type",
                at(&ipath, "type"),
                "every card element needs a `type` (TextBlock, FactSet, Container, ...)",
                "Add type: \"TextBlock\".",
            ),
        }
        if let Some(children) = item.get("items").and_then(Value::as_array) {
            check_elements(children, &at(&ipath, "items"), out);
        }
        if let Some(columns) = item.get("columns").and_then(Value::as_array) {
            for (c, col) in columns.iter().enumerate() {
                if let Some(children) = col.get("items").and_then(Value::as_array) {
                    check_elements(children, &format!("{ipath}.columns[{c}].items"), out);
                }
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests may unwrap (common brief); the lint guards user data.
mod tests {
    use serde_json::json;

    use crate::check::destinations::test_util::{findings, rules};

    const URL: &str = "https://acme.webhook.office.com/webhookb2/x";

    fn card(body: serde_json::Value) -> serde_json::Value {
        json!({"type": "message", "attachments": [{"contentType": "application/vnd.microsoft.card.adaptive", "content": {"type": "AdaptiveCard", "body": body}}]})
    }

    #[test]
    fn valid_card_passes() {
        assert!(
            rules(
                URL,
                card(json!([{"type": "TextBlock", "text": "Paid", "color": "Good"}]))
            )
            .is_empty()
        );
    }

    #[test]
    fn card_shape() {
        assert_eq!(
            rules(URL, json!({"text": "hi"})),
            ["teams.type_message", "teams.attachments_required"]
        );
        assert_eq!(
            rules(
                URL,
                json!({"type": "message", "attachments": [{"contentType": "text/plain", "content": {"type": "Card", "body": []}}]})
            ),
            ["teams.content_type", "teams.card_type"]
        );
        assert_eq!(
            rules(
                URL,
                json!({"type": "message", "attachments": [{"contentType": "application/vnd.microsoft.card.adaptive"}]})
            ),
            ["teams.card_required"]
        );
    }

    #[test]
    fn textblock_colors() {
        let f = findings(
            URL,
            card(
                json!([{"type": "Container", "items": [{"type": "TextBlock", "text": "x", "color": "red"}]}]),
            ),
        );
        assert_eq!(
            (f[0].rule, f[0].path.as_str()),
            (
                "teams.textblock_color",
                "payload.attachments[0].content.body[0].items[0].color"
            )
        );
        assert!(
            rules(
                URL,
                card(json!([{"type": "TextBlock", "text": "x", "color": "attention"}]))
            )
            .is_empty()
        );
    }
}
