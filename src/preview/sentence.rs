//! The plain-words line on top of a preview: a small builder and the wording helpers.

use serde_json::Value;

use super::{Block, Span, spans_text};

/// Builds a sentence span by span.
#[derive(Debug, Default)]
pub(crate) struct Sentence(Vec<Span>);

impl Sentence {
    /// Starts with plain `text`.
    pub(crate) fn new(text: impl Into<String>) -> Self {
        Self(vec![Span::plain(text)])
    }

    /// Adds plain text.
    pub(crate) fn plain(mut self, text: impl Into<String>) -> Self {
        self.0.push(Span::plain(text));
        self
    }

    /// Adds bold text.
    pub(crate) fn bold(mut self, text: impl Into<String>) -> Self {
        self.0.push(Span::bold(text));
        self
    }

    /// Adds code text.
    pub(crate) fn code(mut self, text: impl Into<String>) -> Self {
        self.0.push(Span::code(text));
        self
    }

    /// Adds `: “headline”` when there is one.
    pub(crate) fn quote(self, headline: Option<String>) -> Self {
        match headline {
            Some(line) => self.plain(format!(": “{line}”")),
            None => self,
        }
    }

    /// The spans.
    pub(crate) fn done(self) -> Vec<Span> {
        self.0
    }
}

/// The first line a reader sees in `blocks` (a heading, paragraph or card title), clipped.
pub(crate) fn headline(blocks: &[Block]) -> Option<String> {
    for block in blocks {
        let text = match block {
            Block::Heading(text) => text.clone(),
            Block::Paragraph(spans) => spans_text(spans),
            Block::Card(card) => match &card.title {
                Some(title) => title.clone(),
                None => match headline(&card.body) {
                    Some(line) => return Some(line),
                    None => continue,
                },
            },
            _ => continue,
        };
        if let Some(line) = text.lines().find(|l| !l.trim().is_empty()) {
            return Some(clip(line, 80));
        }
    }
    None
}

/// "1 property", "6 properties".
pub(crate) fn count(n: usize, singular: &str, plural: &str) -> String {
    if n == 1 {
        format!("1 {singular}")
    } else {
        format!("{n} {plural}")
    }
}

/// `word` with its indefinite article: "a contact", "an opportunity".
pub(crate) fn a(word: &str) -> String {
    let vowel = word
        .chars()
        .next()
        .is_some_and(|c| "aeiouAEIOU".contains(c));
    if vowel {
        format!("an {word}")
    } else {
        format!("a {word}")
    }
}

/// An id short enough for a sentence: `cus_8VbC6JDZzPEqfBPUdpj0K` -> `cus_8VbC…`.
pub(crate) fn short_id(id: &str) -> String {
    if id.chars().count() <= 12 {
        id.to_owned()
    } else {
        let mut short: String = id.chars().take(8).collect();
        short.push('…');
        short
    }
}

/// `text` cut to `max` characters with an ellipsis, on one line.
pub(crate) fn clip(text: &str, max: usize) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= max {
        one_line
    } else {
        let mut out: String = one_line.chars().take(max.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

/// A JSON value as a person reads it: strings without quotes, everything else as JSON.
pub(crate) fn value_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The string at `key` of `value`, when it is a non-empty string (numbers are written out).
pub(crate) fn str_at(value: &Value, key: &str) -> Option<String> {
    match value.get(key)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_short_ids() {
        assert_eq!(count(1, "embed", "embeds"), "1 embed");
        assert_eq!(count(0, "embed", "embeds"), "0 embeds");
        assert_eq!(short_id("cus_8VbC6JDZzPEqfBPUdpj0K"), "cus_8VbC…");
        assert_eq!(short_id("user_42"), "user_42");
        assert_eq!(clip("a  b\nc", 10), "a b c");
        assert_eq!(a("opportunity"), "an opportunity");
        assert_eq!(a("deal"), "a deal");
        assert_eq!(clip("abcdefghijkl", 5), "abcd…");
    }
}
