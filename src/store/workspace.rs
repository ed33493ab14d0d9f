//! The workspace on disk: endpoints saved as plain, git-friendly files.
//!
//! ```text
//! <workspace>/
//!   endpoints/<slug>/endpoint.json          name, card, url, headers, variables, events, …
//!   endpoints/<slug>/transform.js           the transformation code, on its own
//!   endpoints/<slug>/expected/<sample>.json pinned expected outputs (for `check`)
//!   .drafts/current.json                    the unsaved editor state, so a crash loses nothing
//! ```
//! Secrets never go here: credentials live in the secret store, keyed by endpoint slug and
//! credential name. Every write goes to a temporary file in the same folder first and is then
//! renamed over the target, so a crash leaves either the old file or the new one.

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use serde::{Deserialize, Serialize};

use super::StoreError;

/// The file holding an endpoint's settings.
pub const ENDPOINT_FILE: &str = "endpoint.json";
/// The file holding an endpoint's transformation code.
pub const TRANSFORM_FILE: &str = "transform.js";
/// The folder holding an endpoint's pinned expected outputs.
pub const EXPECTED_DIR: &str = "expected";
/// The longest slug [`Workspace::save`] makes from a name.
const SLUG_MAX: usize = 48;
/// The version written into `endpoint.json`.
const FORMAT_VERSION: u32 = 1;

/// One endpoint as the editor sees it: settings plus code, without secrets.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Endpoint {
    /// The folder name under `endpoints/`; `None` until first saved.
    pub slug: Option<String>,
    /// The name people see.
    pub name: String,
    /// The catalogue card id (`segment`, `slack`, …).
    pub card: String,
    /// The endpoint URL.
    pub url: String,
    /// Custom headers, in the order the user entered them.
    pub headers: Vec<(String, String)>,
    /// The endpoint's Variables (`webhook.env`).
    pub env: BTreeMap<String, String>,
    /// Subscribed event types; empty means all.
    pub events: Vec<String>,
    /// Whether the endpoint is enabled.
    pub enabled: bool,
    /// The catalogue template the code started from.
    pub template: Option<String>,
    /// The transformation code.
    pub code: String,
}

/// One row of [`Workspace::list`]. A broken endpoint still gets a row, with `problem` set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EndpointSummary {
    /// The folder name.
    pub slug: String,
    /// The endpoint's name (the slug when `endpoint.json` cannot be read).
    pub name: String,
    /// The card id (empty when unreadable).
    pub card: String,
    /// The endpoint URL (empty when unreadable).
    pub url: String,
    /// Whether the endpoint is enabled (`false` when unreadable).
    pub enabled: bool,
    /// When it was last saved (RFC 3339), if known.
    pub updated_at: Option<String>,
    /// What is wrong with this endpoint's files, if anything.
    pub problem: Option<String>,
}

/// What `endpoint.json` holds (the code lives in `transform.js`).
#[derive(Clone, Debug, Serialize, Deserialize)]
struct EndpointFile {
    #[serde(default = "format_version")]
    version: u32,
    name: String,
    card: String,
    #[serde(default)]
    url: String,
    #[serde(default = "yes")]
    enabled: bool,
    #[serde(default)]
    events: Vec<String>,
    #[serde(default)]
    headers: Vec<(String, String)>,
    #[serde(default)]
    env: BTreeMap<String, String>,
    #[serde(default)]
    template: Option<String>,
    #[serde(default)]
    created_at: Option<String>,
    #[serde(default)]
    updated_at: Option<String>,
}

fn format_version() -> u32 {
    FORMAT_VERSION
}

fn yes() -> bool {
    true
}

/// A workspace folder. Cheap to clone; every call goes to the disk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Workspace {
    root: PathBuf,
}

impl Workspace {
    /// The default location: `<data dir>/hookcraft/workspace`
    /// (e.g. `~/.local/share/hookcraft/workspace` on Linux).
    pub fn default_path() -> Result<PathBuf, StoreError> {
        dirs::data_dir()
            .map(|dir| dir.join("hookcraft").join("workspace"))
            .ok_or(StoreError::NoDataDir)
    }

    /// Opens the workspace at `path`, creating its folders if needed.
    pub fn open(path: impl Into<PathBuf>) -> Result<Self, StoreError> {
        let root = path.into();
        if root.exists() && !root.is_dir() {
            return Err(StoreError::NotADirectory { path: root });
        }
        let endpoints = root.join("endpoints");
        fs::create_dir_all(&endpoints)
            .map_err(|e| StoreError::io("create folder", &endpoints, e))?;
        Ok(Self { root })
    }

    /// The workspace folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The folder of the endpoint `slug` (it may not exist).
    pub fn endpoint_dir(&self, slug: &str) -> PathBuf {
        self.root.join("endpoints").join(slug)
    }

    /// Whether an endpoint folder `slug` exists.
    pub fn exists(&self, slug: &str) -> bool {
        check_slug(slug).is_ok() && self.endpoint_dir(slug).is_dir()
    }

    /// Every endpoint, sorted by name (then slug). A folder whose files are broken is listed
    /// with [`EndpointSummary::problem`] set instead of failing the whole list.
    pub fn list(&self) -> Result<Vec<EndpointSummary>, StoreError> {
        let dir = self.root.join("endpoints");
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(StoreError::io("list folder", &dir, e)),
        };
        let mut rows = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| StoreError::io("list folder", &dir, e))?;
            let path = entry.path();
            let Some(slug) = entry.file_name().to_str().map(str::to_owned) else {
                continue;
            };
            if !path.is_dir() || slug.starts_with('.') {
                continue;
            }
            rows.push(self.summary(&slug));
        }
        rows.sort_by(|a, b| {
            (a.name.to_lowercase(), &a.slug).cmp(&(b.name.to_lowercase(), &b.slug))
        });
        Ok(rows)
    }

    fn summary(&self, slug: &str) -> EndpointSummary {
        let broken = |problem: String| EndpointSummary {
            slug: slug.to_owned(),
            name: slug.to_owned(),
            card: String::new(),
            url: String::new(),
            enabled: false,
            updated_at: None,
            problem: Some(problem),
        };
        if let Err(e) = check_slug(slug) {
            return broken(e.to_string());
        }
        let file = match self.read_endpoint_file(slug) {
            Ok(file) => file,
            Err(e) => return broken(e.to_string()),
        };
        let transform = self.endpoint_dir(slug).join(TRANSFORM_FILE);
        let problem = (!transform.is_file())
            .then(|| format!("{TRANSFORM_FILE} is missing: {}", transform.display()));
        EndpointSummary {
            slug: slug.to_owned(),
            name: file.name,
            card: file.card,
            url: file.url,
            enabled: file.enabled,
            updated_at: file.updated_at,
            problem,
        }
    }

    /// Reads the endpoint `slug`: its settings and its code.
    pub fn load(&self, slug: &str) -> Result<Endpoint, StoreError> {
        check_slug(slug)?;
        let file = self.read_endpoint_file(slug)?;
        let code_path = self.endpoint_dir(slug).join(TRANSFORM_FILE);
        let code =
            fs::read_to_string(&code_path).map_err(|e| StoreError::io("read", &code_path, e))?;
        Ok(Endpoint {
            slug: Some(slug.to_owned()),
            name: file.name,
            card: file.card,
            url: file.url,
            headers: file.headers,
            env: file.env,
            events: file.events,
            enabled: file.enabled,
            template: file.template,
            code,
        })
    }

    /// Saves `endpoint` and returns its slug.
    ///
    /// A new endpoint (`slug: None`) gets a slug made from its name, made unique with `-2`,
    /// `-3`, …; an existing one keeps its slug even when renamed.
    pub fn save(&self, endpoint: &Endpoint) -> Result<String, StoreError> {
        let slug = match &endpoint.slug {
            Some(slug) => {
                check_slug(slug)?;
                slug.clone()
            }
            None => self.unique_slug(&slugify(&endpoint.name)),
        };
        let dir = self.endpoint_dir(&slug);
        fs::create_dir_all(&dir).map_err(|e| StoreError::io("create folder", &dir, e))?;
        let json_path = dir.join(ENDPOINT_FILE);
        let now = now_rfc3339();
        let created_at = match self.read_endpoint_file(&slug) {
            Ok(old) => old.created_at.unwrap_or_else(|| now.clone()),
            Err(_) => now.clone(),
        };
        let file = EndpointFile {
            version: FORMAT_VERSION,
            name: endpoint.name.clone(),
            card: endpoint.card.clone(),
            url: endpoint.url.clone(),
            enabled: endpoint.enabled,
            events: endpoint.events.clone(),
            headers: endpoint.headers.clone(),
            env: endpoint.env.clone(),
            template: endpoint.template.clone(),
            created_at: Some(created_at),
            updated_at: Some(now),
        };
        write_atomic(&dir.join(TRANSFORM_FILE), endpoint.code.as_bytes())?;
        write_json(&json_path, &file)?;
        Ok(slug)
    }

    /// Deletes the endpoint `slug` with its code and expected outputs.
    pub fn delete(&self, slug: &str) -> Result<(), StoreError> {
        check_slug(slug)?;
        let dir = self.endpoint_dir(slug);
        if !dir.is_dir() {
            return Err(StoreError::NotFound {
                slug: slug.to_owned(),
                path: dir,
            });
        }
        fs::remove_dir_all(&dir).map_err(|e| StoreError::io("delete folder", &dir, e))
    }

    /// Turns the endpoint `slug` on or off without touching its code.
    pub fn set_enabled(&self, slug: &str, enabled: bool) -> Result<(), StoreError> {
        check_slug(slug)?;
        let mut file = self.read_endpoint_file(slug)?;
        file.enabled = enabled;
        file.updated_at = Some(now_rfc3339());
        write_json(&self.endpoint_dir(slug).join(ENDPOINT_FILE), &file)
    }

    /// Pins `output` as the expected result of running the endpoint on `sample_name`.
    pub fn save_expected(
        &self,
        slug: &str,
        sample_name: &str,
        output: &serde_json::Value,
    ) -> Result<(), StoreError> {
        let path = self.expected_path(slug, sample_name)?;
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(|e| StoreError::io("create folder", dir, e))?;
        }
        write_json(&path, output)
    }

    /// Every pinned expected output of the endpoint `slug`, by sample name.
    pub fn load_expected(
        &self,
        slug: &str,
    ) -> Result<BTreeMap<String, serde_json::Value>, StoreError> {
        check_slug(slug)?;
        let dir = self.endpoint_dir(slug).join(EXPECTED_DIR);
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(BTreeMap::new()),
            Err(e) => return Err(StoreError::io("list folder", &dir, e)),
        };
        let mut expected = BTreeMap::new();
        for entry in entries {
            let entry = entry.map_err(|e| StoreError::io("list folder", &dir, e))?;
            let file_name = entry.file_name();
            let Some(name) = file_name.to_str().and_then(|n| n.strip_suffix(".json")) else {
                continue;
            };
            if check_sample_name(name).is_err() {
                continue;
            }
            let path = entry.path();
            expected.insert(name.to_owned(), read_json(&path)?);
        }
        Ok(expected)
    }

    /// Unpins the expected output for `sample_name`; `Ok(false)` if none was pinned.
    pub fn remove_expected(&self, slug: &str, sample_name: &str) -> Result<bool, StoreError> {
        let path = self.expected_path(slug, sample_name)?;
        match fs::remove_file(&path) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(StoreError::io("delete", &path, e)),
        }
    }

    /// Saves the editor's unsaved state (settings and code) as the draft.
    pub fn save_draft(&self, endpoint: &Endpoint) -> Result<(), StoreError> {
        let path = self.draft_path();
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(|e| StoreError::io("create folder", dir, e))?;
        }
        write_json(&path, endpoint)
    }

    /// The draft, if there is one and it can be read.
    pub fn load_draft(&self) -> Option<Endpoint> {
        self.try_load_draft().ok().flatten()
    }

    /// The draft: `Ok(None)` if there is none, an error if it exists but cannot be read.
    pub fn try_load_draft(&self) -> Result<Option<Endpoint>, StoreError> {
        let path = self.draft_path();
        if !path.exists() {
            return Ok(None);
        }
        read_json(&path).map(Some)
    }

    /// Removes the draft (after a save or a discard). No draft is not an error.
    pub fn clear_draft(&self) -> Result<(), StoreError> {
        let path = self.draft_path();
        match fs::remove_file(&path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(StoreError::io("delete", &path, e)),
        }
    }

    fn draft_path(&self) -> PathBuf {
        self.root.join(".drafts").join("current.json")
    }

    fn expected_path(&self, slug: &str, sample_name: &str) -> Result<PathBuf, StoreError> {
        check_slug(slug)?;
        check_sample_name(sample_name)?;
        Ok(self
            .endpoint_dir(slug)
            .join(EXPECTED_DIR)
            .join(format!("{sample_name}.json")))
    }

    fn read_endpoint_file(&self, slug: &str) -> Result<EndpointFile, StoreError> {
        let dir = self.endpoint_dir(slug);
        if !dir.is_dir() {
            return Err(StoreError::NotFound {
                slug: slug.to_owned(),
                path: dir,
            });
        }
        read_json(&dir.join(ENDPOINT_FILE))
    }

    fn unique_slug(&self, base: &str) -> String {
        let mut candidate = base.to_owned();
        let mut n = 2u32;
        while self.endpoint_dir(&candidate).exists() {
            candidate = format!("{base}-{n}");
            n += 1;
        }
        candidate
    }
}

/// Makes a folder name from an endpoint name: lower-case ASCII letters and digits joined by
/// `-`, at most 48 characters; `endpoint` when nothing is left.
pub fn slugify(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            if slug.len() >= SLUG_MAX {
                break;
            }
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_matches('-');
    if slug.is_empty() {
        "endpoint".to_owned()
    } else {
        slug.to_owned()
    }
}

/// A slug must be a single safe folder name: `a-z`, `0-9`, `-`, `_`, not starting with `-`.
fn check_slug(slug: &str) -> Result<(), StoreError> {
    let ok = !slug.is_empty()
        && slug.len() <= 128
        && !slug.starts_with('-')
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if ok {
        Ok(())
    } else {
        Err(StoreError::InvalidSlug {
            slug: slug.to_owned(),
        })
    }
}

/// A sample name becomes a file name: letters, digits, `.`, `_`, `-`, not starting with `.`.
fn check_sample_name(name: &str) -> Result<(), StoreError> {
    let ok = !name.is_empty()
        && name.len() <= 200
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    if ok {
        Ok(())
    } else {
        Err(StoreError::InvalidSampleName {
            name: name.to_owned(),
        })
    }
}

fn now_rfc3339() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Reads and parses a JSON file, saying where it is broken.
fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, StoreError> {
    let text = fs::read_to_string(path).map_err(|e| StoreError::io("read", path, e))?;
    serde_json::from_str(&text).map_err(|e| StoreError::json(path, &e))
}

/// Writes `value` as pretty JSON with a final newline, atomically.
fn write_json<T: Serialize + ?Sized>(path: &Path, value: &T) -> Result<(), StoreError> {
    let mut text = serde_json::to_string_pretty(value).map_err(|e| StoreError::json(path, &e))?;
    text.push('\n');
    write_atomic(path, text.as_bytes())
}

/// Writes `bytes` to a temporary file next to `path`, flushes it to disk, then renames it
/// over `path`. On failure the temporary file is removed and `path` is untouched.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    let file_name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let tmp = dir.join(format!(
        ".{file_name}.{}-{}.tmp",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let result = (|| {
        let mut file = fs::File::create(&tmp).map_err(|e| StoreError::io("create", &tmp, e))?;
        file.write_all(bytes)
            .map_err(|e| StoreError::io("write", &tmp, e))?;
        file.sync_all()
            .map_err(|e| StoreError::io("flush", &tmp, e))?;
        drop(file);
        fs::rename(&tmp, path).map_err(|e| StoreError::io("replace", path, e))
    })();
    if result.is_err() {
        fs::remove_file(&tmp).ok();
    }
    result
}
