//! Close CRM API calls: leads, contacts, opportunities and activities as a field table.

use super::destination::{host_and_path, path_segments};
use super::hubspot::singular;
use super::sentence::{Sentence, a, count, short_id, str_at};
use super::{Preview, generic, table};
use crate::engine::Output;

/// The preview of a Close call.
pub(crate) fn preview(output: &Output) -> Preview {
    let Some(body) = output.payload.as_object() else {
        return generic::not_an_object(output, "Close");
    };
    let (_, path) = host_and_path(&output.url);
    let segments = path_segments(&path);
    let method = output.method.to_uppercase();
    let fields = format!(" with {}", count(body.len(), "field", "fields"));
    let name = str_at(&output.payload, "name")
        .or_else(|| str_at(&output.payload, "display_name"))
        .or_else(|| str_at(&output.payload, "note"));
    let sentence = match segments.as_slice() {
        ["api", "v1", resource @ ..] if !resource.is_empty() => {
            // `activity/note/` names the activity type; the last segment may be an id.
            let (kind, id) = match resource {
                ["activity", kind, rest @ ..] => (format!("{kind} activity"), rest.first()),
                [kind, rest @ ..] => (singular(kind), rest.first()),
                [] => (String::new(), None),
            };
            let s = match (method.as_str(), id) {
                ("POST", None) => Sentence::new(format!("Close will create {}", a(&kind))),
                ("PUT" | "PATCH", Some(id)) => {
                    Sentence::new(format!("Close will update the {kind} ")).code(short_id(id))
                }
                (other, _) => {
                    Sentence::new(format!("Close will receive a {other} for {}", a(&kind)))
                }
            };
            let s = match &name {
                Some(name) => s.plain(" ").bold(name.clone()),
                None => s,
            };
            s.plain(fields)
        }
        _ => Sentence::new(format!("Close will receive a {method} to ")).code(path.clone()),
    };
    Preview {
        destination: "Close".to_owned(),
        sentence: sentence.done(),
        blocks: table::properties("Field", body),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::preview::build;
    use serde_json::{Value, json};

    #[test]
    fn contact_and_opportunity() {
        let out = |url: &str, payload: Value| Output {
            method: "POST".to_owned(),
            url: url.to_owned(),
            headers: Default::default(),
            payload,
            cancel: false,
        };
        let p = build(&out(
            "https://api.close.com/api/v1/contact/",
            json!({"lead_id": "lead_1", "name": "Jane Doe",
                   "emails": [{"email": "j@x.io", "type": "office"}]}),
        ));
        assert_eq!(p.destination, "Close");
        assert_eq!(
            p.sentence_text(),
            "Close will create a contact Jane Doe with 3 fields"
        );
        assert!(
            p.plain_text()
                .contains("emails | [{\"email\":\"j@x.io\",\"type\":\"office\"}] | array (1)"),
            "{}",
            p.plain_text()
        );
        let p = build(&out(
            "https://api.close.com/api/v1/opportunity/",
            json!({"lead_id": "lead_1", "value": 4900, "status": "Won"}),
        ));
        assert_eq!(
            p.sentence_text(),
            "Close will create an opportunity with 3 fields"
        );
    }
}
