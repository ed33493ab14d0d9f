//! The workspace on disk: endpoints as plain files, secrets, autosave, atomic writes.
//!
//! [`Workspace`] owns the endpoint files; secrets live in a separate store (never in the
//! workspace files), keyed by endpoint slug and credential name.

pub mod secrets;
mod workspace;

use std::io;
use std::path::{Path, PathBuf};

pub use workspace::{
    ENDPOINT_FILE, EXPECTED_DIR, Endpoint, EndpointSummary, TRANSFORM_FILE, Workspace, slugify,
};

/// What can go wrong reading or writing the workspace. Messages name the file last.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A file-system call failed.
    #[error("could not {action} file: {source}: {}", path.display())]
    Io {
        /// What was being done ("read", "write", "create folder", …).
        action: &'static str,
        /// The file or folder involved.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: io::Error,
    },
    /// A JSON file is not valid, or does not have the expected fields.
    #[error("invalid JSON at line {line}, column {column}: {message}: {}", path.display())]
    Json {
        /// The broken file.
        path: PathBuf,
        /// 1-based line of the problem (0 when unknown).
        line: usize,
        /// 1-based column of the problem (0 when unknown).
        column: usize,
        /// What is wrong, e.g. "missing field `card`".
        message: String,
    },
    /// No endpoint folder with this slug.
    #[error("no endpoint {slug:?} in the workspace: {}", path.display())]
    NotFound {
        /// The slug asked for.
        slug: String,
        /// Where it was looked for.
        path: PathBuf,
    },
    /// A slug that is not a plain folder name (only `a-z`, `0-9`, `-`, `_`).
    #[error("{slug:?} is not a valid endpoint folder name (use a-z, 0-9, - and _)")]
    InvalidSlug {
        /// The rejected slug.
        slug: String,
    },
    /// A sample name that cannot be a file name.
    #[error("{name:?} is not a valid sample name (use letters, digits, ., _ and -)")]
    InvalidSampleName {
        /// The rejected name.
        name: String,
    },
    /// The workspace path exists and is a file.
    #[error("the workspace path is a file, not a folder: {}", path.display())]
    NotADirectory {
        /// The path given.
        path: PathBuf,
    },
    /// The system has no per-user data folder to put the default workspace in.
    #[error("could not find a data folder for the default workspace; choose a folder")]
    NoDataDir,
}

impl StoreError {
    fn io(action: &'static str, path: &Path, source: io::Error) -> Self {
        Self::Io {
            action,
            path: path.to_owned(),
            source,
        }
    }

    fn json(path: &Path, err: &serde_json::Error) -> Self {
        let text = err.to_string();
        // serde_json appends " at line L column C"; the position has its own fields.
        let message = match text.rfind(" at line ") {
            Some(at) if err.line() > 0 => text[..at].to_owned(),
            _ => text,
        };
        Self::Json {
            path: path.to_owned(),
            line: err.line(),
            column: err.column(),
            message,
        }
    }
}
