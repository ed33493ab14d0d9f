//! Syntax highlighting for the two languages the app edits: JavaScript and JSON.
//!
//! A small hand-written tokenizer (no regex literals) turns text into an egui
//! [`LayoutJob`]; [`Highlighter`] lays it out line by line and keeps each line's galley.

use std::hash::BuildHasher as _;
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
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

/// Where a line starts: in plain code, or inside a construct an earlier line opened.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum LineState {
    /// Plain code.
    #[default]
    Code,
    /// Inside a `/* … */` comment.
    BlockComment,
    /// Inside a `` `…` `` template literal.
    Template,
}

/// Splits `text`, which starts in `state`, into `(byte range, kind)` tokens that cover it
/// exactly; also returns the state at its end, so lines can be tokenized one at a time.
pub fn tokenize_from(
    text: &str,
    lang: Lang,
    state: LineState,
) -> (Vec<(std::ops::Range<usize>, TokenKind)>, LineState) {
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut exit = LineState::Code;
    let mut i = 0;
    // Finish the construct an earlier line opened.
    match state {
        LineState::Code => {}
        LineState::BlockComment => {
            match text.find("*/") {
                Some(end) => i = end + 2,
                None => {
                    i = bytes.len();
                    exit = LineState::BlockComment;
                }
            }
            tokens.push((0..i, TokenKind::Comment));
        }
        LineState::Template => {
            let (end, closed) = string_body_end(bytes, 0, b'`');
            i = end;
            if !closed {
                exit = LineState::Template;
            }
            tokens.push((0..i, TokenKind::String));
        }
    }
    while i < bytes.len() {
        let start = i;
        let c = bytes[i];
        let kind = if c == b'/' && lang == Lang::JavaScript && bytes.get(i + 1) == Some(&b'/') {
            i = find_from(bytes, i, b'\n');
            TokenKind::Comment
        } else if c == b'/' && lang == Lang::JavaScript && bytes.get(i + 1) == Some(&b'*') {
            match text[i + 2..].find("*/") {
                Some(end) => i = i + 2 + end + 2,
                None => {
                    i = bytes.len();
                    exit = LineState::BlockComment;
                }
            }
            TokenKind::Comment
        } else if c == b'"' || (lang == Lang::JavaScript && (c == b'\'' || c == b'`')) {
            let (end, closed) = string_body_end(bytes, i + 1, c);
            i = end;
            if c == b'`' && !closed {
                exit = LineState::Template;
            }
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
    (tokens, exit)
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

/// The end (exclusive) of a string whose body starts at `from` (after its opening
/// `quote`), and whether the closing quote was found. Only template literals cross lines.
fn string_body_end(bytes: &[u8], from: usize, quote: u8) -> (usize, bool) {
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'\n' if quote != b'`' => return (i, false),
            b if b == quote => return (i + 1, true),
            _ => i += 1,
        }
    }
    (bytes.len(), false)
}

/// A JSON string is a key when the next non-space byte is `:`.
fn is_json_key(bytes: &[u8], end: usize) -> bool {
    bytes[end.min(bytes.len())..]
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b == b':')
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

/// A highlighter that lays text out line by line and remembers each line's galley, so a
/// keystroke in a 50 KB script re-lays out one line, not the whole text.
///
/// egui's own galley cache splits a job into paragraphs too, but it hashes the whole job,
/// copies every paragraph into a new job and forgets paragraphs not used in a frame; this
/// keeps the lines between frames and skips all of that for lines that did not change.
/// Galleys point into the font atlas, so everything is dropped when the atlas is rebuilt
/// (its fill ratio falls) or when a frame passed without this text being laid out.
#[derive(Default)]
pub struct Highlighter {
    /// The last text's key and its galley.
    last: Option<(u64, Arc<Galley>)>,
    /// Galleys of single lines, by [`line_key`], from the last layout.
    lines: foldhash::HashMap<u64, CachedLine>,
    /// Galleys of the pieces long lines are shown in, by piece key, from the last layout.
    pieces: foldhash::HashMap<u64, Arc<Galley>>,
    /// The hasher of text and line keys.
    hash_state: foldhash::fast::RandomState,
    /// The pass in which the galley was last asked for.
    pass: u64,
    /// The font atlas fill ratio seen then.
    atlas_fill: f32,
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
        let ctx = ui.ctx();
        let pass = ctx.cumulative_pass_nr();
        let fill = ctx.fonts(|fonts| fonts.font_atlas_fill_ratio());
        if fill < self.atlas_fill || pass > self.pass.saturating_add(1) {
            self.last = None;
            self.lines.clear();
            self.pieces.clear();
        }
        self.pass = pass;
        let style = LineStyle {
            lang,
            colors: SyntaxColors::for_dark_mode(ui.visuals().dark_mode, ui.visuals()),
            font_id: egui::TextStyle::Monospace.resolve(ui.style()),
            wrap_width,
        };
        let pixels_per_point = ctx.pixels_per_point();
        let style_key = self.hash_state.hash_one((
            lang,
            ui.visuals().dark_mode,
            &style.font_id,
            pixels_per_point.to_bits(),
            wrap_width.to_bits(),
        ));
        let key = self.hash_state.hash_one((style_key, marked_line, text));
        if let Some((last_key, galley)) = &self.last
            && *last_key == key
        {
            self.atlas_fill = fill;
            return Arc::clone(galley);
        }
        let galley = ctx.fonts_mut(|fonts| {
            self.lay_out_by_line(
                text,
                &style,
                marked_line,
                style_key,
                pixels_per_point,
                |job| fonts.layout_job(job),
            )
        });
        self.atlas_fill = ctx.fonts(|fonts| fonts.font_atlas_fill_ratio());
        self.last = Some((key, Arc::clone(&galley)));
        galley
    }

    /// Lays `text` out as egui would (one galley per line, then stacked), tokenizing and
    /// laying out only the lines not in the cache; `lay_out` lays out one line's job.
    fn lay_out_by_line(
        &mut self,
        text: &str,
        style: &LineStyle,
        marked_line: Option<usize>,
        style_key: u64,
        pixels_per_point: f32,
        mut lay_out: impl FnMut(LayoutJob) -> Arc<Galley>,
    ) -> Arc<Galley> {
        if text.is_empty() {
            return lay_out(tokens_job("", &[], style, marked_line == Some(1)));
        }
        let mut lines = new_map(self.lines.len());
        let mut pieces = new_map(self.pieces.len());
        let mut galleys = Vec::new();
        let mut state = LineState::Code;
        for (index, range) in split_lines(text).into_iter().enumerate() {
            let line = &text[range];
            let marked = marked_line == Some(index + 1);
            let key = self.hash_state.hash_one((style_key, state, marked, line));
            let cached = match self.lines.get(&key) {
                Some(cached) => {
                    for piece in &cached.pieces {
                        if let Some(galley) = self.pieces.get(piece) {
                            pieces.insert(*piece, Arc::clone(galley));
                        }
                    }
                    cached.clone()
                }
                None if line.len() > LONG_LINE_BYTES => self.lay_out_long_line(
                    line,
                    style,
                    (state, marked),
                    style_key,
                    pixels_per_point,
                    &mut pieces,
                    &mut lay_out,
                ),
                None => {
                    let (tokens, exit) = tokenize_from(line, style.lang, state);
                    CachedLine {
                        galley: lay_out(tokens_job(line, &tokens, style, marked)),
                        exit,
                        pieces: Vec::new(),
                    }
                }
            };
            galleys.push(Arc::clone(&cached.galley));
            state = cached.exit;
            lines.insert(key, cached);
        }
        self.lines = lines;
        self.pieces = pieces;
        let job = whole_text_job(text, style);
        Arc::new(Galley::concat(Arc::new(job), &galleys, pixels_per_point))
    }

    /// A line too long to lay out on every keystroke (a minified payload) is shown in
    /// pieces, one row each (soft rows: no newline between them), cut where the text itself
    /// says (see [`soft_pieces`]), so an edit lays out only the piece it falls in.
    #[expect(
        clippy::too_many_arguments,
        reason = "the layout's context, passed down"
    )]
    fn lay_out_long_line(
        &self,
        line: &str,
        style: &LineStyle,
        (state, marked): (LineState, bool),
        style_key: u64,
        pixels_per_point: f32,
        pieces_used: &mut foldhash::HashMap<u64, Arc<Galley>>,
        lay_out: &mut impl FnMut(LayoutJob) -> Arc<Galley>,
    ) -> CachedLine {
        let (tokens, exit) = tokenize_from(line, style.lang, state);
        let mut galleys = Vec::new();
        let mut keys = Vec::new();
        let mut first = 0;
        for piece in soft_pieces(line) {
            while tokens.get(first).is_some_and(|(r, _)| r.end <= piece.start) {
                first += 1;
            }
            let clipped: Vec<(std::ops::Range<usize>, TokenKind)> = tokens[first..]
                .iter()
                .take_while(|(r, _)| r.start < piece.end)
                .map(|(r, kind)| {
                    let start = r.start.max(piece.start) - piece.start;
                    (start..r.end.min(piece.end) - piece.start, *kind)
                })
                .collect();
            let text = &line[piece];
            let key = self
                .hash_state
                .hash_one((style_key, marked, text, &clipped));
            let galley = match self.pieces.get(&key) {
                Some(galley) => Arc::clone(galley),
                None => lay_out(tokens_job(text, &clipped, style, marked)),
            };
            pieces_used.insert(key, Arc::clone(&galley));
            keys.push(key);
            galleys.push(galley);
        }
        let mut galley = Galley::concat(
            Arc::new(whole_text_job(line, style)),
            &galleys,
            pixels_per_point,
        );
        // `concat` ends each piece with a newline; the pieces are one line, so the row that
        // ends a piece (all but the last) is a soft break.
        let mut row = 0;
        for piece in &galleys[..galleys.len().saturating_sub(1)] {
            row += piece.rows.len();
            if let Some(placed) = galley.rows.get_mut(row - 1) {
                placed.ends_with_newline = false;
            }
        }
        CachedLine {
            galley: Arc::new(galley),
            exit,
            pieces: keys,
        }
    }
}

/// A laid-out line: its galley, the tokenizer state after it, and (for a long line) the
/// keys of its pieces.
#[derive(Clone)]
struct CachedLine {
    galley: Arc<Galley>,
    exit: LineState,
    pieces: Vec<u64>,
}

/// Lines longer than this are shown in pieces (see [`soft_pieces`]).
const LONG_LINE_BYTES: usize = 4096;

/// The longest piece when the text offers no place to cut (a long base64 string, say).
const PIECE_MAX_BYTES: usize = 1024;

fn new_map<V>(capacity: usize) -> foldhash::HashMap<u64, V> {
    foldhash::HashMap::with_capacity_and_hasher(
        capacity.max(64),
        foldhash::fast::RandomState::default(),
    )
}

/// The job a stacked galley holds: the whole text (what the text edit reads back).
fn whole_text_job(text: &str, style: &LineStyle) -> LayoutJob {
    let mut job = LayoutJob::single_section(
        text.to_owned(),
        TextFormat::simple(style.font_id.clone(), style.colors.color(TokenKind::Plain)),
    );
    job.wrap.max_width = style.wrap_width;
    job
}

/// Cuts a long line into pieces after some `,` and `;`: those whose last 8 bytes hash
/// to 0 mod 8, about one in eight. The choice depends only on nearby text, so typing
/// moves at most the cuts next to the edit and the other pieces stay as they were. A
/// stretch with no such place is cut every [`PIECE_MAX_BYTES`].
fn soft_pieces(line: &str) -> Vec<std::ops::Range<usize>> {
    let bytes = line.as_bytes();
    let mut pieces = Vec::new();
    let mut start = 0;
    for i in 0..bytes.len() {
        let natural = matches!(bytes[i], b',' | b';') && {
            let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
            for &b in &bytes[i.saturating_sub(7)..=i] {
                hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
            }
            (hash >> 32).is_multiple_of(8)
        };
        let forced = i + 1 - start >= PIECE_MAX_BYTES && line.is_char_boundary(i + 1);
        if (natural || forced) && i + 1 < bytes.len() {
            pieces.push(start..i + 1);
            start = i + 1;
        }
    }
    pieces.push(start..bytes.len());
    pieces
}

/// How lines are drawn: language, colours, font and wrap width.
struct LineStyle {
    lang: Lang,
    colors: SyntaxColors,
    font_id: FontId,
    wrap_width: f32,
}

/// The byte ranges of the lines of `text`, split as egui's galley cache splits paragraphs:
/// without the `\n` that ends each, except that a final `\n` stays with the last line (so
/// the empty row after it exists).
fn split_lines(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut lines = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let mut end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        if end + 1 == text.len() && text.ends_with('\n') {
            end += 1;
        }
        lines.push(start..end);
        start = end + 1;
    }
    lines
}

/// The coloured job of one line (or piece of one) from its `tokens`; a `marked` line gets
/// the error background.
fn tokens_job(
    line: &str,
    tokens: &[(std::ops::Range<usize>, TokenKind)],
    style: &LineStyle,
    marked: bool,
) -> LayoutJob {
    let background = if marked {
        style.colors.error_line
    } else {
        Color32::TRANSPARENT
    };
    let mut job = LayoutJob::default();
    job.text.reserve(line.len());
    for (range, kind) in tokens {
        push_run(
            &mut job,
            &line[range.clone()],
            &style.font_id,
            style.colors.color(*kind),
            background,
        );
    }
    if job.sections.is_empty() {
        // An empty line still needs the font, for its height.
        job.sections.push(egui::text::LayoutSection {
            leading_space: 0.0,
            byte_range: egui::text::ByteIndex(0)..egui::text::ByteIndex(0),
            format: TextFormat {
                font_id: style.font_id.clone(),
                color: style.colors.color(TokenKind::Plain),
                background,
                ..Default::default()
            },
        });
    }
    job.wrap.max_width = style.wrap_width;
    job
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests may unwrap")]
mod tests {
    use super::*;

    /// The tokens of a whole text starting in plain code.
    fn tokenize(text: &str, lang: Lang) -> Vec<(std::ops::Range<usize>, TokenKind)> {
        tokenize_from(text, lang, LineState::Code).0
    }

    /// The reference: the coloured job of the whole `text` in one go; `marked_line` (1-based) gets an error background.
    fn layout_job(
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

    /// Runs `check` inside one egui pass.
    fn in_pass(ctx: &egui::Context, mut check: impl FnMut(&mut Ui)) {
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| check(ui));
        output.textures_delta.clear();
    }

    #[test]
    fn line_by_line_layout_matches_egui_own_layout() {
        let ctx = egui::Context::default();
        let mut highlighter = Highlighter::default();
        let texts = [
            "one line",
            "a\nb",
            "a\n\nb\n",
            "\n",
            "x\n\n",
            "function f() {\n  /* multi\n line */ return `a\nb`;\n}\n// é ü €\n\tend",
        ];
        for marked in [None, Some(2), Some(3)] {
            for text in texts {
                in_pass(&ctx, |ui| {
                    let ours =
                        highlighter.galley(ui, text, Lang::JavaScript, marked, f32::INFINITY);
                    let font_id = egui::TextStyle::Monospace.resolve(ui.style());
                    let colors = SyntaxColors::for_dark_mode(ui.visuals().dark_mode, ui.visuals());
                    let mut job = layout_job(text, Lang::JavaScript, &colors, &font_id, marked);
                    job.wrap.max_width = f32::INFINITY;
                    let egui_own = ui.fonts_mut(|f| f.layout_job(job));
                    assert_eq!(ours.text(), text);
                    assert_eq!(ours.rect, egui_own.rect, "{text:?}");
                    assert_eq!(ours.rows.len(), egui_own.rows.len(), "{text:?}");
                    for (a, b) in ours.rows.iter().zip(&egui_own.rows) {
                        assert_eq!(a.pos, b.pos, "{text:?}");
                        assert_eq!(a.ends_with_newline, b.ends_with_newline, "{text:?}");
                        let chars = |r: &egui::epaint::text::PlacedRow| {
                            r.row
                                .glyphs
                                .iter()
                                .map(|g| (g.chr, g.pos))
                                .collect::<Vec<_>>()
                        };
                        assert_eq!(chars(a), chars(b), "{text:?}");
                        let colors = |r: &egui::epaint::text::PlacedRow| {
                            r.row
                                .visuals
                                .mesh
                                .vertices
                                .iter()
                                .map(|v| (v.pos, v.color))
                                .collect::<Vec<_>>()
                        };
                        assert_eq!(colors(a), colors(b), "{text:?} marked {marked:?}");
                    }
                });
            }
        }
    }

    /// About `bytes` of JSON on one line, like a minified payload.
    fn minified(bytes: usize) -> String {
        let mut items = Vec::new();
        while items.iter().map(|i: &String| i.len() + 1).sum::<usize>() < bytes {
            let n = items.len();
            items.push(format!(
                "{{\"id\":\"pdt_{n:08}\",\"qty\":{n},\"note\":\"é {n}\"}}"
            ));
        }
        format!("{{\"items\":[{}]}}", items.join(","))
    }

    #[test]
    fn a_long_line_is_shown_in_soft_rows_that_keep_the_text_and_the_cursor() {
        let ctx = egui::Context::default();
        let mut highlighter = Highlighter::default();
        let long = minified(20_000);
        for text in [
            long.clone(),
            format!("{long}\nnext line\n"),
            format!("first\n{long}\n"),
        ] {
            in_pass(&ctx, |ui| {
                let galley = highlighter.galley(ui, &text, Lang::Json, None, f32::INFINITY);
                assert_eq!(galley.text(), text);
                let hard = galley.rows.iter().filter(|r| r.ends_with_newline).count();
                assert_eq!(
                    hard,
                    text.matches('\n').count(),
                    "only real newlines end rows"
                );
                assert!(
                    galley.rows.len() > 20,
                    "the long line is cut into soft rows"
                );
                assert!(
                    galley
                        .rows
                        .iter()
                        .all(|r| r.row.glyphs.len() <= PIECE_MAX_BYTES),
                    "no row is longer than a piece"
                );
                let chars = text.chars().count();
                for index in [0, 1, 777, chars / 2, chars - 1, chars] {
                    let rect = galley.pos_from_cursor(egui::text::CCursor::new(index));
                    let back = galley.cursor_from_pos(rect.center().to_vec2());
                    assert_eq!(back.index.0, index, "cursor {index} maps back to itself");
                }
            });
        }
    }

    #[test]
    fn an_edit_in_a_long_line_lays_out_only_the_pieces_near_it() {
        let ctx = egui::Context::default();
        let mut highlighter = Highlighter::default();
        let before = minified(50_000);
        let middle = before.len() / 2;
        let middle = (middle..before.len())
            .find(|&i| before.is_char_boundary(i))
            .unwrap();
        let after = format!("{}x{}", &before[..middle], &before[middle..]);
        let mut first = None;
        in_pass(&ctx, |ui| {
            first = Some(highlighter.galley(ui, &before, Lang::Json, None, f32::INFINITY));
        });
        in_pass(&ctx, |ui| {
            let second = highlighter.galley(ui, &after, Lang::Json, None, f32::INFINITY);
            let first = first.clone().unwrap();
            let reused = second
                .rows
                .iter()
                .filter(|r| first.rows.iter().any(|f| Arc::ptr_eq(&f.row, &r.row)))
                .count();
            assert!(
                reused + 3 >= second.rows.len(),
                "{reused} of {} rows reused",
                second.rows.len()
            );
        });
    }

    #[test]
    fn an_empty_text_has_one_row_of_the_font_height() {
        let ctx = egui::Context::default();
        let mut highlighter = Highlighter::default();
        in_pass(&ctx, |ui| {
            let galley = highlighter.galley(ui, "", Lang::Json, None, f32::INFINITY);
            let font_id = egui::TextStyle::Monospace.resolve(ui.style());
            let height = ui.fonts_mut(|f| f.row_height(&font_id));
            assert_eq!(galley.rows.len(), 1);
            assert!((galley.rect.height() - height).abs() < 1.0, "{galley:?}");
        });
    }

    #[test]
    fn an_edit_lays_out_only_the_changed_line() {
        let ctx = egui::Context::default();
        let mut highlighter = Highlighter::default();
        let before = "let a = 1;\nlet b = 2;\nlet c = 3;\n";
        let after = "let a = 1;\nlet b = 22;\nlet c = 3;\n";
        let mut first = None;
        in_pass(&ctx, |ui| {
            first = Some(highlighter.galley(ui, before, Lang::JavaScript, None, f32::INFINITY));
        });
        in_pass(&ctx, |ui| {
            let second = highlighter.galley(ui, after, Lang::JavaScript, None, f32::INFINITY);
            let first = first.clone().unwrap();
            assert_eq!(second.text(), after);
            let same = |i: usize| Arc::ptr_eq(&first.rows[i].row, &second.rows[i].row);
            assert!(same(0) && same(2) && same(3), "unchanged lines are reused");
            assert!(!same(1), "the edited line is laid out again");
            // Asking again for the same text returns the same galley.
            let third = highlighter.galley(ui, after, Lang::JavaScript, None, f32::INFINITY);
            assert!(Arc::ptr_eq(&second, &third));
        });
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
