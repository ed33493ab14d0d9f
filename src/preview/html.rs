//! A small, safe HTML-to-blocks converter for email bodies.
//!
//! It strips tags and keeps what a reader sees: headings, paragraphs, line breaks, links,
//! list items, bold/italic/code/strike, and table rows as lines. Scripts, styles and the
//! document head are dropped without being run; images are never loaded and show as
//! `[image: alt]`.

use super::{Block, Span};

/// Elements whose content is never shown.
const HIDDEN: &[&str] = &[
    "script", "style", "head", "title", "noscript", "template", "svg", "iframe", "object", "canvas",
];

/// Elements that start and end a block of text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "nav",
    "aside",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "tr",
    "ul",
    "ol",
    "blockquote",
    "center",
    "form",
    "address",
    "figure",
    "figcaption",
    "dl",
    "dt",
    "dd",
    "body",
    "html",
];

/// The blocks a reader sees in `html`.
pub(crate) fn to_blocks(html: &str) -> Vec<Block> {
    let mut converter = Converter::default();
    let chars: Vec<char> = html.chars().collect();
    let mut i = 0;
    let mut text = String::new();
    while i < chars.len() {
        let c = chars.get(i).copied().unwrap_or_default();
        if c != '<' {
            text.push(c);
            i += 1;
            continue;
        }
        // Comments, doctype, CDATA.
        if starts_with(&chars, i, "<!--") {
            converter.text(&text);
            text.clear();
            i = find(&chars, i + 4, "-->").map_or(chars.len(), |end| end + 3);
            continue;
        }
        let Some(tag) = parse_tag(&chars, i) else {
            // A lone `<` is text.
            text.push(c);
            i += 1;
            continue;
        };
        converter.text(&text);
        text.clear();
        i = tag.end;
        if !tag.closing && !tag.self_closing && HIDDEN.contains(&tag.name.as_str()) {
            // Skip to the matching close tag, whatever is inside (scripts may hold `<`).
            let close = format!("</{}", tag.name);
            i = find_ignore_case(&chars, i, &close).map_or(chars.len(), |at| {
                find(&chars, at, ">").map_or(chars.len(), |end| end + 1)
            });
            continue;
        }
        converter.tag(&tag);
    }
    converter.text(&text);
    converter.finish()
}

/// Plain-text email bodies: paragraphs split on blank lines, line breaks kept.
pub(crate) fn text_blocks(text: &str) -> Vec<Block> {
    text.replace("\r\n", "\n")
        .split("\n\n")
        .map(str::trim_end)
        .filter(|p| !p.trim().is_empty())
        .map(|p| Block::text(p.trim_start_matches('\n')))
        .collect()
}

#[derive(Debug)]
struct Tag {
    name: String,
    closing: bool,
    self_closing: bool,
    attributes: Vec<(String, String)>,
    end: usize,
}

impl Tag {
    fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

/// Parses the tag starting at `i` (a `<`); `None` when it is not a tag (`a < b`).
fn parse_tag(chars: &[char], i: usize) -> Option<Tag> {
    let mut j = i + 1;
    let closing = chars.get(j) == Some(&'/');
    if closing {
        j += 1;
    }
    let first = chars.get(j)?;
    if *first == '!' || *first == '?' {
        // Doctype, CDATA or processing instruction: skip it whole.
        let end = find(chars, j, ">")?;
        return Some(Tag {
            name: String::new(),
            closing: true,
            self_closing: false,
            attributes: Vec::new(),
            end: end + 1,
        });
    }
    if !first.is_ascii_alphabetic() {
        return None;
    }
    let mut name = String::new();
    while let Some(c) = chars
        .get(j)
        .filter(|c| c.is_ascii_alphanumeric() || **c == '-')
    {
        name.push(c.to_ascii_lowercase());
        j += 1;
    }
    let mut attributes = Vec::new();
    let mut self_closing = false;
    loop {
        while chars.get(j).is_some_and(|c| c.is_whitespace()) {
            j += 1;
        }
        match chars.get(j) {
            None => return None,
            Some('>') => break,
            Some('/') => {
                self_closing = true;
                j += 1;
                continue;
            }
            Some(_) => {}
        }
        let mut key = String::new();
        while let Some(c) = chars
            .get(j)
            .filter(|c| !c.is_whitespace() && !matches!(c, '=' | '>' | '/'))
        {
            key.push(c.to_ascii_lowercase());
            j += 1;
        }
        if key.is_empty() {
            j += 1;
            continue;
        }
        let mut value = String::new();
        if chars.get(j) == Some(&'=') {
            j += 1;
            match chars.get(j) {
                Some(quote @ ('"' | '\'')) => {
                    let quote = *quote;
                    j += 1;
                    while let Some(c) = chars.get(j).filter(|c| **c != quote) {
                        value.push(*c);
                        j += 1;
                    }
                    j += 1;
                }
                _ => {
                    while let Some(c) = chars.get(j).filter(|c| !c.is_whitespace() && **c != '>') {
                        value.push(*c);
                        j += 1;
                    }
                }
            }
        }
        attributes.push((key, decode_entities(&value)));
    }
    Some(Tag {
        name,
        closing,
        self_closing,
        attributes,
        end: j + 1,
    })
}

#[derive(Default)]
struct Converter {
    blocks: Vec<Block>,
    spans: Vec<Span>,
    heading: bool,
    bold: usize,
    italic: usize,
    code: usize,
    strike: usize,
    pre: usize,
    links: Vec<Option<String>>,
    /// Open lists: `None` bulleted, `Some(n)` numbered with the next number.
    lists: Vec<Option<usize>>,
    /// Whether the current table row already has a cell with text.
    cell_open: bool,
}

impl Converter {
    fn style(&self) -> Span {
        Span {
            text: String::new(),
            bold: self.bold > 0 || self.heading,
            italic: self.italic > 0,
            code: self.code > 0 || self.pre > 0,
            strike: self.strike > 0,
            link: self.links.iter().rev().find_map(Clone::clone),
            color: None,
        }
    }

    fn push(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        let span = Span {
            text: text.to_owned(),
            ..self.style()
        };
        if let Some(last) = self.spans.last_mut() {
            let same = last.bold == span.bold
                && last.italic == span.italic
                && last.code == span.code
                && last.strike == span.strike
                && last.link == span.link;
            if same {
                last.text.push_str(&span.text);
                return;
            }
        }
        self.spans.push(span);
    }

    fn ends_with_space(&self) -> bool {
        self.spans
            .last()
            .is_none_or(|s| s.text.ends_with([' ', '\n']))
    }

    fn text(&mut self, raw: &str) {
        if raw.is_empty() {
            return;
        }
        let decoded = decode_entities(raw);
        if self.pre > 0 {
            self.push(&decoded);
            return;
        }
        let mut out = String::new();
        let mut space = false;
        for c in decoded.chars() {
            if c.is_whitespace() && c != '\u{a0}' {
                space = true;
            } else {
                if space && !(out.is_empty() && self.ends_with_space()) {
                    out.push(' ');
                }
                space = false;
                out.push(if c == '\u{a0}' { ' ' } else { c });
            }
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        if space && out.is_empty() && !self.ends_with_space() {
            out.push(' ');
        }
        self.push(&out);
    }

    /// Ends the current paragraph or heading.
    fn flush(&mut self) {
        for span in &mut self.spans {
            // Trailing spaces at line ends are noise.
            while span.text.contains(" \n") {
                span.text = span.text.replace(" \n", "\n");
            }
        }
        if let Some(last) = self.spans.last_mut() {
            let trimmed = last.text.trim_end().len();
            last.text.truncate(trimmed);
        }
        self.spans.retain(|s| !s.text.is_empty());
        if !self.spans.is_empty() {
            let spans = std::mem::take(&mut self.spans);
            if self.heading {
                self.blocks.push(Block::Heading(super::spans_text(&spans)));
            } else {
                self.blocks.push(Block::Paragraph(spans));
            }
        }
        self.spans.clear();
        self.cell_open = false;
    }

    fn line_break(&mut self) {
        if let Some(last) = self.spans.last_mut() {
            let trimmed = last.text.trim_end_matches(' ').len();
            last.text.truncate(trimmed);
        }
        self.push("\n");
    }

    fn tag(&mut self, tag: &Tag) {
        let name = tag.name.as_str();
        let open = !tag.closing;
        match name {
            "" => {}
            "br" => self.line_break(),
            "hr" => {
                self.flush();
                self.blocks.push(Block::Divider);
            }
            "img" if open => {
                let alt = tag.attribute("alt").map(str::trim).unwrap_or_default();
                if alt.is_empty() {
                    self.push("[image]");
                } else {
                    self.push(&format!("[image: {alt}]"));
                }
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush();
                self.heading = open;
            }
            "b" | "strong" => counter(&mut self.bold, open),
            "i" | "em" | "cite" => counter(&mut self.italic, open),
            "code" | "kbd" | "samp" | "tt" => counter(&mut self.code, open),
            "s" | "strike" | "del" => counter(&mut self.strike, open),
            "pre" => {
                self.flush();
                counter(&mut self.pre, open);
            }
            "a" => {
                if open {
                    let href = tag
                        .attribute("href")
                        .map(str::trim)
                        .filter(|h| {
                            let lower = h.to_ascii_lowercase();
                            ["http://", "https://", "mailto:", "tel:"]
                                .iter()
                                .any(|scheme| lower.starts_with(scheme))
                        })
                        .map(str::to_owned);
                    self.links.push(href);
                } else {
                    self.links.pop();
                }
            }
            "ul" | "ol" => {
                self.flush();
                if open {
                    self.lists.push((name == "ol").then_some(1));
                } else {
                    self.lists.pop();
                }
            }
            "li" => {
                self.flush();
                if open {
                    let depth = self.lists.len().saturating_sub(1);
                    let marker = match self.lists.last_mut() {
                        Some(Some(n)) => {
                            let marker = format!("{n}. ");
                            *n += 1;
                            marker
                        }
                        _ => "• ".to_owned(),
                    };
                    let indent = "    ".repeat(depth);
                    self.spans.push(Span::plain(format!("{indent}{marker}")));
                }
            }
            "td" | "th" => {
                if open {
                    if self.cell_open && !self.ends_with_space() {
                        self.push("  ");
                    }
                    if name == "th" {
                        self.bold += 1;
                    }
                } else {
                    self.cell_open = !self.spans.is_empty();
                    if name == "th" {
                        self.bold = self.bold.saturating_sub(1);
                    }
                }
            }
            _ if BLOCKS.contains(&name) => self.flush(),
            _ => {}
        }
    }

    fn finish(mut self) -> Vec<Block> {
        self.flush();
        self.blocks
    }
}

fn counter(count: &mut usize, open: bool) {
    if open {
        *count += 1;
    } else {
        *count = count.saturating_sub(1);
    }
}

/// Decodes the HTML entities emails use (named ones that matter, and numeric ones).
pub(crate) fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(rest.get(..at).unwrap_or_default());
        rest = rest.get(at..).unwrap_or_default();
        let end = rest.get(..12).and_then(|head| head.find(';')).or_else(|| {
            rest.char_indices()
                .take(12)
                .find(|(_, c)| *c == ';')
                .map(|(i, _)| i)
        });
        let decoded = end.and_then(|end| {
            let name = rest.get(1..end)?;
            entity(name).map(|c| (c, end + 1))
        });
        match decoded {
            Some((c, len)) => {
                if let Some(c) = c {
                    out.push(c);
                }
                rest = rest.get(len..).unwrap_or_default();
            }
            None => {
                out.push('&');
                rest = rest.get(1..).unwrap_or_default();
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character of entity `name` (`Some(None)`: an invisible one to drop).
fn entity(name: &str) -> Option<Option<char>> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        return Some(char::from_u32(code).filter(|c| !matches!(c, '\u{200b}'..='\u{200d}')));
    }
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "hellip" => '…',
        "mdash" => '—',
        "ndash" => '–',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "bull" => '•',
        "middot" => '·',
        "euro" => '€',
        "pound" => '£',
        "yen" => '¥',
        "cent" => '¢',
        "times" => '×',
        "rarr" => '→',
        "larr" => '←',
        "zwnj" | "zwj" | "shy" => return Some(None),
        _ => return None,
    };
    Some(Some(c))
}

fn starts_with(chars: &[char], i: usize, pattern: &str) -> bool {
    pattern
        .chars()
        .enumerate()
        .all(|(k, p)| chars.get(i + k) == Some(&p))
}

fn find(chars: &[char], from: usize, pattern: &str) -> Option<usize> {
    (from..chars.len()).find(|&j| starts_with(chars, j, pattern))
}

fn find_ignore_case(chars: &[char], from: usize, pattern: &str) -> Option<usize> {
    let first = pattern.chars().next()?;
    (from..chars.len()).find(|&j| {
        chars.get(j) == Some(&first)
            && pattern
                .chars()
                .enumerate()
                .all(|(k, p)| chars.get(j + k).is_some_and(|c| c.eq_ignore_ascii_case(&p)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::preview::spans_text;

    fn texts(blocks: &[Block]) -> Vec<String> {
        blocks
            .iter()
            .map(|b| match b {
                Block::Heading(t) => format!("# {t}"),
                Block::Paragraph(s) => spans_text(s),
                Block::Divider => "---".to_owned(),
                other => format!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn receipt_email_becomes_readable_blocks() {
        let html = r#"<!DOCTYPE html><html><head><title>Receipt</title>
            <style>p { color: red }</style><script>alert("x < y")</script></head>
            <body><h1>Thanks,   Jane!</h1>
            <p>Your payment of <strong>$49.00</strong> was received.<br>Order&nbsp;#42 &amp; more</p>
            <img src="https://cdn.shop.com/logo.png" alt="Shop logo">
            <ul><li>Pro plan</li><li>Seats: <em>3</em></li></ul>
            <ol><li>one</li><li>two</li></ol>
            <table><tr><td>Amount</td><td>$49.00</td></tr></table>
            <hr><p><a href="https://shop.com/invoice/42">View invoice</a> &middot; <a href="javascript:alert(1)">bad</a></p>
            <!-- <p>hidden</p> --></body></html>"#;
        let blocks = to_blocks(html);
        assert_eq!(
            texts(&blocks),
            vec![
                "# Thanks, Jane!",
                "Your payment of $49.00 was received.\nOrder #42 & more",
                "[image: Shop logo]",
                "• Pro plan",
                "• Seats: 3",
                "1. one",
                "2. two",
                "Amount  $49.00",
                "---",
                "View invoice · bad",
            ]
        );
        let Some(Block::Paragraph(spans)) = blocks.get(1) else {
            panic!("paragraph")
        };
        assert!(spans.iter().any(|s| s.bold && s.text == "$49.00"));
        let Some(Block::Paragraph(links)) = blocks.last() else {
            panic!("links")
        };
        assert_eq!(
            links.first().and_then(|s| s.link.as_deref()),
            Some("https://shop.com/invoice/42")
        );
        assert!(links.iter().all(|s| {
            !s.link
                .as_deref()
                .unwrap_or_default()
                .starts_with("javascript")
        }));
        assert!(!format!("{blocks:?}").contains("alert"));
        assert!(!format!("{blocks:?}").contains("color: red"));
        assert!(!format!("{blocks:?}").contains("hidden"));
    }

    #[test]
    fn text_with_angle_brackets_and_broken_markup_is_kept() {
        let blocks = to_blocks("a < b and 3 > 2 <p>unclosed &unknown; &#36;5 &#x20AC;");
        assert_eq!(
            texts(&blocks),
            vec!["a < b and 3 > 2", "unclosed &unknown; $5 €"]
        );
        assert!(to_blocks("<div><script>never closed").is_empty());
    }

    #[test]
    fn plain_text_splits_on_blank_lines() {
        let blocks = text_blocks("Hi Jane,\r\n\r\nPaid $49.00\nThanks\n\n\n");
        assert_eq!(texts(&blocks), vec!["Hi Jane,", "Paid $49.00\nThanks"]);
    }
}
