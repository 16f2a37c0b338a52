//! Checks that secrets left no trace.

use std::path::Path;

/// No file under `root` (database, WAL, cache, logs, settings) holds any of `secrets`.
pub fn assert_no_trace(root: &Path, secrets: &[&str]) {
    let mut files = 0;
    let mut stack = vec![root.to_owned()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            files += 1;
            // SQLite removes its -wal and -shm files when the last connection closes.
            let bytes = match std::fs::read(&path) {
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                other => other.unwrap(),
            };
            for secret in secrets {
                assert!(
                    !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
                    "{} holds a secret",
                    path.display()
                );
            }
        }
    }
    assert!(files > 0 || std::fs::read_dir(root).unwrap().next().is_none());
}
