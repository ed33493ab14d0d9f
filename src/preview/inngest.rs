//! Inngest event API: one event or a list of events, with their data as a table.

use serde_json::{Map, Value};

use super::sentence::{Sentence, count, str_at, value_text};
use super::{Block, Preview, Span, format_unix, table};
use crate::engine::Output;

/// Events of a list shown in its table before the rest is counted.
const MAX_EVENTS: usize = 200;

/// The preview of an Inngest event send.
pub(crate) fn preview(output: &Output) -> Preview {
    let (sentence, blocks) = match &output.payload {
        Value::Array(events) => list(events),
        Value::Object(event) => single(event),
        other => (
            Sentence::new(
                "Sends a JSON value Inngest cannot read as an event (an event is an \
                           object with a name and data)",
            )
            .done(),
            vec![Block::JsonTree(other.clone())],
        ),
    };
    Preview {
        destination: "Inngest".to_owned(),
        sentence,
        blocks,
    }
}

fn single(event: &Map<String, Value>) -> (Vec<Span>, Vec<Block>) {
    let value = Value::Object(event.clone());
    let name = str_at(&value, "name");
    let mut pairs = vec![(
        "name".to_owned(),
        name.clone().unwrap_or_else(|| "(missing)".to_owned()),
    )];
    for key in ["id", "v"] {
        if let Some(v) = str_at(&value, key) {
            pairs.push((key.to_owned(), v));
        }
    }
    if let Some(ts) = event.get("ts") {
        // Inngest reads `ts` as milliseconds; show what that means.
        let date = ts
            .as_f64()
            .and_then(|ms| format_unix(ms / 1000.0))
            .map(|date| format!(" (read as milliseconds: {date})"))
            .unwrap_or_default();
        pairs.push(("ts".to_owned(), format!("{}{date}", value_text(ts))));
    }
    let mut blocks = vec![Block::KeyValues(pairs)];
    let data = event.get("data").and_then(Value::as_object);
    if let Some(data) = data {
        blocks.push(Block::Context(vec![Span::code("data")]));
        blocks.extend(table::properties("Field", data));
    }
    if let Some(user) = event.get("user").and_then(Value::as_object) {
        blocks.push(Block::Context(vec![Span::code("user")]));
        blocks.extend(table::properties("Field", user));
    }
    let s = Sentence::new("Inngest will receive the event ");
    let s = match name {
        Some(name) => s.bold(name),
        None => s.plain("(no name)"),
    };
    let n = data.map_or(0, Map::len);
    let sentence = s
        .plain(format!(" with {}", count(n, "data field", "data fields")))
        .plain(", starting the functions triggered by it");
    (sentence.done(), blocks)
}

fn list(events: &[Value]) -> (Vec<Span>, Vec<Block>) {
    let rows = events
        .iter()
        .take(MAX_EVENTS)
        .enumerate()
        .map(|(index, event)| {
            let fields = event
                .get("data")
                .and_then(Value::as_object)
                .map_or(0, Map::len);
            vec![
                (index + 1).to_string(),
                str_at(event, "name").unwrap_or_default(),
                fields.to_string(),
            ]
        })
        .collect();
    let mut blocks = table::rows_block(
        ["#", "Event", "Data fields"].map(str::to_owned).to_vec(),
        rows,
    );
    if events.len() > MAX_EVENTS {
        blocks.push(Block::Notice(super::Notice {
            tone: super::Tone::Truncated,
            text: format!("{} more events not shown", events.len() - MAX_EVENTS),
        }));
    }
    let sentence = Sentence::new(format!(
        "Inngest will receive {}",
        count(events.len(), "event", "events")
    ));
    (sentence.done(), blocks)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::preview::build;
    use serde_json::json;

    fn out(payload: Value) -> Output {
        Output {
            method: "POST".to_owned(),
            url: "https://inn.gs/e/KEY".to_owned(),
            headers: Default::default(),
            payload,
            cancel: false,
        }
    }

    #[test]
    fn event_with_seconds_timestamp_shows_its_millisecond_reading() {
        let p = build(&out(
            json!({"name": "payment.succeeded", "data": {"amount": 4900, "currency": "USD"},
                                  "ts": 1767225600}),
        ));
        assert_eq!(p.destination, "Inngest");
        assert_eq!(
            p.sentence_text(),
            "Inngest will receive the event payment.succeeded with 2 data fields, starting the \
             functions triggered by it"
        );
        let text = p.plain_text();
        assert!(
            text.contains("ts: 1767225600 (read as milliseconds: Jan 21, 1970"),
            "{text}"
        );
        assert!(text.contains("amount | 4900 | number"));
    }

    #[test]
    fn event_lists() {
        let p = build(&out(
            json!([{"name": "a", "data": {}}, {"name": "b", "data": {"x": 1}}]),
        ));
        assert_eq!(p.sentence_text(), "Inngest will receive 2 events");
        assert!(p.plain_text().contains("2 | b | 1"));
    }
}
