// Settings: theme, which workspace is open, the GH Archive mirror Collect starts from, and the
// open workspace's own settings (GitHub API behaviour).

import { useState } from "react";
import { useRuns } from "../../app/RunContext";
import { useTheme } from "../../app/ThemeContext";
import { useWorkspace } from "../../app/WorkspaceContext";
import { ErrorText } from "../../components/ErrorText";
import type { WireError } from "../../ipc/bindings";
import { openDefaultWorkspace, toWireError } from "../../ipc/client";
import { browserStore, DEFAULT_MIRROR_URL, loadMirrorUrl, saveMirrorUrl } from "../../lib/preferences";
import { SampleProgress } from "../welcome/SampleProgress";
import { WorkspaceSettings } from "./WorkspaceSettings";

export function SettingsPage() {
  const { theme, toggle } = useTheme();
  const { info, setInfo } = useWorkspace();
  const { openSample, busy } = useRuns();
  const [error, setError] = useState<WireError | null>(null);
  const [mirror, setMirror] = useState(() => loadMirrorUrl(browserStore()));

  const openDefault = async () => {
    setError(null);
    try {
      setInfo(await openDefaultWorkspace());
    } catch (thrown) {
      setError(toWireError(thrown));
    }
  };

  return (
    <div className="settings">
      <section className="card" aria-label="Appearance">
        <h2>Appearance</h2>
        <button type="button" data-testid="theme-toggle" aria-pressed={theme === "dark"} onClick={toggle}>
          {theme === "dark" ? "Switch to the light theme" : "Switch to the dark theme"}
        </button>
      </section>

      <section className="card" aria-label="Workspace">
        <h2>Workspace</h2>
        <p>
          Open now: <code data-testid="settings-workspace-path">{info?.path ?? "none"}</code>
          {info?.is_sample ? <span className="badge">Sample</span> : null}
        </p>
        <div className="button-row">
          <button type="button" data-testid="open-default-workspace" disabled={busy} onClick={() => void openDefault()}>
            Open my workspace
          </button>
          <button type="button" data-testid="settings-open-sample" disabled={busy} onClick={() => void openSample()}>
            Open the sample workspace
          </button>
        </div>
        <SampleProgress />
        {error ? <ErrorText error={error} /> : null}
        <p className="small muted">
          Your workspace lives in the system&apos;s application-data folder (or $OCTOSCOPE_WORKSPACE). The sample workspace
          is separate and generated on this computer.
        </p>
      </section>

      <section className="card" aria-label="Collection">
        <h2>Collection</h2>
        <div className="field">
          <label htmlFor="settings-mirror-url">GH Archive mirror used by Collect</label>
          <input
            id="settings-mirror-url"
            data-testid="settings-mirror-url"
            placeholder={DEFAULT_MIRROR_URL}
            spellCheck={false}
            value={mirror}
            onChange={(event) => {
              setMirror(event.target.value);
              saveMirrorUrl(browserStore(), event.target.value);
            }}
          />
        </div>
        <p className="small muted">
          Empty means {DEFAULT_MIRROR_URL}. Kept on this computer; Collect can still change it for one run.
        </p>
        <p className="note small">
          GitHub API collections follow the workspace settings below. BigQuery budgets arrive with the BigQuery source.
        </p>
      </section>

      <WorkspaceSettings />
    </div>
  );
}
