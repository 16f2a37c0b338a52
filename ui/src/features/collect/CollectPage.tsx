// Collect: choose a source (GH Archive, the GitHub API or BigQuery), build a scope, see its plan update
// as you type, and run it. The run itself is followed on the Runs page.

import { useCallback, useState } from "react";
import { useRuns } from "../../app/RunContext";
import type { CollectDraft } from "../../lib/collectRequest";
import { ALL_FACTS } from "../../lib/githubRequest";
import { browserStore, loadMirrorUrl } from "../../lib/preferences";
import { setupFromRequest, type CollectSetup, type CollectSource, type RunRequest } from "../../lib/runRequest";
import { lastHours } from "../../lib/time";
import { BigQueryModeFields } from "./BigQueryModeFields";
import { BigQueryRun } from "./BigQueryRun";
import { GharchiveRun } from "./GharchiveRun";
import { GithubFactFields } from "./GithubFactFields";
import { GithubRun } from "./GithubRun";
import { SourceFields, TimeRangeFields } from "./RangeSourceFields";
import { ScopeFields } from "./ScopeFields";
import "./collect.css";

// The setup outlives the page (a module variable, not a store: nothing else reads it), so a
// trip to Runs and back keeps what was typed.
let savedSetup: CollectSetup | null = null;

/** Starts the next Collect page from scratch (tests; a future "clear" button). */
export function forgetCollectDraft(): void {
  savedSetup = null;
}

function freshDraft(): CollectDraft {
  return {
    repos: [],
    repoText: "",
    orgs: [],
    orgText: "",
    ...lastHours(Date.now(), 24),
    source: "mirror",
    mirrorUrl: loadMirrorUrl(browserStore()),
    folder: "",
  };
}

function initialSetup(last: RunRequest | null): CollectSetup {
  const fresh = freshDraft();
  return last
    ? setupFromRequest(last, fresh)
    : { source: "gharchive", draft: fresh, facts: [...ALL_FACTS], mode: "auto" };
}

export function CollectPage() {
  const { lastRequest } = useRuns();
  const [setup, setSetup] = useState<CollectSetup>(() => savedSetup ?? initialSetup(lastRequest));

  const change = useCallback((apply: (previous: CollectSetup) => CollectSetup) => {
    setSetup((previous) => {
      const next = apply(previous);
      savedSetup = next;
      return next;
    });
  }, []);
  const update = useCallback(
    (draftChange: Partial<CollectDraft>) => change((p) => ({ ...p, draft: { ...p.draft, ...draftChange } })),
    [change],
  );

  const { source, draft, facts, mode } = setup;
  return (
    <div className="collect">
      <div className="collect-form">
        <SourceChoice source={source} onChange={(next) => change((p) => ({ ...p, source: next }))} />
        <ScopeFields draft={draft} update={update} />
        {source === "gharchive" ? (
          <>
            <TimeRangeFields draft={draft} update={update} />
            <SourceFields draft={draft} update={update} />
          </>
        ) : null}
        {source === "github" ? (
          <GithubFactFields facts={facts} onChange={(next) => change((p) => ({ ...p, facts: next }))} />
        ) : null}
        {source === "bigquery" ? (
          <>
            <TimeRangeFields draft={draft} update={update} presets="days" />
            <BigQueryModeFields mode={mode} onChange={(next) => change((p) => ({ ...p, mode: next }))} />
          </>
        ) : null}
      </div>
      <div className="collect-side">
        {source === "gharchive" ? <GharchiveRun draft={draft} /> : null}
        {source === "github" ? <GithubRun draft={draft} facts={facts} /> : null}
        {source === "bigquery" ? <BigQueryRun draft={draft} mode={mode} /> : null}
      </div>
    </div>
  );
}

const SOURCES: Array<{ id: CollectSource; label: string; detail: string }> = [
  {
    id: "gharchive",
    label: "GH Archive",
    detail: "Every public event, hour by hour, from the archive or a folder of its files. No credentials needed.",
  },
  {
    id: "github",
    label: "GitHub API",
    detail:
      "The current state, recent events, star history, issues and pull requests of the repositories you name, with your GitHub token.",
  },
  {
    id: "bigquery",
    label: "BigQuery",
    detail:
      "Long ranges or all of GitHub from Google's githubarchive dataset, with your Google key. Every query is priced first and kept within your budgets.",
  },
];

function SourceChoice({ source, onChange }: { source: CollectSource; onChange: (source: CollectSource) => void }) {
  const detail = SOURCES.find((s) => s.id === source)?.detail ?? "";
  return (
    <fieldset className="card source-choice">
      <legend>Collect from</legend>
      {SOURCES.map((s) => (
        <label className="radio" key={s.id}>
          <input
            type="radio"
            name="collect-source"
            value={s.id}
            data-testid={`collect-source-${s.id}`}
            checked={source === s.id}
            onChange={() => onChange(s.id)}
          />
          {s.label}
        </label>
      ))}
      <p className="small muted">{detail}</p>
    </fieldset>
  );
}
