// The open workspace's settings (GitHub API URL, rate-limit behaviour, concurrency), as the
// engine lists them. Each is saved on its own and validated by the engine, which says why it
// refuses a value; a saved value replaces the whole list with what the engine now stores.

import { useEffect, useState } from "react";
import { useWorkspace } from "../../app/WorkspaceContext";
import { ErrorText } from "../../components/ErrorText";
import type { SettingValue, WireError } from "../../ipc/bindings";
import { listSettings, setSetting, toWireError } from "../../ipc/client";
import { defaultNote, settingChanged, settingInput, settingSlug } from "../../lib/settings";
import "./settings.css";

export function WorkspaceSettings() {
  const { info } = useWorkspace();
  const workspacePath = info?.path ?? null;
  const [settings, setSettings] = useState<SettingValue[] | null>(null);
  const [loadError, setLoadError] = useState<WireError | null>(null);

  // Each workspace has its own settings: reload when another one is opened.
  useEffect(() => {
    let current = true;
    setLoadError(null);
    listSettings()
      .then((all) => current && setSettings(all))
      .catch((thrown: unknown) => {
        if (!current) return;
        // Rows of another workspace must not stay on screen as if they were this one's.
        setSettings(null);
        setLoadError(toWireError(thrown));
      });
    return () => {
      current = false;
    };
  }, [workspacePath]);

  return (
    <section className="card workspace-settings" aria-label="Workspace settings">
      <h2>Workspace settings</h2>
      <p className="small muted">
        Kept in the open workspace, and the same ones <code>octoscope settings</code> shows.
      </p>
      {loadError ? <ErrorText error={loadError} testId="settings-load-error" /> : null}
      {settings === null && !loadError ? <p className="muted">Loading…</p> : null}
      {settings?.map((setting) => (
        // Keyed by workspace too: an unsaved edit does not carry over to another workspace.
        <SettingRow key={`${workspacePath ?? ""}|${setting.key}`} setting={setting} onSaved={setSettings} />
      ))}
    </section>
  );
}

interface SettingRowProps {
  setting: SettingValue;
  onSaved: (all: SettingValue[]) => void;
}

function SettingRow({ setting, onSaved }: SettingRowProps) {
  const slug = settingSlug(setting.key);
  const inputId = `setting-input-${slug}`;
  const descriptionId = `setting-description-${slug}`;
  // Undefined until edited: the input then follows the stored value.
  const [draft, setDraft] = useState<string | undefined>(undefined);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<WireError | null>(null);
  const value = draft ?? setting.value;
  const changed = settingChanged(setting, draft);
  const input = settingInput(setting.key, setting.value);

  const edit = (text: string) => {
    setDraft(text);
    setError(null);
  };

  const save = async () => {
    if (!changed || saving || draft === undefined) return;
    setSaving(true);
    setError(null);
    try {
      const all = await setSetting(setting.key, draft);
      setDraft(undefined);
      onSaved(all);
    } catch (thrown) {
      setError(toWireError(thrown));
    } finally {
      setSaving(false);
    }
  };

  const common = {
    id: inputId,
    "data-testid": inputId,
    value,
    "aria-describedby": descriptionId,
    "aria-invalid": error !== null,
  };

  return (
    <form
      className="setting-row"
      data-testid={`setting-row-${slug}`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <label htmlFor={inputId}>
        <code>{setting.key}</code>
      </label>
      <p className="small muted setting-description" id={descriptionId}>
        {setting.description}
      </p>
      <div className="setting-edit">
        {input.kind === "select" ? (
          <select {...common} onChange={(event) => edit(event.target.value)}>
            {input.options.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        ) : (
          <input
            {...common}
            type={input.kind}
            spellCheck={false}
            autoComplete="off"
            {...(input.kind === "number" ? { min: input.min, max: input.max, step: 1 } : {})}
            onChange={(event) => edit(event.target.value)}
          />
        )}
        <button type="submit" data-testid={`setting-save-${slug}`} disabled={!changed || saving}>
          {saving ? "Saving…" : "Save"}
        </button>
      </div>
      <p className="small muted setting-current">
        Now <code data-testid={`setting-value-${slug}`}>{setting.value || "(empty)"}</code> · {defaultNote(setting)}
      </p>
      {error ? <ErrorText error={error} testId={`setting-error-${slug}`} /> : null}
    </form>
  );
}
