//! Running the real `octoscope` binary.

use std::path::{Path, PathBuf};
use std::time::Duration;

/// The `octoscope` binary built alongside these tests (`cargo build -p octoscope` builds it; the
/// test command in the README does so first).
pub fn octoscope_bin() -> PathBuf {
    let exe = std::env::current_exe().expect("current exe");
    // target/<profile>/deps/<test> -> target/<profile>/octoscope
    let bin = exe.parent().and_then(Path::parent).expect("target dir").join("octoscope");
    assert!(bin.exists(), "{} is missing: run `cargo build -p octoscope` before these tests", bin.display());
    bin
}

#[derive(Debug)]
pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Output {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}\nstderr:\n{}", self.stdout, self.stderr))
    }
}

/// Runs `octoscope --workspace WS ARGS...` to completion (at most two minutes), with no
/// keychain and no credentials in its environment.
pub async fn run(workspace: &Path, args: &[&str]) -> Output {
    run_with(workspace, args, &[], None).await
}

/// Runs `octoscope` as [`run`] does, with extra environment variables (e.g. the address of a
/// private keychain's bus) and, optionally, bytes on its stdin.
pub async fn run_with(workspace: &Path, args: &[&str], env: &[(&str, &str)], stdin: Option<&[u8]>) -> Output {
    let mut command = tokio::process::Command::new(octoscope_bin());
    command
        .arg("--workspace")
        .arg(workspace)
        .args(args)
        .env_remove("OCTOSCOPE_WORKSPACE")
        .env_remove("OCTOSCOPE_GITHUB_TOKEN")
        .env_remove("OCTOSCOPE_GCP_KEY")
        // Never the developer's own keychain.
        .env("DBUS_SESSION_BUS_ADDRESS", crate::keychain::NO_BUS)
        .envs(env.iter().copied())
        .stdin(if stdin.is_some() { std::process::Stdio::piped() } else { std::process::Stdio::null() })
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true);
    let mut child = command.spawn().expect("spawn octoscope");
    if let Some(bytes) = stdin {
        use tokio::io::AsyncWriteExt;
        let mut pipe = child.stdin.take().expect("stdin");
        pipe.write_all(bytes).await.expect("write stdin");
        drop(pipe);
    }
    let output = tokio::time::timeout(Duration::from_secs(120), child.wait_with_output())
        .await
        .unwrap_or_else(|_| panic!("octoscope {args:?} did not finish in two minutes"))
        .expect("run octoscope");
    Output {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// `octoscope stats --json`.
pub async fn stats(workspace: &Path) -> serde_json::Value {
    let output = run(workspace, &["stats", "--json"]).await;
    assert_eq!(output.code, 0, "stats failed: {}", output.stderr);
    output.json()
}
