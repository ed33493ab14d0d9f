//! Parsing a payload text into JSON with errors that point at a line and column.

use serde_json::Value;

/// Why a payload text is not a usable envelope, and where.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("line {line}, column {column}: {message}")]
pub struct PayloadError {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, counted in characters (not bytes).
    pub column: u32,
    /// What is wrong, without the position.
    pub message: String,
}

/// Parses a payload: JSON whose root is an object (the Dodo envelope). Empty text, broken
/// JSON and non-object roots give a [`PayloadError`] with a 1-based line and column.
/// A leading byte-order mark is ignored.
pub fn parse_payload(text: &str) -> Result<Value, PayloadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(start) = text.find(|c: char| !c.is_whitespace()) else {
        return Err(PayloadError {
            line: 1,
            column: 1,
            message: "the payload is empty; paste a JSON object such as a Dodo webhook envelope"
                .into(),
        });
    };
    let value: Value = serde_json::from_str(text).map_err(|e| {
        let (line, column) = char_position(text, e.line(), e.column());
        PayloadError {
            line,
            column,
            message: strip_position(&e.to_string()),
        }
    })?;
    if value.is_object() {
        return Ok(value);
    }
    let kind = match &value {
        Value::Array(_) => "an array",
        Value::String(_) => "a string",
        Value::Number(_) => "a number",
        Value::Bool(_) => "a boolean",
        Value::Null => "null",
        Value::Object(_) => "an object",
    };
    let (line, column) = offset_position(text, start);
    Err(PayloadError {
        line,
        column,
        message: format!(
            "the payload must be a JSON object (the Dodo envelope {{business_id, type, timestamp, data}}), found {kind}"
        ),
    })
}

/// serde_json's message without its " at line L column C" suffix.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

/// Converts serde_json's 1-based line and byte column (0 at a line start) into a
/// 1-based character column.
fn char_position(text: &str, line: usize, byte_column: usize) -> (u32, u32) {
    let line = line.max(1);
    let line_text = text.split('\n').nth(line - 1).unwrap_or("");
    let mut end = byte_column.saturating_sub(1).min(line_text.len());
    while !line_text.is_char_boundary(end) {
        end -= 1;
    }
    let column = line_text[..end].chars().count() + 1;
    (to_u32(line), to_u32(column))
}

/// The 1-based line and character column of a byte offset.
fn offset_position(text: &str, offset: usize) -> (u32, u32) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (to_u32(line), to_u32(column))
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
