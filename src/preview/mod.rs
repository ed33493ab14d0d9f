//! Destination-style previews: what the receiving service will show for one transform output.
//!
//! [`build`] turns an [`Output`] into a [`Preview`]: a destination label, a plain-words
//! [sentence](Preview::sentence) ("Segment will record the event **Payment Completed** for
//! user `cus_8VbC…` with 6 properties") and a list of [`Block`]s, a small view model the GUI
//! draws (Slack attachments with their colour bar, Discord embeds, Teams cards, an email
//! envelope and body, property tables, or a JSON tree for anything else).
//!
//! The destination is chosen from the output URL, as the validators do. Nothing here runs
//! scripts, loads images or touches the network: HTML is reduced to text by a small
//! tag-stripping converter, and images become `[image: alt]`.
//!
//! Huge outputs are capped: at most [`MAX_TABLE_ROWS`] rows per table and about
//! [`MAX_TEXT_CHARS`] characters of text in all, with a [`Notice`] saying what was left out.

mod close;
mod customerio;
mod destination;
mod discord;
mod email;
mod generic;
mod html;
mod hubspot;
mod inngest;
mod limit;
mod markup;
mod segment;
mod sentence;
mod slack;
mod table;
mod teams;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::engine::Output;

use destination::Kind;

/// Rows kept per table before a "N more rows not shown" notice.
pub const MAX_TABLE_ROWS: usize = 200;

/// Characters of text kept per preview before a "content truncated" notice.
pub const MAX_TEXT_CHARS: usize = 20_000;

/// What the destination will show, as a view model (no egui).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Preview {
    /// Who receives it, for people: "Slack", "Segment", "Webhook", …
    pub destination: String,
    /// One plain-words line saying what will happen, with bold and code spans.
    pub sentence: Vec<Span>,
    /// The destination-style rendering, top to bottom.
    pub blocks: Vec<Block>,
}

impl Preview {
    /// The sentence as plain text (spans joined, styles dropped).
    pub fn sentence_text(&self) -> String {
        spans_text(&self.sentence)
    }

    /// Every text a person can read in the preview, one block a line (for tests and search).
    pub fn plain_text(&self) -> String {
        let mut out = self.sentence_text();
        for block in &self.blocks {
            out.push('\n');
            block.write_text(&mut out);
        }
        out
    }
}

/// A run of text with one style.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// The text; may hold line breaks.
    pub text: String,
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
    /// Monospace code.
    pub code: bool,
    /// Struck through.
    pub strike: bool,
    /// The target when the text is a link.
    pub link: Option<String>,
    /// A text colour the destination applies (Teams `Good`/`Warning`/`Attention`, …).
    pub color: Option<[u8; 3]>,
}

impl Span {
    /// Plain text.
    pub fn plain(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            ..Self::default()
        }
    }

    /// Bold text.
    pub fn bold(text: impl Into<String>) -> Self {
        Self {
            bold: true,
            ..Self::plain(text)
        }
    }

    /// Italic text.
    pub fn italic(text: impl Into<String>) -> Self {
        Self {
            italic: true,
            ..Self::plain(text)
        }
    }

    /// Monospace code.
    pub fn code(text: impl Into<String>) -> Self {
        Self {
            code: true,
            ..Self::plain(text)
        }
    }

    /// A link showing `text` and pointing at `url`.
    pub fn link(text: impl Into<String>, url: impl Into<String>) -> Self {
        Self {
            link: Some(url.into()),
            ..Self::plain(text)
        }
    }
}

/// The text of `spans` joined, styles dropped.
pub fn spans_text(spans: &[Span]) -> String {
    spans.iter().map(|s| s.text.as_str()).collect()
}

/// One labelled value of a Slack `fields` list or a Discord embed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Field {
    /// The field's title, shown bold.
    pub label: String,
    /// The value, with inline styles.
    pub value: Vec<Span>,
    /// Short (Slack) or inline (Discord): shown side by side with its short neighbours.
    pub short: bool,
}

/// A bordered card: a Slack attachment, a Discord embed, a Teams card.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Card {
    /// The colour of the bar on the left, when the destination draws one.
    pub accent: Option<[u8; 3]>,
    /// A small line above the title.
    pub author: Option<String>,
    /// The bold title.
    pub title: Option<String>,
    /// Where the title links to.
    pub title_link: Option<String>,
    /// The card's content.
    pub body: Vec<Block>,
    /// Small text at the bottom.
    pub footer: Option<String>,
    /// The time shown next to the footer, already formatted for people.
    pub timestamp: Option<String>,
}

/// The envelope of an email: who sends it to whom, and about what.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Envelope {
    /// The sender, as written (`"Shop <billing@shop.com>"`).
    pub from: Option<String>,
    /// Recipients.
    pub to: Vec<String>,
    /// Copied recipients.
    pub cc: Vec<String>,
    /// Blind-copied recipients.
    pub bcc: Vec<String>,
    /// Where replies go.
    pub reply_to: Option<String>,
    /// The subject line.
    pub subject: Option<String>,
    /// The destination template that renders the email, when one is used.
    pub template_id: Option<String>,
}

/// How a [`Notice`] should look.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Tone {
    /// A neutral remark.
    #[default]
    Info,
    /// Nothing will be sent.
    Cancelled,
    /// Part of the content is not shown.
    Truncated,
}

/// A remark about the preview itself (not destination content).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    /// How it should look.
    pub tone: Tone,
    /// What it says.
    pub text: String,
}

/// One piece of the destination-style rendering.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Block {
    /// A large bold line.
    Heading(String),
    /// Text with inline styles; line breaks are kept.
    Paragraph(Vec<Span>),
    /// A horizontal rule.
    Divider,
    /// Small, muted text (Slack context blocks, footers of sections).
    Context(Vec<Span>),
    /// Labelled values; short ones go side by side.
    Fields(Vec<Field>),
    /// A bordered card with an optional colour bar.
    Card(Card),
    /// Columns next to each other (Teams `ColumnSet`), each a list of blocks.
    Columns(Vec<Vec<Block>>),
    /// A table (property tables with JSON types).
    Table {
        /// Column titles.
        columns: Vec<String>,
        /// Cells, one `Vec` a row, as many cells as columns.
        rows: Vec<Vec<String>>,
    },
    /// The envelope of an email.
    Envelope(Envelope),
    /// Name/value pairs in two columns (Teams facts, who/when of an analytics call).
    KeyValues(Vec<(String, String)>),
    /// Any JSON, shown as a collapsible tree.
    JsonTree(Value),
    /// A remark about the preview: cancelled, truncated, …
    Notice(Notice),
}

impl Block {
    /// A paragraph of one plain span.
    pub fn text(text: impl Into<String>) -> Self {
        Self::Paragraph(vec![Span::plain(text)])
    }

    /// An informative notice.
    pub fn info(text: impl Into<String>) -> Self {
        Self::Notice(Notice {
            tone: Tone::Info,
            text: text.into(),
        })
    }

    /// Appends the block's readable text to `out`.
    fn write_text(&self, out: &mut String) {
        match self {
            Self::Heading(text) => out.push_str(text),
            Self::Paragraph(spans) | Self::Context(spans) => out.push_str(&spans_text(spans)),
            Self::Divider => out.push_str("---"),
            Self::Fields(fields) => {
                for field in fields {
                    out.push_str(&field.label);
                    out.push_str(": ");
                    out.push_str(&spans_text(&field.value));
                    out.push('\n');
                }
            }
            Self::Card(card) => {
                for text in [&card.author, &card.title].into_iter().flatten() {
                    out.push_str(text);
                    out.push('\n');
                }
                for block in &card.body {
                    block.write_text(out);
                    out.push('\n');
                }
                for text in [&card.footer, &card.timestamp].into_iter().flatten() {
                    out.push_str(text);
                    out.push('\n');
                }
            }
            Self::Columns(columns) => {
                for block in columns.iter().flatten() {
                    block.write_text(out);
                    out.push('\n');
                }
            }
            Self::Table { columns, rows } => {
                out.push_str(&columns.join(" | "));
                for row in rows {
                    out.push('\n');
                    out.push_str(&row.join(" | "));
                }
            }
            Self::Envelope(envelope) => {
                let lines = [
                    ("From", envelope.from.clone()),
                    ("To", Some(envelope.to.join(", "))),
                    ("Cc", Some(envelope.cc.join(", "))),
                    ("Bcc", Some(envelope.bcc.join(", "))),
                    ("Reply-To", envelope.reply_to.clone()),
                    ("Subject", envelope.subject.clone()),
                    ("Template", envelope.template_id.clone()),
                ];
                for (label, value) in lines {
                    if let Some(value) = value.filter(|v| !v.is_empty()) {
                        out.push_str(&format!("{label}: {value}\n"));
                    }
                }
            }
            Self::KeyValues(pairs) => {
                for (key, value) in pairs {
                    out.push_str(&format!("{key}: {value}\n"));
                }
            }
            Self::JsonTree(value) => out.push_str(&value.to_string()),
            Self::Notice(notice) => out.push_str(&notice.text),
        }
    }
}

impl From<Card> for Block {
    fn from(card: Card) -> Self {
        Self::Card(card)
    }
}

// ----------------------------------------------------------------------------

/// The preview of `output` as its destination will show it.
///
/// A cancelled output gives the same preview as [`cancelled`], with the event type read from
/// `payload.type` when the payload is still a Dodo envelope; a caller that knows the event
/// type should call [`cancelled`] itself.
pub fn build(output: &Output) -> Preview {
    build_for_card(output, None)
}

/// Like [`build`], but when the URL names no known destination (no URL entered yet, so it is
/// still `https://webhook.example.com`), the integration card the user picked decides how
/// the body is shown: a Slack card previews as a Slack message before its webhook URL is in.
pub fn build_for_card(output: &Output, card_id: Option<&str>) -> Preview {
    if output.cancel {
        let event_type = output
            .payload
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or_default();
        return cancelled(event_type);
    }
    let mut kind = destination::destination_kind(&output.url);
    if kind == Kind::Other
        && let Some(from_card) = card_id.and_then(destination::kind_for_card)
    {
        kind = from_card;
    }
    let mut preview = match kind {
        Kind::Slack { via_discord } => slack::preview(output, via_discord),
        Kind::Discord => discord::preview(output),
        Kind::Teams => teams::preview(output),
        Kind::SendGrid => email::sendgrid(output),
        Kind::Resend => email::resend(output),
        Kind::Loops => email::loops(output),
        Kind::Segment => segment::preview(output),
        Kind::CustomerIo => customerio::preview(output),
        Kind::HubSpot => hubspot::preview(output),
        Kind::Close => close::preview(output),
        Kind::Inngest => inngest::preview(output),
        Kind::Other => generic::preview(output),
    };
    if preview.destination.is_empty() {
        kind.label().clone_into(&mut preview.destination);
    }
    limit::apply(&mut preview.blocks);
    preview
}

/// The preview of a cancelled webhook: nothing is sent.
pub fn cancelled(event_type: &str) -> Preview {
    let mut sentence = vec![Span::plain("Nothing is sent: the transform cancels ")];
    if event_type.is_empty() {
        sentence.push(Span::plain("this event"));
    } else {
        sentence.push(Span::code(event_type));
    }
    Preview {
        destination: "Nothing is sent".to_owned(),
        sentence,
        blocks: vec![Block::Notice(Notice {
            tone: Tone::Cancelled,
            text: "Cancelled: the transform set cancel = true, so this webhook is not \
                   delivered. The dashboard counts a cancelled message as a successful \
                   dispatch and does not retry it."
                .to_owned(),
        })],
    }
}

// ----------------------------------------------------------------------------
// Small helpers the destination files share.

/// `#RRGGBB` or `RRGGBB` (also `#RGB`) to RGB.
pub(crate) fn hex_color(text: &str) -> Option<[u8; 3]> {
    let hex = text.trim().trim_start_matches('#');
    let hex = match hex.len() {
        3 => hex.chars().flat_map(|c| [c, c]).collect::<String>(),
        6 => hex.to_owned(),
        _ => return None,
    };
    let value = u32::from_str_radix(&hex, 16).ok()?;
    Some(rgb(value))
}

/// `0xRRGGBB` to RGB.
pub(crate) fn rgb(value: u32) -> [u8; 3] {
    let [_, r, g, b] = value.to_be_bytes();
    [r, g, b]
}

/// Unix seconds as people read them: `Jan 1, 2026 00:00 UTC`.
pub(crate) fn format_unix(secs: f64) -> Option<String> {
    if !secs.is_finite() {
        return None;
    }
    #[allow(clippy::cast_possible_truncation)]
    let time = chrono::DateTime::from_timestamp(secs.trunc() as i64, 0)?;
    Some(time.format("%b %-d, %Y %H:%M UTC").to_string())
}

/// An ISO-8601 time as people read it (in UTC), or the text as is when it is not one.
pub(crate) fn format_iso(text: &str) -> String {
    match chrono::DateTime::parse_from_rfc3339(text.trim()) {
        Ok(time) => time
            .with_timezone(&chrono::Utc)
            .format("%b %-d, %Y %H:%M:%S UTC")
            .to_string(),
        Err(_) => text.to_owned(),
    }
}

/// A JSON timestamp that is Unix seconds (number or numeric string), formatted.
pub(crate) fn unix_value(value: &Value) -> Option<String> {
    match value {
        Value::Number(n) => format_unix(n.as_f64()?),
        Value::String(s) => format_unix(s.trim().parse().ok()?),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn output(url: &str, payload: Value) -> Output {
        Output {
            method: "POST".to_owned(),
            url: url.to_owned(),
            headers: std::collections::BTreeMap::new(),
            payload,
            cancel: false,
        }
    }

    #[test]
    fn cancelled_output_names_the_event_and_has_a_cancel_notice() {
        let mut out = output(
            "https://hooks.slack.com/services/T/B/X",
            json!({"type": "refund.succeeded", "data": {}}),
        );
        out.cancel = true;
        let p = build(&out);
        assert_eq!(
            p.sentence_text(),
            "Nothing is sent: the transform cancels refund.succeeded"
        );
        assert!(
            p.sentence
                .iter()
                .any(|s| s.code && s.text == "refund.succeeded")
        );
        assert!(matches!(
            p.blocks.as_slice(),
            [Block::Notice(Notice {
                tone: Tone::Cancelled,
                ..
            })]
        ));
    }

    #[test]
    fn cancelled_without_event_type_still_reads_well() {
        assert_eq!(
            cancelled("").sentence_text(),
            "Nothing is sent: the transform cancels this event"
        );
    }

    #[test]
    fn wrong_shapes_never_panic_and_always_say_something() {
        let urls = [
            "https://hooks.slack.com/services/x",
            "https://discord.com/api/webhooks/1/t",
            "https://a.webhook.office.com/x",
            "https://api.sendgrid.com/v3/mail/send",
            "https://api.resend.com/emails",
            "https://api.resend.com/emails/batch",
            "https://app.loops.so/api/v1/events/send",
            "https://app.loops.so/api/v1/transactional",
            "https://app.loops.so/api/v1/contacts/create",
            "https://api.segment.io/v1/track",
            "https://api.segment.io/v1/batch",
            "https://api.segment.io/",
            "https://track.customer.io/api/v2/entity",
            "https://track.customer.io/api/v2/batch",
            "https://api.hubapi.com/crm/v3/objects/contacts/1",
            "https://api.close.com/",
            "https://inn.gs/e/k",
            "https://hooks.zapier.com/x",
            "",
        ];
        // One child a level (three would grow as 3^depth).
        let mut deep = json!({"type": "TextBlock", "text": "leaf"});
        for level in 0..300 {
            deep = match level % 3 {
                0 => json!({"type": "Container", "items": [deep]}),
                1 => json!({"type": "ColumnSet", "columns": [{"items": [deep]}]}),
                _ => json!({"type": "AdaptiveCard", "body": [deep]}),
            };
        }
        let payloads = [
            json!(null),
            json!(42),
            json!("text"),
            json!([1, null, {"name": 5}]),
            json!({}),
            json!({"text": 5, "attachments": "x", "blocks": [{"type": 5}, null, "s"],
                   "embeds": [1, null, {"color": -1, "fields": [null, {"name": []}]}],
                   "personalizations": {"a": 1}, "content": [null, {"type": "text/html"}],
                   "batch": "x", "to": [1, {"a": 2}], "html": 7, "identifiers": [],
                   "properties": "p", "traits": [1], "attributes": null, "inputs": {},
                   "type": "AdaptiveCard", "body": [{"type": "ColumnSet", "columns": "x"}],
                   "eventProperties": 3, "data": [], "ts": "soon", "timestamp": {}}),
            json!({"batch": [null, 1, {"type": []}], "attachments": [{"fields": "f", "ts": "x"}]}),
            deep,
        ];
        for url in urls {
            for payload in &payloads {
                let p = build(&output(url, payload.clone()));
                assert!(!p.destination.is_empty(), "{url}");
                assert!(!p.sentence_text().trim().is_empty(), "{url} {payload}");
            }
        }
    }

    #[test]
    fn unknown_host_gets_a_json_tree() {
        let p = build(&output("https://example.com/hook", json!({"a": 1})));
        assert_eq!(p.destination, "Webhook");
        assert!(p.blocks.iter().any(|b| matches!(b, Block::JsonTree(_))));
    }
}
