//! HubSpot CRM v3 object calls: create, update and batch, with the properties as a table.

use serde_json::{Map, Value};

use super::destination::{host_and_path, path_segments};
use super::sentence::{Sentence, a, count, short_id, value_text};
use super::{Block, Preview, Span, generic, table};
use crate::engine::Output;

/// Batch inputs shown one table each before the rest is counted.
const MAX_BATCH_INPUTS: usize = 20;

/// The preview of a HubSpot call.
pub(crate) fn preview(output: &Output) -> Preview {
    let Some(body) = output.payload.as_object() else {
        return generic::not_an_object(output, "HubSpot");
    };
    let (_, path) = host_and_path(&output.url);
    let segments = path_segments(&path);
    let method = output.method.to_uppercase();
    let properties = body.get("properties").and_then(Value::as_object);
    let n = properties.map_or(0, Map::len);
    let with = format!(" with {}", count(n, "property", "properties"));

    let sentence = match segments.as_slice() {
        ["crm", _, "objects", object, "batch", operation, ..] => {
            let inputs = body
                .get("inputs")
                .and_then(Value::as_array)
                .map_or(0, Vec::len);
            let verb = match *operation {
                "upsert" => "create or update",
                other => other,
            };
            Sentence::new(format!(
                "HubSpot will {verb} {}",
                count(inputs, &singular(object), &plural(object))
            ))
        }
        ["crm", _, "objects", object] if method == "POST" => {
            Sentence::new(format!("HubSpot will create {}", a(&singular(object)))).plain(with)
        }
        ["crm", _, "objects", object, id, ..] if method == "PATCH" || method == "PUT" => {
            Sentence::new(format!("HubSpot will update the {} ", singular(object)))
                .code(short_id(id))
                .plain(with)
        }
        _ => Sentence::new(format!("HubSpot will receive a {method} to ")).code(path.clone()),
    };

    let mut blocks = Vec::new();
    if let Some(properties) = properties {
        blocks.push(Block::Context(vec![Span::code("properties")]));
        blocks.extend(table::properties("Property", properties));
    }
    let inputs = body.get("inputs").and_then(Value::as_array);
    for (index, input) in inputs
        .into_iter()
        .flatten()
        .take(MAX_BATCH_INPUTS)
        .enumerate()
    {
        let mut heading = vec![Span::plain(format!("Input {}", index + 1))];
        if let Some(id) = input.get("id").map(value_text) {
            let matched_by = input
                .get("idProperty")
                .map_or_else(|| "id".to_owned(), value_text);
            heading.push(Span::plain(format!(": {matched_by} ")));
            heading.push(Span::code(id));
        }
        blocks.push(Block::Context(heading));
        match input.get("properties").and_then(Value::as_object) {
            Some(properties) => blocks.extend(table::properties("Property", properties)),
            None => blocks.push(Block::JsonTree(input.clone())),
        }
    }
    let hidden = inputs.map_or(0, |i| i.len().saturating_sub(MAX_BATCH_INPUTS));
    if hidden > 0 {
        blocks.push(Block::Notice(super::Notice {
            tone: super::Tone::Truncated,
            text: format!("{hidden} more inputs not shown"),
        }));
    }
    for (key, value) in body
        .iter()
        .filter(|(key, _)| !matches!(key.as_str(), "properties" | "inputs"))
    {
        blocks.push(Block::Context(vec![Span::code(key.clone())]));
        blocks.push(Block::JsonTree(value.clone()));
    }
    Preview {
        destination: "HubSpot".to_owned(),
        sentence: sentence.done(),
        blocks,
    }
}

/// `contacts` -> `contact`, `companies` -> `company`, `marketing_events` -> `marketing event`.
pub(crate) fn singular(object: &str) -> String {
    let words = object.replace(['_', '-'], " ");
    if let Some(stem) = words.strip_suffix("ies") {
        format!("{stem}y")
    } else if let Some(stem) = words.strip_suffix('s') {
        stem.to_owned()
    } else {
        words
    }
}

fn plural(object: &str) -> String {
    object.replace(['_', '-'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::preview::build;
    use serde_json::json;

    fn out(method: &str, url: &str, payload: Value) -> Output {
        Output {
            method: method.to_owned(),
            url: url.to_owned(),
            headers: Default::default(),
            payload,
            cancel: false,
        }
    }

    #[test]
    fn create_update_and_batch() {
        let p = build(&out(
            "POST",
            "https://api.hubapi.com/crm/v3/objects/contacts",
            json!({"properties": {"email": "j@x.io", "firstname": "Jane", "lifecyclestage": "customer"}}),
        ));
        assert_eq!(p.destination, "HubSpot");
        assert_eq!(
            p.sentence_text(),
            "HubSpot will create a contact with 3 properties"
        );
        assert!(p.plain_text().contains("firstname | Jane | string"));
        let p = build(&out(
            "PATCH",
            "https://api.hubapi.com/crm/v3/objects/contacts/cus_8VbC6JDZzPEqfBPUdpj0K",
            json!({"properties": {"plan": "pro"}}),
        ));
        assert_eq!(
            p.sentence_text(),
            "HubSpot will update the contact cus_8VbC… with 1 property"
        );
        let p = build(&out(
            "POST",
            "https://api.hubapi.com/crm/v3/objects/deals",
            json!({"properties": {"amount": "49.00"}, "associations": [{"to": {"id": "1"}}]}),
        ));
        assert_eq!(
            p.sentence_text(),
            "HubSpot will create a deal with 1 property"
        );
        assert!(p.blocks.iter().any(|b| matches!(b, Block::JsonTree(_))));
        let p = build(&out(
            "POST",
            "https://api.hubapi.com/crm/v3/objects/companies/batch/create",
            json!({"inputs": [{}, {}]}),
        ));
        assert_eq!(p.sentence_text(), "HubSpot will create 2 companies");
        assert_eq!(singular("marketing_events"), "marketing event");
    }
}
