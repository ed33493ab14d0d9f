//! The text budget of one preview: content past [`MAX_TEXT_CHARS`] is cut with a notice.

use super::{Block, Card, MAX_TEXT_CHARS, Notice, Span, Tone};

/// Cuts `blocks` to about [`MAX_TEXT_CHARS`] characters of text and, when something was cut,
/// appends a notice saying how much.
pub(crate) fn apply(blocks: &mut Vec<Block>) {
    let mut budget = MAX_TEXT_CHARS;
    let hidden = trim_blocks(blocks, &mut budget);
    if hidden > 0 {
        blocks.push(Block::Notice(Notice {
            tone: Tone::Truncated,
            text: format!(
                "Content truncated: {hidden} more characters not shown (the preview shows the \
                 first {MAX_TEXT_CHARS}; the full body is in the Output tab)"
            ),
        }));
    }
}

/// Trims `blocks` to `budget` characters; returns how many were cut.
fn trim_blocks(blocks: &mut Vec<Block>, budget: &mut usize) -> usize {
    let mut hidden = 0;
    let mut keep = blocks.len();
    for (index, block) in blocks.iter_mut().enumerate() {
        if *budget == 0 {
            keep = keep.min(index);
            hidden += size(block);
            continue;
        }
        hidden += trim_block(block, budget);
    }
    blocks.truncate(keep);
    hidden
}

/// Trims one block to `budget`; returns how many characters were cut.
fn trim_block(block: &mut Block, budget: &mut usize) -> usize {
    match block {
        Block::Notice(_) => 0,
        Block::Divider | Block::JsonTree(_) => {
            *budget = budget.saturating_sub(1);
            0
        }
        Block::Heading(text) => trim_string(text, budget),
        Block::Paragraph(spans) | Block::Context(spans) => trim_spans(spans, budget),
        Block::Fields(fields) => {
            let mut hidden = 0;
            let mut keep = fields.len();
            for (index, field) in fields.iter_mut().enumerate() {
                if *budget == 0 {
                    keep = keep.min(index);
                    hidden += chars(&field.label) + spans_size(&field.value);
                    continue;
                }
                hidden += trim_string(&mut field.label, budget);
                hidden += trim_spans(&mut field.value, budget);
            }
            fields.truncate(keep);
            hidden
        }
        Block::Card(card) => trim_card(card, budget),
        Block::Columns(columns) => columns
            .iter_mut()
            .map(|column| trim_blocks(column, budget))
            .sum(),
        Block::Table { rows, .. } => {
            let mut hidden = 0;
            let mut keep = rows.len();
            for (index, row) in rows.iter_mut().enumerate() {
                if *budget == 0 {
                    keep = keep.min(index);
                    hidden += row.iter().map(|c| chars(c)).sum::<usize>();
                    continue;
                }
                for cell in row.iter_mut() {
                    hidden += trim_string(cell, budget);
                }
            }
            rows.truncate(keep);
            hidden
        }
        Block::KeyValues(pairs) => {
            let mut hidden = 0;
            let mut keep = pairs.len();
            for (index, (key, value)) in pairs.iter_mut().enumerate() {
                if *budget == 0 {
                    keep = keep.min(index);
                    hidden += chars(key) + chars(value);
                    continue;
                }
                hidden += trim_string(key, budget) + trim_string(value, budget);
            }
            pairs.truncate(keep);
            hidden
        }
        Block::Envelope(envelope) => {
            let mut hidden = 0;
            for text in [
                &mut envelope.from,
                &mut envelope.subject,
                &mut envelope.reply_to,
            ]
            .into_iter()
            .flatten()
            {
                hidden += trim_string(text, budget);
            }
            for list in [&mut envelope.to, &mut envelope.cc, &mut envelope.bcc] {
                for text in list.iter_mut() {
                    hidden += trim_string(text, budget);
                }
            }
            hidden
        }
    }
}

fn trim_card(card: &mut Card, budget: &mut usize) -> usize {
    let mut hidden = 0;
    for text in [&mut card.author, &mut card.title].into_iter().flatten() {
        hidden += trim_string(text, budget);
    }
    hidden += trim_blocks(&mut card.body, budget);
    for text in [&mut card.footer, &mut card.timestamp]
        .into_iter()
        .flatten()
    {
        hidden += trim_string(text, budget);
    }
    hidden
}

fn trim_spans(spans: &mut Vec<Span>, budget: &mut usize) -> usize {
    let mut hidden = 0;
    let mut keep = spans.len();
    for (index, span) in spans.iter_mut().enumerate() {
        if *budget == 0 {
            keep = keep.min(index);
            hidden += chars(&span.text);
            continue;
        }
        hidden += trim_string(&mut span.text, budget);
    }
    spans.truncate(keep);
    hidden
}

/// Cuts `text` to `budget` characters (adding `…`); returns how many were cut.
fn trim_string(text: &mut String, budget: &mut usize) -> usize {
    let len = chars(text);
    if len <= *budget {
        *budget -= len;
        return 0;
    }
    let cut_at = text
        .char_indices()
        .nth(*budget)
        .map_or(text.len(), |(byte, _)| byte);
    text.truncate(cut_at);
    text.push('…');
    let hidden = len - *budget;
    *budget = 0;
    hidden
}

fn chars(text: &str) -> usize {
    text.chars().count()
}

fn spans_size(spans: &[Span]) -> usize {
    spans.iter().map(|s| chars(&s.text)).sum()
}

/// The characters of text in `block`.
fn size(block: &Block) -> usize {
    match block {
        Block::Notice(_) | Block::Divider | Block::JsonTree(_) => 0,
        Block::Heading(text) => chars(text),
        Block::Paragraph(spans) | Block::Context(spans) => spans_size(spans),
        Block::Fields(fields) => fields
            .iter()
            .map(|f| chars(&f.label) + spans_size(&f.value))
            .sum(),
        Block::Card(card) => {
            [&card.author, &card.title, &card.footer, &card.timestamp]
                .into_iter()
                .flatten()
                .map(|t| chars(t))
                .sum::<usize>()
                + card.body.iter().map(size).sum::<usize>()
        }
        Block::Columns(columns) => columns.iter().flatten().map(size).sum(),
        Block::Table { rows, .. } => rows.iter().flatten().map(|c| chars(c)).sum(),
        Block::KeyValues(pairs) => pairs.iter().map(|(k, v)| chars(k) + chars(v)).sum(),
        Block::Envelope(envelope) => {
            [&envelope.from, &envelope.subject, &envelope.reply_to]
                .into_iter()
                .flatten()
                .map(|t| chars(t))
                .sum::<usize>()
                + [&envelope.to, &envelope.cc, &envelope.bcc]
                    .into_iter()
                    .flatten()
                    .map(|t| chars(t))
                    .sum::<usize>()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_cut_with_a_notice() {
        let mut blocks = vec![
            Block::text("a".repeat(MAX_TEXT_CHARS - 10)),
            Block::text("b".repeat(50)),
            Block::Divider,
            Block::text("c".repeat(40)),
        ];
        apply(&mut blocks);
        assert_eq!(blocks.len(), 3, "{blocks:?}");
        let Some(Block::Paragraph(spans)) = blocks.get(1) else {
            panic!("paragraph")
        };
        assert_eq!(spans.first().map(|s| s.text.as_str()), Some("bbbbbbbbbb…"));
        let Some(Block::Notice(notice)) = blocks.last() else {
            panic!("notice")
        };
        assert_eq!(notice.tone, Tone::Truncated);
        // 40 b's, then the divider and 40 c's are dropped.
        assert!(
            notice.text.contains("80 more characters not shown"),
            "{}",
            notice.text
        );
    }

    #[test]
    fn small_previews_are_untouched() {
        let mut blocks = vec![Block::Heading("Paid".to_owned()), Block::text("ok")];
        let before = blocks.clone();
        apply(&mut blocks);
        assert_eq!(blocks, before);
    }
}
