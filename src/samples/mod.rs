//! The Dodo sample library: one envelope per event type (realistic, dashboard-style
//! placeholder, and currency edge cases), embedded in the binary or loaded from a folder,
//! plus the schema facts the samples and pasted payloads are checked against.

mod builtin_files;
mod event_types;
mod parse;
pub mod schema;

#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde_json::Value;

pub use event_types::{
    EVENT_TYPE_NAMES, EVENT_TYPES, EventTypeInfo, GROUPS, event_type, group_title,
};
pub use parse::{PayloadError, parse_payload};
pub use schema::Schema;

// ----------------------------------------------------------------------------
// Errors

/// Why a samples folder could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum SampleError {
    /// The folder could not be listed.
    #[error("cannot read the samples folder ({source}): {path}")]
    ReadDir {
        /// The folder.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A file could not be read.
    #[error("cannot read the sample file ({source}): {path}")]
    ReadFile {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A file is not a usable JSON payload.
    #[error("bad sample at line {line}, column {column}: {message}: {path}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: u32,
        /// 1-based column (in characters).
        column: u32,
        /// What is wrong.
        message: String,
    },
    /// The folder holds no `.json` file.
    #[error("no .json sample files found in {path}")]
    Empty {
        /// The folder.
        path: PathBuf,
    },
}

// ----------------------------------------------------------------------------
// Samples

/// Which kind of sample it is.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Variant {
    /// Realistic values (ids with the right prefixes, plausible customers and amounts).
    Realistic,
    /// Dodo's dashboard placeholder style: strings `"string"`, numbers `42`, booleans `true`.
    Placeholder,
    /// A realistic sample in this currency (upper-case code), e.g. JPY (zero-decimal).
    Currency(String),
}

impl Variant {
    /// A label for the UI: "realistic", "placeholder", "JPY (zero-decimal)", "KWD (three-decimal)".
    pub fn label(&self) -> String {
        match self {
            Self::Realistic => "realistic".into(),
            Self::Placeholder => "placeholder".into(),
            Self::Currency(code) => match schema::currency_exponent(code) {
                0 => format!("{code} (zero-decimal)"),
                3 => format!("{code} (three-decimal)"),
                _ => code.clone(),
            },
        }
    }

    /// Sort rank inside one event type: realistic, currencies, placeholder.
    fn rank(&self) -> u8 {
        match self {
            Self::Realistic => 0,
            Self::Currency(_) => 1,
            Self::Placeholder => 2,
        }
    }

    /// The variant a file name implies, given its event type: `<type>.placeholder`,
    /// `<type>.<ccy>`, anything else is realistic.
    fn from_name(name: &str, event_type: &str) -> Self {
        let Some(suffix) = name
            .strip_prefix(event_type)
            .and_then(|s| s.strip_prefix('.'))
        else {
            return Self::Realistic;
        };
        if suffix.eq_ignore_ascii_case("placeholder") {
            Self::Placeholder
        } else if suffix.len() == 3 && suffix.chars().all(|c| c.is_ascii_alphabetic()) {
            Self::Currency(suffix.to_ascii_uppercase())
        } else {
            Self::Realistic
        }
    }
}

impl std::fmt::Display for Variant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label())
    }
}

/// One sample payload.
#[derive(Clone, Debug, PartialEq)]
pub struct Sample {
    /// The file stem: `payment.succeeded`, `payment.succeeded.placeholder`, `payment.succeeded.jpy`.
    pub name: String,
    /// The event type (`payload.type`), e.g. `payment.succeeded`.
    pub event_type: String,
    /// The group (the part of the event type before the dot), e.g. `payment`.
    pub group: String,
    /// Realistic, placeholder or a currency edge case.
    pub variant: Variant,
    /// The raw JSON text as stored.
    pub text: String,
    /// The parsed envelope.
    pub payload: Value,
}

impl Sample {
    /// Builds a sample from a file stem and its text.
    fn from_text(name: &str, text: String) -> Result<Self, PayloadError> {
        let payload = parse_payload(&text)?;
        let event_type = schema::detect_event_type(&payload)
            .or_else(|| {
                EVENT_TYPE_NAMES
                    .iter()
                    .filter(|t| name == **t || name.starts_with(&format!("{t}.")))
                    .max_by_key(|t| t.len())
                    .map(|t| (*t).to_owned())
            })
            .unwrap_or_else(|| name.to_owned());
        let group = event_type
            .split('.')
            .next()
            .unwrap_or(&event_type)
            .to_owned();
        let variant = Variant::from_name(name, &event_type);
        Ok(Self {
            name: name.to_owned(),
            event_type,
            group,
            variant,
            text,
            payload,
        })
    }

    /// The event type's table entry, when it is one of the 48.
    pub fn info(&self) -> Option<&'static EventTypeInfo> {
        event_type(&self.event_type)
    }

    /// The schema of `data`: the event type's, else the one `data.payload_type` names.
    pub fn schema(&self) -> Option<Schema> {
        self.info().map(|i| i.schema).or_else(|| {
            self.payload["data"]["payload_type"]
                .as_str()
                .and_then(Schema::from_payload_type)
        })
    }

    /// A label for pickers: "payment.succeeded (JPY (zero-decimal))" or just the event type.
    pub fn title(&self) -> String {
        match self.variant {
            Variant::Realistic if self.name == self.event_type => self.name.clone(),
            Variant::Realistic => format!("{} ({})", self.event_type, self.name),
            _ => format!("{} ({})", self.event_type, self.variant.label()),
        }
    }
}

// ----------------------------------------------------------------------------
// Library

/// A set of samples, ordered by group (§2.2), event type, then variant.
#[derive(Clone, Debug, Default)]
pub struct Library {
    samples: Vec<Sample>,
}

impl Library {
    /// The samples embedded in the binary (the repository's `samples/` folder).
    pub fn builtin() -> &'static Self {
        static BUILTIN: OnceLock<Library> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            // The embedded files are checked by the tests; one that did not parse is left out
            // rather than taking the app down.
            let samples = builtin_files::FILES
                .iter()
                .filter_map(|(name, text)| Sample::from_text(name, (*text).to_owned()).ok())
                .collect();
            Self::from_samples(samples)
        })
    }

    /// Loads every `*.json` file of a folder (not recursive) as a sample named by its stem.
    /// A file that is not a JSON object gives an error naming the file, line and column.
    pub fn load_dir(path: impl AsRef<Path>) -> Result<Self, SampleError> {
        let dir = path.as_ref();
        let read_dir = |source| SampleError::ReadDir {
            path: dir.to_owned(),
            source,
        };
        let mut files = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(read_dir)? {
            let file = entry.map_err(read_dir)?.path();
            let is_json = file
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("json"));
            if is_json && file.is_file() {
                files.push(file);
            }
        }
        if files.is_empty() {
            return Err(SampleError::Empty {
                path: dir.to_owned(),
            });
        }
        files.sort();
        let mut samples = Vec::with_capacity(files.len());
        for file in files {
            let text = std::fs::read_to_string(&file).map_err(|source| SampleError::ReadFile {
                path: file.clone(),
                source,
            })?;
            let name = file
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let sample = Sample::from_text(&name, text).map_err(|e| SampleError::Parse {
                path: file.clone(),
                line: e.line,
                column: e.column,
                message: e.message,
            })?;
            samples.push(sample);
        }
        Ok(Self::from_samples(samples))
    }

    /// A library holding these samples, sorted into picker order.
    pub fn from_samples(mut samples: Vec<Sample>) -> Self {
        samples.sort_by_cached_key(|s| {
            let group = GROUPS
                .iter()
                .position(|(g, _)| *g == s.group)
                .unwrap_or(GROUPS.len());
            let event = EVENT_TYPE_NAMES
                .iter()
                .position(|t| *t == s.event_type)
                .unwrap_or(EVENT_TYPE_NAMES.len());
            (
                group,
                s.group.clone(),
                event,
                s.variant.rank(),
                s.name.clone(),
            )
        });
        Self { samples }
    }

    /// Adds `other`'s samples, replacing samples of the same name (a `--samples` folder
    /// layered over the built-in library).
    pub fn merged(&self, other: &Self) -> Self {
        let mut samples: Vec<Sample> = self
            .samples
            .iter()
            .filter(|s| other.get(&s.name).is_none())
            .cloned()
            .collect();
        samples.extend(other.samples.iter().cloned());
        Self::from_samples(samples)
    }

    /// The sample named `name` (`payment.succeeded`, `payment.succeeded.placeholder`, …).
    pub fn get(&self, name: &str) -> Option<&Sample> {
        self.samples.iter().find(|s| s.name == name)
    }

    /// Every sample in picker order.
    pub fn iter(&self) -> impl Iterator<Item = &Sample> {
        self.samples.iter()
    }

    /// How many samples there are.
    pub fn len(&self) -> usize {
        self.samples.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.samples.is_empty()
    }

    /// The realistic sample of an event type (the one named after it when there are several).
    pub fn by_event_type(&self, event_type: &str) -> Option<&Sample> {
        self.get(event_type)
            .filter(|s| s.variant == Variant::Realistic)
            .or_else(|| {
                self.samples
                    .iter()
                    .find(|s| s.event_type == event_type && s.variant == Variant::Realistic)
            })
    }

    /// Every sample of an event type (realistic, currencies, placeholder).
    pub fn variants_of(&self, event_type: &str) -> Vec<&Sample> {
        self.samples
            .iter()
            .filter(|s| s.event_type == event_type)
            .collect()
    }

    /// The group names in §2.2 order (unknown groups last) with their samples, for pickers.
    pub fn groups(&self) -> Vec<(&str, Vec<&Sample>)> {
        let mut out: Vec<(&str, Vec<&Sample>)> = Vec::new();
        for sample in &self.samples {
            match out.last_mut() {
                Some((group, list)) if *group == sample.group => list.push(sample),
                _ => out.push((&sample.group, vec![sample])),
            }
        }
        out
    }
}
