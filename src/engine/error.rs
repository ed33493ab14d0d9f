//! The engine's one error type.

use serde::{Deserialize, Serialize};

/// What went wrong in a run, in the words the CLI's `--json` uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The code does not parse.
    Syntax,
    /// The script threw.
    Exception,
    /// `handler` returned `undefined`, or there is no `handler` function.
    NoOutput,
    /// The returned value breaks the contract (not an object, bad method, URL, headers,
    /// cancel, or a body JSON cannot carry).
    InvalidOutput,
    /// The run passed its deadline.
    Timeout,
    /// The run passed its memory budget (heap, stack, or output size).
    Memory,
    /// The code is shorter than 10 or longer than 51 200 characters.
    CodeLength,
    /// The sample given is not usable JSON.
    BadSample,
}

impl ErrorKind {
    /// The snake_case name used in JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Syntax => "syntax",
            Self::Exception => "exception",
            Self::NoOutput => "no_output",
            Self::InvalidOutput => "invalid_output",
            Self::Timeout => "timeout",
            Self::Memory => "memory",
            Self::CodeLength => "code_length",
            Self::BadSample => "bad_sample",
        }
    }

    /// A short title for people.
    pub fn title(self) -> &'static str {
        match self {
            Self::Syntax => "Syntax error",
            Self::Exception => "The script threw an error",
            Self::NoOutput => "No output",
            Self::InvalidOutput => "Invalid output",
            Self::Timeout => "Took too long",
            Self::Memory => "Used too much memory",
            Self::CodeLength => "Code length out of bounds",
            Self::BadSample => "Bad sample payload",
        }
    }
}

impl std::fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A failed run: the kind, a message for people, and where in the user's code (1-based).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub struct EngineError {
    /// What went wrong.
    pub kind: ErrorKind,
    /// The message (for exceptions, the thrown value's `name: message`).
    pub message: String,
    /// 1-based line in the transformation code, when known.
    pub line: Option<u32>,
    /// 1-based column in the transformation code, when known.
    pub column: Option<u32>,
    /// The JS stack, when the engine gives one.
    pub stack: Option<String>,
}

impl EngineError {
    /// An error with no position.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
            line: None,
            column: None,
            stack: None,
        }
    }

    /// Adds a position.
    #[must_use]
    pub fn at(mut self, line: u32, column: u32) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }
}

impl std::fmt::Display for EngineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.kind.title(), self.message)?;
        match (self.line, self.column) {
            (Some(line), Some(column)) => write!(f, " (line {line}, column {column})"),
            (Some(line), None) => write!(f, " (line {line})"),
            _ => Ok(()),
        }
    }
}
