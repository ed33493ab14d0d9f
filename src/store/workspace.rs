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
/// Slugs never given to a new endpoint: `draft` keys the unsaved endpoint's credentials in
/// the secret store.
const RESERVED_SLUGS: &[&str] = &[super::secrets::DRAFT];
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
        // The workspace is meant to be kept in git; drafts are scratch state.
        let gitignore = root.join(".gitignore");
        if !gitignore.exists() {
            write_atomic(&gitignore, b"# hookcraft: unsaved editor state\n.drafts/\n")?;
        }
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
        while RESERVED_SLUGS.contains(&candidate.as_str()) || self.endpoint_dir(&candidate).exists()
        {
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

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests may unwrap (common brief).
mod tests {
    use super::*;

    fn sample_endpoint(name: &str) -> Endpoint {
        Endpoint {
            slug: None,
            name: name.to_owned(),
            card: "segment".to_owned(),
            url: "https://api.segment.io/v1/track".to_owned(),
            headers: vec![
                ("X-Zeta".to_owned(), "last-key-first".to_owned()),
                ("X-Alpha".to_owned(), "1".to_owned()),
            ],
            env: BTreeMap::from([("REGION".to_owned(), "us".to_owned())]),
            events: vec!["payment.succeeded".to_owned()],
            enabled: true,
            template: Some("track_payments".to_owned()),
            code: "function handler(webhook) {\n  return webhook;\n}\n".to_owned(),
        }
    }

    fn workspace() -> (tempfile::TempDir, Workspace) {
        let dir = tempfile::tempdir().unwrap();
        let ws = Workspace::open(dir.path().join("ws")).unwrap();
        (dir, ws)
    }

    /// Every file under `dir`, recursively.
    fn all_files(dir: &Path) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                out.extend(all_files(&path));
            } else {
                out.push(path);
            }
        }
        out
    }

    #[test]
    fn round_trip_keeps_every_field_and_writes_plain_files() {
        let (_tmp, ws) = workspace();
        let endpoint = sample_endpoint("Segment (prod)");
        let slug = ws.save(&endpoint).unwrap();
        assert_eq!(slug, "segment-prod");

        let loaded = ws.load(&slug).unwrap();
        assert_eq!(
            loaded,
            Endpoint {
                slug: Some(slug.clone()),
                ..endpoint.clone()
            }
        );

        // The code is its own file, byte for byte; the settings are pretty JSON.
        let dir = ws.endpoint_dir(&slug);
        assert_eq!(
            fs::read_to_string(dir.join(TRANSFORM_FILE)).unwrap(),
            endpoint.code
        );
        let json = fs::read_to_string(dir.join(ENDPOINT_FILE)).unwrap();
        assert!(json.ends_with("}\n"), "{json}");
        assert!(json.contains("\n  \"name\": \"Segment (prod)\""), "{json}");
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert!(
            value.get("code").is_none(),
            "code must live in transform.js only"
        );
        // Header rows keep the order the user typed, not alphabetical order.
        assert_eq!(value["headers"][0][0], "X-Zeta");
        assert_eq!(value["headers"][1][0], "X-Alpha");
        let created = value["created_at"].as_str().unwrap().to_owned();
        assert!(
            chrono::DateTime::parse_from_rfc3339(&created).is_ok(),
            "{created}"
        );
    }

    #[test]
    fn saving_again_keeps_the_slug_and_the_creation_time() {
        let (_tmp, ws) = workspace();
        let slug = ws.save(&sample_endpoint("Billing alerts")).unwrap();
        let first: serde_json::Value =
            read_json(&ws.endpoint_dir(&slug).join(ENDPOINT_FILE)).unwrap();

        let mut renamed = ws.load(&slug).unwrap();
        renamed.name = "Something else entirely".to_owned();
        renamed.code = "function handler(w) { w.cancel = true; return w; }".to_owned();
        assert_eq!(ws.save(&renamed).unwrap(), slug);

        let second: serde_json::Value =
            read_json(&ws.endpoint_dir(&slug).join(ENDPOINT_FILE)).unwrap();
        assert_eq!(first["created_at"], second["created_at"]);
        assert_eq!(ws.load(&slug).unwrap().name, "Something else entirely");
        assert_eq!(ws.list().unwrap().len(), 1);
    }

    #[test]
    fn slugs_are_unique_and_safe() {
        let (_tmp, ws) = workspace();
        let a = ws.save(&sample_endpoint("Slack alerts")).unwrap();
        let b = ws.save(&sample_endpoint("Slack alerts")).unwrap();
        let c = ws.save(&sample_endpoint("slack   ALERTS!!")).unwrap();
        assert_eq!(
            (a.as_str(), b.as_str(), c.as_str()),
            ("slack-alerts", "slack-alerts-2", "slack-alerts-3")
        );
        assert_eq!(ws.save(&sample_endpoint("日本")).unwrap(), "endpoint");
        // "draft" belongs to the unsaved endpoint in the secret store.
        assert_eq!(ws.save(&sample_endpoint("Draft")).unwrap(), "draft-2");
        assert_eq!(ws.save(&sample_endpoint("../../etc")).unwrap(), "etc");
        assert_eq!(slugify(&"x".repeat(200)).len(), SLUG_MAX);

        // A slug given by the caller must be a plain folder name.
        let evil = Endpoint {
            slug: Some("../outside".to_owned()),
            ..sample_endpoint("x")
        };
        assert!(matches!(
            ws.save(&evil),
            Err(StoreError::InvalidSlug { .. })
        ));
        assert!(matches!(
            ws.load("a/b"),
            Err(StoreError::InvalidSlug { .. })
        ));
        assert!(matches!(
            ws.delete(".."),
            Err(StoreError::InvalidSlug { .. })
        ));
        assert!(!ws.root().parent().unwrap().join("outside").exists());
    }

    #[test]
    fn list_is_sorted_and_reports_broken_entries_without_failing() {
        let (_tmp, ws) = workspace();
        ws.save(&sample_endpoint("zebra")).unwrap();
        ws.save(&sample_endpoint("Alpha")).unwrap();
        let broken = ws.save(&sample_endpoint("middle")).unwrap();
        fs::write(
            ws.endpoint_dir(&broken).join(ENDPOINT_FILE),
            "{\n  \"name\": \"middle\",\n  \"card\": \"slack\",\n  \"url\": oops\n}\n",
        )
        .unwrap();
        let no_code = ws.save(&sample_endpoint("nocode")).unwrap();
        fs::remove_file(ws.endpoint_dir(&no_code).join(TRANSFORM_FILE)).unwrap();

        let rows = ws.list().unwrap();
        let names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["Alpha", "middle", "nocode", "zebra"]);
        assert!(rows[0].problem.is_none());
        assert_eq!(rows[0].card, "segment");
        assert!(rows[0].enabled);
        let problem = rows[1].problem.as_deref().unwrap();
        assert!(problem.contains("line 4, column 10"), "{problem}");
        assert!(problem.ends_with(ENDPOINT_FILE), "{problem}");
        assert!(rows[2].problem.as_deref().unwrap().contains(TRANSFORM_FILE));

        // Loading the broken one says which file and where.
        match ws.load(&broken) {
            Err(StoreError::Json {
                path,
                line,
                column,
                message,
            }) => {
                assert!(path.ends_with(format!("{broken}/{ENDPOINT_FILE}")));
                assert_eq!((line, column), (4, 10));
                assert!(message.contains("expected value"), "{message}");
            }
            other => panic!("expected a JSON error, got {other:?}"),
        }
    }

    #[test]
    fn a_missing_field_is_named() {
        let (_tmp, ws) = workspace();
        let slug = ws.save(&sample_endpoint("x")).unwrap();
        fs::write(
            ws.endpoint_dir(&slug).join(ENDPOINT_FILE),
            "{\"name\": \"x\"}",
        )
        .unwrap();
        let err = ws.load(&slug).unwrap_err().to_string();
        assert!(err.contains("missing field `card`"), "{err}");
    }

    #[test]
    fn delete_removes_the_folder_and_missing_is_not_found() {
        let (_tmp, ws) = workspace();
        let slug = ws.save(&sample_endpoint("gone soon")).unwrap();
        ws.save_expected(&slug, "payment.succeeded", &serde_json::json!({"a": 1}))
            .unwrap();
        ws.delete(&slug).unwrap();
        assert!(!ws.endpoint_dir(&slug).exists());
        assert!(ws.list().unwrap().is_empty());
        assert!(matches!(ws.delete(&slug), Err(StoreError::NotFound { .. })));
        assert!(matches!(ws.load(&slug), Err(StoreError::NotFound { .. })));
    }

    #[test]
    fn set_enabled_changes_only_the_flag() {
        let (_tmp, ws) = workspace();
        let slug = ws.save(&sample_endpoint("toggle")).unwrap();
        let code_before = fs::read(ws.endpoint_dir(&slug).join(TRANSFORM_FILE)).unwrap();
        ws.set_enabled(&slug, false).unwrap();
        let loaded = ws.load(&slug).unwrap();
        assert!(!loaded.enabled);
        assert_eq!(loaded.headers, sample_endpoint("toggle").headers);
        assert_eq!(
            fs::read(ws.endpoint_dir(&slug).join(TRANSFORM_FILE)).unwrap(),
            code_before
        );
        assert!(!ws.list().unwrap()[0].enabled);
        ws.set_enabled(&slug, true).unwrap();
        assert!(ws.load(&slug).unwrap().enabled);
        assert!(matches!(
            ws.set_enabled("nope", true),
            Err(StoreError::NotFound { .. })
        ));
    }

    #[test]
    fn expected_outputs_round_trip_and_can_be_removed() {
        let (_tmp, ws) = workspace();
        let slug = ws.save(&sample_endpoint("pinned")).unwrap();
        assert!(ws.load_expected(&slug).unwrap().is_empty());
        let one = serde_json::json!({"url": "https://api.segment.io/v1/track", "payload": {"z": 1, "a": [1, 2]}});
        let two = serde_json::json!({"cancel": true});
        ws.save_expected(&slug, "payment.succeeded", &one).unwrap();
        ws.save_expected(&slug, "payment.succeeded.jpy", &two)
            .unwrap();
        let map = ws.load_expected(&slug).unwrap();
        assert_eq!(map.len(), 2);
        assert_eq!(map["payment.succeeded"], one);
        assert_eq!(map["payment.succeeded.jpy"], two);
        // Key order inside the pinned file is kept (diffs stay readable).
        let text = fs::read_to_string(
            ws.endpoint_dir(&slug)
                .join(EXPECTED_DIR)
                .join("payment.succeeded.json"),
        )
        .unwrap();
        assert!(
            text.find("\"z\"").unwrap() < text.find("\"a\"").unwrap(),
            "{text}"
        );

        assert!(ws.remove_expected(&slug, "payment.succeeded").unwrap());
        assert!(!ws.remove_expected(&slug, "payment.succeeded").unwrap());
        assert_eq!(ws.load_expected(&slug).unwrap().len(), 1);
        assert!(matches!(
            ws.save_expected(&slug, "../escape", &two),
            Err(StoreError::InvalidSampleName { .. })
        ));

        // A corrupt pinned file is an error naming that file.
        let bad = ws
            .endpoint_dir(&slug)
            .join(EXPECTED_DIR)
            .join("refund.succeeded.json");
        fs::write(&bad, "{").unwrap();
        let err = ws.load_expected(&slug).unwrap_err();
        assert!(err.to_string().ends_with("refund.succeeded.json"), "{err}");
    }

    #[test]
    fn drafts_survive_and_clear() {
        let (_tmp, ws) = workspace();
        assert_eq!(ws.load_draft(), None);
        ws.clear_draft().unwrap();
        let draft = Endpoint {
            code: "function handler(w) { return w }".to_owned(),
            ..sample_endpoint("draft")
        };
        ws.save_draft(&draft).unwrap();
        // A fresh handle on the same folder (as after a crash and restart) sees it.
        let reopened = Workspace::open(ws.root()).unwrap();
        assert_eq!(reopened.load_draft(), Some(draft));
        reopened.clear_draft().unwrap();
        assert_eq!(ws.load_draft(), None);
        // Drafts are not endpoints.
        assert!(ws.list().unwrap().is_empty());

        fs::write(ws.root().join(".drafts").join("current.json"), "not json").unwrap();
        assert_eq!(ws.load_draft(), None);
        assert!(matches!(
            ws.try_load_draft(),
            Err(StoreError::Json { line: 1, .. })
        ));
    }

    #[test]
    fn atomic_writes_leave_no_temporary_files() {
        let (_tmp, ws) = workspace();
        let slug = ws.save(&sample_endpoint("atomic")).unwrap();
        for i in 0..5 {
            let mut e = ws.load(&slug).unwrap();
            e.code = format!("function handler(w) {{ return w; }} // {i}");
            ws.save(&e).unwrap();
            ws.set_enabled(&slug, i % 2 == 0).unwrap();
            ws.save_expected(&slug, "payment.succeeded", &serde_json::json!({ "i": i }))
                .unwrap();
            ws.save_draft(&e).unwrap();
        }
        let files = all_files(ws.root());
        assert!(
            files.iter().all(|p| !p.to_string_lossy().ends_with(".tmp")),
            "{files:?}"
        );
        assert_eq!(files.len(), 5, "{files:?}"); // + .gitignore

        // A failed write (the target is a folder) leaves no temporary file behind either.
        let target = ws.root().join("blocked");
        fs::create_dir_all(target.join("inside")).unwrap();
        assert!(matches!(
            write_atomic(&target, b"x"),
            Err(StoreError::Io { .. })
        ));
        assert_eq!(all_files(ws.root()).len(), 5);
    }

    #[test]
    fn no_secret_ever_reaches_the_workspace_files() {
        let (_tmp, ws) = workspace();
        let slug = ws.save(&sample_endpoint("billing")).unwrap();
        let value: serde_json::Value =
            read_json(&ws.endpoint_dir(&slug).join(ENDPOINT_FILE)).unwrap();
        let keys: Vec<&str> = value
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            [
                "version",
                "name",
                "card",
                "url",
                "enabled",
                "events",
                "headers",
                "env",
                "template",
                "created_at",
                "updated_at"
            ]
        );
        ws.save_draft(&ws.load(&slug).unwrap()).unwrap();
        ws.save_expected(&slug, "payment.succeeded", &serde_json::json!({"ok": true}))
            .unwrap();
        for file in all_files(ws.root()) {
            let text = fs::read_to_string(&file).unwrap().to_lowercase();
            for word in [
                "secret",
                "write_key",
                "api_key",
                "password",
                "access_token",
                "credential",
            ] {
                assert!(!text.contains(word), "{word} in {}", file.display());
            }
        }
    }

    #[test]
    fn open_keeps_drafts_out_of_git_and_keeps_a_users_gitignore() {
        let (_tmp, ws) = workspace();
        let text = fs::read_to_string(ws.root().join(".gitignore")).unwrap();
        assert!(text.lines().any(|l| l == ".drafts/"), "{text}");
        fs::write(ws.root().join(".gitignore"), "mine\n").unwrap();
        Workspace::open(ws.root()).unwrap();
        assert_eq!(
            fs::read_to_string(ws.root().join(".gitignore")).unwrap(),
            "mine\n"
        );
    }

    #[test]
    fn open_rejects_a_file_and_default_path_is_under_hookcraft() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("plain-file");
        fs::write(&file, "x").unwrap();
        assert!(matches!(
            Workspace::open(&file),
            Err(StoreError::NotADirectory { .. })
        ));
        if let Ok(path) = Workspace::default_path() {
            assert!(path.ends_with("hookcraft/workspace"), "{}", path.display());
        }
    }
}
