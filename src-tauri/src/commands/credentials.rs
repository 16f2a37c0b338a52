//! Credentials in the OS keychain. The secret crosses IPC once, inward, in `save_credential`;
//! nothing returned ever contains it.

use octoscope_engine::secrets::{self, CredentialKind, CredentialStatus, Keychain, Secret};
use octoscope_engine::settings;
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

/// The workspace's GitHub API URL, read through the store the app already holds open
/// (`settings::github_api_url` would open a second pool and rerun migrations on every call).
async fn github_api(state: &AppState) -> CommandResult<String> {
    Ok(settings::get(&state.store().await?, secrets::github::API_URL_SETTING).await?)
}

#[tauri::command]
pub async fn credentials_status(state: State<'_, AppState>) -> CommandResult<Vec<CredentialStatus>> {
    let api = github_api(&state).await?;
    let mut all = Vec::new();
    for kind in CredentialKind::ALL {
        all.push(secrets::status(Keychain, kind, &api).await);
    }
    Ok(all)
}

/// Checks the credential with GitHub / Google and stores it only if it works.
#[tauri::command]
pub async fn save_credential(
    state: State<'_, AppState>,
    kind: CredentialKind,
    secret: String,
) -> CommandResult<CredentialStatus> {
    let api = github_api(&state).await?;
    let secret = Secret::new(secret);
    if secret.is_empty() {
        return Err(octoscope_engine::EngineError::InvalidInput(format!("the {} is empty", kind.noun())).into());
    }
    secrets::save(Keychain, kind, secret, &api).await?;
    Ok(secrets::status(Keychain, kind, &api).await)
}

#[tauri::command]
pub async fn remove_credential(state: State<'_, AppState>, kind: CredentialKind) -> CommandResult<CredentialStatus> {
    let api = github_api(&state).await?;
    Keychain.remove(kind)?;
    Ok(secrets::status(Keychain, kind, &api).await)
}
