//! Syntax highlighting for the two languages the app edits: JavaScript and JSON.
//!
//! A small hand-written tokenizer (no regex literals) turns text into an egui
//! [`LayoutJob`]; [`Highlighter`] memoizes the job so an unchanged text costs one hash.

use std::hash::{Hash as _, Hasher as _};
use std::sync::Arc;

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, Galley, Ui};

use crate::app::theme::SyntaxColors;

/// The language of a text shown with highlighting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Transformation code.
    JavaScript,
    /// Payloads and output bodies.
    Json,
}

/// The kind of one token, which picks its colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Spaces, punctuation and operators.
    Plain,
    /// A reserved word such as `function` or `return`.
    Keyword,
    /// `true`, `false`, `null`, `undefined`.
    Literal,
    /// A quoted string or template literal.
    String,
    /// A JSON object key.
    Key,
    /// A number.
    Number,
    /// A line or block comment.
    Comment,
    /// Any other identifier.
    Ident,
}

const JS_KEYWORDS: &[&str] = &[
    "async",
    "await",
    "break",
    "case",
    "catch",
    "class",
    "const",
    "continue",
    "default",
    "delete",
    "do",
    "else",
    "export",
    "extends",
    "finally",
    "for",
    "function",
    "if",
    "import",
    "in",
    "instanceof",
    "let",
    "new",
    "of",
    "return",
    "switch",
    "this",
    "throw",
    "try",
    "typeof",
    "var",
    "void",
    "while",
    "yield",
];

const LITERALS: &[&str] = &["true", "false", "null", "undefined", "NaN", "Infinity"];

/// Splits `text` into `(byte range, kind)` tokens that cover it exactly.
pub fn tokenize(text: &str, lang: Lang) -> Vec<(std::ops::Range<usize>, TokenKind)> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        let c = bytes[i];
        let kind = if c == b'/' && lang == Lang::JavaScript && bytes.get(i + 1) == Some(&b'/') {
            i = find_from(bytes, i, b'\n');
            TokenKind::Comment
        } else if c == b'/' && lang == Lang::JavaScript && bytes.get(i + 1) == Some(&b'*') {
            i = text[i + 2..]
                .find("*/")
                .map_or(bytes.len(), |end| i + 2 + end + 2);
            TokenKind::Comment
        } else if c == b'"' || (lang == Lang::JavaScript && (c == b'\'' || c == b'`')) {
            i = string_end(bytes, i, c);
            if lang == Lang::Json && is_json_key(bytes, i) {
                TokenKind::Key
            } else {
                TokenKind::String
            }
        } else if c.is_ascii_digit() || (c == b'-' && lang == Lang::Json) {
            i += 1;
            while i < bytes.len()
                && (bytes[i].is_ascii_alphanumeric()
                    || matches!(bytes[i], b'.' | b'_' | b'+' | b'-'))
            {
                // Stop a `-` or `+` that is not an exponent sign.
                if matches!(bytes[i], b'+' | b'-') && !matches!(bytes[i - 1], b'e' | b'E') {
                    break;
                }
                i += 1;
            }
            TokenKind::Number
        } else if c.is_ascii_alphabetic() || c == b'_' || c == b'$' {
            while i < bytes.len()
                && (bytes[i].is_ascii_alphanumeric() || matches!(bytes[i], b'_' | b'$'))
            {
                i += 1;
            }
            let word = &text[start..i];
            let property = start > 0 && bytes[start - 1] == b'.';
            if LITERALS.contains(&word) {
                TokenKind::Literal
            } else if lang == Lang::JavaScript && !property && JS_KEYWORDS.contains(&word) {
                TokenKind::Keyword
            } else {
                TokenKind::Ident
            }
        } else {
            // Plain run: up to the next byte that may start another token.
            i += 1;
            while i < bytes.len() && !starts_token(bytes, i) {
                i += 1;
            }
            TokenKind::Plain
        };
        // Keep ranges on char boundaries (all token starts are ASCII, so only the end can drift).
        while i < text.len() && !text.is_char_boundary(i) {
            i += 1;
        }
        let i_end = i.min(text.len());
        tokens.push((start..i_end, kind));
        i = i_end;
    }
    tokens
}

fn starts_token(bytes: &[u8], i: usize) -> bool {
    let c = bytes[i];
    c.is_ascii_alphanumeric() || matches!(c, b'"' | b'\'' | b'`' | b'/' | b'_' | b'$' | b'-')
}

fn find_from(bytes: &[u8], from: usize, needle: u8) -> usize {
    bytes[from..]
        .iter()
        .position(|&b| b == needle)
        .map_or(bytes.len(), |p| from + p)
}

/// The end (exclusive) of the string starting with `quote` at `start`.
fn string_end(bytes: &[u8], start: usize, quote: u8) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'\n' if quote != b'`' => return i,
            b if b == quote => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// A JSON string is a key when the next non-space byte is `:`.
fn is_json_key(bytes: &[u8], end: usize) -> bool {
    bytes[end.min(bytes.len())..]
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b == b':')
}

/// Builds the coloured layout of `text`; `marked_line` (1-based) gets an error background.
pub fn layout_job(
    text: &str,
    lang: Lang,
    colors: &SyntaxColors,
    font_id: &FontId,
    marked_line: Option<usize>,
) -> LayoutJob {
    let tokens = tokenize(text, lang);
    let mut job = LayoutJob::default();
    job.text.reserve(text.len());
    job.sections.reserve(tokens.len());
    let marked = marked_line.and_then(|line| line_range(text, line));
    for (range, kind) in tokens {
        let color = colors.color(kind);
        // Split tokens that cross the marked line's bounds so only that line is tinted.
        let mut cuts = [range.start, range.end, range.end, range.end];
        let mut count = 2;
        if let Some(m) = &marked {
            for edge in [m.start, m.end] {
                if edge > range.start && edge < range.end {
                    cuts[count] = edge;
                    count += 1;
                }
            }
        }
        let cuts = &mut cuts[..count];
        cuts.sort_unstable();
        for pair in cuts.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            if a >= b {
                continue;
            }
            let background = match &marked {
                Some(m) if a >= m.start && b <= m.end => colors.error_line,
                _ => Color32::TRANSPARENT,
            };
            push_run(&mut job, &text[a..b], font_id, color, background);
        }
    }
    job
}

/// Appends `run` to `job`, extending the last section when it looks the same: fewer
/// sections make a 50 KB script cheaper to lay out on every keystroke.
fn push_run(job: &mut LayoutJob, run: &str, font_id: &FontId, color: Color32, background: Color32) {
    let end = job.text.len();
    if let Some(last) = job.sections.last_mut()
        && last.byte_range.end == egui::text::ByteIndex(end)
        && last.format.color == color
        && last.format.background == background
    {
        job.text.push_str(run);
        last.byte_range.end = egui::text::ByteIndex(job.text.len());
        return;
    }
    job.append(
        run,
        0.0,
        TextFormat {
            font_id: font_id.clone(),
            color,
            background,
            ..Default::default()
        },
    );
}

/// The byte range of 1-based `line` in `text`, including its newline.
fn line_range(text: &str, line: usize) -> Option<std::ops::Range<usize>> {
    let mut start = 0;
    for (index, piece) in text.split_inclusive('\n').enumerate() {
        if index + 1 == line {
            return Some(start..start + piece.len());
        }
        start += piece.len();
    }
    None
}

/// A memoized highlighter: re-tokenizes only when the text, language, theme or mark change.
#[derive(Default)]
pub struct Highlighter {
    key: u64,
    job: Option<LayoutJob>,
}

impl Highlighter {
    /// Lays out `text` for a `TextEdit` layouter or a label.
    pub fn galley(
        &mut self,
        ui: &Ui,
        text: &str,
        lang: Lang,
        marked_line: Option<usize>,
        wrap_width: f32,
    ) -> Arc<Galley> {
        let font_id = egui::TextStyle::Monospace.resolve(ui.style());
        let dark = ui.visuals().dark_mode;
        let mut hasher = std::hash::DefaultHasher::new();
        text.hash(&mut hasher);
        lang.hash(&mut hasher);
        marked_line.hash(&mut hasher);
        dark.hash(&mut hasher);
        font_id.size.to_bits().hash(&mut hasher);
        let key = hasher.finish();
        if self.key != key || self.job.is_none() {
            let colors = SyntaxColors::for_dark_mode(dark, ui.visuals());
            self.job = Some(layout_job(text, lang, &colors, &font_id, marked_line));
            self.key = key;
        }
        let mut job = self.job.clone().unwrap_or_default();
        job.wrap.max_width = wrap_width;
        ui.fonts_mut(|fonts| fonts.layout_job(job))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests may unwrap")]
mod tests {
    use super::*;

    #[test]
    fn layout_job_keeps_the_text_and_merges_like_runs() {
        let text = "function handler(webhook) {\n  // note\n  return webhook;\n}\n";
        let colors = SyntaxColors::for_dark_mode(true, &egui::Visuals::dark());
        let font = FontId::monospace(12.0);
        let job = layout_job(text, Lang::JavaScript, &colors, &font, Some(2));
        assert_eq!(job.text, text);
        let mut at = 0;
        for section in &job.sections {
            assert_eq!(section.byte_range.start.0, at, "sections are contiguous");
            at = section.byte_range.end.0;
        }
        assert_eq!(at, text.len());
        // Neighbouring sections always differ (otherwise they would have been merged).
        for pair in job.sections.windows(2) {
            let (a, b) = (&pair[0].format, &pair[1].format);
            assert!(a.color != b.color || a.background != b.background);
        }
        // The marked line (2) is tinted and the others are not.
        let tinted: Vec<&str> = job
            .sections
            .iter()
            .filter(|s| s.format.background != Color32::TRANSPARENT)
            .map(|s| &text[s.byte_range.start.0..s.byte_range.end.0])
            .collect();
        assert_eq!(tinted.concat(), "  // note\n");
    }

    fn kinds(text: &str, lang: Lang) -> Vec<(&str, TokenKind)> {
        tokenize(text, lang)
            .into_iter()
            .filter(|(_, k)| *k != TokenKind::Plain)
            .map(|(r, k)| (&text[r], k))
            .collect()
    }

    #[test]
    fn javascript_tokens() {
        let code = "function handler(w) { // hi\n  return `a${w}` + 'b' + 42; /* c */ }";
        let got = kinds(code, Lang::JavaScript);
        assert!(got.contains(&("function", TokenKind::Keyword)));
        assert!(got.contains(&("handler", TokenKind::Ident)));
        assert!(got.contains(&("// hi", TokenKind::Comment)));
        assert!(got.contains(&("return", TokenKind::Keyword)));
        assert!(got.contains(&("`a${w}`", TokenKind::String)));
        assert!(got.contains(&("'b'", TokenKind::String)));
        assert!(got.contains(&("42", TokenKind::Number)));
        assert!(got.contains(&("/* c */", TokenKind::Comment)));
    }

    #[test]
    fn property_named_like_keyword_is_not_a_keyword() {
        let got = kinds("webhook.default", Lang::JavaScript);
        assert_eq!(
            got,
            vec![("webhook", TokenKind::Ident), ("default", TokenKind::Ident)]
        );
    }

    #[test]
    fn json_keys_strings_numbers() {
        let text = "{\"a\": \"x\", \"n\": -1.5e+3, \"t\": true}";
        let got = kinds(text, Lang::Json);
        assert_eq!(
            got,
            vec![
                ("\"a\"", TokenKind::Key),
                ("\"x\"", TokenKind::String),
                ("\"n\"", TokenKind::Key),
                ("-1.5e+3", TokenKind::Number),
                ("\"t\"", TokenKind::Key),
                ("true", TokenKind::Literal),
            ]
        );
    }

    #[test]
    fn tokens_cover_text_with_unicode_and_unterminated_strings() {
        for text in [
            "const s = \"héllo wörld\" + 'ü",
            "/* open",
            "`multi\nline",
            "x = 1 € 2",
        ] {
            let tokens = tokenize(text, Lang::JavaScript);
            let joined: String = tokens.iter().map(|(r, _)| &text[r.clone()]).collect();
            assert_eq!(joined, text);
        }
    }

    #[test]
    fn marked_line_gets_background_only_there() {
        let colors = SyntaxColors::for_dark_mode(true, &egui::Visuals::dark());
        let font = FontId::monospace(12.0);
        let job = layout_job(
            "let a = 1;\nlet b = 2;\nlet c;",
            Lang::JavaScript,
            &colors,
            &font,
            Some(2),
        );
        let marked: String = job
            .sections
            .iter()
            .filter(|s| s.format.background == colors.error_line)
            .map(|s| &job.text[s.byte_range.start.0..s.byte_range.end.0])
            .collect();
        assert_eq!(marked, "let b = 2;\n");
    }
}
