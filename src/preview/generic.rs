//! Any other receiver (generic webhook, Zapier, Windmill, …): the JSON body as a tree.

use serde_json::Value;

use super::destination::host_and_path;
use super::sentence::{Sentence, count};
use super::{Block, Preview};
use crate::engine::Output;

/// The preview of a body sent to a receiver we have no special view for.
pub(crate) fn preview(output: &Output) -> Preview {
    let (host, _) = host_and_path(&output.url);
    let host = if host.is_empty() {
        output.url.clone()
    } else {
        host
    };
    let method = output.method.to_uppercase();
    let sentence = match &output.payload {
        Value::Object(map) if is_dodo_envelope(&output.payload) => {
            let event = map.get("type").and_then(Value::as_str).unwrap_or_default();
            Sentence::new(format!("Sends ({method}) the Dodo "))
                .code(event)
                .plain(" event as it is to ")
                .code(host)
        }
        Value::Object(map) => Sentence::new(format!(
            "Sends ({method}) a JSON object with {} to ",
            count(map.len(), "field", "fields")
        ))
        .code(host),
        other => Sentence::new(format!("Sends ({method}) {} to ", describe(other))).code(host),
    };
    Preview {
        destination: "Webhook".to_owned(),
        sentence: sentence.done(),
        blocks: vec![Block::JsonTree(output.payload.clone())],
    }
}

/// The preview for a destination that needs a JSON object but got something else.
pub(crate) fn not_an_object(output: &Output, label: &str) -> Preview {
    Preview {
        destination: label.to_owned(),
        sentence: Sentence::new(format!(
            "Sends {} to {label}, which expects a JSON object (the body is not a JSON object)",
            describe(&output.payload)
        ))
        .done(),
        blocks: vec![Block::JsonTree(output.payload.clone())],
    }
}

/// Whether `value` looks like the Dodo envelope `{business_id, type, timestamp, data}`.
pub(crate) fn is_dodo_envelope(value: &Value) -> bool {
    ["business_id", "type", "timestamp", "data"]
        .iter()
        .all(|key| value.get(key).is_some())
}

/// "a JSON array of 3 items", "the string \"x\"", …
fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => format!("the boolean {b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(_) => "a JSON string".to_owned(),
        Value::Array(items) => format!("a JSON array of {}", count(items.len(), "item", "items")),
        Value::Object(map) => format!("a JSON object with {}", count(map.len(), "field", "fields")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn out(payload: Value) -> Output {
        Output {
            method: "post".to_owned(),
            url: "https://webhook.example.com".to_owned(),
            headers: Default::default(),
            payload,
            cancel: false,
        }
    }

    #[test]
    fn unchanged_dodo_envelope_is_named() {
        let p = preview(&out(
            json!({"business_id": "bus_1", "type": "payment.succeeded",
                                     "timestamp": "2026-01-01T00:00:00Z", "data": {}}),
        ));
        assert_eq!(
            p.sentence_text(),
            "Sends (POST) the Dodo payment.succeeded event as it is to webhook.example.com"
        );
    }

    #[test]
    fn other_bodies_are_counted() {
        assert_eq!(
            preview(&out(json!({"a": 1, "b": 2}))).sentence_text(),
            "Sends (POST) a JSON object with 2 fields to webhook.example.com"
        );
        assert_eq!(
            preview(&out(json!([1]))).sentence_text(),
            "Sends (POST) a JSON array of 1 item to webhook.example.com"
        );
    }
}
