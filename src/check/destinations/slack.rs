//! Slack incoming-webhook rules (domain §5.3).

use serde_json::Value;

use super::{at, at_index, chars, kind, push};
use crate::check::{Finding, Severity};

/// Checks a Slack message body.
pub(super) fn check(payload: &Value, out: &mut Vec<Finding>) {
    let text = payload.get("text");
    let blocks = payload.get("blocks");
    let attachments = payload.get("attachments");
    let has_text = text
        .and_then(Value::as_str)
        .is_some_and(|s| !s.trim().is_empty());
    let has_blocks = blocks
        .and_then(Value::as_array)
        .is_some_and(|b| !b.is_empty());
    let has_attachments = attachments
        .and_then(Value::as_array)
        .is_some_and(|a| !a.is_empty());
    if !has_text && !has_blocks && !has_attachments {
        push(
            out,
            Severity::Error,
            "slack.content_required",
            "payload",
            "a Slack message needs `text`, `blocks` or `attachments`; Slack answers 400 no_text",
            "Add text: \"...\" (also used as the notification text when you send blocks).",
        );
    }
    if let Some(t) = text {
        match t.as_str() {
            Some(s) if chars(s) > 40_000 => push(
                out,
                Severity::Error,
                "slack.text_too_long",
                "payload.text",
                format!(
                    "text is {} characters; Slack truncates messages over 40 000",
                    chars(s)
                ),
                "Shorten the text, or move details into blocks.",
            ),
            Some(s) if chars(s) > 4_000 => push(
                out,
                Severity::Warning,
                "slack.text_long",
                "payload.text",
                format!(
                    "text is {} characters; Slack advises staying under 4 000",
                    chars(s)
                ),
                "Shorten the text.",
            ),
            Some(_) => {}
            None => push(
                out,
                Severity::Error,
                "slack.text_string",
                "payload.text",
                format!("text must be a string, not {}", kind(t)),
                "Convert it with String(...) or a template literal.",
            ),
        }
    }
    if let Some(b) = blocks {
        check_blocks(b, out);
    }
    if let Some(a) = attachments {
        check_attachments(a, out);
    }
}

fn check_blocks(blocks: &Value, out: &mut Vec<Finding>) {
    let Some(list) = blocks.as_array() else {
        push(
            out,
            Severity::Error,
            "slack.blocks_array",
            "payload.blocks",
            format!("blocks must be an array, not {}", kind(blocks)),
            "Make blocks an array: [ { type: \"section\", text: { type: \"mrkdwn\", text } } ].",
        );
        return;
    };
    if list.len() > 50 {
        push(
            out,
            Severity::Error,
            "slack.too_many_blocks",
            "payload.blocks",
            format!(
                "{} blocks; Slack allows at most 50 per message (invalid_blocks)",
                list.len()
            ),
            "Send fewer blocks, e.g. summarise repeated items in one section.",
        );
    }
    for (i, block) in list.iter().enumerate() {
        let path = at_index("payload.blocks", i);
        if block.get("type").and_then(Value::as_str).is_none() {
            push(
                out,
                Severity::Error,
                "slack.block_type",
                at(&path, "type"),
                "every block needs a `type` (section, header, divider, context, actions, image)",
                "Add type: \"section\".",
            );
        }
        if let Some(s) = block.pointer("/text/text").and_then(Value::as_str)
            && chars(s) > 3_000
        {
            push(
                out,
                Severity::Error,
                "slack.section_text_too_long",
                format!("{path}.text.text"),
                format!(
                    "this block's text is {} characters; Slack allows 3 000 (msg_blocks_too_long)",
                    chars(s)
                ),
                "Shorten it or split it across several section blocks.",
            );
        }
    }
}

fn check_attachments(attachments: &Value, out: &mut Vec<Finding>) {
    let Some(list) = attachments.as_array() else {
        push(
            out,
            Severity::Error,
            "slack.attachments_array",
            "payload.attachments",
            format!("attachments must be an array, not {}", kind(attachments)),
            "Make attachments an array of objects.",
        );
        return;
    };
    if list.len() > 100 {
        push(
            out,
            Severity::Error,
            "slack.too_many_attachments",
            "payload.attachments",
            format!("{} attachments; Slack's hard limit is 100", list.len()),
            "Send fewer attachments.",
        );
    } else if list.len() > 20 {
        push(
            out,
            Severity::Warning,
            "slack.many_attachments",
            "payload.attachments",
            format!("{} attachments; Slack recommends at most 20", list.len()),
            "Send fewer attachments.",
        );
    }
    for (i, a) in list.iter().enumerate() {
        if let Some(color) = a.get("color") {
            let ok = color.as_str().is_some_and(valid_color);
            if !ok {
                push(
                    out,
                    Severity::Warning,
                    "slack.attachment_color",
                    format!("payload.attachments[{i}].color"),
                    format!(
                        "color {color} is not good, warning, danger or a #RRGGBB hex colour; Slack shows grey"
                    ),
                    "Use \"good\", \"warning\", \"danger\" or a hex colour such as \"#36a64f\".",
                );
            }
        }
    }
}

fn valid_color(c: &str) -> bool {
    matches!(c, "good" | "warning" | "danger")
        || c.strip_prefix('#')
            .is_some_and(|h| matches!(h.len(), 3 | 6) && h.chars().all(|c| c.is_ascii_hexdigit()))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests may unwrap (common brief); the lint guards user data.
mod tests {
    use serde_json::json;

    use crate::check::Severity;
    use crate::check::destinations::test_util::{findings, rules};

    const URL: &str = "https://hooks.slack.com/services/T/B/x";

    #[test]
    fn needs_some_content() {
        assert_eq!(
            rules(URL, json!({"username": "bot"})),
            ["slack.content_required"]
        );
        assert_eq!(
            rules(URL, json!({"text": "", "blocks": []})),
            ["slack.content_required"]
        );
        assert!(rules(URL, json!({"text": "hi"})).is_empty());
        assert!(rules(URL, json!({"blocks": [{"type": "divider"}]})).is_empty());
        assert!(
            rules(
                URL,
                json!({"attachments": [{"color": "good", "text": "x"}]})
            )
            .is_empty()
        );
    }

    #[test]
    fn block_limits() {
        let blocks: Vec<_> = (0..51).map(|_| json!({"type": "divider"})).collect();
        assert_eq!(
            rules(URL, json!({"text": "t", "blocks": blocks})),
            ["slack.too_many_blocks"]
        );
        let long = "a".repeat(3001);
        let f = findings(
            URL,
            json!({"blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": long}}]}),
        );
        assert_eq!(
            (f[0].rule, f[0].path.as_str()),
            ("slack.section_text_too_long", "payload.blocks[0].text.text")
        );
        assert!(rules(URL, json!({"blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "a".repeat(3000)}}]})).is_empty());
    }

    #[test]
    fn text_limits() {
        let f = findings(URL, json!({"text": "a".repeat(4001)}));
        assert_eq!(
            (f[0].rule, f[0].severity),
            ("slack.text_long", Severity::Warning)
        );
        let f = findings(URL, json!({"text": "é".repeat(40_001)}));
        assert_eq!(
            (f[0].rule, f[0].severity),
            ("slack.text_too_long", Severity::Error)
        );
        assert!(rules(URL, json!({"text": "a".repeat(4000)})).is_empty());
    }

    #[test]
    fn attachment_colors() {
        assert_eq!(
            rules(
                URL,
                json!({"attachments": [{"color": "green", "text": "x"}]})
            ),
            ["slack.attachment_color"]
        );
        assert_eq!(
            rules(URL, json!({"attachments": [{"color": 65280, "text": "x"}]})),
            ["slack.attachment_color"]
        );
        assert!(rules(URL, json!({"attachments": [{"color": "#36a64f"}, {"color": "danger"}, {"color": "#fff"}]})).is_empty());
    }
}
