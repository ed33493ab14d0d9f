//! Discord execute-webhook rules (domain §5.4).

use serde_json::Value;

use super::{at, chars, kind, push};
use crate::check::{Finding, Severity};

/// Per-embed text limits: (JSON pointer, path suffix, limit).
const EMBED_LIMITS: &[(&str, &str, usize)] = &[
    ("/title", "title", 256),
    ("/description", "description", 4096),
    ("/footer/text", "footer.text", 2048),
    ("/author/name", "author.name", 256),
];

/// Checks a Discord message body.
pub(super) fn check(payload: &Value, out: &mut Vec<Finding>) {
    let content = payload.get("content");
    let has_content = content
        .and_then(Value::as_str)
        .is_some_and(|s| !s.trim().is_empty());
    let embeds = payload.get("embeds");
    let has_embeds = embeds
        .and_then(Value::as_array)
        .is_some_and(|e| !e.is_empty());
    let has_other = ["components", "file", "poll"]
        .iter()
        .any(|k| payload.get(k).is_some_and(|v| !v.is_null()));
    if !has_content && !has_embeds && !has_other {
        push(
            out,
            Severity::Error,
            "discord.content_required",
            "payload",
            "a Discord message needs `content` or `embeds`; Discord answers 400 \"Cannot send an empty message\"",
            "Add content: \"...\" or an embeds array.",
        );
    }
    if let Some(c) = content {
        match c.as_str() {
            Some(s) if chars(s) > 2000 => push(
                out,
                Severity::Error,
                "discord.content_too_long",
                "payload.content",
                format!("content is {} characters; Discord allows 2 000", chars(s)),
                "Shorten it, or move details into an embed description (4 096).",
            ),
            Some(_) => {}
            None if c.is_null() => {}
            None => push(
                out,
                Severity::Error,
                "discord.content_string",
                "payload.content",
                format!("content must be a string, not {}", kind(c)),
                "Convert it with String(...) or a template literal.",
            ),
        }
    }
    let Some(embeds) = embeds else { return };
    let Some(list) = embeds.as_array() else {
        push(
            out,
            Severity::Error,
            "discord.embeds_array",
            "payload.embeds",
            format!("embeds must be an array, not {}", kind(embeds)),
            "Make embeds an array: [ { title, description, color } ].",
        );
        return;
    };
    if list.len() > 10 {
        push(
            out,
            Severity::Error,
            "discord.too_many_embeds",
            "payload.embeds",
            format!("{} embeds; Discord allows 10 per message", list.len()),
            "Send at most 10 embeds.",
        );
    }
    let mut total = 0;
    for (i, embed) in list.iter().enumerate() {
        total += check_embed(embed, &format!("payload.embeds[{i}]"), out);
    }
    if total > 6000 {
        push(
            out,
            Severity::Error,
            "discord.embed_total_too_long",
            "payload.embeds",
            format!(
                "the embeds hold {total} characters of text in all; Discord allows 6 000 per message"
            ),
            "Shorten descriptions and field values.",
        );
    }
}

/// Checks one embed; returns its text length for the 6 000 total.
fn check_embed(embed: &Value, path: &str, out: &mut Vec<Finding>) -> usize {
    let mut total = 0;
    for (pointer, suffix, limit) in EMBED_LIMITS {
        if let Some(s) = embed.pointer(pointer).and_then(Value::as_str) {
            total += chars(s);
            if chars(s) > *limit {
                push(
                    out,
                    Severity::Error,
                    "discord.embed_field_too_long",
                    at(path, suffix),
                    format!(
                        "embed {suffix} is {} characters; Discord allows {limit}",
                        chars(s)
                    ),
                    format!("Shorten the {suffix}."),
                );
            }
        }
    }
    if let Some(color) = embed.get("color")
        && !(color.is_u64() || color.is_null())
    {
        let fix = match color.as_str() {
            Some(s) if s.starts_with('#') => format!(
                "Use an integer: parseInt(\"{}\", 16) or 0x{}.",
                s.trim_start_matches('#'),
                s.trim_start_matches('#')
            ),
            _ => "Use an integer 0xRRGGBB, e.g. 0x00ff00 for green.".to_owned(),
        };
        push(
            out,
            Severity::Error,
            "discord.embed_color",
            at(path, "color"),
            format!(
                "embed color must be an integer (0xRRGGBB), not {}",
                kind(color)
            ),
            fix,
        );
    }
    if let Some(fields) = embed.get("fields").and_then(Value::as_array) {
        if fields.len() > 25 {
            push(
                out,
                Severity::Error,
                "discord.too_many_fields",
                at(path, "fields"),
                format!("{} fields; Discord allows 25 per embed", fields.len()),
                "Send at most 25 fields.",
            );
        }
        for (j, field) in fields.iter().enumerate() {
            let fpath = format!("{path}.fields[{j}]");
            for (key, limit) in [("name", 256), ("value", 1024)] {
                match field.get(key).and_then(Value::as_str) {
                    Some(s) if s.trim().is_empty() => push(
                        out,
                        Severity::Error,
                        "discord.field_empty",
                        at(&fpath, key),
                        format!(
                            "field {key} is empty; Discord rejects empty field names and values"
                        ),
                        format!("Give the field a {key}, e.g. String(x ?? \"n/a\")."),
                    ),
                    Some(s) => {
                        total += chars(s);
                        if chars(s) > limit {
                            push(
                                out,
                                Severity::Error,
                                "discord.field_too_long",
                                at(&fpath, key),
                                format!(
                                    "field {key} is {} characters; Discord allows {limit}",
                                    chars(s)
                                ),
                                format!("Shorten the field {key}."),
                            );
                        }
                    }
                    None => push(
                        out,
                        Severity::Error,
                        "discord.field_empty",
                        at(&fpath, key),
                        format!("each field needs a string {key}"),
                        format!("Set {key} to a non-empty string, e.g. String(x ?? \"n/a\")."),
                    ),
                }
            }
        }
    }
    total
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests may unwrap (common brief); the lint guards user data.
mod tests {
    use serde_json::json;

    use crate::check::destinations::test_util::{findings, rules};

    const URL: &str = "https://discord.com/api/webhooks/1/tok";

    #[test]
    fn needs_content_or_embeds() {
        assert_eq!(
            rules(URL, json!({"username": "x"})),
            ["discord.content_required"]
        );
        assert!(rules(URL, json!({"content": "hi"})).is_empty());
        assert!(rules(URL, json!({"embeds": [{"title": "t", "color": 65280}]})).is_empty());
    }

    #[test]
    fn content_limit() {
        assert_eq!(
            rules(URL, json!({"content": "a".repeat(2001)})),
            ["discord.content_too_long"]
        );
        assert!(rules(URL, json!({"content": "a".repeat(2000)})).is_empty());
    }

    #[test]
    fn embed_count_and_limits() {
        let embeds: Vec<_> = (0..11).map(|_| json!({"title": "t"})).collect();
        assert_eq!(
            rules(URL, json!({"embeds": embeds})),
            ["discord.too_many_embeds"]
        );
        let f = findings(URL, json!({"embeds": [{"title": "a".repeat(257)}]}));
        assert_eq!(
            (f[0].rule, f[0].path.as_str()),
            ("discord.embed_field_too_long", "payload.embeds[0].title")
        );
        assert_eq!(
            rules(URL, json!({"embeds": [{"description": "a".repeat(4097)}]})),
            ["discord.embed_field_too_long"]
        );
        assert_eq!(
            rules(
                URL,
                json!({"embeds": [{"footer": {"text": "a".repeat(2049)}}]})
            ),
            ["discord.embed_field_too_long"]
        );
        let fields: Vec<_> = (0..26)
            .map(|i| json!({"name": format!("n{i}"), "value": "v"}))
            .collect();
        assert_eq!(
            rules(URL, json!({"embeds": [{"fields": fields}]})),
            ["discord.too_many_fields"]
        );
        let f = findings(
            URL,
            json!({"embeds": [{"fields": [{"name": "a".repeat(257), "value": "v"}, {"name": "n", "value": "a".repeat(1025)}]}]}),
        );
        let got: Vec<_> = f.iter().map(|f| (f.rule, f.path.as_str())).collect();
        assert_eq!(
            got,
            [
                ("discord.field_too_long", "payload.embeds[0].fields[0].name"),
                (
                    "discord.field_too_long",
                    "payload.embeds[0].fields[1].value"
                )
            ]
        );
        assert_eq!(
            rules(
                URL,
                json!({"embeds": [{"fields": [{"name": "n", "value": ""}]}]})
            ),
            ["discord.field_empty"]
        );
    }

    #[test]
    fn total_embed_text() {
        let embeds: Vec<_> = (0..2)
            .map(|_| json!({"description": "a".repeat(3001)}))
            .collect();
        assert_eq!(
            rules(URL, json!({"embeds": embeds})),
            ["discord.embed_total_too_long"]
        );
        let embeds: Vec<_> = (0..2)
            .map(|_| json!({"description": "a".repeat(3000)}))
            .collect();
        assert!(rules(URL, json!({"embeds": embeds})).is_empty());
    }

    #[test]
    fn color_must_be_integer() {
        let f = findings(URL, json!({"embeds": [{"title": "t", "color": "#00ff00"}]}));
        assert_eq!(f[0].rule, "discord.embed_color");
        assert!(f[0].fix.contains("0x00ff00"), "{}", f[0].fix);
        assert_eq!(
            rules(URL, json!({"embeds": [{"title": "t", "color": 1.5}]})),
            ["discord.embed_color"]
        );
    }
}
