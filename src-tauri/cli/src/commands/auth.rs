//! `octoscope auth`: credentials in the OS keychain. Secrets come from stdin or a hidden
//! prompt, never from the command line (where `ps` and shell history would see them), and are
//! never printed.

use std::io::{IsTerminal, Read};

use octoscope_engine::EngineError;
use octoscope_engine::secrets::{self, CheckedAccount, CredentialKind, CredentialSource, Keychain, Secret};
use octoscope_engine::settings;
use octoscope_engine::workspace::Workspace;

use crate::args::{AuthAction, AuthArgs};

pub async fn run(workspace: &Workspace, args: AuthArgs) -> Result<u8, EngineError> {
    let api = settings::github_api_url(workspace, args.github_api_url.as_deref()).await?;
    let keychain = Keychain;
    match args.action {
        AuthAction::Set { credential } => {
            let kind = CredentialKind::parse(&credential)?;
            // Refuse before asking for a secret that could not be kept.
            keychain.ensure_available(kind)?;
            let secret = read_secret(kind)?;
            // Checked first: an invalid secret is never stored.
            let checked = secrets::save(keychain, kind, secret, &api).await?;
            if args.json {
                println!("{}", serde_json::json!({ "stored": kind.id(), "account": checked }));
            } else {
                println!("Stored the {} in the OS keychain.", kind.noun());
                print_checked(&checked);
            }
            Ok(0)
        }
        AuthAction::Test { credential } => {
            let kinds = selected(credential.as_deref())?;
            let mut results = serde_json::Map::new();
            for kind in kinds {
                let Some((secret, source)) = keychain.find(kind)? else {
                    return Err(EngineError::CredentialMissing(format!(
                        "no {} is set: run `octoscope auth set {}`",
                        kind.noun(),
                        kind.id()
                    )));
                };
                let checked = secrets::check(kind, &secret, &api).await?;
                if !args.json {
                    println!("{} ({}): works.", kind.noun(), source_text(kind, source));
                    print_checked(&checked);
                }
                results.insert(kind.id().into(), serde_json::json!({ "source": source, "account": checked }));
            }
            if args.json {
                println!("{}", serde_json::Value::Object(results));
            }
            Ok(0)
        }
        AuthAction::Status => status(&keychain, &api, args.json).await,
        AuthAction::Remove { credential } => {
            let kind = CredentialKind::parse(&credential)?;
            let removed = keychain.remove(kind)?;
            if args.json {
                println!("{}", serde_json::json!({ "removed": removed, "credential": kind.id() }));
            } else if removed {
                println!("Removed the {} from the OS keychain.", kind.noun());
            } else {
                println!("No {} was stored in the OS keychain.", kind.noun());
            }
            if std::env::var_os(kind.env_var()).is_some() {
                eprintln!("note: ${} is set in this shell and still supplies it to this process.", kind.env_var());
            }
            Ok(0)
        }
    }
}

fn selected(credential: Option<&str>) -> Result<Vec<CredentialKind>, EngineError> {
    Ok(match credential {
        Some(text) => vec![CredentialKind::parse(text)?],
        None => CredentialKind::ALL.to_vec(),
    })
}

fn print_checked(checked: &CheckedAccount) {
    match checked {
        CheckedAccount::Github(account) => {
            println!("  login:      {}", account.login);
            println!("  token:      {}", account.token_kind);
            if let Some(scopes) = &account.scopes {
                println!("  scopes:     {}", if scopes.is_empty() { "(none)".into() } else { scopes.join(", ") });
            }
            if let Some(expires) = &account.expires {
                println!("  expires:    {expires}");
            }
            let limit = account.rate_limit;
            println!(
                "  rate limit: {} of {} left, resets {}",
                limit.remaining,
                limit.limit,
                octoscope_engine::time::format_timestamp(limit.reset_at)
            );
        }
        CheckedAccount::Gcp(account) => {
            println!("  project:    {}", account.project_id);
            println!("  account:    {}", account.client_email);
            println!("  access:     BigQuery token issued ({} s lifetime)", account.token_lifetime_s);
        }
    }
}

fn source_text(kind: CredentialKind, source: CredentialSource) -> String {
    match source {
        CredentialSource::Keychain => "OS keychain".into(),
        CredentialSource::Environment => format!("${}, this process only", kind.env_var()),
    }
}

/// Each credential: set or not, where from, and (checked live) who it is.
async fn status(keychain: &Keychain, api: &str, json: bool) -> Result<u8, EngineError> {
    let mut report = serde_json::Map::new();
    for kind in CredentialKind::ALL {
        let entry = serde_json::to_value(secrets::status(*keychain, kind, api).await)
            .map_err(|e| EngineError::Internal(e.to_string()))?;
        if !json {
            print_status(kind, &entry);
        }
        report.insert(kind.id().into(), entry);
    }
    if json {
        report.insert("github_api_url".into(), api.into());
        println!("{}", serde_json::Value::Object(report));
    }
    Ok(0)
}

fn print_status(kind: CredentialKind, entry: &serde_json::Value) {
    let from = match entry["source"].as_str() {
        Some("environment") => format!(" (from ${}, this process only)", kind.env_var()),
        Some(_) => " (OS keychain)".into(),
        None => String::new(),
    };
    match (&entry["set"], entry["error"]["message"].as_str()) {
        (serde_json::Value::Bool(false), _) => {
            println!("{}: not set (`octoscope auth set {}`)", kind.noun(), kind.id())
        }
        (_, Some(message)) => println!("{}{from}: {message}", kind.noun()),
        _ => {
            let account = &entry["account"];
            match kind {
                CredentialKind::Github => println!(
                    "{}{from}: {} ({}), rate limit {} of {} left",
                    kind.noun(),
                    account["login"].as_str().unwrap_or("?"),
                    account["token_kind"].as_str().unwrap_or("?"),
                    account["rate_limit"]["remaining"],
                    account["rate_limit"]["limit"]
                ),
                CredentialKind::Gcp => println!(
                    "{}{from}: {} in project {}",
                    kind.noun(),
                    account["client_email"].as_str().unwrap_or("?"),
                    account["project_id"].as_str().unwrap_or("?")
                ),
            }
        }
    }
}

/// The secret, from a hidden prompt on a terminal, else all of stdin.
fn read_secret(kind: CredentialKind) -> Result<Secret, EngineError> {
    let stdin = std::io::stdin();
    let text = if stdin.is_terminal() && kind == CredentialKind::Github {
        rpassword::prompt_password("GitHub token (input hidden): ")
            .map_err(|e| EngineError::io("cannot read the token from the terminal", e))?
    } else {
        if stdin.is_terminal() {
            eprintln!("Paste the service-account key JSON, then press Ctrl-D (or: octoscope auth set gcp < key.json)");
        }
        let mut text = String::new();
        stdin.lock().read_to_string(&mut text).map_err(|e| EngineError::io("cannot read the secret from stdin", e))?;
        text
    };
    let secret = Secret::new(text);
    if secret.is_empty() {
        return Err(EngineError::InvalidInput(format!(
            "no {} on stdin: pipe it in, e.g. `octoscope auth set {} < file`",
            kind.noun(),
            kind.id()
        )));
    }
    Ok(secret)
}
