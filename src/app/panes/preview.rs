//! The destination preview pane: draws a [`Preview`] view model with egui.
//!
//! Cards get a coloured bar on the left, short fields sit side by side, tables are grids and
//! any other JSON is a collapsible tree. Every text a person reads is a real label.

use egui::text::LayoutJob;
use egui::{
    Align, CollapsingHeader, Color32, CornerRadius, FontSelection, Frame, Grid, Label, Margin,
    RichText, ScrollArea, Stroke, Ui,
};
use serde_json::Value;

use crate::preview::{Block, Card, Envelope, Field, Notice, Preview, Span, Tone};

/// Children of one JSON node shown before a "N more" line.
const MAX_JSON_CHILDREN: usize = 200;

/// Characters of one JSON scalar drawn before it is cut.
const MAX_JSON_SCALAR_CHARS: usize = 2_000;

/// JSON nesting drawn before deeper levels are shown as compact text.
const MAX_JSON_DEPTH: usize = 32;

/// Draws `preview`: the destination, the plain-words sentence, then the blocks, scrollable.
pub fn preview_ui(ui: &mut Ui, preview: &Preview) {
    ScrollArea::vertical()
        .id_salt("preview_pane_scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.label(
                RichText::new(format!("Preview: {}", preview.destination))
                    .small()
                    .weak(),
            );
            ui.add(Label::new(spans_job(ui, &preview.sentence, false)).wrap());
            ui.separator();
            blocks_ui(ui, &preview.blocks);
        });
}

fn blocks_ui(ui: &mut Ui, blocks: &[Block]) {
    for (index, block) in blocks.iter().enumerate() {
        ui.push_id(index, |ui| block_ui(ui, block));
    }
}

fn block_ui(ui: &mut Ui, block: &Block) {
    match block {
        Block::Heading(text) => {
            ui.add(Label::new(RichText::new(text).heading().strong()).wrap());
        }
        Block::Paragraph(spans) => spans_ui(ui, spans, false),
        Block::Context(spans) => spans_ui(ui, spans, true),
        Block::Divider => {
            ui.separator();
        }
        Block::Fields(fields) => fields_ui(ui, fields),
        Block::Card(card) => card_ui(ui, card),
        Block::Columns(columns) => {
            if columns.is_empty() {
                return;
            }
            ui.columns(columns.len(), |uis| {
                for (index, (column_ui, blocks)) in uis.iter_mut().zip(columns).enumerate() {
                    column_ui.push_id(index, |ui| blocks_ui(ui, blocks));
                }
            });
        }
        Block::Table { columns, rows } => table_ui(ui, columns, rows),
        Block::Envelope(envelope) => envelope_ui(ui, envelope),
        Block::KeyValues(pairs) => {
            Grid::new("key_values")
                .num_columns(2)
                .striped(true)
                .show(ui, |ui| {
                    for (key, value) in pairs {
                        ui.label(RichText::new(key).strong());
                        ui.add(Label::new(value).wrap());
                        ui.end_row();
                    }
                });
        }
        Block::JsonTree(value) => json_ui(ui, None, value, 0),
        Block::Notice(notice) => notice_ui(ui, notice),
    }
}

/// The spans as one wrapped label (links underlined; their targets on hover).
fn spans_ui(ui: &mut Ui, spans: &[Span], small: bool) {
    let response = ui.add(Label::new(spans_job(ui, spans, small)).wrap());
    let links: Vec<&str> = spans.iter().filter_map(|s| s.link.as_deref()).collect();
    if !links.is_empty() {
        response.on_hover_text(format!("Links to: {}", links.join(", ")));
    }
}

/// One layout job for a run of styled spans.
fn spans_job(ui: &Ui, spans: &[Span], small: bool) -> LayoutJob {
    let mut job = LayoutJob::default();
    let style = ui.style();
    for span in spans {
        let mut text = RichText::new(&span.text);
        if small {
            text = text.small().weak();
        }
        if span.bold {
            text = text.strong();
        }
        if span.italic {
            text = text.italics();
        }
        if span.code {
            text = text.code();
        }
        if span.strike {
            text = text.strikethrough();
        }
        if span.link.is_some() {
            text = text.underline().color(ui.visuals().hyperlink_color);
        }
        if let Some([r, g, b]) = span.color {
            text = text.color(Color32::from_rgb(r, g, b));
        }
        text.append_to(&mut job, style, FontSelection::Default, Align::Center);
    }
    job
}

/// Fields: consecutive short ones two a row, the others full width.
fn fields_ui(ui: &mut Ui, fields: &[Field]) {
    let mut index = 0;
    while let Some(field) = fields.get(index) {
        let pair = fields
            .get(index + 1)
            .filter(|next| field.short && next.short);
        ui.push_id(index, |ui| match pair {
            Some(next) => {
                ui.columns(2, |uis| {
                    if let [left, right] = uis {
                        // Columns are justified; wrapped values must not be stretched.
                        let layout = egui::Layout::top_down(Align::Min);
                        left.with_layout(layout, |ui| field_ui(ui, field));
                        right.with_layout(layout, |ui| field_ui(ui, next));
                    }
                });
            }
            None => field_ui(ui, field),
        });
        index += if pair.is_some() { 2 } else { 1 };
    }
}

fn field_ui(ui: &mut Ui, field: &Field) {
    if !field.label.is_empty() {
        ui.add(Label::new(RichText::new(&field.label).strong()).wrap());
    }
    spans_ui(ui, &field.value, false);
}

/// A card: a frame with the accent colour as a bar on its left edge.
fn card_ui(ui: &mut Ui, card: &Card) {
    let frame = Frame::group(ui.style()).inner_margin(Margin {
        left: 14,
        right: 8,
        top: 6,
        bottom: 6,
    });
    let response = frame.show(ui, |ui| {
        ui.set_width(ui.available_width());
        if let Some(author) = &card.author {
            ui.add(Label::new(RichText::new(author).small().strong()).wrap());
        }
        if let Some(title) = &card.title {
            let mut text = RichText::new(title).strong();
            if card.title_link.is_some() {
                text = text.color(ui.visuals().hyperlink_color);
            }
            let response = ui.add(Label::new(text).wrap());
            if let Some(link) = &card.title_link {
                response.on_hover_text(format!("Links to: {link}"));
            }
        }
        blocks_ui(ui, &card.body);
        let footer: Vec<&str> = [&card.footer, &card.timestamp]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect();
        if !footer.is_empty() {
            ui.add(Label::new(RichText::new(footer.join(" | ")).small().weak()).wrap());
        }
    });
    if let Some([r, g, b]) = card.accent {
        let rect = response.response.rect;
        let bar = egui::Rect::from_min_max(
            rect.left_top(),
            egui::pos2(rect.left() + 4.0, rect.bottom()),
        );
        ui.painter()
            .rect_filled(bar, CornerRadius::same(2), Color32::from_rgb(r, g, b));
    }
}

fn table_ui(ui: &mut Ui, columns: &[String], rows: &[Vec<String>]) {
    ScrollArea::horizontal()
        .id_salt("table_scroll")
        .auto_shrink([false, true])
        .show(ui, |ui| {
            Grid::new("table")
                .num_columns(columns.len())
                .striped(true)
                .show(ui, |ui| {
                    for column in columns {
                        ui.label(RichText::new(column).strong());
                    }
                    ui.end_row();
                    for row in rows {
                        for cell in row {
                            ui.label(cell);
                        }
                        ui.end_row();
                    }
                });
        });
}

fn envelope_ui(ui: &mut Ui, envelope: &Envelope) {
    let lines = [
        ("From", envelope.from.clone()),
        ("To", Some(envelope.to.join(", "))),
        ("Cc", Some(envelope.cc.join(", "))),
        ("Bcc", Some(envelope.bcc.join(", "))),
        ("Reply-To", envelope.reply_to.clone()),
        ("Subject", envelope.subject.clone()),
        ("Template", envelope.template_id.clone()),
    ];
    Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        Grid::new("envelope").num_columns(2).show(ui, |ui| {
            for (label, value) in lines {
                let Some(value) = value.filter(|v| !v.is_empty()) else {
                    continue;
                };
                ui.label(RichText::new(label).weak());
                let mut text = RichText::new(value);
                if label == "Subject" {
                    text = text.strong();
                }
                ui.add(Label::new(text).wrap());
                ui.end_row();
            }
        });
    });
}

fn notice_ui(ui: &mut Ui, notice: &Notice) {
    let visuals = ui.visuals();
    let (color, fill) = match notice.tone {
        Tone::Cancelled => (visuals.warn_fg_color, visuals.faint_bg_color),
        Tone::Truncated | Tone::Info => (visuals.weak_text_color(), visuals.faint_bg_color),
    };
    Frame::new()
        .fill(fill)
        .stroke(Stroke::new(1.0, color))
        .corner_radius(CornerRadius::same(4))
        .inner_margin(Margin::same(8))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            let mut text = RichText::new(&notice.text).color(color);
            if notice.tone == Tone::Cancelled {
                text = text.strong();
            } else {
                text = text.italics();
            }
            ui.add(Label::new(text).wrap());
        });
}

/// A JSON value: objects and arrays collapsible, scalars as `key: value` labels.
fn json_ui(ui: &mut Ui, key: Option<&str>, value: &Value, depth: usize) {
    let prefix = key.map(|k| format!("{k}: ")).unwrap_or_default();
    let children: Vec<(String, &Value)> = match value {
        Value::Object(map) => map.iter().map(|(k, v)| (k.clone(), v)).collect(),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| (i.to_string(), v))
            .collect(),
        scalar => {
            let mut text = match scalar {
                Value::String(s) => format!("{s:?}"),
                other => other.to_string(),
            };
            clip(&mut text);
            ui.add(Label::new(RichText::new(format!("{prefix}{text}")).monospace()).wrap());
            return;
        }
    };
    let summary = match value {
        Value::Object(map) => format!("{prefix}{{…}} {} fields", map.len()),
        _ => format!("{prefix}[…] {} items", children.len()),
    };
    if depth >= MAX_JSON_DEPTH {
        let mut text = format!("{prefix}{value}");
        clip(&mut text);
        ui.add(Label::new(RichText::new(text).monospace()).wrap());
        return;
    }
    CollapsingHeader::new(RichText::new(summary).monospace())
        .id_salt(("json", depth, key.unwrap_or("root")))
        .default_open(depth < 2)
        .show(ui, |ui| {
            for (index, (child_key, child)) in children.iter().take(MAX_JSON_CHILDREN).enumerate() {
                ui.push_id(index, |ui| json_ui(ui, Some(child_key), child, depth + 1));
            }
            if children.len() > MAX_JSON_CHILDREN {
                ui.label(
                    RichText::new(format!(
                        "{} more not shown",
                        children.len() - MAX_JSON_CHILDREN
                    ))
                    .italics()
                    .weak(),
                );
            }
        });
}

/// Cuts `text` to [`MAX_JSON_SCALAR_CHARS`] characters, saying so.
fn clip(text: &mut String) {
    if let Some((cut_at, _)) = text.char_indices().nth(MAX_JSON_SCALAR_CHARS) {
        text.truncate(cut_at);
        text.push_str("… (cut)");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Output;
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable as _;
    use serde_json::json;

    fn output(url: &str, payload: Value) -> Output {
        Output {
            method: "POST".to_owned(),
            url: url.to_owned(),
            headers: Default::default(),
            payload,
            cancel: false,
        }
    }

    #[test]
    fn slack_attachment_shows_sentence_fields_and_footer() {
        let preview = crate::preview::build(&output(
            "https://hooks.slack.com/services/T/B/X",
            json!({"attachments": [{
                "color": "good", "title": "Payment received",
                "fields": [{"title": "Amount", "value": "$49.00 USD", "short": true},
                           {"title": "Customer", "value": "Jane Doe", "short": true}],
                "footer": "Dodo Payments", "ts": 1767225600
            }]}),
        ));
        let harness = Harness::new_ui(|ui| preview_ui(ui, &preview));
        harness.get_by_label(
            "Posts a message with 1 attachment to a Slack channel: “Payment received”",
        );
        harness.get_by_label("Preview: Slack");
        harness.get_by_label("Payment received");
        harness.get_by_label("Amount");
        harness.get_by_label_contains("$49.00");
        harness.get_by_label("Dodo Payments | Jan 1, 2026 00:00 UTC");
    }

    #[test]
    fn cancelled_notice_table_envelope_and_json_tree_are_labels() {
        let preview = crate::preview::cancelled("refund.succeeded");
        let harness = Harness::new_ui(|ui| preview_ui(ui, &preview));
        harness.get_by_label("Nothing is sent: the transform cancels refund.succeeded");
        harness.get_by_label_contains("Cancelled: the transform set cancel = true");

        let preview = crate::preview::build(&output(
            "https://api.segment.io/v1/track",
            json!({"userId": "cus_1", "event": "Payment Completed", "properties": {"amount": "49.00"}}),
        ));
        let harness = Harness::new_ui(|ui| preview_ui(ui, &preview));
        harness.get_by_label("Property");
        harness.get_by_label("49.00");
        harness.get_by_label("string");

        let preview = crate::preview::build(&output(
            "https://api.resend.com/emails",
            json!({"from": "a@x.io", "to": "jane@example.com", "subject": "Receipt",
                   "html": "<p>Paid <b>$49.00</b></p>"}),
        ));
        let harness = Harness::new_ui(|ui| preview_ui(ui, &preview));
        harness.get_by_label("jane@example.com");
        harness.get_by_label("Receipt");
        harness.get_by_label("Paid $49.00");

        let preview = crate::preview::build(&output(
            "https://webhook.example.com",
            json!({"order": {"id": 42, "tags": ["a"]}}),
        ));
        let harness = Harness::new_ui(|ui| preview_ui(ui, &preview));
        harness.get_by_label_contains("order: {…} 2 fields");
        harness.get_by_label("id: 42");

        let preview = crate::preview::build(&output(
            "https://webhook.example.com",
            json!({"blob": "z".repeat(10_000)}),
        ));
        let harness = Harness::new_ui(|ui| preview_ui(ui, &preview));
        let label = format!("blob: \"{}… (cut)", "z".repeat(MAX_JSON_SCALAR_CHARS - 1));
        harness.get_by_label(&label);
    }
}
