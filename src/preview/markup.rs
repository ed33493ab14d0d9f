//! Inline markup to spans: Slack mrkdwn and the Markdown of Discord and Teams.
//!
//! Only what the destinations draw is understood: bold, italic, strike, inline and fenced
//! code, links, mentions and (Discord) headings and quotes. Anything else stays literal text,
//! which is also what the destination would show.

use super::{Block, Span};

/// Input past this many characters is cut before parsing (the preview limiter then says so).
const MAX_INPUT_CHARS: usize = 40_000;

/// How far a closing delimiter is searched for, in characters.
const MAX_DELIMITER_DISTANCE: usize = 2_000;

/// Which markup language a text is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Dialect {
    /// Slack: `*bold*`, `_italic_`, `~strike~`, `<url|label>`, `&amp;` entities.
    Slack,
    /// Discord/Teams: `**bold**`, `*italic*`, `_italic_`, `~~strike~~`, `[label](url)`.
    Markdown,
}

#[derive(Clone, Copy, Debug, Default)]
struct Style {
    bold: bool,
    italic: bool,
    strike: bool,
}

/// Slack mrkdwn to spans (line breaks kept inside the span texts); common `:emoji:` codes
/// become the emoji Slack shows.
pub(crate) fn slack(text: &str) -> Vec<Span> {
    let mut spans = parse(text, Dialect::Slack);
    for span in spans.iter_mut().filter(|s| !s.code) {
        if span.text.contains(':') {
            span.text = slack_emoji(&span.text);
        }
    }
    spans
}

/// Emoji shortcodes Slack messages commonly use, and what Slack draws for them.
const EMOJI: &[(&str, &str)] = &[
    ("white_check_mark", "✅"),
    ("heavy_check_mark", "✔️"),
    ("x", "❌"),
    ("warning", "⚠️"),
    ("rotating_light", "🚨"),
    ("information_source", "ℹ️"),
    ("tada", "🎉"),
    ("moneybag", "💰"),
    ("money_with_wings", "💸"),
    ("dollar", "💵"),
    ("credit_card", "💳"),
    ("receipt", "🧾"),
    ("bell", "🔔"),
    ("rocket", "🚀"),
    ("fire", "🔥"),
    ("star", "⭐"),
    ("sparkles", "✨"),
    ("repeat", "🔁"),
    ("arrows_counterclockwise", "🔄"),
    ("hourglass", "⌛"),
    ("hourglass_flowing_sand", "⏳"),
    ("no_entry", "⛔"),
    ("red_circle", "🔴"),
    ("large_green_circle", "🟢"),
    ("large_yellow_circle", "🟡"),
    ("email", "📧"),
    ("envelope", "✉️"),
    ("key", "🔑"),
    ("lock", "🔒"),
    ("package", "📦"),
    ("chart_with_upwards_trend", "📈"),
    ("chart_with_downwards_trend", "📉"),
    ("bust_in_silhouette", "👤"),
    ("wave", "👋"),
    ("thumbsup", "👍"),
    ("+1", "👍"),
    ("thumbsdown", "👎"),
    ("-1", "👎"),
    ("pause_button", "⏸️"),
    ("arrow_forward", "▶️"),
    ("calendar", "📆"),
    ("scales", "⚖️"),
];

/// Replaces known `:shortcode:`s in `text`.
fn slack_emoji(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(':') {
        out.push_str(rest.get(..start).unwrap_or_default());
        let after = rest.get(start + 1..).unwrap_or_default();
        let name_len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '+' | '-')))
            .unwrap_or(after.len());
        let name = after.get(..name_len).unwrap_or_default();
        let closed = after.get(name_len..).is_some_and(|t| t.starts_with(':'));
        match EMOJI.iter().find(|(code, _)| *code == name) {
            Some((_, emoji)) if closed => {
                out.push_str(emoji);
                rest = after.get(name_len + 1..).unwrap_or_default();
            }
            _ => {
                out.push(':');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Discord/Teams Markdown to spans, for one paragraph (headings are not split out).
pub(crate) fn markdown(text: &str) -> Vec<Span> {
    parse(text, Dialect::Markdown)
}

/// Discord Markdown to blocks: `#`/`##`/`###` headings, `-#` small text, the rest paragraphs.
pub(crate) fn markdown_blocks(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut paragraph: Vec<&str> = Vec::new();
    let mut in_fence = false;
    let flush = |paragraph: &mut Vec<&str>, blocks: &mut Vec<Block>| {
        if !paragraph.is_empty() {
            let spans = markdown(&paragraph.join("\n"));
            if !spans.is_empty() {
                blocks.push(Block::Paragraph(spans));
            }
            paragraph.clear();
        }
    };
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
            paragraph.push(line);
            continue;
        }
        if in_fence {
            paragraph.push(line);
            continue;
        }
        let heading = ["### ", "## ", "# "]
            .iter()
            .find_map(|prefix| line.strip_prefix(prefix));
        if let Some(heading) = heading {
            flush(&mut paragraph, &mut blocks);
            blocks.push(Block::Heading(super::spans_text(&markdown(heading.trim()))));
        } else if let Some(small) = line.strip_prefix("-# ") {
            flush(&mut paragraph, &mut blocks);
            blocks.push(Block::Context(markdown(small)));
        } else {
            paragraph.push(line);
        }
    }
    flush(&mut paragraph, &mut blocks);
    blocks
}

/// Decodes the three entities Slack asks senders to escape.
pub(crate) fn slack_entities(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn parse(text: &str, dialect: Dialect) -> Vec<Span> {
    let chars: Vec<char> = text.chars().take(MAX_INPUT_CHARS).collect();
    let mut parser = Parser {
        dialect,
        out: Vec::new(),
    };
    parser.run(&chars, Style::default());
    merge(parser.out)
}

struct Parser {
    dialect: Dialect,
    out: Vec<Span>,
}

impl Parser {
    fn push(&mut self, text: &str, style: Style, code: bool, link: Option<String>) {
        if text.is_empty() {
            return;
        }
        let text = if self.dialect == Dialect::Slack {
            slack_entities(text)
        } else {
            text.to_owned()
        };
        self.out.push(Span {
            text,
            bold: style.bold,
            italic: style.italic,
            strike: style.strike,
            code,
            link,
            color: None,
        });
    }

    fn run(&mut self, chars: &[char], style: Style) {
        let mut buf = String::new();
        let mut dead = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            let c = chars.get(i).copied().unwrap_or_default();
            // Fenced code.
            if starts_with(chars, i, "```")
                && let Some(end) = find(chars, i + 3, "```", usize::MAX)
            {
                self.push(&buf, style, false, None);
                buf.clear();
                let inner: String = slice(chars, i + 3, end);
                let inner = inner.strip_prefix('\n').unwrap_or(&inner);
                self.push(inner.trim_end_matches('\n'), style, true, None);
                i = end + 3;
                continue;
            }
            // Inline code.
            if c == '`'
                && let Some(end) = find(chars, i + 1, "`", MAX_DELIMITER_DISTANCE)
                && end > i + 1
            {
                self.push(&buf, style, false, None);
                buf.clear();
                self.push(&slice(chars, i + 1, end), style, true, None);
                i = end + 1;
                continue;
            }
            if self.dialect == Dialect::Markdown
                && c == '\\'
                && let Some(next) = chars.get(i + 1)
                && next.is_ascii_punctuation()
            {
                buf.push(*next);
                i += 2;
                continue;
            }
            if let Some((span_text, url, next)) = self.link_at(chars, i) {
                self.push(&buf, style, false, None);
                buf.clear();
                self.push(&span_text, style, false, url);
                i = next;
                continue;
            }
            if let Some((delimiter, apply)) = self.delimiter_at(chars, i) {
                let len = delimiter.chars().count();
                if let Some(end) = self.closing(chars, i, delimiter, &mut dead) {
                    self.push(&buf, style, false, None);
                    buf.clear();
                    let inner = chars.get(i + len..end).unwrap_or_default();
                    self.run(inner, apply(style));
                    i = end + len;
                    continue;
                }
                buf.push_str(delimiter);
                i += len;
                continue;
            }
            buf.push(c);
            i += 1;
        }
        self.push(&buf, style, false, None);
    }

    /// A link starting at `i`: (text shown, target, index after it).
    fn link_at(&self, chars: &[char], i: usize) -> Option<(String, Option<String>, usize)> {
        let c = *chars.get(i)?;
        match (self.dialect, c) {
            (Dialect::Slack, '<') => {
                let end = find(chars, i + 1, ">", MAX_DELIMITER_DISTANCE)?;
                let inner = slice(chars, i + 1, end);
                if inner.contains('\n') || inner.is_empty() {
                    return None;
                }
                let (target, label) = match inner.split_once('|') {
                    Some((target, label)) => (target.to_owned(), Some(label.to_owned())),
                    None => (inner.clone(), None),
                };
                let shown = match target.chars().next() {
                    // Special mentions: <!here>, <!channel>, <!date^..^fallback>.
                    Some('!') => {
                        let name = target.trim_start_matches('!');
                        if let Some(rest) = name.strip_prefix("date^") {
                            let fallback =
                                label.or_else(|| rest.rsplit('^').next().map(str::to_owned));
                            return Some((fallback.unwrap_or_default(), None, end + 1));
                        }
                        let name = name.split('^').next().unwrap_or_default();
                        return Some((
                            format!("@{}", label.unwrap_or_else(|| name.to_owned())),
                            None,
                            end + 1,
                        ));
                    }
                    Some('@') | Some('#') => {
                        let sigil = if target.starts_with('@') { "@" } else { "#" };
                        let name = label
                            .unwrap_or_else(|| target.trim_start_matches(['@', '#']).to_owned());
                        return Some((format!("{sigil}{name}"), None, end + 1));
                    }
                    _ => label.unwrap_or_else(|| target.clone()),
                };
                if !looks_like_url(&target) {
                    return None;
                }
                Some((shown, Some(target), end + 1))
            }
            (Dialect::Markdown, '[') => {
                let close = find(chars, i + 1, "](", MAX_DELIMITER_DISTANCE)?;
                let end = find(chars, close + 2, ")", MAX_DELIMITER_DISTANCE)?;
                let label = slice(chars, i + 1, close);
                let target = slice(chars, close + 2, end);
                if label.contains('\n') || !looks_like_url(target.trim()) {
                    return None;
                }
                Some((label, Some(target.trim().to_owned()), end + 1))
            }
            (Dialect::Markdown, '<') => {
                let end = find(chars, i + 1, ">", MAX_DELIMITER_DISTANCE)?;
                let inner = slice(chars, i + 1, end);
                if looks_like_url(&inner) && !inner.contains(char::is_whitespace) {
                    Some((inner.clone(), Some(inner), end + 1))
                } else {
                    None
                }
            }
            _ => None,
        }
    }

    /// An opening delimiter at `i`, with the style it applies.
    #[allow(clippy::type_complexity)]
    fn delimiter_at(&self, chars: &[char], i: usize) -> Option<(&'static str, fn(Style) -> Style)> {
        let before = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
        let bold: fn(Style) -> Style = |s| Style { bold: true, ..s };
        let italic: fn(Style) -> Style = |s| Style { italic: true, ..s };
        let strike: fn(Style) -> Style = |s| Style { strike: true, ..s };
        let same: fn(Style) -> Style = |s| s;
        let candidates: &[(&'static str, fn(Style) -> Style)] = match self.dialect {
            Dialect::Slack => &[("*", bold), ("_", italic), ("~", strike)],
            Dialect::Markdown => &[
                ("***", |s| Style {
                    bold: true,
                    italic: true,
                    ..s
                }),
                ("**", bold),
                ("__", same),
                ("~~", strike),
                ("*", italic),
                ("_", italic),
            ],
        };
        let (delimiter, apply) = candidates
            .iter()
            .find(|(d, _)| starts_with(chars, i, d))
            .copied()?;
        let len = delimiter.chars().count();
        let after = chars.get(i + len).copied();
        // Opening: not inside a word (snake_case, 2*3) and followed by a non-space.
        let word_before = before.is_some_and(char::is_alphanumeric);
        if word_before || after.is_none_or(char::is_whitespace) {
            return None;
        }
        Some((delimiter, apply))
    }

    /// Where the delimiter opened at `i` closes, on the same line.
    ///
    /// Whether a position can close does not depend on the opener, so `dead` remembers, per
    /// delimiter, up to where no closer exists; later openers skip that stretch (this keeps
    /// text full of unmatched markers linear).
    fn closing(
        &self,
        chars: &[char],
        i: usize,
        delimiter: &'static str,
        dead: &mut Vec<(&'static str, usize)>,
    ) -> Option<usize> {
        let len = delimiter.chars().count();
        let first = delimiter.chars().next()?;
        let last = chars.len().min(i + len + MAX_DELIMITER_DISTANCE);
        let known = dead
            .iter()
            .find(|(d, _)| *d == delimiter)
            .map_or(0, |(_, until)| *until);
        let mut end = (i + len + 1).max(known);
        let remember = |dead: &mut Vec<(&'static str, usize)>, until: usize| match dead
            .iter_mut()
            .find(|(d, _)| *d == delimiter)
        {
            Some(entry) => entry.1 = entry.1.max(until),
            None => dead.push((delimiter, until)),
        };
        while end < last {
            match chars.get(end) {
                Some('\n') => {
                    remember(dead, end);
                    return None;
                }
                None => break,
                Some(c) if *c != first || !starts_with(chars, end, delimiter) => {
                    end += 1;
                    continue;
                }
                Some(_) => {}
            }
            let before = end.checked_sub(1).and_then(|j| chars.get(j)).copied();
            let after = chars.get(end + len).copied();
            let ok = !before.is_some_and(char::is_whitespace)
                && !after.is_some_and(char::is_alphanumeric)
                && after != Some(first);
            if ok {
                return Some(end);
            }
            end += 1;
        }
        remember(dead, last);
        None
    }
}

fn looks_like_url(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    ["http://", "https://", "mailto:", "tel:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme))
}

fn starts_with(chars: &[char], i: usize, pattern: &str) -> bool {
    pattern
        .chars()
        .enumerate()
        .all(|(k, p)| chars.get(i + k) == Some(&p))
}

/// The first index >= `from` (and within `max_distance`) where `pattern` starts.
fn find(chars: &[char], from: usize, pattern: &str, max_distance: usize) -> Option<usize> {
    let last = chars.len().min(from.saturating_add(max_distance));
    (from..last).find(|&j| starts_with(chars, j, pattern))
}

fn slice(chars: &[char], from: usize, to: usize) -> String {
    chars.get(from..to).unwrap_or_default().iter().collect()
}

/// Joins neighbouring spans with the same style.
fn merge(spans: Vec<Span>) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for span in spans {
        if let Some(last) = out.last_mut() {
            let same = last.bold == span.bold
                && last.italic == span.italic
                && last.code == span.code
                && last.strike == span.strike
                && last.link == span.link
                && last.color == span.color
                && last.link.is_none();
            if same {
                last.text.push_str(&span.text);
                continue;
            }
        }
        out.push(span);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn styled(spans: &[Span]) -> Vec<(String, &'static str)> {
        spans
            .iter()
            .map(|s| {
                let tag = match (s.bold, s.italic, s.code, s.strike, s.link.is_some()) {
                    (_, _, true, _, _) => "code",
                    (_, _, _, _, true) => "link",
                    (true, true, _, _, _) => "bold-italic",
                    (true, _, _, _, _) => "bold",
                    (_, true, _, _, _) => "italic",
                    (_, _, _, true, _) => "strike",
                    _ => "plain",
                };
                (s.text.clone(), tag)
            })
            .collect()
    }

    #[test]
    fn slack_mrkdwn_styles_links_and_entities() {
        let spans =
            slack("*Payment* of _$49.00_ by `cus_1` ~old~ <https://x.io/p|view> &amp; more");
        assert_eq!(
            styled(&spans),
            vec![
                ("Payment".to_owned(), "bold"),
                (" of ".to_owned(), "plain"),
                ("$49.00".to_owned(), "italic"),
                (" by ".to_owned(), "plain"),
                ("cus_1".to_owned(), "code"),
                (" ".to_owned(), "plain"),
                ("old".to_owned(), "strike"),
                (" ".to_owned(), "plain"),
                ("view".to_owned(), "link"),
                (" & more".to_owned(), "plain"),
            ]
        );
        assert_eq!(
            spans.get(8).and_then(|s| s.link.as_deref()),
            Some("https://x.io/p")
        );
    }

    #[test]
    fn slack_keeps_snake_case_and_lone_stars_literal() {
        let spans = slack("customer_id is 2 * 3 *and* x_y_z");
        assert_eq!(
            super::super::spans_text(&spans),
            "customer_id is 2 * 3 and x_y_z"
        );
        assert_eq!(spans.iter().filter(|s| s.bold).count(), 1);
        assert!(!spans.iter().any(|s| s.italic));
    }

    #[test]
    fn slack_emoji_codes_become_emoji_outside_code() {
        let spans = slack(":white_check_mark: *Paid* at 10:30 :unknown_code: `:tada:`");
        assert_eq!(
            super::super::spans_text(&spans),
            "✅ Paid at 10:30 :unknown_code: :tada:"
        );
    }

    #[test]
    fn slack_mentions_and_line_breaks() {
        let spans =
            slack("<!here> paid\nby <@U123> in <#C9|billing> <!date^1392734382^{date}|Feb 18>");
        assert_eq!(
            super::super::spans_text(&spans),
            "@here paid\nby @U123 in #billing Feb 18"
        );
    }

    #[test]
    fn slack_unclosed_markers_stay_literal() {
        assert_eq!(
            super::super::spans_text(&slack("*not bold\nnext*")),
            "*not bold\nnext*"
        );
        assert_eq!(super::super::spans_text(&slack("a <b")), "a <b");
    }

    #[test]
    fn markdown_bold_italic_code_links() {
        let spans = markdown("**Amount:** *49.00* __u__ ~~x~~ [Open](https://d.io) `id` \\*lit\\*");
        assert_eq!(
            styled(&spans),
            vec![
                ("Amount:".to_owned(), "bold"),
                (" ".to_owned(), "plain"),
                ("49.00".to_owned(), "italic"),
                (" u ".to_owned(), "plain"),
                ("x".to_owned(), "strike"),
                (" ".to_owned(), "plain"),
                ("Open".to_owned(), "link"),
                (" ".to_owned(), "plain"),
                ("id".to_owned(), "code"),
                (" *lit*".to_owned(), "plain"),
            ]
        );
    }

    #[test]
    fn fenced_code_is_one_code_span() {
        let spans = markdown("see\n```json\n{\"a\": 1}\n```");
        assert_eq!(
            spans.last().map(|s| (s.code, s.text.as_str())),
            Some((true, "json\n{\"a\": 1}"))
        );
    }

    #[test]
    fn discord_headings_and_subtext_become_blocks() {
        let blocks = markdown_blocks("# Paid\nline one\nline **two**\n-# small print");
        assert_eq!(blocks.len(), 3);
        assert_eq!(blocks.first(), Some(&Block::Heading("Paid".to_owned())));
        assert!(
            matches!(blocks.get(1), Some(Block::Paragraph(s)) if super::super::spans_text(s) == "line one\nline two")
        );
        assert!(matches!(blocks.get(2), Some(Block::Context(_))));
    }

    #[test]
    fn pathological_input_is_fast() {
        let text = "*a _b ~c ".repeat(5_000);
        let started = std::time::Instant::now();
        let spans = slack(&text);
        assert!(started.elapsed().as_secs() < 2);
        assert!(super::super::spans_text(&spans).len() <= MAX_INPUT_CHARS);
    }
}
