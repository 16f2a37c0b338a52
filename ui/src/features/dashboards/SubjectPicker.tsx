// What the dashboard is about: one repository, up to eight to compare, or an organisation.
// Workspace mode needs nothing.

import { useState } from "react";
import { Chips } from "../../components/Chips";
import { RepoAutocomplete } from "../../components/RepoAutocomplete";
import { MAX_COMPARED, type DashboardSelection } from "../../lib/chartModes";
import { normaliseRepoName, repoNameProblem } from "../../lib/validation";

interface SubjectPickerProps {
  selection: DashboardSelection;
  update: (change: Partial<DashboardSelection>) => void;
}

export function SubjectPicker({ selection, update }: SubjectPickerProps) {
  const [text, setText] = useState("");
  const [problem, setProblem] = useState<string | null>(null);

  if (selection.mode === "workspace") {
    return <p className="muted">Charts over every repository in the workspace.</p>;
  }

  if (selection.mode === "organisation") {
    return (
      <div className="field">
        <label htmlFor="org-input">Organisation</label>
        <input
          id="org-input"
          type="text"
          data-testid="org-input"
          placeholder="rust-lang"
          autoComplete="off"
          spellCheck={false}
          value={selection.org}
          onChange={(event) => update({ org: event.target.value })}
        />
      </div>
    );
  }

  const compare = selection.mode === "compare";
  const full = compare && selection.compared.length >= MAX_COMPARED;

  const pick = (typed: string) => {
    const why = repoNameProblem(typed);
    setProblem(why);
    if (why) return;
    const name = normaliseRepoName(typed);
    if (compare) {
      const already = selection.compared.some((r) => r.toLowerCase() === name.toLowerCase());
      if (!already && selection.compared.length < MAX_COMPARED) update({ compared: [...selection.compared, name] });
    } else {
      update({ repo: name, repoAutoPicked: false });
    }
    setText("");
  };

  return (
    <div className="subject">
      <RepoAutocomplete
        label={compare ? `Repositories to compare (up to ${MAX_COMPARED})` : "Repository"}
        value={text}
        onChange={(next) => {
          setText(next);
          setProblem(null);
        }}
        onPick={pick}
        testId="repo-input"
        placeholder={full ? `${MAX_COMPARED} repositories chosen` : "owner/name"}
        disabled={full}
      />
      {/* One line for either the problem or what is shown, so the controls keep their height. */}
      <p className={problem ? "hint small" : "status-line small muted"} data-testid="repo-problem" aria-live="polite">
        {problem ?? (compare ? "" : currentRepoText(selection))}
      </p>
      {compare ? (
        <Chips
          items={selection.compared}
          label="Compared repositories"
          testId="compare-chips"
          onRemove={(item) => update({ compared: selection.compared.filter((r) => r !== item) })}
        />
      ) : null}
    </div>
  );
}

function currentRepoText(selection: DashboardSelection): string {
  if (!selection.repo) return "";
  return selection.repoAutoPicked
    ? `Showing ${selection.repo}, the most active repository here; pick another above.`
    : `Showing ${selection.repo}`;
}
