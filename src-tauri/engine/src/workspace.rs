//! A workspace is a folder holding `octoscope.db` (SQLite), `cache/` (downloaded hours) and
//! `logs/`. Everything Octoscope knows lives there, so moving or deleting the folder is the whole
//! story of backing up or resetting.

use std::path::{Path, PathBuf};

use crate::error::{EngineError, Result};

/// The layout of one workspace folder.
#[derive(Debug, Clone)]
pub struct Workspace {
    root: PathBuf,
}

impl Workspace {
    /// The default location: the OS application-data directory (`~/.local/share/octoscope` on
    /// Linux).
    pub fn default_root() -> Result<PathBuf> {
        dirs::data_dir().map(|d| d.join("octoscope")).ok_or_else(|| {
            EngineError::InvalidInput(
                "cannot find the application data directory (is $HOME set?); pass --workspace DIR".into(),
            )
        })
    }

    /// Where the desktop app keeps the offline sample workspace, beside the default one so
    /// that trying the sample never mixes generated data into real data.
    pub fn default_sample_root() -> Result<PathBuf> {
        Ok(Self::default_root()?.with_file_name("octoscope-sample"))
    }

    /// A workspace at `root`, without touching the disk.
    pub fn at(root: impl Into<PathBuf>) -> Self {
        Workspace { root: root.into() }
    }

    /// Creates the folders if needed and checks that the workspace is writable, so that a bad
    /// path fails at once with one clear message instead of half-way through a run.
    pub fn prepare(&self) -> Result<()> {
        let fail = |path: &Path, error: std::io::Error| EngineError::Workspace {
            path: self.root.clone(),
            reason: format!("{} ({})", describe_io(&error), path.display()),
        };
        for dir in [self.root.clone(), self.cache_dir(), self.logs_dir()] {
            std::fs::create_dir_all(&dir).map_err(|e| fail(&dir, e))?;
        }
        let probe = self.root.join(".write-check");
        std::fs::write(&probe, b"ok").map_err(|e| fail(&probe, e))?;
        let _ = std::fs::remove_file(&probe);
        Ok(())
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn database_path(&self) -> PathBuf {
        self.root.join("octoscope.db")
    }

    pub fn cache_dir(&self) -> PathBuf {
        self.root.join("cache")
    }

    /// Where downloaded GH Archive hours are kept.
    pub fn gharchive_cache_dir(&self) -> PathBuf {
        self.cache_dir().join("gharchive")
    }

    /// Where the sample generator writes its hours.
    pub fn sample_dir(&self) -> PathBuf {
        self.cache_dir().join("sample")
    }

    pub fn logs_dir(&self) -> PathBuf {
        self.root.join("logs")
    }
}

/// `path` as a person would write it: under the home folder as `~/...`, as file managers and
/// shells show it; anything else in full.
pub fn display_path(path: &Path) -> String {
    home_relative(path, dirs::home_dir().as_deref())
}

fn home_relative(path: &Path, home: Option<&Path>) -> String {
    // The home folder itself is no shorter as `~`, and a root home would turn every path into `~/...`.
    match home.filter(|home| home.parent().is_some()).and_then(|home| path.strip_prefix(home).ok()) {
        Some(rest) if !rest.as_os_str().is_empty() => format!("~/{}", rest.display()),
        _ => path.display().to_string(),
    }
}

/// A short human description of an I/O error, without Rust's debug noise.
pub fn describe_io(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::PermissionDenied => "permission denied".into(),
        ErrorKind::NotFound => "no such file or directory".into(),
        ErrorKind::AlreadyExists => "already exists".into(),
        ErrorKind::NotADirectory => "a file is in the way of a directory".into(),
        ErrorKind::ReadOnlyFilesystem => "the file system is read-only".into(),
        ErrorKind::StorageFull => "the disk is full".into(),
        _ => error.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_under_home_are_shown_from_tilde() {
        let home = Path::new("/home/ada");
        let shown = |path: &str| home_relative(Path::new(path), Some(home));
        assert_eq!(shown("/home/ada/.local/share/octoscope"), "~/.local/share/octoscope");
        assert_eq!(shown("/home/ada"), "/home/ada");
        assert_eq!(shown("/home/adam/octoscope"), "/home/adam/octoscope", "a sibling is not under home");
        assert_eq!(shown("/srv/octoscope"), "/srv/octoscope");
        assert_eq!(home_relative(Path::new("/srv/octoscope"), Some(Path::new("/"))), "/srv/octoscope");
        assert_eq!(home_relative(Path::new("/srv/octoscope"), None), "/srv/octoscope");
    }

    #[test]
    fn prepare_creates_the_layout() {
        let dir = tempfile::tempdir().unwrap();
        let ws = Workspace::at(dir.path().join("ws"));
        ws.prepare().unwrap();
        assert!(ws.cache_dir().is_dir() && ws.logs_dir().is_dir());
    }

    #[test]
    fn prepare_fails_clearly_when_a_file_is_in_the_way() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("file");
        std::fs::write(&blocker, b"x").unwrap();
        let error = Workspace::at(blocker.join("ws")).prepare().unwrap_err();
        assert!(error.to_string().starts_with("cannot use workspace"), "{error}");
        assert!(error.to_string().contains("a file is in the way"), "{error}");
    }
}
