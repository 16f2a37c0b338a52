// Which repositories and organisations to keep. Names are checked as typed (a hint), and the
// engine's plan gives the authoritative answer.

import { useState, type ReactNode } from "react";
import { Chips } from "../../components/Chips";
import { RepoAutocomplete } from "../../components/RepoAutocomplete";
import { addUnique, type CollectDraft } from "../../lib/collectRequest";
import { orgNameProblem, repoNameProblem } from "../../lib/validation";

interface ScopeFieldsProps {
  draft: CollectDraft;
  update: (change: Partial<CollectDraft>) => void;
}

export function ScopeFields({ draft, update }: ScopeFieldsProps) {
  const [orgFocus, setOrgFocus] = useState(false);
  const repoProblems = Object.fromEntries(draft.repos.map((r) => [r, repoNameProblem(r)]));
  const orgProblems = Object.fromEntries(draft.orgs.map((o) => [o, orgNameProblem(o)]));
  const typedRepoProblem = draft.repoText.trim() ? repoNameProblem(draft.repoText) : null;
  const typedOrgProblem = draft.orgText.trim() && !orgFocus ? orgNameProblem(draft.orgText) : null;

  const addRepo = (name: string) => update({ repos: addUnique(draft.repos, name), repoText: "" });
  const addOrg = () => update({ orgs: addUnique(draft.orgs, draft.orgText), orgText: "" });

  return (
    <fieldset className="card scope">
      <legend>Scope</legend>
      <div className="inline-add">
        <RepoAutocomplete
          label="Repositories (owner/name)"
          value={draft.repoText}
          onChange={(text) => update({ repoText: text })}
          onPick={addRepo}
          testId="collect-repo-input"
          placeholder="rust-lang/rust"
        />
        <button
          type="button"
          data-testid="collect-repo-add"
          disabled={!draft.repoText.trim()}
          onClick={() => addRepo(draft.repoText)}
        >
          Add
        </button>
      </div>
      <p className="hint small" aria-live="polite">
        {typedRepoProblem ?? ""}
      </p>
      <ChipRow>
        <Chips
          items={draft.repos}
          problems={repoProblems}
          label="Repositories to collect"
          testId="collect-repo-chips"
          onRemove={(item) => update({ repos: draft.repos.filter((r) => r !== item) })}
        />
        {draft.repos.length > 0 ? (
          <button type="button" className="button-small" data-testid="collect-clear-repos" onClick={() => update({ repos: [] })}>
            Clear all
          </button>
        ) : null}
      </ChipRow>
      <div className="inline-add">
        <div className="field">
          <label htmlFor="collect-org-input">Organisations</label>
          <input
            id="collect-org-input"
            data-testid="collect-org-input"
            placeholder="rust-lang"
            autoComplete="off"
            spellCheck={false}
            value={draft.orgText}
            onFocus={() => setOrgFocus(true)}
            onBlur={() => setOrgFocus(false)}
            onChange={(event) => update({ orgText: event.target.value })}
            onKeyDown={(event) => {
              if (event.key === "Enter") {
                event.preventDefault();
                addOrg();
              }
            }}
          />
        </div>
        <button type="button" data-testid="collect-org-add" disabled={!draft.orgText.trim()} onClick={addOrg}>
          Add
        </button>
      </div>
      <p className="hint small" aria-live="polite">
        {typedOrgProblem ?? ""}
      </p>
      <ChipRow>
        <Chips
          items={draft.orgs}
          problems={orgProblems}
          label="Organisations to collect"
          testId="collect-org-chips"
          onRemove={(item) => update({ orgs: draft.orgs.filter((o) => o !== item) })}
        />
        {draft.orgs.length > 0 ? (
          <button type="button" className="button-small" data-testid="collect-clear-orgs" onClick={() => update({ orgs: [] })}>
            Clear all
          </button>
        ) : null}
      </ChipRow>
    </fieldset>
  );
}

function ChipRow({ children }: { children: ReactNode }) {
  return <div className="chip-row">{children}</div>;
}
