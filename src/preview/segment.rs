//! Segment HTTP tracking API calls: track, identify, page, screen, group, alias and batch.

use serde_json::{Map, Value};

use super::destination::{host_and_path, path_segments};
use super::sentence::{Sentence, count, short_id, str_at};
use super::{Block, Preview, Span, format_iso, generic, table};
use crate::engine::Output;

/// The calls a batch lists in its summary table before the rest is counted.
const MAX_BATCH_DETAILS: usize = 200;

/// The preview of a Segment call.
pub(crate) fn preview(output: &Output) -> Preview {
    let Some(body) = output.payload.as_object() else {
        return generic::not_an_object(output, "Segment");
    };
    let (_, path) = host_and_path(&output.url);
    let segments = path_segments(&path);
    let call = match segments.as_slice() {
        ["v1", call, ..] => (*call).to_owned(),
        _ => str_at(&output.payload, "type").unwrap_or_default(),
    };
    let (sentence, blocks) = if call == "batch" || call == "import" {
        batch(body)
    } else {
        single(&call, body)
    };
    Preview {
        destination: "Segment".to_owned(),
        sentence,
        blocks,
    }
}

/// Who a call is about: `userId`, else `anonymousId`.
fn who(body: &Map<String, Value>) -> Option<(&'static str, String)> {
    let value = Value::Object(body.clone());
    str_at(&value, "userId")
        .map(|id| ("user", id))
        .or_else(|| str_at(&value, "anonymousId").map(|id| ("anonymous visitor", id)))
}

fn single(call: &str, body: &Map<String, Value>) -> (Vec<Span>, Vec<Block>) {
    let value = Value::Object(body.clone());
    let who = who(body);
    let mut pairs = vec![("Call".to_owned(), call.to_owned())];
    for key in [
        "userId",
        "anonymousId",
        "event",
        "name",
        "groupId",
        "previousId",
        "messageId",
    ] {
        if let Some(v) = str_at(&value, key) {
            pairs.push((key.to_owned(), v));
        }
    }
    if let Some(timestamp) = str_at(&value, "timestamp") {
        pairs.push((
            "timestamp".to_owned(),
            format!("{timestamp} ({})", format_iso(&timestamp)),
        ));
    }
    let mut blocks = vec![Block::KeyValues(pairs)];
    let (table_key, noun) = match call {
        "identify" | "group" => ("traits", ("trait", "traits")),
        _ => ("properties", ("property", "properties")),
    };
    let data = body.get(table_key).and_then(Value::as_object);
    if let Some(data) = data {
        blocks.push(Block::Context(vec![Span::code(table_key)]));
        blocks.extend(table::properties(
            if table_key == "traits" {
                "Trait"
            } else {
                "Property"
            },
            data,
        ));
    }
    for key in ["context", "integrations"] {
        if let Some(extra) = body.get(key).filter(|v| v.is_object()) {
            blocks.push(Block::Context(vec![Span::code(key)]));
            blocks.push(Block::JsonTree(extra.clone()));
        }
    }
    let n = data.map_or(0, Map::len);
    let with = format!(" with {}", count(n, noun.0, noun.1));

    let for_who = |s: Sentence| match &who {
        Some((kind, id)) => s.plain(format!(" for {kind} ")).code(short_id(id)),
        None => s.plain(" for an unknown user (no userId or anonymousId)"),
    };
    let sentence = match call {
        "track" => {
            let s = Sentence::new("Segment will record the event ");
            let s = match str_at(&value, "event") {
                Some(event) => s.bold(event),
                None => s.plain("(no event name)"),
            };
            for_who(s).plain(with)
        }
        "identify" => {
            let s = Sentence::new("Segment will update the profile of");
            let s = match &who {
                Some((kind, id)) => s.plain(format!(" {kind} ")).code(short_id(id)),
                None => s.plain(" an unknown user (no userId or anonymousId)"),
            };
            s.plain(with)
        }
        "page" | "screen" => {
            let s = Sentence::new(format!("Segment will record a {call} view"));
            let s = match str_at(&value, "name") {
                Some(name) => s.plain(" of ").bold(name),
                None => s,
            };
            for_who(s).plain(with)
        }
        "group" => {
            let s = Sentence::new("Segment will add");
            let s = match &who {
                Some((kind, id)) => s.plain(format!(" {kind} ")).code(short_id(id)),
                None => s.plain(" an unknown user"),
            };
            let s = s.plain(" to the group ");
            let s = match str_at(&value, "groupId") {
                Some(group) => s.code(short_id(&group)),
                None => s.plain("(no groupId)"),
            };
            s.plain(with)
        }
        "alias" => {
            let s = Sentence::new("Segment will merge ");
            let s = match str_at(&value, "previousId") {
                Some(previous) => s.code(short_id(&previous)),
                None => s.plain("(no previousId)"),
            };
            let s = s.plain(" into user ");
            match str_at(&value, "userId") {
                Some(user) => s.code(short_id(&user)),
                None => s.plain("(no userId)"),
            }
        }
        "" => Sentence::new(
            "Segment will receive a call of unknown type (no /v1/<call> in the URL and no \"type\")",
        ),
        other => Sentence::new("Segment will receive a ")
            .code(other)
            .plain(" call, which it does not know"),
    };
    (sentence.done(), blocks)
}

fn batch(body: &Map<String, Value>) -> (Vec<Span>, Vec<Block>) {
    let items = body
        .get("batch")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    let mut kinds: Vec<(String, usize)> = Vec::new();
    let mut rows = Vec::new();
    for (index, item) in items.iter().enumerate() {
        let kind = str_at(item, "type").unwrap_or_else(|| "?".to_owned());
        match kinds.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, n)) => *n += 1,
            None => kinds.push((kind.clone(), 1)),
        }
        if index < MAX_BATCH_DETAILS {
            let who = item
                .as_object()
                .and_then(who)
                .map_or_else(|| "(none)".to_owned(), |(_, id)| id);
            let what = str_at(item, "event")
                .or_else(|| str_at(item, "name"))
                .unwrap_or_default();
            let data = item
                .get("properties")
                .or_else(|| item.get("traits"))
                .and_then(Value::as_object)
                .map_or(0, Map::len);
            rows.push(vec![
                (index + 1).to_string(),
                kind,
                who,
                what,
                data.to_string(),
            ]);
        }
    }
    let mut blocks = table::rows_block(
        ["#", "Call", "Who", "Event / name", "Fields"]
            .map(str::to_owned)
            .to_vec(),
        rows,
    );
    if items.len() > MAX_BATCH_DETAILS {
        blocks.push(Block::Notice(super::Notice {
            tone: super::Tone::Truncated,
            text: format!("{} more calls not shown", items.len() - MAX_BATCH_DETAILS),
        }));
    }
    let breakdown = kinds
        .iter()
        .map(|(kind, n)| format!("{n} {kind}"))
        .collect::<Vec<_>>()
        .join(", ");
    let mut sentence = Sentence::new(format!(
        "Segment will record a batch of {}",
        count(items.len(), "call", "calls")
    ));
    if !breakdown.is_empty() {
        sentence = sentence.plain(format!(" ({breakdown})"));
    }
    (sentence.done(), blocks)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::preview::build;
    use serde_json::json;

    fn out(url: &str, payload: Value) -> Output {
        Output {
            method: "POST".to_owned(),
            url: url.to_owned(),
            headers: Default::default(),
            payload,
            cancel: false,
        }
    }

    #[test]
    fn track_names_event_user_and_property_count() {
        let p = build(&out(
            "https://api.segment.io/v1/track",
            json!({
                "userId": "cus_8VbC6JDZzPEqfBPUdpj0K",
                "event": "Payment Completed",
                "properties": {"amount": "49.00", "currency": "USD", "payment_method": "card",
                               "payment_id": "pay_1", "customer_email": "j@x.io", "customer_name": "Jane"},
                "timestamp": "2026-01-01T10:00:00Z"
            }),
        ));
        assert_eq!(p.destination, "Segment");
        assert_eq!(
            p.sentence_text(),
            "Segment will record the event Payment Completed for user cus_8VbC… with 6 properties"
        );
        assert!(
            p.sentence
                .iter()
                .any(|s| s.bold && s.text == "Payment Completed")
        );
        assert!(p.sentence.iter().any(|s| s.code && s.text == "cus_8VbC…"));
        let text = p.plain_text();
        assert!(text.contains("amount | 49.00 | string"), "{text}");
        assert!(text.contains("userId: cus_8VbC6JDZzPEqfBPUdpj0K"), "{text}");
        assert!(text.contains("Jan 1, 2026 10:00:00 UTC"), "{text}");
    }

    #[test]
    fn identify_counts_traits_and_anonymous_ids() {
        let p = build(&out(
            "https://events.eu1.segmentapis.com/v1/identify",
            json!({"anonymousId": "anon-1", "traits": {"email": "j@x.io", "name": "Jane"}}),
        ));
        assert_eq!(
            p.sentence_text(),
            "Segment will update the profile of anonymous visitor anon-1 with 2 traits"
        );
        assert!(p.plain_text().contains("email | j@x.io | string"));
    }

    #[test]
    fn missing_user_and_event_are_said() {
        let p = build(&out(
            "https://api.segment.io/v1/track",
            json!({"properties": {}}),
        ));
        assert_eq!(
            p.sentence_text(),
            "Segment will record the event (no event name) for an unknown user (no userId or \
             anonymousId) with 0 properties"
        );
    }

    #[test]
    fn batch_is_summarised() {
        let p = build(&out(
            "https://api.segment.io/v1/batch",
            json!({"batch": [
                {"type": "track", "userId": "u1", "event": "A", "properties": {"x": 1}},
                {"type": "track", "userId": "u2", "event": "B"},
                {"type": "identify", "userId": "u1", "traits": {"a": 1, "b": 2}}
            ]}),
        ));
        assert_eq!(
            p.sentence_text(),
            "Segment will record a batch of 3 calls (2 track, 1 identify)"
        );
        assert!(
            p.plain_text().contains("3 | identify | u1 |  | 2"),
            "{}",
            p.plain_text()
        );
    }
}
