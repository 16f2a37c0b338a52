//! `octoscope settings`: the workspace's settings, listed or changed.

use octoscope_engine::EngineError;
use octoscope_engine::settings::{self, SETTINGS};
use octoscope_engine::store::Store;
use octoscope_engine::workspace::Workspace;

use crate::args::SettingsArgs;

pub async fn run(workspace: &Workspace, args: SettingsArgs) -> Result<u8, EngineError> {
    let store = Store::open(workspace).await?;
    if let (Some(key), Some(value)) = (&args.key, &args.value) {
        let stored = settings::set(&store, key, value).await?;
        eprintln!("{key} = {stored}");
    }
    let mut report = serde_json::Map::new();
    for spec in SETTINGS.iter().filter(|s| args.key.as_deref().is_none_or(|k| k == s.key)) {
        let value = settings::get(&store, spec.key).await?;
        if !args.json {
            println!("{:<16} {value}    # {}", spec.key, spec.description);
        }
        report.insert(spec.key.into(), value.into());
    }
    if let Some(key) = &args.key
        && report.is_empty()
    {
        settings::get(&store, key).await?; // explains the unknown key
    }
    store.close().await;
    if args.json {
        println!("{}", serde_json::Value::Object(report));
    }
    Ok(0)
}
