//! Structural diff of JSON values (input request vs output request, or two runs), and the
//! Dodo fields a transform drops.

use std::collections::HashSet;

use serde::Serialize;
use serde_json::Value;

use crate::engine::{Output, WebhookInput};

/// One difference between two JSON values.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DiffEntry {
    /// Where, as a JSON path: `payload.data.amount`, `headers.x`, `payload.items[2]`;
    /// empty for the root.
    pub path: String,
    /// What changed.
    pub change: Change,
}

/// The kind of a [`DiffEntry`].
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Change {
    /// Only in the second value.
    Added(Value),
    /// Only in the first value.
    Removed(Value),
    /// In both, different: (old, new).
    Changed(Value, Value),
}

/// The differences that turn `a` into `b`, depth first, in `a`'s key order then `b`'s new
/// keys. Objects are compared key by key and arrays index by index; anything else (including
/// a type change) is one [`Change::Changed`].
pub fn diff(a: &Value, b: &Value) -> Vec<DiffEntry> {
    let mut out = Vec::new();
    walk(a, b, "", &mut out);
    out
}

fn walk(a: &Value, b: &Value, path: &str, out: &mut Vec<DiffEntry>) {
    match (a, b) {
        (Value::Object(ma), Value::Object(mb)) => {
            for (k, va) in ma {
                let p = join(path, k);
                match mb.get(k) {
                    Some(vb) => walk(va, vb, &p, out),
                    None => out.push(DiffEntry {
                        path: p,
                        change: Change::Removed(va.clone()),
                    }),
                }
            }
            for (k, vb) in mb {
                if !ma.contains_key(k) {
                    out.push(DiffEntry {
                        path: join(path, k),
                        change: Change::Added(vb.clone()),
                    });
                }
            }
        }
        (Value::Array(la), Value::Array(lb)) => {
            for (i, va) in la.iter().enumerate() {
                let p = format!("{path}[{i}]");
                match lb.get(i) {
                    Some(vb) => walk(va, vb, &p, out),
                    None => out.push(DiffEntry {
                        path: p,
                        change: Change::Removed(va.clone()),
                    }),
                }
            }
            for (i, vb) in lb.iter().enumerate().skip(la.len()) {
                out.push(DiffEntry {
                    path: format!("{path}[{i}]"),
                    change: Change::Added(vb.clone()),
                });
            }
        }
        _ if a == b => {}
        _ => out.push(DiffEntry {
            path: path.to_owned(),
            change: Change::Changed(a.clone(), b.clone()),
        }),
    }
}

fn join(path: &str, key: &str) -> String {
    let simple = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
    match (path.is_empty(), simple) {
        (true, true) => key.to_owned(),
        (false, true) => format!("{path}.{key}"),
        (_, false) => format!("{path}[{}]", Value::String(key.to_owned())),
    }
}

/// The request the transform received, as `{method, url, headers, payload}` (no headers:
/// the input has none).
pub fn input_request(input: &WebhookInput) -> Value {
    serde_json::json!({
        "method": input.method,
        "url": input.url,
        "headers": {},
        "payload": input.payload,
    })
}

/// The request the transform produced, as `{method, url, headers, payload}` plus `cancel`.
pub fn output_request(output: &Output) -> Value {
    serde_json::json!({
        "method": output.method,
        "url": output.url,
        "headers": output.headers,
        "payload": output.payload,
        "cancel": output.cancel,
    })
}

/// The whole-envelope diff from what the transform received to what it produced.
pub fn request_diff(input: &WebhookInput, output: &Output) -> Vec<DiffEntry> {
    let mut a = input_request(input);
    if let Some(map) = a.as_object_mut() {
        map.insert("cancel".to_owned(), Value::Bool(false));
    }
    diff(&a, &output_request(output))
}

/// Leaf paths of `input_payload` (the Dodo envelope) whose values appear nowhere in
/// `output_payload`: what the destination will never see. Nulls, empty strings, empty
/// containers and booleans are skipped (they carry no information a reader would miss), and
/// a value counts as kept if it appears anywhere in the output, as the same JSON value, or
/// inside an output string (e.g. an amount formatted into a message) when it is a string of
/// at least 4 characters or a number.
pub fn dropped_fields(input_payload: &Value, output_payload: &Value) -> Vec<String> {
    let mut kept_values = HashSet::new();
    let mut kept_strings = Vec::new();
    collect_output(output_payload, &mut kept_values, &mut kept_strings);
    let mut leaves = Vec::new();
    collect_leaves(input_payload, "", &mut leaves);
    leaves
        .into_iter()
        .filter(|(_, v)| !is_kept(v, &kept_values, &kept_strings))
        .map(|(p, _)| p)
        .collect()
}

fn collect_output(v: &Value, values: &mut HashSet<String>, strings: &mut Vec<String>) {
    match v {
        Value::Object(m) => m.values().for_each(|v| collect_output(v, values, strings)),
        Value::Array(l) => l.iter().for_each(|v| collect_output(v, values, strings)),
        Value::String(s) => {
            values.insert(v.to_string());
            strings.push(s.clone());
        }
        other => {
            values.insert(other.to_string());
        }
    }
}

fn collect_leaves<'a>(v: &'a Value, path: &str, out: &mut Vec<(String, &'a Value)>) {
    match v {
        Value::Object(m) => m
            .iter()
            .for_each(|(k, v)| collect_leaves(v, &join(path, k), out)),
        Value::Array(l) => l
            .iter()
            .enumerate()
            .for_each(|(i, v)| collect_leaves(v, &format!("{path}[{i}]"), out)),
        Value::Null | Value::Bool(_) => {}
        Value::String(s) if s.is_empty() => {}
        _ => out.push((path.to_owned(), v)),
    }
}

fn is_kept(v: &Value, values: &HashSet<String>, strings: &[String]) -> bool {
    if values.contains(&v.to_string()) {
        return true;
    }
    let needle = match v {
        Value::String(s) if s.chars().count() >= 4 => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => {
            // Short strings count only as a whole output string (done above) or as a number.
            if let Ok(n) = s.parse::<f64>() {
                n.to_string()
            } else {
                return false;
            }
        }
        _ => return false,
    };
    strings.iter().any(|s| s.contains(&needle))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests may unwrap (common brief); the lint guards user data.
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn diff_objects_arrays_and_types() {
        let a = json!({"a": 1, "b": {"c": [1, 2, 3]}, "gone": true, "t": "1"});
        let b = json!({"a": 2, "b": {"c": [1, 5]}, "t": 1, "new": {"x": null}});
        let d = diff(&a, &b);
        assert_eq!(
            d,
            vec![
                DiffEntry {
                    path: "a".into(),
                    change: Change::Changed(json!(1), json!(2))
                },
                DiffEntry {
                    path: "b.c[1]".into(),
                    change: Change::Changed(json!(2), json!(5))
                },
                DiffEntry {
                    path: "b.c[2]".into(),
                    change: Change::Removed(json!(3))
                },
                DiffEntry {
                    path: "gone".into(),
                    change: Change::Removed(json!(true))
                },
                DiffEntry {
                    path: "t".into(),
                    change: Change::Changed(json!("1"), json!(1))
                },
                DiffEntry {
                    path: "new".into(),
                    change: Change::Added(json!({"x": null}))
                },
            ]
        );
        assert!(diff(&a, &a).is_empty());
        assert_eq!(diff(&json!(1), &json!([1]))[0].path, "");
        assert_eq!(diff(&json!({"a-b": 1}), &json!({}))[0].path, "[\"a-b\"]");
    }

    #[test]
    fn request_diff_covers_the_envelope() {
        let input = WebhookInput::new(json!({"type": "payment.succeeded", "data": {"x": 1}}))
            .with_url("https://a.example");
        let output = Output {
            method: "PUT".into(),
            url: "https://b.example".into(),
            headers: [("X-Key".to_owned(), "v".to_owned())].into(),
            payload: json!({"event": "Paid"}),
            cancel: false,
        };
        let paths: Vec<String> = request_diff(&input, &output)
            .into_iter()
            .map(|d| d.path)
            .collect();
        assert_eq!(
            paths,
            [
                "method",
                "url",
                "headers[\"X-Key\"]",
                "payload.type",
                "payload.data",
                "payload.event"
            ]
        );
    }

    #[test]
    fn dropped_fields_finds_what_is_lost() {
        let input = json!({
            "business_id": "bus_1",
            "type": "payment.succeeded",
            "data": {"total_amount": 1999, "customer": {"email": "ann@example.com", "name": "Ann"}, "tax": null, "ok": true, "note": ""}
        });
        let output = json!({"userId": "x", "properties": {"amount": "19.99", "text": "Paid 1999 by ann@example.com"}});
        assert_eq!(
            dropped_fields(&input, &output),
            ["business_id", "type", "data.customer.name"]
        );
        // Everything kept verbatim: nothing dropped.
        assert!(dropped_fields(&input, &input).is_empty());
    }
}
