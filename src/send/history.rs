//! Send history: every send kept as one JSON file, secrets redacted, newest first.
//!
//! Files live in `dirs::data_dir()/hookcraft/history` by default, one `<id>.json` each. The
//! request is stored redacted ([`HttpRequest::redacted`]) and every credential value is
//! scrubbed from the whole entry before it is written; a past request is re-sent with
//! [`HistoryEntry::resend_request`], which fills the secrets in again.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::catalogue::Card;

use super::auth::CardAuth;
use super::build::{BuildOptions, refill_request};
use super::deliver::HttpResponse;
use super::error::{ErrorReport, SendError};
use super::request::{HttpRequest, REDACTED};
use super::{CANCELLED_MESSAGE, Outcome};

/// Entries kept before the oldest are deleted.
pub const DEFAULT_KEEP: usize = 1000;

/// Why history could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    /// No data directory is known on this system.
    #[error("no data directory is known on this system; pass a history folder")]
    NoDataDir,
    /// A file or folder could not be read or written.
    #[error("{action} failed ({source}): {path}")]
    Io {
        /// What was being done.
        action: &'static str,
        /// The path.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// An entry file is not valid JSON for an entry.
    #[error("history entry is damaged (line {line}, column {column}: {message}): {path}")]
    Parse {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// The parser's words.
        message: String,
        /// The file.
        path: PathBuf,
    },
    /// The id has characters an entry id never has.
    #[error("not a history id: {0:?}")]
    BadId(String),
    /// The entry could not be serialised.
    #[error("could not serialise the entry ({0})")]
    Serialise(String),
}

/// How a recorded send ended.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum HistoryResult {
    /// The server answered.
    Response {
        /// The answer.
        response: HttpResponse,
    },
    /// No answer.
    Error {
        /// Why.
        error: ErrorReport,
    },
    /// The transform cancelled; nothing was sent.
    Cancelled {
        /// [`CANCELLED_MESSAGE`].
        message: String,
    },
}

/// What the caller knows about a send besides its outcome.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryMeta {
    /// The endpoint's slug (or `draft`), used to find its secrets again.
    pub endpoint_slug: Option<String>,
    /// The endpoint's display name.
    pub endpoint_name: Option<String>,
    /// The card's id, e.g. `segment`.
    pub card: Option<String>,
    /// The sample's name, e.g. `payment.succeeded`.
    pub sample: Option<String>,
}

/// One recorded send.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    /// Sortable unique id (UTC time + random suffix); also the file name.
    pub id: String,
    /// When it was recorded, RFC 3339 UTC.
    pub at: String,
    /// Endpoint, card and sample.
    #[serde(flatten)]
    pub meta: EntryMeta,
    /// The request, redacted (absent when it could not be built or was cancelled).
    pub request: Option<HttpRequest>,
    /// The outcome.
    pub result: HistoryResult,
    /// Total time of the exchange, when there was one.
    pub elapsed_ms: Option<u64>,
    /// Whether Dodo would count it as delivered (2xx or cancelled).
    pub ok: bool,
}

impl HistoryEntry {
    /// The request ready to send again: the card's auth re-applied with `credentials`
    /// (webhooks keep their `webhook-id` and get a fresh timestamp and signature).
    pub fn resend_request(
        &self,
        card: Option<&Card>,
        credentials: &BTreeMap<String, String>,
        opts: &BuildOptions,
    ) -> Result<HttpRequest, SendError> {
        let Some(request) = &self.request else {
            return Err(SendError::Other {
                detail: "this entry has no request to send again".to_owned(),
                url: String::new(),
            });
        };
        let auth = card.map(CardAuth::from_card);
        refill_request(request, auth.as_ref(), credentials, opts)
    }
}

/// A folder of history entries.
#[derive(Clone, Debug)]
pub struct History {
    dir: PathBuf,
    keep: usize,
}

impl History {
    /// The default folder: `dirs::data_dir()/hookcraft/history`.
    pub fn default_dir() -> Result<PathBuf, HistoryError> {
        dirs::data_dir()
            .map(|dir| dir.join("hookcraft").join("history"))
            .ok_or(HistoryError::NoDataDir)
    }

    /// Opens (and creates) a history folder.
    pub fn open(dir: impl Into<PathBuf>) -> Result<History, HistoryError> {
        let dir = dir.into();
        std::fs::create_dir_all(&dir).map_err(|source| HistoryError::Io {
            action: "creating the history folder",
            path: dir.clone(),
            source,
        })?;
        Ok(History {
            dir,
            keep: DEFAULT_KEEP,
        })
    }

    /// Keeps at most `keep` entries (the oldest go first).
    #[must_use]
    pub fn with_keep(mut self, keep: usize) -> Self {
        self.keep = keep.max(1);
        self
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn path_of(&self, id: &str) -> Result<PathBuf, HistoryError> {
        let valid = !id.is_empty()
            && id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.')
            && !id.starts_with('.');
        if !valid {
            return Err(HistoryError::BadId(id.to_owned()));
        }
        Ok(self.dir.join(format!("{id}.json")))
    }

    /// Records one send: the request redacted, every credential value scrubbed.
    pub fn record(&self, meta: EntryMeta, outcome: &Outcome) -> Result<HistoryEntry, HistoryError> {
        let now = chrono::Utc::now();
        let suffix: u32 = rand::random();
        let id = format!("{}-{suffix:08x}", now.format("%Y%m%dT%H%M%S%.6fZ"));
        let secrets: Vec<String> = outcome
            .request()
            .map(|request| request.secret_values().map(str::to_owned).collect())
            .unwrap_or_default();
        let (result, elapsed_ms) = match outcome {
            Outcome::Cancelled => (
                HistoryResult::Cancelled {
                    message: CANCELLED_MESSAGE.to_owned(),
                },
                None,
            ),
            Outcome::Response { response, .. } => (
                HistoryResult::Response {
                    response: response.clone(),
                },
                Some(response.elapsed_ms),
            ),
            Outcome::Failed { error, .. } => (
                HistoryResult::Error {
                    error: error.report(),
                },
                None,
            ),
        };
        let entry = HistoryEntry {
            id: id.clone(),
            at: now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            meta,
            request: outcome.request().map(HttpRequest::redacted),
            result,
            elapsed_ms,
            ok: outcome.is_success(),
        };
        let mut value =
            serde_json::to_value(&entry).map_err(|err| HistoryError::Serialise(err.to_string()))?;
        scrub(&mut value, &secrets);
        let entry: HistoryEntry = serde_json::from_value(value.clone())
            .map_err(|err| HistoryError::Serialise(err.to_string()))?;
        let text = serde_json::to_string_pretty(&value)
            .map_err(|err| HistoryError::Serialise(err.to_string()))?;
        write_atomic(&self.path_of(&id)?, text.as_bytes())?;
        self.prune()?;
        Ok(entry)
    }

    /// Every readable entry, newest first. Damaged files are skipped.
    pub fn list(&self) -> Result<Vec<HistoryEntry>, HistoryError> {
        let mut entries: Vec<HistoryEntry> = self
            .ids()?
            .iter()
            .filter_map(|id| self.get(id).ok())
            .collect();
        entries.sort_by(|a, b| b.id.cmp(&a.id));
        Ok(entries)
    }

    /// One entry by id.
    pub fn get(&self, id: &str) -> Result<HistoryEntry, HistoryError> {
        let path = self.path_of(id)?;
        let text = std::fs::read_to_string(&path).map_err(|source| HistoryError::Io {
            action: "reading a history entry",
            path: path.clone(),
            source,
        })?;
        serde_json::from_str(&text).map_err(|err| HistoryError::Parse {
            line: err.line(),
            column: err.column(),
            message: err.to_string(),
            path,
        })
    }

    /// Deletes one entry.
    pub fn delete(&self, id: &str) -> Result<(), HistoryError> {
        let path = self.path_of(id)?;
        std::fs::remove_file(&path).map_err(|source| HistoryError::Io {
            action: "deleting a history entry",
            path,
            source,
        })
    }

    /// Deletes every entry.
    pub fn clear(&self) -> Result<(), HistoryError> {
        for id in self.ids()? {
            self.delete(&id)?;
        }
        Ok(())
    }

    /// Entry ids on disk, oldest first.
    fn ids(&self) -> Result<Vec<String>, HistoryError> {
        let read = std::fs::read_dir(&self.dir).map_err(|source| HistoryError::Io {
            action: "listing the history folder",
            path: self.dir.clone(),
            source,
        })?;
        let mut ids: Vec<String> = read
            .filter_map(Result::ok)
            .filter_map(|entry| {
                let name = entry.file_name().to_string_lossy().into_owned();
                let id = name.strip_suffix(".json")?;
                (!id.starts_with('.')).then(|| id.to_owned())
            })
            .collect();
        ids.sort();
        Ok(ids)
    }

    /// Deletes the oldest entries past `keep`.
    fn prune(&self) -> Result<(), HistoryError> {
        let ids = self.ids()?;
        let excess = ids.len().saturating_sub(self.keep);
        for id in ids.iter().take(excess) {
            self.delete(id)?;
        }
        Ok(())
    }
}

/// Replaces every credential value (4+ characters) in every string of `value`.
fn scrub(value: &mut serde_json::Value, secrets: &[String]) {
    match value {
        serde_json::Value::String(text) => {
            for secret in secrets.iter().filter(|secret| secret.len() >= 4) {
                if text.contains(secret.as_str()) {
                    *text = text.replace(secret.as_str(), REDACTED);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(|item| scrub(item, secrets)),
        serde_json::Value::Object(map) => map.values_mut().for_each(|item| scrub(item, secrets)),
        _ => {}
    }
}

/// Writes `bytes` to a temporary file next to `path`, then renames it over `path`.
fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), HistoryError> {
    let io = |action, source| HistoryError::Io {
        action,
        path: path.to_owned(),
        source,
    };
    let file_name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{file_name}.tmp"));
    let mut file =
        std::fs::File::create(&tmp).map_err(|err| io("creating a temporary file", err))?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(|err| io("writing a history entry", err))?;
    std::fs::rename(&tmp, path).map_err(|err| io("saving a history entry", err))
}
