//! Slack incoming-webhook messages: mrkdwn text, Block Kit blocks and legacy attachments.

use serde_json::{Map, Value};

use super::sentence::{self, Sentence, count, str_at};
use super::{Block, Card, Field, Preview, Span, generic, hex_color, markup, unix_value};
use crate::engine::Output;

/// The colour of an attachment's `good` bar.
pub(crate) const GOOD: [u8; 3] = [0x2E, 0xB6, 0x7D];
/// The colour of an attachment's `warning` bar.
pub(crate) const WARNING: [u8; 3] = [0xEC, 0xB2, 0x2E];
/// The colour of an attachment's `danger` bar.
pub(crate) const DANGER: [u8; 3] = [0xE0, 0x1E, 0x5A];
/// The bar of an attachment without a colour.
const NEUTRAL: [u8; 3] = [0xDD, 0xDD, 0xDD];

/// The preview of a Slack message.
pub(crate) fn preview(output: &Output, via_discord: bool) -> Preview {
    let label = if via_discord {
        "Discord (Slack-compatible)"
    } else {
        "Slack"
    };
    let Some(message) = output.payload.as_object() else {
        return generic::not_an_object(output, label);
    };
    let mut blocks = Vec::new();
    if let Some(name) = str_at(&output.payload, "username") {
        blocks.push(Block::Context(vec![
            Span::plain("Posted as "),
            Span::bold(name),
        ]));
    }
    let text = str_at(&output.payload, "text");
    let kit = message.get("blocks").and_then(Value::as_array);
    match (kit, &text) {
        (Some(kit), _) => {
            blocks.extend(kit.iter().flat_map(block_kit));
            if let Some(text) = &text {
                blocks.push(Block::Context(vec![
                    Span::italic("Notification text: "),
                    Span::plain(text.clone()),
                ]));
            }
        }
        (None, Some(text)) => {
            // `"mrkdwn": false` turns formatting off for the top-level text.
            let formatted = message.get("mrkdwn").and_then(Value::as_bool) != Some(false);
            if formatted {
                blocks.push(Block::Paragraph(markup::slack(text)));
            } else {
                blocks.push(Block::Paragraph(vec![Span::plain(markup::slack_entities(
                    text,
                ))]));
            }
        }
        (None, None) => {}
    }
    let attachments = message
        .get("attachments")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    for attachment in attachments {
        if let Some(attachment) = attachment.as_object() {
            blocks.extend(attachment_blocks(attachment));
        }
    }

    let place = if via_discord {
        " to a Discord channel (Slack-compatible endpoint)"
    } else {
        " to a Slack channel"
    };
    let mut parts = Vec::new();
    if let Some(kit) = kit {
        parts.push(count(kit.len(), "block", "blocks"));
    }
    if !attachments.is_empty() {
        parts.push(count(attachments.len(), "attachment", "attachments"));
    }
    let sentence = if parts.is_empty() && text.is_none() {
        Sentence::new("Posts an empty message")
            .plain(place)
            .plain(" (Slack rejects a message without text, blocks or attachments)")
    } else if parts.is_empty() {
        Sentence::new("Posts a text message").plain(place)
    } else {
        Sentence::new("Posts a message with ")
            .plain(parts.join(" and "))
            .plain(place)
    };
    Preview {
        destination: label.to_owned(),
        sentence: sentence.quote(sentence::headline(&blocks)).done(),
        blocks,
    }
}

/// The text of a Block Kit text object (`mrkdwn` or `plain_text`), as spans.
fn text_object(value: &Value) -> Vec<Span> {
    let text = str_at(value, "text").unwrap_or_default();
    match value.get("type").and_then(Value::as_str) {
        Some("plain_text") => vec![Span::plain(text)],
        _ => markup::slack(&text),
    }
}

fn image_text(value: &Value) -> String {
    match str_at(value, "alt_text") {
        Some(alt) => format!("[image: {alt}]"),
        None => "[image]".to_owned(),
    }
}

/// One Block Kit block as preview blocks.
fn block_kit(block: &Value) -> Vec<Block> {
    let kind = block
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or_default();
    match kind {
        "header" => {
            let text = block.get("text").map(text_object).unwrap_or_default();
            vec![Block::Heading(super::spans_text(&text))]
        }
        "divider" => vec![Block::Divider],
        "section" => {
            let mut out = Vec::new();
            if let Some(text) = block.get("text") {
                out.push(Block::Paragraph(text_object(text)));
            }
            if let Some(fields) = block.get("fields").and_then(Value::as_array) {
                // Section fields are shown two a row, the label being the first bold line.
                let fields = fields
                    .iter()
                    .map(|field| {
                        let spans = text_object(field);
                        Field {
                            label: String::new(),
                            value: spans,
                            short: true,
                        }
                    })
                    .collect();
                out.push(Block::Fields(fields));
            }
            if let Some(accessory) = block.get("accessory") {
                out.push(Block::Context(vec![Span::plain(element_text(accessory))]));
            }
            out
        }
        "context" => {
            let mut spans = Vec::new();
            for element in block
                .get("elements")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                if !spans.is_empty() {
                    spans.push(Span::plain("  "));
                }
                if element.get("type").and_then(Value::as_str) == Some("image") {
                    spans.push(Span::plain(image_text(element)));
                } else {
                    spans.extend(text_object(element));
                }
            }
            vec![Block::Context(spans)]
        }
        "image" => {
            let mut out = Vec::new();
            if let Some(title) = block.get("title") {
                out.push(Block::Paragraph(text_object(title)));
            }
            out.push(Block::text(image_text(block)));
            out
        }
        "actions" => {
            let mut spans = Vec::new();
            for element in block
                .get("elements")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                if !spans.is_empty() {
                    spans.push(Span::plain("  "));
                }
                let text = element_text(element);
                match str_at(element, "url") {
                    Some(url) => spans.push(Span::link(text, url)),
                    None => spans.push(Span::plain(text)),
                }
            }
            vec![Block::Paragraph(spans)]
        }
        "markdown" => markup::markdown_blocks(&str_at(block, "text").unwrap_or_default()),
        "rich_text" => rich_text(block),
        "" => vec![Block::info("A block without a \"type\" (Slack rejects it)")],
        other => vec![Block::info(format!(
            "A `{other}` block (not drawn in this preview)"
        ))],
    }
}

/// A button, image or menu element as a short bracketed label.
fn element_text(element: &Value) -> String {
    match element.get("type").and_then(Value::as_str) {
        Some("image") => image_text(element),
        Some("button") => {
            let label = element
                .get("text")
                .map(|t| super::spans_text(&text_object(t)))
                .unwrap_or_default();
            format!("[{label}]")
        }
        Some(other) => format!("[{other}]"),
        None => "[element]".to_owned(),
    }
}

/// A `rich_text` block: sections, lists, quotes and preformatted text.
fn rich_text(block: &Value) -> Vec<Block> {
    let mut out = Vec::new();
    for element in block
        .get("elements")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        match element.get("type").and_then(Value::as_str) {
            Some("rich_text_list") => {
                let ordered = element.get("style").and_then(Value::as_str) == Some("ordered");
                for (index, item) in element
                    .get("elements")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .enumerate()
                {
                    let marker = if ordered {
                        format!("{}. ", index + 1)
                    } else {
                        "• ".to_owned()
                    };
                    let mut spans = vec![Span::plain(marker)];
                    spans.extend(rich_elements(item));
                    out.push(Block::Paragraph(spans));
                }
            }
            Some("rich_text_preformatted") => {
                let text = super::spans_text(&rich_elements(element));
                out.push(Block::Paragraph(vec![Span::code(text)]));
            }
            Some("rich_text_quote") => {
                let mut spans = vec![Span::plain("│ ")];
                spans.extend(rich_elements(element));
                out.push(Block::Paragraph(spans));
            }
            _ => out.push(Block::Paragraph(rich_elements(element))),
        }
    }
    out
}

fn rich_elements(section: &Value) -> Vec<Span> {
    let mut spans = Vec::new();
    for element in section
        .get("elements")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let style = element.get("style");
        let flag = |name: &str| {
            style
                .and_then(|s| s.get(name))
                .and_then(Value::as_bool)
                .unwrap_or(false)
        };
        let text = match element.get("type").and_then(Value::as_str) {
            Some("emoji") => format!(":{}:", str_at(element, "name").unwrap_or_default()),
            Some("user") => format!("@{}", str_at(element, "user_id").unwrap_or_default()),
            Some("channel") => format!("#{}", str_at(element, "channel_id").unwrap_or_default()),
            Some("broadcast") => format!("@{}", str_at(element, "range").unwrap_or_default()),
            Some("link") => str_at(element, "text")
                .or_else(|| str_at(element, "url"))
                .unwrap_or_default(),
            _ => str_at(element, "text").unwrap_or_default(),
        };
        spans.push(Span {
            text,
            bold: flag("bold"),
            italic: flag("italic"),
            strike: flag("strike"),
            code: flag("code"),
            link: str_at(element, "url"),
            color: None,
        });
    }
    spans
}

/// The colour of an attachment: a name Slack knows or a hex code.
fn attachment_color(color: Option<&str>) -> [u8; 3] {
    match color.map(str::trim) {
        Some("good") => GOOD,
        Some("warning") => WARNING,
        Some("danger") => DANGER,
        Some(other) => hex_color(other).unwrap_or(NEUTRAL),
        None => NEUTRAL,
    }
}

/// A legacy attachment: pretext above, then a card with a colour bar.
fn attachment_blocks(attachment: &Map<String, Value>) -> Vec<Block> {
    let value = Value::Object(attachment.clone());
    let mut out = Vec::new();
    if let Some(pretext) = str_at(&value, "pretext") {
        out.push(Block::Paragraph(markup::slack(&pretext)));
    }
    let mut body = Vec::new();
    if let Some(text) = str_at(&value, "text") {
        body.push(Block::Paragraph(markup::slack(&text)));
    }
    let fields: Vec<Field> = attachment
        .get("fields")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|field| Field {
            label: str_at(field, "title").unwrap_or_default(),
            value: markup::slack(&str_at(field, "value").unwrap_or_default()),
            short: field.get("short").and_then(Value::as_bool).unwrap_or(false),
        })
        .collect();
    if !fields.is_empty() {
        body.push(Block::Fields(fields));
    }
    if let Some(kit) = attachment.get("blocks").and_then(Value::as_array) {
        body.extend(kit.iter().flat_map(block_kit));
    }
    if let Some(image) = attachment
        .get("image_url")
        .or_else(|| attachment.get("thumb_url"))
        && image.is_string()
    {
        body.push(Block::text("[image]"));
    }
    let title = str_at(&value, "title");
    if body.is_empty() && title.is_none() {
        // Slack shows the fallback when an attachment has nothing else.
        if let Some(fallback) = str_at(&value, "fallback") {
            body.push(Block::text(fallback));
        }
    }
    let footer = str_at(&value, "footer");
    let timestamp = attachment.get("ts").and_then(unix_value);
    out.push(Block::Card(Card {
        accent: Some(attachment_color(
            attachment.get("color").and_then(Value::as_str),
        )),
        author: str_at(&value, "author_name"),
        title,
        title_link: str_at(&value, "title_link"),
        body,
        footer,
        timestamp,
    }));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::preview::{build, spans_text};
    use serde_json::json;

    fn slack_output(payload: Value) -> Output {
        Output {
            method: "POST".to_owned(),
            url: "https://hooks.slack.com/services/T0/B0/x".to_owned(),
            headers: Default::default(),
            payload,
            cancel: false,
        }
    }

    #[test]
    fn payment_attachment_has_colour_bar_fields_and_footer() {
        let p = build(&slack_output(json!({
            "text": "💰 *Payment received*",
            "attachments": [{
                "color": "good",
                "pretext": "New sale",
                "title": "Payment pay_123",
                "title_link": "https://app.dodopayments.com/p/pay_123",
                "fields": [
                    {"title": "Amount", "value": "$49.00 USD", "short": true},
                    {"title": "Customer", "value": "Jane <jane@x.io>", "short": true},
                    {"title": "Note", "value": "_first_ order", "short": false}
                ],
                "footer": "Dodo Payments",
                "ts": 1767225600
            }]
        })));
        assert_eq!(p.destination, "Slack");
        assert_eq!(
            p.sentence_text(),
            "Posts a message with 1 attachment to a Slack channel: “💰 Payment received”"
        );
        let [
            Block::Paragraph(text),
            Block::Paragraph(pretext),
            Block::Card(card),
        ] = p.blocks.as_slice()
        else {
            panic!("{:#?}", p.blocks)
        };
        assert!(text.iter().any(|s| s.bold && s.text == "Payment received"));
        assert_eq!(spans_text(pretext), "New sale");
        assert_eq!(card.accent, Some(GOOD));
        assert_eq!(card.title.as_deref(), Some("Payment pay_123"));
        assert_eq!(card.footer.as_deref(), Some("Dodo Payments"));
        assert_eq!(card.timestamp.as_deref(), Some("Jan 1, 2026 00:00 UTC"));
        let Some(Block::Fields(fields)) = card.body.first() else {
            panic!("fields")
        };
        assert_eq!(
            fields
                .iter()
                .map(|f| (f.label.as_str(), f.short))
                .collect::<Vec<_>>(),
            vec![("Amount", true), ("Customer", true), ("Note", false)]
        );
        // `<jane@x.io>` is not a URL link: it stays literal text.
        assert_eq!(
            fields.get(1).map(|f| spans_text(&f.value)).as_deref(),
            Some("Jane <jane@x.io>")
        );
        assert!(
            fields
                .get(2)
                .is_some_and(|f| f.value.iter().any(|s| s.italic))
        );
    }

    #[test]
    fn plain_text_when_mrkdwn_is_off_and_fallback_only_attachments() {
        let p = build(&slack_output(json!({
            "text": "*not bold* &amp;", "mrkdwn": false,
            "attachments": [{"fallback": "Payment of $49.00", "color": "#FF0000"}]
        })));
        let [Block::Paragraph(text), Block::Card(card)] = p.blocks.as_slice() else {
            panic!("{:#?}", p.blocks)
        };
        assert_eq!(text.as_slice(), [Span::plain("*not bold* &")]);
        assert_eq!(card.accent, Some([0xFF, 0, 0]));
        assert_eq!(card.body, vec![Block::text("Payment of $49.00")]);
    }

    #[test]
    fn attachment_colours_by_name_and_hex() {
        assert_eq!(attachment_color(Some("danger")), DANGER);
        assert_eq!(attachment_color(Some("warning")), WARNING);
        assert_eq!(attachment_color(Some("#36a64f")), [0x36, 0xa6, 0x4f]);
        assert_eq!(attachment_color(Some("nonsense")), NEUTRAL);
    }

    #[test]
    fn block_kit_sections_header_divider_context_fields() {
        let p = build(&slack_output(json!({
            "text": "Payment received",
            "blocks": [
                {"type": "header", "text": {"type": "plain_text", "text": "Payment received"}},
                {"type": "section", "text": {"type": "mrkdwn", "text": "*$49.00* from <mailto:j@x.io|Jane>"},
                 "fields": [{"type": "mrkdwn", "text": "*Plan*\nPro"}, {"type": "mrkdwn", "text": "*Seats*\n3"}]},
                {"type": "divider"},
                {"type": "context", "elements": [{"type": "mrkdwn", "text": "pay_123"}, {"type": "image", "image_url": "x", "alt_text": "logo"}]},
                {"type": "actions", "elements": [{"type": "button", "text": {"type": "plain_text", "text": "Open"}, "url": "https://x.io"}]},
                {"type": "video"}
            ]
        })));
        assert_eq!(
            p.sentence_text(),
            "Posts a message with 6 blocks to a Slack channel: “Payment received”"
        );
        let kinds: Vec<&str> = p
            .blocks
            .iter()
            .map(|b| match b {
                Block::Heading(_) => "heading",
                Block::Paragraph(_) => "paragraph",
                Block::Fields(_) => "fields",
                Block::Divider => "divider",
                Block::Context(_) => "context",
                Block::Notice(_) => "notice",
                _ => "other",
            })
            .collect();
        assert_eq!(
            kinds,
            vec![
                "heading",
                "paragraph",
                "fields",
                "divider",
                "context",
                "paragraph",
                "notice",
                "context"
            ]
        );
        let text = p.plain_text();
        assert!(text.contains("$49.00 from Jane"), "{text}");
        assert!(text.contains("pay_123  [image: logo]"), "{text}");
        assert!(text.contains("[Open]"), "{text}");
        assert!(
            text.contains("Notification text: Payment received"),
            "{text}"
        );
    }

    #[test]
    fn empty_and_non_object_messages_are_explained() {
        let p = build(&slack_output(json!({"channel": "#x"})));
        assert!(p.sentence_text().starts_with("Posts an empty message"));
        let p = build(&slack_output(json!(["a"])));
        assert!(p.blocks.iter().any(|b| matches!(b, Block::JsonTree(_))));
        assert!(
            p.sentence_text().contains("not a JSON object"),
            "{}",
            p.sentence_text()
        );
    }

    #[test]
    fn discord_slack_endpoint_uses_slack_format() {
        let mut out = slack_output(json!({"text": "hi"}));
        out.url = "https://discord.com/api/webhooks/1/t/slack".to_owned();
        let p = build(&out);
        assert_eq!(p.destination, "Discord (Slack-compatible)");
        assert!(p.sentence_text().contains("Discord channel"));
    }
}
