// Adds an alert rule. The draft is checked here as the engine would check it, so a threshold
// out of range is flagged before anything is sent; the engine's refusal is shown as it says it.

import { useId, useState } from "react";
import { ErrorText } from "../../components/ErrorText";
import { RepoAutocomplete } from "../../components/RepoAutocomplete";
import type { AlertKind, AlertRule, WireError } from "../../ipc/bindings";
import { addAlertRule, toWireError } from "../../ipc/client";
import {
  RULE_KINDS,
  describeRule,
  newDraft,
  ruleDraftProblem,
  ruleInput,
  takesRepo,
  thresholdSpec,
  type RuleDraft,
} from "../../lib/monitoring";

export function AddRuleForm({ onAdded }: { onAdded: (rule: AlertRule) => void }) {
  const kindId = useId();
  const thresholdId = useId();
  const [draft, setDraft] = useState<RuleDraft>(() => newDraft("run_failed"));
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<WireError | null>(null);
  const [adding, setAdding] = useState(false);
  const spec = thresholdSpec(draft.kind);
  const spike = takesRepo(draft.kind);
  const preview = ruleDraftProblem(draft) === null ? ruleInput(draft, true) : null;

  const edit = (change: Partial<RuleDraft>) => {
    setDraft((d) => ({ ...d, ...change }));
    setProblem(null);
    setError(null);
  };

  const submit = async () => {
    if (adding) return;
    const why = ruleDraftProblem(draft);
    setProblem(why);
    if (why) return;
    setAdding(true);
    setError(null);
    try {
      onAdded(await addAlertRule(ruleInput(draft, true)));
      setDraft(newDraft(draft.kind));
    } catch (thrown) {
      setError(toWireError(thrown));
    } finally {
      setAdding(false);
    }
  };

  return (
    <form
      className="add-rule"
      data-testid="add-rule"
      aria-labelledby="add-rule-heading"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h3 id="add-rule-heading">Add a rule</h3>
      <div className="add-rule-fields">
        <div className="field">
          <label htmlFor={kindId}>Alert when</label>
          <select
            id={kindId}
            value={draft.kind}
            data-testid="add-rule-kind"
            onChange={(event) => {
              const kind = event.target.value as AlertKind;
              edit({ kind, threshold: newDraft(kind).threshold, repo: takesRepo(kind) ? draft.repo : "" });
            }}
          >
            {RULE_KINDS.map(({ kind, label }) => (
              <option key={kind} value={kind}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="field add-rule-threshold">
          <label htmlFor={thresholdId}>
            {spec ? `Threshold (${spec.unit}, ${spec.min}–${spec.max})` : "Threshold (none for this kind)"}
          </label>
          <input
            id={thresholdId}
            type="number"
            step="any"
            value={draft.threshold}
            disabled={!spec}
            aria-invalid={problem !== null}
            aria-describedby="add-rule-problem"
            data-testid="add-rule-threshold"
            {...(spec ? { min: spec.min, max: spec.max } : {})}
            onChange={(event) => edit({ threshold: event.target.value })}
          />
        </div>
        <RepoAutocomplete
          label={spike ? "Repository (empty: any tracked one)" : "Repository (spikes only)"}
          value={draft.repo}
          onChange={(repo) => edit({ repo })}
          onPick={(repo) => edit({ repo })}
          testId="add-rule-repo"
          placeholder={spike ? "owner/name" : undefined}
          disabled={!spike}
        />
        <button type="submit" className="primary" disabled={adding} data-testid="add-rule-submit">
          {adding ? "Adding…" : "Add rule"}
        </button>
      </div>
      <p className="hint small" id="add-rule-problem" data-testid="add-rule-problem">
        {problem ?? ""}
      </p>
      <p className="small muted add-rule-preview" data-testid="add-rule-preview">
        {preview ? `Alerts when ${describeRule(preview)}.` : ""}
      </p>
      {error ? <ErrorText error={error} testId="add-rule-error" /> : null}
    </form>
  );
}
