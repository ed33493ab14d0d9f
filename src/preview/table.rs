//! Property tables: a JSON object as rows of name, value and JSON type, capped in size.

use serde_json::{Map, Value};

use super::sentence::{clip, value_text};
use super::{Block, MAX_TABLE_ROWS, Notice, Tone};

/// Cell text past this many characters is clipped.
const MAX_CELL_CHARS: usize = 300;

/// Nested objects are flattened to dotted names up to this depth.
const MAX_FLATTEN_DEPTH: usize = 3;

/// The JSON type of `value` as the destinations' docs name it.
pub(crate) fn json_type(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(_) => "boolean".to_owned(),
        Value::Number(_) => "number".to_owned(),
        Value::String(_) => "string".to_owned(),
        Value::Array(items) => format!("array ({})", items.len()),
        Value::Object(map) => format!("object ({})", map.len()),
    }
}

/// A value as a table cell: strings bare, the rest as compact JSON, clipped.
pub(crate) fn cell(value: &Value) -> String {
    clip(&value_text(value), MAX_CELL_CHARS)
}

/// The blocks of a `Name | Value | Type` table for `object` (nested objects become
/// `parent.child` rows), plus a notice when rows were left out. Empty when there is nothing.
pub(crate) fn properties(first_column: &str, object: &Map<String, Value>) -> Vec<Block> {
    let mut rows = Vec::new();
    flatten("", object, 0, &mut rows);
    rows_block(
        vec![
            first_column.to_owned(),
            "Value".to_owned(),
            "Type".to_owned(),
        ],
        rows,
    )
}

/// A table block from `rows`, keeping [`MAX_TABLE_ROWS`] and adding a notice for the rest.
pub(crate) fn rows_block(columns: Vec<String>, mut rows: Vec<Vec<String>>) -> Vec<Block> {
    if rows.is_empty() {
        return Vec::new();
    }
    let hidden = rows.len().saturating_sub(MAX_TABLE_ROWS);
    rows.truncate(MAX_TABLE_ROWS);
    let mut blocks = vec![Block::Table { columns, rows }];
    if hidden > 0 {
        blocks.push(Block::Notice(Notice {
            tone: Tone::Truncated,
            text: format!("{hidden} more rows not shown"),
        }));
    }
    blocks
}

fn flatten(prefix: &str, object: &Map<String, Value>, depth: usize, rows: &mut Vec<Vec<String>>) {
    for (key, value) in object {
        let name = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        match value {
            Value::Object(inner) if !inner.is_empty() && depth < MAX_FLATTEN_DEPTH => {
                flatten(&name, inner, depth + 1, rows);
            }
            _ => {
                if rows.len() > MAX_TABLE_ROWS {
                    // Only counted: rows_block keeps the first MAX_TABLE_ROWS.
                    rows.push(Vec::new());
                } else {
                    rows.push(vec![name, cell(value), json_type(value)]);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn rows_carry_values_and_types_and_flatten_objects() {
        let value = json!({"amount": "49.00", "qty": 2, "ok": true, "none": null,
                           "tags": ["a", "b"], "address": {"city": "Pune", "zip": 411001}});
        let Some(Value::Object(map)) = Some(value) else {
            panic!("object")
        };
        let blocks = properties("Property", &map);
        let Some(Block::Table { columns, rows }) = blocks.first() else {
            panic!("table: {blocks:?}")
        };
        assert_eq!(columns, &["Property", "Value", "Type"]);
        assert_eq!(
            rows,
            &vec![
                vec!["amount".to_owned(), "49.00".to_owned(), "string".to_owned()],
                vec!["qty".to_owned(), "2".to_owned(), "number".to_owned()],
                vec!["ok".to_owned(), "true".to_owned(), "boolean".to_owned()],
                vec!["none".to_owned(), "null".to_owned(), "null".to_owned()],
                vec![
                    "tags".to_owned(),
                    "[\"a\",\"b\"]".to_owned(),
                    "array (2)".to_owned()
                ],
                vec![
                    "address.city".to_owned(),
                    "Pune".to_owned(),
                    "string".to_owned()
                ],
                vec![
                    "address.zip".to_owned(),
                    "411001".to_owned(),
                    "number".to_owned()
                ],
            ]
        );
    }

    #[test]
    fn big_tables_are_capped_with_a_notice() {
        let map: Map<String, Value> = (0..1000).map(|i| (format!("k{i}"), json!(i))).collect();
        let blocks = properties("Property", &map);
        let Some(Block::Table { rows, .. }) = blocks.first() else {
            panic!("table")
        };
        assert_eq!(rows.len(), MAX_TABLE_ROWS);
        assert_eq!(
            blocks.get(1),
            Some(&Block::Notice(Notice {
                tone: Tone::Truncated,
                text: "800 more rows not shown".to_owned()
            }))
        );
        assert!(properties("Property", &Map::new()).is_empty());
    }
}
