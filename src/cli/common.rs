//! Helpers the subcommands share: reading transforms and samples, `KEY=VALUE` pairs, output.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Context as _;

use crate::engine::{EngineError, ErrorKind};
use crate::samples::{self, Library};

/// Reads a transformation file.
pub(crate) fn read_transform(path: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the transform file {}", path.display()))
}

/// A sample given on the command line: a file path, or a library name such as
/// `payment.succeeded`.
pub(crate) struct LoadedSample {
    /// The parsed envelope.
    pub payload: serde_json::Value,
}

/// Resolves `SAMPLE` (a file, else a library name). A bad file is a `bad_sample` error with
/// line and column.
pub(crate) fn load_sample(sample: &str) -> Result<LoadedSample, EngineError> {
    let path = Path::new(sample);
    if path.is_file() {
        let text = std::fs::read_to_string(path).map_err(|e| {
            EngineError::new(
                ErrorKind::BadSample,
                format!("cannot read the sample file ({e}): {}", path.display()),
            )
        })?;
        return match samples::parse_payload(&text) {
            Ok(payload) => Ok(LoadedSample { payload }),
            Err(e) => Err(EngineError::new(
                ErrorKind::BadSample,
                format!("{} in the sample file {}", e.message, path.display()),
            )
            .at(e.line, e.column)),
        };
    }
    match Library::builtin().get(sample) {
        Some(found) => Ok(LoadedSample {
            payload: found.payload.clone(),
        }),
        None => Err(EngineError::new(
            ErrorKind::BadSample,
            format!(
                "`{sample}` is neither a file nor a sample name; `hookcraft samples` lists the names"
            ),
        )),
    }
}

/// Parses repeated `KEY=VALUE` arguments.
pub(crate) fn parse_pairs(
    pairs: &[String],
    what: &str,
) -> anyhow::Result<BTreeMap<String, String>> {
    let mut map = BTreeMap::new();
    for pair in pairs {
        let Some((key, value)) = pair.split_once('=') else {
            anyhow::bail!("{what} `{pair}` must look like KEY=VALUE");
        };
        if key.is_empty() {
            anyhow::bail!("{what} `{pair}` has an empty key");
        }
        map.insert(key.to_owned(), value.to_owned());
    }
    Ok(map)
}

/// Prints a JSON value on stdout as one line.
pub(crate) fn print_json(value: &serde_json::Value) {
    println!("{value}");
}

/// The JSON form of an engine error, as `--json` prints it.
pub(crate) fn error_json(error: &EngineError) -> serde_json::Value {
    serde_json::json!({
        "kind": error.kind.as_str(),
        "message": error.message,
        "line": error.line,
        "column": error.column,
    })
}
