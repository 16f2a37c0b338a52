//! Credentials against the real Secret Service (a private GNOME Keyring on its own D-Bus bus),
//! a local GitHub API and a local Google token endpoint: stored only when valid, replaced,
//! removed, reported without the secret, refused clearly without a keychain, and found nowhere
//! on disk or in any output after a full run.

use std::path::Path;

use octoscope_tests::auth_fakes::{FakeGithub, FakeGoogleOauth, RsaKeyPair};
use octoscope_tests::cli::{Output, run_with};
use octoscope_tests::data::{hour, small_config, write_hours};
use octoscope_tests::keychain::PrivateKeychain;
use octoscope_tests::secrets::assert_no_trace;

const TOKEN_A: &str = "ghp_R3alLookingClassicToken0000000000aa";
const TOKEN_B: &str = "github_pat_11ABCDEFG0FineGrainedTokenBBBBBBBBBB";
const WRONG: &str = "ghp_ThisOneWasRevoked00000000000000000xx";

struct Session<'a> {
    workspace: &'a Path,
    env: Vec<(&'static str, String)>,
}

impl Session<'_> {
    async fn run(&self, args: &[&str], stdin: Option<&str>) -> Output {
        let env: Vec<(&str, &str)> = self.env.iter().map(|(k, v)| (*k, v.as_str())).collect();
        run_with(self.workspace, args, &env, stdin.map(str::as_bytes)).await
    }

    async fn status(&self) -> serde_json::Value {
        let output = self.run(&["auth", "status", "--json"], None).await;
        assert_eq!(output.code, 0, "{}", output.stderr);
        output.json()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_github_token_is_checked_stored_replaced_and_removed_in_the_keychain() {
    let keychain = PrivateKeychain::unlocked();
    let github = FakeGithub::start(&[(TOKEN_A, "octocat"), (TOKEN_B, "hubot")]).await;
    let workspace = tempfile::tempdir().unwrap();
    let session =
        Session { workspace: workspace.path(), env: vec![("DBUS_SESSION_BUS_ADDRESS", keychain.bus_address.clone())] };
    let api = ["--github-api-url", github.url.as_str()];

    // A revoked token is refused and not stored.
    let refused = session.run(&[&["auth", "set", "github"][..], &api].concat(), Some(WRONG)).await;
    assert_eq!(refused.code, 5, "{}", refused.stderr);
    assert!(refused.stderr.contains("GitHub rejected the token (401 Bad credentials)"), "{}", refused.stderr);
    assert_eq!(session.status().await["github"]["set"], false, "an invalid token is never stored");

    // A valid one is stored; status says whose it is and the rate limit, from the keychain.
    let stored = session.run(&[&["auth", "set", "github"][..], &api].concat(), Some(&format!("{TOKEN_A}\n"))).await;
    assert_eq!(stored.code, 0, "{}", stored.stderr);
    assert!(
        stored.stdout.contains("login:      octocat") && stored.stdout.contains("4990 of 5000 left"),
        "{}",
        stored.stdout
    );
    assert!(stored.stdout.contains("scopes:     repo, read:org"), "{}", stored.stdout);
    // The API URL becomes a workspace setting, so later commands use it without the flag.
    let set = session.run(&["settings", "github.api_url", &github.url], None).await;
    assert_eq!(set.code, 0, "{}", set.stderr);
    let status = session.status().await;
    assert_eq!(status["github"]["source"], "keychain");
    assert_eq!(status["github"]["account"]["login"], "octocat");
    assert_eq!(status["github"]["account"]["token_kind"], "classic personal access token");
    assert_eq!(status["github"]["account"]["rate_limit"]["remaining"], 4990);
    assert_eq!(status["gcp"]["set"], false);
    let test = session.run(&["auth", "test", "github"], None).await;
    assert_eq!(test.code, 0, "{}", test.stderr);

    // Replacing it: the new token's account shows.
    let replaced = session.run(&["auth", "set", "github"], Some(TOKEN_B)).await;
    assert_eq!(replaced.code, 0, "{}", replaced.stderr);
    let status = session.status().await;
    assert_eq!(status["github"]["account"]["login"], "hubot");
    assert_eq!(status["github"]["account"]["token_kind"], "fine-grained personal access token");

    // Removing it.
    let removed = session.run(&["auth", "remove", "github"], None).await;
    assert_eq!((removed.code, removed.stdout.trim()), (0, "Removed the GitHub token from the OS keychain."));
    assert_eq!(session.status().await["github"]["set"], false);
    let test = session.run(&["auth", "test", "github"], None).await;
    assert_eq!(test.code, 5, "{}", test.stderr);
    assert!(test.stderr.contains("no GitHub token is set: run `octoscope auth set github`"), "{}", test.stderr);
    let empty = session.run(&["auth", "set", "github"], Some("\n")).await;
    assert_eq!(empty.code, 2, "{}", empty.stderr);
    assert!(empty.stderr.contains("no GitHub token on stdin"), "{}", empty.stderr);
    assert!(github.requests().iter().all(|p| p == "/user" || p == "/rate_limit"), "{:?}", github.requests());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_google_key_is_exchanged_for_a_token_before_it_is_stored() {
    let keychain = PrivateKeychain::unlocked();
    let (trusted, stranger) = (RsaKeyPair::generate(), RsaKeyPair::generate());
    let google = FakeGoogleOauth::start(&trusted).await;
    let workspace = tempfile::tempdir().unwrap();
    let session =
        Session { workspace: workspace.path(), env: vec![("DBUS_SESSION_BUS_ADDRESS", keychain.bus_address.clone())] };
    let set = ["auth", "set", "gcp"];

    for (input, message) in [
        ("{\"type\": \"service_account\",", "ends too early"),
        (r#"{"type": "authorized_user", "client_secret": "x"}"#, "not a service-account key"),
        (&stranger.key_file(&google.token_uri), "Google refused the key (invalid_grant: Invalid JWT Signature.)"),
    ] {
        let output = session.run(&set, Some(input)).await;
        assert_eq!(output.code, 5, "{message}: {}", output.stderr);
        assert!(output.stderr.contains(message), "{message}: {}", output.stderr);
        assert!(!output.stderr.contains("PRIVATE KEY"), "{}", output.stderr);
    }
    assert_eq!(session.status().await["gcp"]["set"], false, "no refused key was stored");

    let key = trusted.key_file(&google.token_uri);
    let stored = session.run(&set, Some(&key)).await;
    assert_eq!(stored.code, 0, "{}", stored.stderr);
    assert!(stored.stdout.contains("project:    octo-research"), "{}", stored.stdout);
    let status = session.status().await;
    assert_eq!(status["gcp"]["account"]["client_email"], "loader@octo-research.iam.gserviceaccount.com");
    assert_eq!(status["gcp"]["source"], "keychain");
    assert!(google.issued().len() >= 2, "set and status each exchanged the key");
    let removed = session.run(&["auth", "remove", "gcp"], None).await;
    assert_eq!(removed.code, 0, "{}", removed.stderr);
    assert_eq!(session.status().await["gcp"]["set"], false);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_usable_keychain_nothing_is_stored_and_the_message_says_how_to_fix_it() {
    let github = FakeGithub::start(&[(TOKEN_A, "octocat")]).await;
    let workspace = tempfile::tempdir().unwrap();
    let api = ["--github-api-url", github.url.as_str()];
    let locked = PrivateKeychain::locked();
    // Status cannot read a keychain without a Secret Service; a locked one holds nothing readable.
    for (name, env, status_says) in [
        ("no Secret Service", vec![], serde_json::json!({"error": "keychain_unavailable"})),
        (
            "locked keychain",
            vec![("DBUS_SESSION_BUS_ADDRESS", locked.bus_address.clone())],
            serde_json::json!({"set": false}),
        ),
    ] {
        let session = Session { workspace: workspace.path(), env };
        let output = session.run(&[&["auth", "set", "github"][..], &api].concat(), Some(TOKEN_A)).await;
        assert_eq!(output.code, 4, "{name}: {}", output.stderr);
        assert!(output.stderr.contains("OCTOSCOPE_GITHUB_TOKEN"), "{name}: {}", output.stderr);
        assert!(!output.stderr.contains(TOKEN_A) && !output.stdout.contains(TOKEN_A), "{name}");
        let status = session.run(&[&["auth", "status", "--json"][..], &api].concat(), None).await;
        assert_eq!(status.code, 0, "{name}: {}", status.stderr);
        let github = &status.json()["github"];
        let seen = if github["error"].is_null() {
            serde_json::json!({"set": github["set"]})
        } else {
            serde_json::json!({"error": github["error"]["code"]})
        };
        assert_eq!(seen, status_says, "{name}");
    }
    assert_no_trace(workspace.path(), &[TOKEN_A]);

    // The documented fallback: the environment supplies it to one process, nothing is kept.
    let session = Session { workspace: workspace.path(), env: vec![("OCTOSCOPE_GITHUB_TOKEN", TOKEN_A.to_owned())] };
    let status = session.run(&[&["auth", "status", "--json"][..], &api].concat(), None).await.json();
    assert_eq!(status["github"]["source"], "environment");
    assert_eq!(status["github"]["account"]["login"], "octocat");
    assert_no_trace(workspace.path(), &[TOKEN_A]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_a_full_run_with_credentials_set_no_secret_is_anywhere() {
    let keychain = PrivateKeychain::unlocked();
    let github = FakeGithub::start(&[(TOKEN_A, "octocat"), (TOKEN_B, "hubot")]).await;
    let pair = RsaKeyPair::generate();
    let google = FakeGoogleOauth::start(&pair).await;
    let source = tempfile::tempdir().unwrap();
    write_hours(source.path(), &small_config(300), [hour("2024-01-15T10"), hour("2024-01-15T11")]);
    let workspace = tempfile::tempdir().unwrap();
    let key = pair.key_file(&google.token_uri);
    let bus = ("DBUS_SESSION_BUS_ADDRESS", keychain.bus_address.clone());
    let keyring_session = Session { workspace: workspace.path(), env: vec![bus.clone()] };
    let both = Session {
        workspace: workspace.path(),
        env: vec![bus, ("OCTOSCOPE_GITHUB_TOKEN", TOKEN_B.to_owned()), ("OCTOSCOPE_LOG", "trace".to_owned())],
    };
    let dir = source.path().to_str().unwrap();
    let mut outputs = vec![
        keyring_session.run(&["settings", "github.api_url", &github.url], None).await,
        keyring_session.run(&["auth", "set", "github", "-vv"], Some(TOKEN_A)).await,
        keyring_session.run(&["auth", "set", "gcp", "-vv"], Some(&key)).await,
        both.run(&["ingest", "gharchive", "--from", "2024-01-15T10", "--to", "2024-01-15T12", "--dir", dir], None)
            .await,
        both.run(&["auth", "status", "--json"], None).await,
        both.run(&["auth", "test"], None).await,
        both.run(&["auth", "test", "--json"], None).await,
        both.run(&["stats", "--json"], None).await,
        both.run(&["runs", "--json"], None).await,
        both.run(&["settings", "--json"], None).await,
    ];
    outputs.push(both.run(&["auth", "status"], None).await);
    for output in &outputs {
        assert_eq!(output.code, 0, "{}", output.stderr);
    }
    let issued = google.issued();
    assert!(!issued.is_empty());
    let private_key_line = pair.private_pem.lines().nth(1).unwrap().to_owned();
    let mut secrets: Vec<&str> = vec![TOKEN_A, TOKEN_B, &private_key_line];
    secrets.extend(issued.iter().map(String::as_str));
    for output in &outputs {
        for secret in &secrets {
            assert!(!output.stdout.contains(secret) && !output.stderr.contains(secret), "a secret in CLI output");
        }
    }
    assert_no_trace(workspace.path(), &secrets);
}
