//! Any other receiver (generic webhook, Zapier, Windmill, …): the JSON body as a tree.

use serde_json::Value;

use super::destination::host_and_path;
use super::sentence::{Sentence, count};
use super::{Block, Preview, table};
use crate::engine::Output;

/// The preview of a body sent to a receiver we have no special view for. Zapier catch hooks
/// and Windmill webhooks are named, and their fields listed as a table (both read the body's
/// top-level fields: Zap trigger fields, script arguments).
pub(crate) fn preview(output: &Output) -> Preview {
    let (host, _) = host_and_path(&output.url);
    let host = if host.is_empty() {
        output.url.clone()
    } else {
        host
    };
    let method = output.method.to_uppercase();
    let service = if host == "hooks.zapier.com" {
        Some(("Zapier", "a Zap's trigger", "field", "fields"))
    } else if host == "windmill.dev" || host.ends_with(".windmill.dev") {
        Some(("Windmill", "a script or flow", "argument", "arguments"))
    } else {
        None
    };
    if let (Some((name, what, one, many)), Value::Object(map)) = (service, &output.payload) {
        let sentence = Sentence::new(format!(
            "{name} will start {what} with {}",
            count(map.len(), one, many)
        ));
        let mut blocks = table::properties("Field", map);
        if blocks.is_empty() {
            blocks.push(Block::info("The body is an empty object"));
        }
        return Preview {
            destination: name.to_owned(),
            sentence: sentence.done(),
            blocks,
        };
    }
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
        destination: service.map_or("Webhook", |(name, ..)| name).to_owned(),
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
    fn zapier_and_windmill_are_named_with_a_field_table() {
        let mut zap = out(json!({"event_type": "payment.succeeded", "amount": 54}));
        zap.url = "https://hooks.zapier.com/hooks/catch/123/abc/".to_owned();
        let p = preview(&zap);
        assert_eq!(p.destination, "Zapier");
        assert_eq!(
            p.sentence_text(),
            "Zapier will start a Zap's trigger with 2 fields"
        );
        assert!(p.plain_text().contains("amount | 54 | number"));
        let mut wm = out(json!({"a": 1}));
        wm.url = "https://app.windmill.dev/api/w/ws/jobs/run/p/f/x".to_owned();
        assert_eq!(
            preview(&wm).sentence_text(),
            "Windmill will start a script or flow with 1 argument"
        );
        wm.payload = json!([1]);
        assert_eq!(preview(&wm).destination, "Windmill");
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
