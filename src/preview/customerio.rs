//! Customer.io Track API v2: one entity operation or a batch of them.

use serde_json::{Map, Value};

use super::destination::{host_and_path, path_segments};
use super::sentence::{Sentence, count, short_id, str_at, value_text};
use super::{Block, Preview, Span, generic, table, unix_value};
use crate::engine::Output;

/// Person actions Track v2 knows.
const PERSON_ACTIONS: &[&str] = &[
    "identify",
    "event",
    "page",
    "screen",
    "delete",
    "add_relationships",
    "delete_relationships",
    "add_device",
    "delete_device",
    "merge",
    "suppress",
    "unsuppress",
];

/// Operations of a batch listed in its table before the rest is counted.
const MAX_BATCH_DETAILS: usize = 200;

/// The preview of a Customer.io call.
pub(crate) fn preview(output: &Output) -> Preview {
    let Some(body) = output.payload.as_object() else {
        return generic::not_an_object(output, "Customer.io");
    };
    let (_, path) = host_and_path(&output.url);
    let (sentence, blocks) = if path_segments(&path).last() == Some(&"batch") {
        batch(body)
    } else {
        entity(body)
    };
    Preview {
        destination: "Customer.io".to_owned(),
        sentence,
        blocks,
    }
}

/// The identifier of an operation: `id: cus_1`, `email: a@x.io`, …
fn identifier(op: &Value) -> Option<(String, String)> {
    let identifiers = op.get("identifiers")?.as_object()?;
    identifiers
        .iter()
        .next()
        .map(|(key, value)| (key.clone(), value_text(value)))
}

fn entity(body: &Map<String, Value>) -> (Vec<Span>, Vec<Block>) {
    let op = Value::Object(body.clone());
    let kind = str_at(&op, "type").unwrap_or_default();
    let action = str_at(&op, "action").unwrap_or_default();
    let name = str_at(&op, "name");
    let who = identifier(&op);
    let mut pairs = vec![
        ("type".to_owned(), kind.clone()),
        ("action".to_owned(), action.clone()),
    ];
    if let Some((key, value)) = &who {
        pairs.push((format!("identifiers.{key}"), value.clone()));
    }
    if let Some(name) = &name {
        pairs.push(("name".to_owned(), name.clone()));
    }
    if let Some(timestamp) = body.get("timestamp") {
        let shown = match unix_value(timestamp) {
            Some(date) => format!("{} ({date})", value_text(timestamp)),
            None => value_text(timestamp),
        };
        pairs.push(("timestamp".to_owned(), shown));
    }
    let mut blocks = vec![Block::KeyValues(pairs)];
    let attributes = body.get("attributes").and_then(Value::as_object);
    if let Some(attributes) = attributes {
        blocks.push(Block::Context(vec![Span::code("attributes")]));
        blocks.extend(table::properties("Attribute", attributes));
    }
    let n = attributes.map_or(0, Map::len);
    let with = format!(" with {}", count(n, "attribute", "attributes"));
    let subject = if kind == "object" { "object" } else { "person" };
    let for_who = |s: Sentence| match &who {
        Some((key, id)) => s
            .plain(format!(" for {subject} "))
            .code(format!("{key} {}", short_id(id))),
        None => s.plain(format!(" for a {subject} without identifiers")),
    };
    let sentence = match action.as_str() {
        "event" => {
            let s = Sentence::new("Customer.io will record the event ");
            let s = match &name {
                Some(name) => s.bold(name.clone()),
                None => s.plain("(no name)"),
            };
            for_who(s).plain(with)
        }
        "identify" => {
            let s = Sentence::new(format!("Customer.io will create or update the {subject}"));
            let s = match &who {
                Some((key, id)) => s.plain(" ").code(format!("{key} {}", short_id(id))),
                None => s.plain(" (no identifiers)"),
            };
            s.plain(with)
        }
        "page" | "screen" => {
            let s = Sentence::new(format!("Customer.io will record a {action} view "));
            let s = match &name {
                Some(name) => s.bold(name.clone()),
                None => s.plain("(no name)"),
            };
            for_who(s)
        }
        "" => for_who(Sentence::new(
            "Customer.io will receive an operation with no action",
        )),
        known if PERSON_ACTIONS.contains(&known) => {
            for_who(Sentence::new("Customer.io will run ").code(known))
        }
        unknown => {
            for_who(Sentence::new("Customer.io will receive the unknown action ").code(unknown))
        }
    };
    if action == "event"
        && let Some(name) = &name
    {
        blocks.push(Block::Context(vec![
            Span::plain("A campaign triggered by the event "),
            Span::code(name.clone()),
            Span::plain(" would match."),
        ]));
    }
    (sentence.done(), blocks)
}

fn batch(body: &Map<String, Value>) -> (Vec<Span>, Vec<Block>) {
    let ops = body
        .get("batch")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    let rows = ops
        .iter()
        .take(MAX_BATCH_DETAILS)
        .enumerate()
        .map(|(index, op)| {
            let who =
                identifier(op).map_or_else(|| "(none)".to_owned(), |(k, v)| format!("{k} {v}"));
            let attributes = op
                .get("attributes")
                .and_then(Value::as_object)
                .map_or(0, Map::len);
            vec![
                (index + 1).to_string(),
                str_at(op, "type").unwrap_or_default(),
                str_at(op, "action").unwrap_or_default(),
                who,
                str_at(op, "name").unwrap_or_default(),
                attributes.to_string(),
            ]
        })
        .collect();
    let mut blocks = table::rows_block(
        ["#", "Type", "Action", "Identifier", "Name", "Attributes"]
            .map(str::to_owned)
            .to_vec(),
        rows,
    );
    if ops.len() > MAX_BATCH_DETAILS {
        blocks.push(Block::Notice(super::Notice {
            tone: super::Tone::Truncated,
            text: format!(
                "{} more operations not shown",
                ops.len() - MAX_BATCH_DETAILS
            ),
        }));
    }
    let sentence = Sentence::new(format!(
        "Customer.io will receive a batch of {}",
        count(ops.len(), "operation", "operations")
    ));
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
    fn event_names_person_and_campaign_hint() {
        let p = build(&out(
            "https://track.customer.io/api/v2/entity",
            json!({"type": "person", "identifiers": {"id": "cus_8VbC6JDZzPEqfBPUdpj0K"},
                   "action": "event", "name": "payment_completed",
                   "attributes": {"amount": "49.00", "currency": "USD"}, "timestamp": 1767225600}),
        ));
        assert_eq!(p.destination, "Customer.io");
        assert_eq!(
            p.sentence_text(),
            "Customer.io will record the event payment_completed for person id cus_8VbC… with 2 attributes"
        );
        let text = p.plain_text();
        assert!(text.contains("A campaign triggered by the event payment_completed would match."));
        assert!(
            text.contains("timestamp: 1767225600 (Jan 1, 2026 00:00 UTC)"),
            "{text}"
        );
        assert!(text.contains("amount | 49.00 | string"));
    }

    #[test]
    fn identify_and_unknown_actions() {
        let p = build(&out(
            "https://track-eu.customer.io/api/v2/entity",
            json!({"type": "person", "identifiers": {"email": "j@x.io"}, "action": "identify",
                   "attributes": {"plan": "pro"}}),
        ));
        assert_eq!(
            p.sentence_text(),
            "Customer.io will create or update the person email j@x.io with 1 attribute"
        );
        let p = build(&out(
            "https://track.customer.io/api/v2/entity",
            json!({"type": "person", "identifiers": {"id": "c1"}, "action": "payment_completed"}),
        ));
        assert_eq!(
            p.sentence_text(),
            "Customer.io will receive the unknown action payment_completed for person id c1"
        );
    }

    #[test]
    fn batch_lists_operations() {
        let p = build(&out(
            "https://track.customer.io/api/v2/batch",
            json!({"batch": [
                {"type": "person", "identifiers": {"id": "c1"}, "action": "event", "name": "paid"},
                {"type": "person", "identifiers": {"id": "c2"}, "action": "identify", "attributes": {"a": 1}}
            ]}),
        ));
        assert_eq!(
            p.sentence_text(),
            "Customer.io will receive a batch of 2 operations"
        );
        assert!(
            p.plain_text()
                .contains("2 | person | identify | id c2 |  | 1"),
            "{}",
            p.plain_text()
        );
    }
}
