//! Secrets: endpoint credentials kept outside the workspace, in a private JSON file.
//!
//! No OS keychain crate builds offline here without system libraries, so secrets use the
//! documented fallback: one JSON file, `dirs::config_dir()/hookcraft/secrets.json` (on Linux
//! `~/.config/hookcraft/secrets.json`), never inside the workspace folder, so workspaces can
//! be committed and shared without credentials. On unix the file is created with mode 0600
//! and its folder with 0700; every change is written to a temporary file and renamed over
//! the old one, so a crash never leaves a half-written file. The file maps an endpoint slug
//! (or `draft` for the endpoint being edited) to its credentials by name:
//! `{"segment-prod": {"write_key": "…"}}`.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// The slug under which an unsaved endpoint's credentials live.
pub const DRAFT: &str = "draft";

/// Why the secrets file could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum SecretsError {
    /// No config directory is known on this system.
    #[error("no config directory is known on this system; pass a secrets file path")]
    NoConfigDir,
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
    /// The file is not the expected JSON.
    #[error("the secrets file is not valid (line {line}, column {column}: {message}): {path}")]
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
}

/// Credentials by endpoint slug, then by credential name, backed by one private file.
#[derive(Clone, Debug)]
pub struct SecretStore {
    path: PathBuf,
    data: BTreeMap<String, BTreeMap<String, String>>,
}

impl SecretStore {
    /// `dirs::config_dir()/hookcraft/secrets.json`.
    pub fn default_path() -> Result<PathBuf, SecretsError> {
        dirs::config_dir()
            .map(|dir| dir.join("hookcraft").join("secrets.json"))
            .ok_or(SecretsError::NoConfigDir)
    }

    /// Opens the store at [`SecretStore::default_path`].
    pub fn open_default() -> Result<SecretStore, SecretsError> {
        Self::open(Self::default_path()?)
    }

    /// Opens the store at `path`; a missing file is an empty store (created on first write).
    pub fn open(path: impl Into<PathBuf>) -> Result<SecretStore, SecretsError> {
        let path = path.into();
        let data = match std::fs::read_to_string(&path) {
            Ok(text) if text.trim().is_empty() => BTreeMap::new(),
            Ok(text) => serde_json::from_str(&text).map_err(|err| SecretsError::Parse {
                line: err.line(),
                column: err.column(),
                message: err.to_string(),
                path: path.clone(),
            })?,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => BTreeMap::new(),
            Err(source) => {
                return Err(SecretsError::Io {
                    action: "reading the secrets file",
                    path,
                    source,
                });
            }
        };
        Ok(SecretStore { path, data })
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// One credential.
    pub fn get(&self, slug: &str, name: &str) -> Option<&str> {
        self.data
            .get(slug)
            .and_then(|credentials| credentials.get(name))
            .map(String::as_str)
    }

    /// Sets one credential and saves; an empty value removes it.
    pub fn set(&mut self, slug: &str, name: &str, value: &str) -> Result<(), SecretsError> {
        if value.is_empty() {
            return self.remove(slug, name);
        }
        self.data
            .entry(slug.to_owned())
            .or_default()
            .insert(name.to_owned(), value.to_owned());
        self.save()
    }

    /// Removes one credential and saves.
    pub fn remove(&mut self, slug: &str, name: &str) -> Result<(), SecretsError> {
        let Some(credentials) = self.data.get_mut(slug) else {
            return Ok(());
        };
        if credentials.remove(name).is_none() {
            return Ok(());
        }
        if credentials.is_empty() {
            self.data.remove(slug);
        }
        self.save()
    }

    /// Removes every credential of an endpoint and saves.
    pub fn remove_endpoint(&mut self, slug: &str) -> Result<(), SecretsError> {
        if self.data.remove(slug).is_some() {
            self.save()?;
        }
        Ok(())
    }

    /// Moves an endpoint's credentials to a new slug (rename, or saving a draft) and saves.
    pub fn rename_endpoint(&mut self, from: &str, to: &str) -> Result<(), SecretsError> {
        if from == to {
            return Ok(());
        }
        if let Some(credentials) = self.data.remove(from) {
            self.data.insert(to.to_owned(), credentials);
            self.save()?;
        }
        Ok(())
    }

    /// Every credential of an endpoint, by name.
    pub fn for_endpoint(&self, slug: &str) -> BTreeMap<String, String> {
        self.data.get(slug).cloned().unwrap_or_default()
    }

    /// The slugs that have credentials.
    pub fn endpoints(&self) -> Vec<String> {
        self.data.keys().cloned().collect()
    }

    /// Writes the whole store: a private temporary file renamed over the old one.
    fn save(&self) -> Result<(), SecretsError> {
        let io = |action, path: &Path, source| SecretsError::Io {
            action,
            path: path.to_owned(),
            source,
        };
        if let Some(dir) = self.path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
            create_private_dir(dir).map_err(|err| io("creating the secrets folder", dir, err))?;
        }
        let text = serde_json::to_string_pretty(&self.data).map_err(|err| SecretsError::Io {
            action: "serialising the secrets",
            path: self.path.clone(),
            source: std::io::Error::other(err.to_string()),
        })?;
        let file_name = self
            .path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_else(|| "secrets.json".to_owned());
        let tmp = self.path.with_file_name(format!(".{file_name}.tmp"));
        let mut file =
            create_private_file(&tmp).map_err(|err| io("creating a temporary file", &tmp, err))?;
        file.write_all(text.as_bytes())
            .and_then(|()| file.sync_all())
            .map_err(|err| io("writing the secrets", &tmp, err))?;
        drop(file);
        std::fs::rename(&tmp, &self.path)
            .map_err(|err| io("saving the secrets file", &self.path, err))?;
        restrict(&self.path).map_err(|err| io("making the secrets file private", &self.path, err))
    }
}

#[cfg(unix)]
fn create_private_file(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt as _;
    // A stale temporary file may have other permissions: start fresh.
    match std::fs::remove_file(path) {
        Err(err) if err.kind() != std::io::ErrorKind::NotFound => return Err(err),
        _ => {}
    }
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
}

#[cfg(not(unix))]
fn create_private_file(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::create(path)
}

#[cfg(unix)]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt as _;
    if dir.is_dir() {
        return Ok(());
    }
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

#[cfg(not(unix))]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)
}

#[cfg(unix)]
fn restrict(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
}

#[cfg(not(unix))]
fn restrict(_path: &Path) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn roundtrip_and_removal() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested").join("secrets.json");
        let mut store = SecretStore::open(&path).unwrap();
        assert_eq!(store.get("seg", "write_key"), None);
        store.set("seg", "write_key", "wk_1").unwrap();
        store.set(DRAFT, "api_key", "k").unwrap();
        let reopened = SecretStore::open(&path).unwrap();
        assert_eq!(reopened.get("seg", "write_key"), Some("wk_1"));
        assert_eq!(
            reopened
                .for_endpoint(DRAFT)
                .get("api_key")
                .map(String::as_str),
            Some("k")
        );
        store.rename_endpoint(DRAFT, "cio").unwrap();
        store.remove_endpoint("seg").unwrap();
        let reopened = SecretStore::open(&path).unwrap();
        assert_eq!(reopened.endpoints(), vec!["cio".to_owned()]);
        store.set("cio", "api_key", "").unwrap();
        assert!(SecretStore::open(&path).unwrap().endpoints().is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn file_is_private() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("hookcraft").join("secrets.json");
        let mut store = SecretStore::open(&path).unwrap();
        store.set("a", "b", "c").unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let dir_mode = std::fs::metadata(path.parent().unwrap())
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(dir_mode, 0o700);
    }

    #[test]
    fn damaged_file_says_where() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("secrets.json");
        std::fs::write(&path, "{\n  \"a\": 3\n}").unwrap();
        let err = SecretStore::open(&path).unwrap_err().to_string();
        assert!(err.contains("line 2"), "{err}");
        assert!(err.ends_with("secrets.json"), "{err}");
    }
}
