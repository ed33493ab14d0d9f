//! Microsoft Teams messages: Adaptive Cards (text blocks, fact sets, columns, containers,
//! actions) and the older MessageCard format.

use serde_json::Value;

use super::sentence::{self, Sentence, count, str_at, value_text};
use super::{Block, Card, Preview, Span, generic, hex_color, markup, table};
use crate::engine::Output;

/// The Adaptive Cards default host colour for `Good`.
pub(crate) const GOOD: [u8; 3] = [0x02, 0x8A, 0x02];
/// The Adaptive Cards default host colour for `Warning`.
pub(crate) const WARNING: [u8; 3] = [0xE6, 0x95, 0x00];
/// The Adaptive Cards default host colour for `Attention`.
pub(crate) const ATTENTION: [u8; 3] = [0xCC, 0x33, 0x00];
/// The Adaptive Cards default host colour for `Accent`.
pub(crate) const ACCENT: [u8; 3] = [0x00, 0x63, 0xB1];
/// The bar of an `emphasis` container.
const EMPHASIS: [u8; 3] = [0xC8, 0xC8, 0xC8];

/// Nesting kept before inner containers are shown flat (guards hostile depth).
const MAX_DEPTH: usize = 12;

/// The preview of a Teams message.
pub(crate) fn preview(output: &Output) -> Preview {
    let payload = &output.payload;
    if !payload.is_object() {
        return generic::not_an_object(output, "Microsoft Teams");
    }
    let place = " to a Microsoft Teams channel";
    let (sentence, blocks) = if payload.get("type").and_then(Value::as_str) == Some("AdaptiveCard")
    {
        (
            Sentence::new("Posts an Adaptive Card").plain(place),
            vec![adaptive_card(payload)],
        )
    } else if payload.get("@type").and_then(Value::as_str) == Some("MessageCard") {
        (
            Sentence::new("Posts a message card").plain(place),
            vec![message_card(payload)],
        )
    } else if let Some(attachments) = payload.get("attachments").and_then(Value::as_array) {
        let cards: Vec<&Value> = attachments
            .iter()
            .filter_map(|a| a.get("content"))
            .collect();
        let mut blocks = Vec::new();
        if let Some(text) = str_at(payload, "text") {
            blocks.push(Block::Paragraph(markup::markdown(&text)));
        }
        blocks.extend(cards.iter().map(|card| adaptive_card(card)));
        let skipped = attachments.len() - cards.len();
        if skipped > 0 {
            blocks.push(Block::info(format!(
                "{} without a \"content\" card (nothing to show)",
                count(skipped, "attachment", "attachments")
            )));
        }
        let sentence = match cards.len() {
            0 => Sentence::new("Posts a message without a card").plain(place),
            1 => Sentence::new("Posts an Adaptive Card").plain(place),
            n => Sentence::new(format!("Posts a message with {n} Adaptive Cards")).plain(place),
        };
        (sentence, blocks)
    } else if let Some(text) = str_at(payload, "text") {
        (
            Sentence::new("Posts a text message").plain(place),
            vec![Block::Paragraph(markup::markdown(&text))],
        )
    } else {
        (
            Sentence::new("Posts a message Teams cannot show")
                .plain(place)
                .plain(" (no Adaptive Card in \"attachments\", no MessageCard and no text)"),
            vec![Block::JsonTree(payload.clone())],
        )
    };
    Preview {
        destination: "Microsoft Teams".to_owned(),
        sentence: sentence.quote(sentence::headline(&blocks)).done(),
        blocks,
    }
}

/// An Adaptive Card as a card with its body and actions (hero and thumbnail cards, which
/// have a title, text and buttons instead, are shown too).
fn adaptive_card(card: &Value) -> Block {
    if card.get("body").is_none() && (card.get("title").is_some() || card.get("text").is_some()) {
        let mut body = Vec::new();
        if let Some(subtitle) = str_at(card, "subtitle") {
            body.push(Block::Context(markup::markdown(&subtitle)));
        }
        if let Some(text) = str_at(card, "text") {
            body.push(Block::Paragraph(markup::markdown(&text)));
        }
        body.extend(actions(card.get("buttons")));
        return Block::Card(Card {
            title: str_at(card, "title"),
            body,
            ..Card::default()
        });
    }
    let mut body = elements(card.get("body"), 0);
    if let Some(actions) = actions(card.get("actions")) {
        body.push(actions);
    }
    Block::Card(Card {
        body,
        ..Card::default()
    })
}

fn elements(items: Option<&Value>, depth: usize) -> Vec<Block> {
    items
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .flat_map(|item| element(item, depth))
        .collect()
}

/// A TextBlock/TextRun `color` to RGB.
fn text_color(name: Option<&str>) -> Option<[u8; 3]> {
    match name?.to_ascii_lowercase().as_str() {
        "good" => Some(GOOD),
        "warning" => Some(WARNING),
        "attention" => Some(ATTENTION),
        "accent" => Some(ACCENT),
        _ => None,
    }
}

fn element(item: &Value, depth: usize) -> Vec<Block> {
    let kind = item.get("type").and_then(Value::as_str).unwrap_or_default();
    match kind {
        "TextBlock" => vec![text_block(item)],
        "RichTextBlock" => {
            let spans = item
                .get("inlines")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .map(|inline| match inline {
                    Value::String(text) => Span::plain(text.clone()),
                    run => Span {
                        text: str_at(run, "text").unwrap_or_default(),
                        bold: run.get("weight").and_then(Value::as_str) == Some("Bolder"),
                        italic: run.get("italic").and_then(Value::as_bool).unwrap_or(false),
                        strike: run
                            .get("strikethrough")
                            .and_then(Value::as_bool)
                            .unwrap_or(false),
                        code: run.get("fontType").and_then(Value::as_str) == Some("Monospace"),
                        link: run.get("selectAction").and_then(|a| str_at(a, "url")),
                        color: text_color(run.get("color").and_then(Value::as_str)),
                    },
                })
                .collect();
            vec![Block::Paragraph(spans)]
        }
        "FactSet" => {
            let facts = item
                .get("facts")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .map(|fact| {
                    (
                        str_at(fact, "title").unwrap_or_default(),
                        fact.get("value").map(value_text).unwrap_or_default(),
                    )
                })
                .collect();
            vec![Block::KeyValues(facts)]
        }
        "ColumnSet" if depth < MAX_DEPTH => {
            let columns = item
                .get("columns")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .map(|column| elements(column.get("items"), depth + 1))
                .collect();
            vec![Block::Columns(columns)]
        }
        "Container" if depth < MAX_DEPTH => {
            let inner = elements(item.get("items"), depth + 1);
            let accent = match item.get("style").and_then(Value::as_str) {
                Some("good") => Some(GOOD),
                Some("warning") => Some(WARNING),
                Some("attention") => Some(ATTENTION),
                Some("accent") => Some(ACCENT),
                Some("emphasis") => Some(EMPHASIS),
                _ => None,
            };
            match accent {
                Some(accent) => vec![Block::Card(Card {
                    accent: Some(accent),
                    body: inner,
                    ..Card::default()
                })],
                None => inner,
            }
        }
        "Image" => vec![Block::text(image_text(item))],
        "ImageSet" => {
            let images: Vec<String> = item
                .get("images")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .map(image_text)
                .collect();
            vec![Block::text(images.join(" "))]
        }
        "ActionSet" => actions(item.get("actions")).into_iter().collect(),
        "Table" if depth < MAX_DEPTH => table_element(item),
        "" => vec![Block::info(
            "An element without a \"type\" (Teams skips it)",
        )],
        other => vec![Block::info(format!(
            "A `{other}` element (not drawn in this preview)"
        ))],
    }
}

fn text_block(item: &Value) -> Block {
    let text = str_at(item, "text").unwrap_or_default();
    let size = item.get("size").and_then(Value::as_str).unwrap_or_default();
    let bold = item.get("weight").and_then(Value::as_str) == Some("Bolder");
    let color = text_color(item.get("color").and_then(Value::as_str));
    let large = matches!(size, "Large" | "ExtraLarge" | "large" | "extraLarge");
    if large && color.is_none() {
        return Block::Heading(super::spans_text(&markup::markdown(&text)));
    }
    let mut spans = markup::markdown(&text);
    for span in &mut spans {
        span.bold |= bold || large;
        if span.color.is_none() {
            span.color = color;
        }
    }
    if item.get("isSubtle").and_then(Value::as_bool) == Some(true) {
        Block::Context(spans)
    } else {
        Block::Paragraph(spans)
    }
}

fn image_text(image: &Value) -> String {
    match str_at(image, "altText") {
        Some(alt) => format!("[image: {alt}]"),
        None => "[image]".to_owned(),
    }
}

/// Card actions as a row of bracketed buttons (links for `Action.OpenUrl`).
fn actions(actions: Option<&Value>) -> Option<Block> {
    let actions = actions?.as_array()?;
    let mut spans = Vec::new();
    for action in actions {
        if !spans.is_empty() {
            spans.push(Span::plain("  "));
        }
        let title = format!("[{}]", str_at(action, "title").unwrap_or_default());
        match str_at(action, "url") {
            Some(url) => spans.push(Span::link(title, url)),
            None => spans.push(Span::plain(title)),
        }
    }
    (!spans.is_empty()).then_some(Block::Paragraph(spans))
}

/// An Adaptive Card `Table` as a table of the cells' text.
fn table_element(item: &Value) -> Vec<Block> {
    let rows: Vec<Vec<String>> = item
        .get("rows")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|row| {
            row.get("cells")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .map(|cell| {
                    let mut text = String::new();
                    for block in elements(cell.get("items"), MAX_DEPTH) {
                        block.write_text(&mut text);
                    }
                    text
                })
                .collect()
        })
        .collect();
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let rows = rows
        .into_iter()
        .map(|mut row| {
            row.resize(width, String::new());
            row
        })
        .collect();
    let columns = (1..=width).map(|i| format!("Column {i}")).collect();
    table::rows_block(columns, rows)
}

/// A legacy Office 365 MessageCard.
fn message_card(card: &Value) -> Block {
    let mut body = Vec::new();
    if let Some(text) = str_at(card, "text") {
        body.push(Block::Paragraph(markup::markdown(&text)));
    }
    for section in card
        .get("sections")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if let Some(title) = str_at(section, "activityTitle") {
            body.push(Block::Paragraph(
                markup::markdown(&title)
                    .into_iter()
                    .map(|s| Span { bold: true, ..s })
                    .collect(),
            ));
        }
        if let Some(subtitle) = str_at(section, "activitySubtitle") {
            body.push(Block::Context(markup::markdown(&subtitle)));
        }
        if let Some(text) = str_at(section, "text") {
            body.push(Block::Paragraph(markup::markdown(&text)));
        }
        let facts: Vec<(String, String)> = section
            .get("facts")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .map(|fact| {
                (
                    str_at(fact, "name").unwrap_or_default(),
                    fact.get("value").map(value_text).unwrap_or_default(),
                )
            })
            .collect();
        if !facts.is_empty() {
            body.push(Block::KeyValues(facts));
        }
    }
    Block::Card(Card {
        accent: str_at(card, "themeColor").and_then(|c| hex_color(&c)),
        title: str_at(card, "title").or_else(|| str_at(card, "summary")),
        body,
        ..Card::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::preview::build;
    use serde_json::json;

    fn teams_output(payload: Value) -> Output {
        Output {
            method: "POST".to_owned(),
            url: "https://acme.webhook.office.com/webhookb2/x".to_owned(),
            headers: Default::default(),
            payload,
            cancel: false,
        }
    }

    #[test]
    fn adaptive_card_text_blocks_facts_and_columns() {
        let p = build(&teams_output(json!({
            "type": "message",
            "attachments": [{
                "contentType": "application/vnd.microsoft.card.adaptive",
                "content": {
                    "type": "AdaptiveCard",
                    "body": [
                        {"type": "TextBlock", "text": "✅ Payment Succeeded", "weight": "Bolder", "size": "Large", "color": "Good"},
                        {"type": "TextBlock", "text": "New subscription", "size": "Large"},
                        {"type": "FactSet", "facts": [
                            {"title": "Amount", "value": "$49.00"},
                            {"title": "Customer", "value": "Jane Doe"}
                        ]},
                        {"type": "ColumnSet", "columns": [
                            {"type": "Column", "items": [{"type": "TextBlock", "text": "Left", "color": "Attention"}]},
                            {"type": "Column", "items": [{"type": "TextBlock", "text": "Right", "isSubtle": true}]}
                        ]},
                        {"type": "Image", "url": "https://x/y.png", "altText": "logo"},
                        {"type": "Media"}
                    ],
                    "actions": [{"type": "Action.OpenUrl", "title": "Open", "url": "https://app.dodopayments.com"}]
                }
            }]
        })));
        assert_eq!(p.destination, "Microsoft Teams");
        assert_eq!(
            p.sentence_text(),
            "Posts an Adaptive Card to a Microsoft Teams channel: “✅ Payment Succeeded”"
        );
        let [Block::Card(card)] = p.blocks.as_slice() else {
            panic!("{:#?}", p.blocks)
        };
        let [
            Block::Paragraph(title),
            Block::Heading(heading),
            Block::KeyValues(facts),
            Block::Columns(columns),
            Block::Paragraph(image),
            Block::Notice(_),
            Block::Paragraph(actions),
        ] = card.body.as_slice()
        else {
            panic!("{:#?}", card.body)
        };
        assert!(title.iter().all(|s| s.bold && s.color == Some(GOOD)));
        assert_eq!(heading, "New subscription");
        assert_eq!(
            facts.first(),
            Some(&("Amount".to_owned(), "$49.00".to_owned()))
        );
        assert_eq!(columns.len(), 2);
        assert!(matches!(columns.first().and_then(|c| c.first()),
            Some(Block::Paragraph(s)) if s.first().and_then(|s| s.color) == Some(ATTENTION)));
        assert!(matches!(
            columns.get(1).and_then(|c| c.first()),
            Some(Block::Context(_))
        ));
        assert_eq!(crate::preview::spans_text(image), "[image: logo]");
        assert_eq!(
            actions.first().and_then(|s| s.link.as_deref()),
            Some("https://app.dodopayments.com")
        );
    }

    #[test]
    fn message_card_and_plain_text() {
        let p = build(&teams_output(json!({
            "@type": "MessageCard", "themeColor": "0076D7", "summary": "Paid",
            "sections": [{"activityTitle": "Payment", "facts": [{"name": "Amount", "value": 49}]}]
        })));
        let [Block::Card(card)] = p.blocks.as_slice() else {
            panic!("{:#?}", p.blocks)
        };
        assert_eq!(card.accent, Some([0x00, 0x76, 0xD7]));
        assert!(p.plain_text().contains("Amount: 49"));
        let p = build(&teams_output(json!({"text": "hello **there**"})));
        assert_eq!(
            p.sentence_text(),
            "Posts a text message to a Microsoft Teams channel: “hello there”"
        );
    }

    #[test]
    fn hero_cards_show_title_text_and_buttons() {
        let p = build(&teams_output(json!({"type": "message", "attachments": [{
            "contentType": "application/vnd.microsoft.card.hero",
            "content": {"title": "Paid", "text": "**$49.00**",
                        "buttons": [{"type": "openUrl", "title": "Open", "value": "x"}]}
        }]})));
        let [Block::Card(card)] = p.blocks.as_slice() else {
            panic!("{:#?}", p.blocks)
        };
        assert_eq!(card.title.as_deref(), Some("Paid"));
        assert_eq!(
            p.plain_text()
                .lines()
                .filter(|l| !l.is_empty())
                .skip(1)
                .collect::<Vec<_>>(),
            ["Paid", "$49.00", "[Open]"]
        );
    }

    #[test]
    fn deep_nesting_stops() {
        let mut card = json!({"type": "TextBlock", "text": "deep"});
        for _ in 0..200 {
            card = json!({"type": "Container", "items": [card]});
        }
        let p = build(&teams_output(
            json!({"type": "AdaptiveCard", "body": [card]}),
        ));
        assert!(p.plain_text().contains("not drawn"));
    }
}
