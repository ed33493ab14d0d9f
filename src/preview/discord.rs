//! Discord execute-webhook messages: Markdown content and rich embeds.

use serde_json::Value;

use super::sentence::{self, Sentence, count, str_at};
use super::{Block, Card, Field, Preview, Span, format_iso, generic, markup, rgb};
use crate::engine::Output;

/// The bar of an embed without a colour (Discord's default grey).
const DEFAULT_BAR: [u8; 3] = [0x1E, 0x1F, 0x22];

/// The preview of a Discord webhook message.
pub(crate) fn preview(output: &Output) -> Preview {
    let Some(message) = output.payload.as_object() else {
        return generic::not_an_object(output, "Discord");
    };
    let mut blocks = Vec::new();
    let username = str_at(&output.payload, "username");
    if let Some(name) = &username {
        blocks.push(Block::Context(vec![
            Span::plain("Posted as "),
            Span::bold(name.clone()),
        ]));
    }
    let content = str_at(&output.payload, "content");
    if let Some(content) = &content {
        blocks.extend(markup::markdown_blocks(content));
    }
    let embeds = message
        .get("embeds")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    blocks.extend(embeds.iter().filter(|e| e.is_object()).map(embed));

    let mut sentence = if embeds.is_empty() && content.is_none() {
        Sentence::new(
            "Posts an empty message to a Discord channel (Discord rejects a message \
                       without content or embeds)",
        )
    } else if embeds.is_empty() {
        Sentence::new("Posts a text message to a Discord channel")
    } else {
        Sentence::new(format!(
            "Posts a message with {} to a Discord channel",
            count(embeds.len(), "embed", "embeds")
        ))
    };
    if let Some(name) = username {
        sentence = sentence.plain(", as ").bold(name);
    }
    Preview {
        destination: "Discord".to_owned(),
        sentence: sentence.quote(sentence::headline(&blocks)).done(),
        blocks,
    }
}

/// One embed as a card with a colour bar.
fn embed(embed: &Value) -> Block {
    let mut body = Vec::new();
    if let Some(description) = str_at(embed, "description") {
        body.extend(markup::markdown_blocks(&description));
    }
    let fields: Vec<Field> = embed
        .get("fields")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|field| Field {
            label: super::spans_text(&markup::markdown(
                &str_at(field, "name").unwrap_or_default(),
            )),
            value: markup::markdown(&str_at(field, "value").unwrap_or_default()),
            short: field
                .get("inline")
                .and_then(Value::as_bool)
                .unwrap_or(false),
        })
        .collect();
    if !fields.is_empty() {
        body.push(Block::Fields(fields));
    }
    for key in ["image", "thumbnail"] {
        if embed.get(key).and_then(|i| i.get("url")).is_some() {
            body.push(Block::text(format!("[{key}]")));
        }
    }
    let accent = embed
        .get("color")
        .and_then(Value::as_u64)
        .and_then(|c| u32::try_from(c).ok())
        .map_or(DEFAULT_BAR, rgb);
    Card {
        accent: Some(accent),
        author: embed.get("author").and_then(|a| str_at(a, "name")),
        title: str_at(embed, "title"),
        title_link: str_at(embed, "url"),
        body,
        footer: embed.get("footer").and_then(|f| str_at(f, "text")),
        timestamp: str_at(embed, "timestamp").map(|t| format_iso(&t)),
    }
    .into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::preview::{build, spans_text};
    use serde_json::json;

    #[test]
    fn payment_embed_with_colour_fields_and_footer() {
        let p = build(&Output {
            method: "POST".to_owned(),
            url: "https://discord.com/api/webhooks/123/abc".to_owned(),
            headers: Default::default(),
            payload: json!({
                "username": "Dodo Payments",
                "content": "**New payment** from *Jane*",
                "embeds": [{
                    "title": "✅ Payment Succeeded",
                    "url": "https://app.dodopayments.com",
                    "description": "Amount: **$49.00**",
                    "color": 0x2ECC71,
                    "author": {"name": "Acme"},
                    "fields": [
                        {"name": "Customer", "value": "Jane Doe", "inline": true},
                        {"name": "Payment ID", "value": "`pay_123`", "inline": true},
                        {"name": "Notes", "value": "none"}
                    ],
                    "footer": {"text": "Dodo Payments"},
                    "timestamp": "2026-01-01T10:30:00Z"
                }]
            }),
            cancel: false,
        });
        assert_eq!(p.destination, "Discord");
        assert_eq!(
            p.sentence_text(),
            "Posts a message with 1 embed to a Discord channel, as Dodo Payments: “New payment from Jane”"
        );
        let [
            Block::Context(_),
            Block::Paragraph(content),
            Block::Card(card),
        ] = p.blocks.as_slice()
        else {
            panic!("{:#?}", p.blocks)
        };
        assert!(content.iter().any(|s| s.bold && s.text == "New payment"));
        assert_eq!(card.accent, Some([0x2E, 0xCC, 0x71]));
        assert_eq!(card.author.as_deref(), Some("Acme"));
        assert_eq!(card.timestamp.as_deref(), Some("Jan 1, 2026 10:30:00 UTC"));
        let [Block::Paragraph(description), Block::Fields(fields)] = card.body.as_slice() else {
            panic!("{:#?}", card.body)
        };
        assert_eq!(spans_text(description), "Amount: $49.00");
        assert_eq!(
            fields
                .iter()
                .map(|f| (f.label.as_str(), f.short))
                .collect::<Vec<_>>(),
            vec![("Customer", true), ("Payment ID", true), ("Notes", false)]
        );
        assert!(
            fields
                .get(1)
                .is_some_and(|f| f.value.iter().any(|s| s.code))
        );
    }

    #[test]
    fn embed_without_colour_gets_the_default_bar() {
        let Block::Card(card) = embed(&json!({"title": "x", "color": "red"})) else {
            panic!("card")
        };
        assert_eq!(card.accent, Some(DEFAULT_BAR));
    }
}
