//! The workspace's HTTP cache for GitHub GETs: the body of every 200 that carried an ETag or
//! Last-Modified, so the next request can be conditional and a 304 (free: it costs no primary
//! rate limit) is answered from here.
//!
//! One file per URL under `cache/http/`, named by a hash of the URL; written to a temporary
//! file and renamed, so a crash never leaves half an entry. The token is never part of the key
//! or the file: entries hold public API answers only.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CachedResponse {
    pub url: String,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// The `Link` header of the cached answer: a 304 does not repeat it.
    pub link: Option<String>,
    pub body: String,
}

#[derive(Debug, Clone)]
pub struct HttpCache {
    dir: PathBuf,
}

impl HttpCache {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        HttpCache { dir: dir.into() }
    }

    fn path(&self, url: &str) -> PathBuf {
        self.dir.join(format!("{:016x}.json", xxhash_rust::xxh3::xxh3_64(url.as_bytes())))
    }

    /// The entry for `url`, if there is a readable one (a damaged file counts as none).
    pub fn get(&self, url: &str) -> Option<CachedResponse> {
        let text = std::fs::read(self.path(url)).ok()?;
        let entry: CachedResponse = serde_json::from_slice(&text).ok()?;
        (entry.url == url).then_some(entry)
    }

    /// Stores an entry. A failure only costs a future conditional request, so it is logged, not raised.
    pub fn put(&self, entry: &CachedResponse) {
        let result = (|| -> std::io::Result<()> {
            std::fs::create_dir_all(&self.dir)?;
            let path = self.path(&entry.url);
            let temporary = path.with_extension("json.part");
            std::fs::write(&temporary, serde_json::to_vec(entry).map_err(std::io::Error::other)?)?;
            std::fs::rename(&temporary, &path)
        })();
        if let Err(error) = result {
            tracing::warn!(url = %entry.url, %error, "could not keep a GitHub answer in the HTTP cache");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_round_trip_and_damaged_files_read_as_missing() {
        let dir = tempfile::tempdir().unwrap();
        let cache = HttpCache::new(dir.path().join("http"));
        let url = "/repos/a/b/events?per_page=100";
        assert_eq!(cache.get(url), None);
        let entry = CachedResponse {
            url: url.into(),
            etag: Some("W/\"abc\"".into()),
            last_modified: None,
            link: None,
            body: "[]".into(),
        };
        cache.put(&entry);
        assert_eq!(cache.get(url), Some(entry));
        std::fs::write(cache.path(url), b"{ not json").unwrap();
        assert_eq!(cache.get(url), None);
    }
}
