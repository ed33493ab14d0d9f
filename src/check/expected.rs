//! Pinned expected outputs: compare a run's output with the JSON a user saved for a sample.
//!
//! An expected file holds `{method, url, headers, payload, cancel}` (any of them may be left
//! out to not compare it). The workspace stores them next to the endpoint as
//! `expected/<sample>.json`; this module works on plain [`serde_json::Value`]s.

use std::path::Path;

use serde::Serialize;
use serde_json::Value;

use super::diff::{DiffEntry, diff, output_request};
use crate::engine::Output;

/// How a run compares with its pinned expected output.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "status", content = "diff", rename_all = "snake_case")]
pub enum Comparison {
    /// Same in every field the expected value names.
    Match,
    /// Different; the entries turn the expected value into the actual one.
    Mismatch(Vec<DiffEntry>),
    /// No expected output is pinned for this sample.
    Missing,
}

impl Comparison {
    /// `true` for [`Comparison::Mismatch`].
    pub fn is_mismatch(&self) -> bool {
        matches!(self, Self::Mismatch(_))
    }
}

/// What to pin for `output`: `{method, url, headers, payload, cancel}`.
pub fn to_expected(output: &Output) -> Value {
    output_request(output)
}

/// Compares `actual` with `expected` (`None`: nothing pinned). Only the fields present in
/// `expected` are compared, so a pin of just `{payload}` ignores the URL.
pub fn compare(actual: &Output, expected: Option<&Value>) -> Comparison {
    let Some(expected) = expected else {
        return Comparison::Missing;
    };
    let actual = output_request(actual);
    let actual = match (expected.as_object(), actual.as_object()) {
        (Some(exp), Some(act)) => Value::Object(
            act.iter()
                .filter(|(k, _)| exp.contains_key(k.as_str()))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        ),
        _ => actual,
    };
    let entries = diff(expected, &actual);
    if entries.is_empty() {
        Comparison::Match
    } else {
        Comparison::Mismatch(entries)
    }
}

/// Errors reading a folder of expected outputs.
#[derive(Debug, thiserror::Error)]
pub enum ExpectedError {
    /// The folder or a file cannot be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file or folder.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// A file is not JSON.
    #[error("{path}: line {line}, column {column}: {message}")]
    Json {
        /// The file.
        path: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What serde_json said.
        message: String,
    },
}

/// Reads every `<sample>.json` in `dir` as `(sample name, expected value)`, sorted by name.
pub fn load_dir(dir: &Path) -> Result<Vec<(String, Value)>, ExpectedError> {
    let io = |e, p: &Path| ExpectedError::Io {
        path: p.display().to_string(),
        source: e,
    };
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| io(e, dir))? {
        let path = entry.map_err(|e| io(e, dir))?.path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let Some(name) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        let text = std::fs::read_to_string(&path).map_err(|e| io(e, &path))?;
        let value: Value = serde_json::from_str(&text).map_err(|e| ExpectedError::Json {
            path: path.display().to_string(),
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })?;
        out.push((name.to_owned(), value));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests may unwrap (common brief); the lint guards user data.
mod tests {
    use serde_json::json;

    use super::*;
    use crate::check::destinations::test_util::output;
    use crate::check::diff::Change;

    #[test]
    fn match_mismatch_missing() {
        let out = output(
            "https://api.segment.io/v1/track",
            json!({"event": "Paid", "userId": "u"}),
        );
        let pinned = to_expected(&out);
        assert_eq!(compare(&out, Some(&pinned)), Comparison::Match);
        assert_eq!(compare(&out, None), Comparison::Missing);
        let mut changed = out.clone();
        changed.payload["event"] = json!("Refunded");
        let Comparison::Mismatch(d) = compare(&changed, Some(&pinned)) else {
            panic!("expected a mismatch");
        };
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].path, "payload.event");
        assert_eq!(
            d[0].change,
            Change::Changed(json!("Paid"), json!("Refunded"))
        );
    }

    #[test]
    fn partial_pin_ignores_other_fields() {
        let out = output("https://a.example", json!({"x": 1}));
        assert_eq!(
            compare(&out, Some(&json!({"payload": {"x": 1}}))),
            Comparison::Match
        );
        assert!(compare(&out, Some(&json!({"payload": {"x": 2}}))).is_mismatch());
        assert!(compare(&out, Some(&json!({"cancel": true}))).is_mismatch());
    }

    #[test]
    fn load_dir_reads_json_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("payment.succeeded.json"),
            r#"{"payload":{}}"#,
        )
        .unwrap();
        std::fs::write(dir.path().join("notes.txt"), "x").unwrap();
        let got = load_dir(dir.path()).unwrap();
        assert_eq!(
            got,
            vec![("payment.succeeded".to_owned(), json!({"payload": {}}))]
        );
        std::fs::write(dir.path().join("bad.json"), "{\n  nope").unwrap();
        let err = load_dir(dir.path()).unwrap_err().to_string();
        assert!(err.contains("line 2"), "{err}");
    }
}
