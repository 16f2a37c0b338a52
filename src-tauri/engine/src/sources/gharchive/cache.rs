//! The download cache of GH Archive hours (`cache/gharchive/` in the workspace). Real hours are
//! ~100 MB each, so a month is ~70 GB: the cache is capped, oldest files evicted first.

use std::path::Path;
use std::time::SystemTime;

use crate::error::{EngineError, Result};

/// Default cap: room for about 200 busy hours.
pub const DEFAULT_CACHE_LIMIT_BYTES: u64 = 20_000_000_000;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct CacheUsage {
    pub files: u64,
    pub bytes: u64,
}

fn hour_files(dir: &Path) -> Vec<(std::path::PathBuf, u64, SystemTime)> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    entries
        .filter_map(|entry| {
            let entry = entry.ok()?;
            let name = entry.file_name();
            let name = name.to_str()?;
            // Only finished hours; a `.part` belongs to a download in progress.
            if !name.ends_with(".json.gz") {
                return None;
            }
            let meta = entry.metadata().ok().filter(std::fs::Metadata::is_file)?;
            Some((entry.path(), meta.len(), meta.modified().unwrap_or(SystemTime::UNIX_EPOCH)))
        })
        .collect()
}

pub fn usage(dir: &Path) -> CacheUsage {
    let files = hour_files(dir);
    CacheUsage { files: files.len() as u64, bytes: files.iter().map(|f| f.1).sum() }
}

/// Deletes the oldest cached hours until the cache holds at most `limit` bytes, never `keep`
/// (the hour about to be decoded). Returns the bytes freed.
pub fn enforce_limit(dir: &Path, limit: u64, keep: &Path) -> u64 {
    let mut files = hour_files(dir);
    let mut total: u64 = files.iter().map(|f| f.1).sum();
    if total <= limit {
        return 0;
    }
    files.sort_by_key(|f| f.2);
    let mut freed = 0;
    for (path, size, _) in files {
        if total <= limit {
            break;
        }
        if path == keep {
            continue;
        }
        // A file being decoded stays readable after removal on Unix; elsewhere removal fails
        // and the file is simply kept until next time.
        if std::fs::remove_file(&path).is_ok() {
            total -= size;
            freed += size;
        }
    }
    freed
}

/// Deletes every cached hour (and leftover partial downloads).
pub fn clear(dir: &Path) -> Result<CacheUsage> {
    let before = usage(dir);
    let Ok(entries) = std::fs::read_dir(dir) else { return Ok(CacheUsage::default()) };
    for entry in entries.flatten() {
        let path = entry.path();
        let is_ours = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.ends_with(".json.gz") || n.ends_with(".gz.part"));
        if is_ours {
            std::fs::remove_file(&path).map_err(|e| EngineError::io(format!("cannot remove {}", path.display()), e))?;
        }
    }
    Ok(before)
}

/// Parses `500MB`, `20GB`, `1.5 TB`, `0` or a plain number of bytes (decimal units, as disks use).
pub fn parse_size(text: &str) -> Result<u64> {
    let trimmed = text.trim();
    let split = trimmed.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(trimmed.len());
    let (number, unit) = trimmed.split_at(split);
    let invalid = || EngineError::InvalidInput(format!("`{text}` is not a size: write it like 500MB or 20GB"));
    let value: f64 = number.parse().map_err(|_| invalid())?;
    let factor = match unit.trim().to_ascii_uppercase().as_str() {
        "" | "B" => 1.0,
        "KB" | "K" => 1e3,
        "MB" | "M" => 1e6,
        "GB" | "G" => 1e9,
        "TB" | "T" => 1e12,
        _ => return Err(invalid()),
    };
    Ok((value * factor) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_in_decimal_units() {
        assert_eq!(parse_size("20GB").unwrap(), 20_000_000_000);
        assert_eq!(parse_size("1.5 tb").unwrap(), 1_500_000_000_000);
        assert_eq!(parse_size("0").unwrap(), 0);
        assert!(parse_size("lots").is_err());
        assert!(parse_size("5 parsecs").is_err());
    }

    #[test]
    fn the_oldest_hours_go_first_and_the_one_in_use_stays() {
        let dir = tempfile::tempdir().unwrap();
        let now = SystemTime::now();
        for (i, name) in ["2024-01-01-0.json.gz", "2024-01-01-1.json.gz", "2024-01-01-2.json.gz"].iter().enumerate() {
            let path = dir.path().join(name);
            std::fs::write(&path, vec![0u8; 1000]).unwrap();
            let file = std::fs::File::options().write(true).open(&path).unwrap();
            file.set_modified(now - std::time::Duration::from_secs(100 - i as u64 * 10)).unwrap();
        }
        std::fs::write(dir.path().join("2024-01-01-3.json.gz.part"), vec![0u8; 5000]).unwrap();
        assert_eq!(usage(dir.path()), CacheUsage { files: 3, bytes: 3000 });

        let keep = dir.path().join("2024-01-01-0.json.gz"); // the oldest, but in use
        assert_eq!(enforce_limit(dir.path(), 1500, &keep), 2000);
        assert!(keep.exists());
        assert!(!dir.path().join("2024-01-01-1.json.gz").exists());
        assert!(!dir.path().join("2024-01-01-2.json.gz").exists());

        assert_eq!(clear(dir.path()).unwrap().files, 1);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "partial downloads go too");
    }
}
