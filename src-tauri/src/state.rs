//! What the app holds between commands: the open workspace (its store is a cheap-to-clone
//! pool) and the cancel handle of the collection in progress.

use octoscope_engine::EngineError;
use octoscope_engine::error::Result;
use octoscope_engine::monitoring::logs;
use octoscope_engine::pipeline::CancellationToken;
use octoscope_engine::store::Store;
use octoscope_engine::workspace::Workspace;
use tokio::sync::RwLock;

/// Which workspace the app shows.
#[derive(Debug, Clone)]
pub struct OpenWorkspace {
    pub workspace: Workspace,
    pub is_sample: bool,
    store: Option<Store>,
}

#[derive(Debug)]
pub struct AppState {
    open: RwLock<OpenWorkspace>,
    /// Set while a collection runs; only one runs at a time.
    running: std::sync::Mutex<Option<CancellationToken>>,
}

impl AppState {
    pub fn new(workspace: Workspace, is_sample: bool) -> AppState {
        logs::files().set_directory(Some(workspace.logs_dir()));
        AppState {
            open: RwLock::new(OpenWorkspace { workspace, is_sample, store: None }),
            running: std::sync::Mutex::new(None),
        }
    }

    pub async fn current(&self) -> OpenWorkspace {
        self.open.read().await.clone()
    }

    /// The open workspace's store, opened (and migrated) on first use.
    pub async fn store(&self) -> Result<Store> {
        if let Some(store) = &self.open.read().await.store {
            return Ok(store.clone());
        }
        let mut open = self.open.write().await;
        if let Some(store) = &open.store {
            return Ok(store.clone());
        }
        let store = Store::open(&open.workspace).await?;
        open.store = Some(store.clone());
        Ok(store)
    }

    /// Switches to another workspace; refused while a collection runs in the current one.
    pub async fn switch(&self, workspace: Workspace, is_sample: bool) -> Result<()> {
        if self.is_running() {
            return Err(EngineError::InvalidInput(
                "a collection is running: cancel it or wait for it before switching workspaces".into(),
            ));
        }
        let mut open = self.open.write().await;
        if open.workspace.root() != workspace.root() {
            if let Some(store) = open.store.take() {
                store.close().await;
            }
            logs::files().set_directory(Some(workspace.logs_dir()));
            *open = OpenWorkspace { workspace, is_sample, store: None };
        }
        Ok(())
    }

    pub fn is_running(&self) -> bool {
        self.running.lock().map(|r| r.is_some()).unwrap_or(false)
    }

    /// Claims the single run slot; the token cancels it.
    pub fn begin_run(&self) -> Result<CancellationToken> {
        let mut running = self.running.lock().map_err(|_| EngineError::Internal("run state poisoned".into()))?;
        if running.is_some() {
            return Err(EngineError::InvalidInput("a collection is already running: wait for it or cancel it".into()));
        }
        let token = CancellationToken::new();
        *running = Some(token.clone());
        Ok(token)
    }

    pub fn end_run(&self) {
        if let Ok(mut running) = self.running.lock() {
            *running = None;
        }
    }

    /// Cancels the running collection; `false` when none runs.
    pub fn cancel_run(&self) -> bool {
        match self.running.lock().ok().and_then(|r| r.clone()) {
            Some(token) => {
                token.cancel();
                true
            }
            None => false,
        }
    }
}
