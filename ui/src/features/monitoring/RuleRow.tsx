// One alert rule: on or off, its threshold and repository (for the kinds that take them), and
// Remove behind an inline confirmation rather than a dialog that blocks the whole window.

import { useRef, useState, type FocusEvent } from "react";
import { ErrorText } from "../../components/ErrorText";
import type { AlertRule, RuleInput, WireError } from "../../ipc/bindings";
import { removeAlertRule, toWireError, updateAlertRule } from "../../ipc/client";
import {
  describeRule,
  draftChanged,
  draftOf,
  ruleDraftProblem,
  ruleInput,
  takesRepo,
  thresholdSpec,
  type RuleDraft,
} from "../../lib/monitoring";

interface RuleRowProps {
  rule: AlertRule;
  onSaved: (rule: AlertRule) => void;
  onRemoved: (id: number) => void;
}

export function RuleRow({ rule, onSaved, onRemoved }: RuleRowProps) {
  // Undefined until edited: the inputs then follow the stored rule.
  const [draft, setDraft] = useState<RuleDraft | undefined>(undefined);
  const [error, setError] = useState<WireError | string | null>(null);
  const [confirming, setConfirming] = useState(false);
  // A ref, not state: a blur and a click in the same moment must not send two requests.
  const busy = useRef(false);
  const [saving, setSaving] = useState(false);
  const removeButton = useRef<HTMLButtonElement>(null);
  const current = draft ?? draftOf(rule);
  const spec = thresholdSpec(rule.kind);
  const changed = draft !== undefined && draftChanged(rule, draft);
  const id = rule.id;

  const send = async (input: RuleInput, after?: () => void) => {
    if (busy.current) return;
    busy.current = true;
    setSaving(true);
    setError(null);
    try {
      onSaved(await updateAlertRule(id, input));
      after?.();
    } catch (thrown) {
      setError(toWireError(thrown));
    } finally {
      busy.current = false;
      setSaving(false);
    }
  };

  const save = () => {
    if (!changed) return;
    const problem = ruleDraftProblem(current);
    if (problem) {
      setError(problem);
      return;
    }
    void send(ruleInput(current, rule.enabled), () => setDraft(undefined));
  };

  // Saved when focus leaves the row's fields, not when it moves between them.
  const onBlur = (event: FocusEvent<HTMLFormElement>) => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) save();
  };

  const edit = (change: Partial<RuleDraft>) => {
    setDraft({ ...current, ...change });
    setError(null);
  };

  const remove = async () => {
    if (busy.current) return;
    busy.current = true;
    try {
      await removeAlertRule(id);
      onRemoved(id);
    } catch (thrown) {
      setError(toWireError(thrown));
      setConfirming(false);
    } finally {
      busy.current = false;
    }
  };

  return (
    <li className={`rule-row${rule.enabled ? "" : " rule-off"}`} data-testid={`alert-rule-${id}`}>
      <form
        className="rule-fields"
        noValidate
        aria-label={`Rule ${id}`}
        onBlur={onBlur}
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <label className="rule-enabled">
          <input
            type="checkbox"
            checked={rule.enabled}
            data-testid={`rule-enabled-${id}`}
            aria-describedby={`rule-description-${id}`}
            onChange={() =>
              void send({ kind: rule.kind, threshold: rule.threshold, repo: rule.repo, enabled: !rule.enabled })
            }
          />
          On
        </label>
        <p className="rule-description" id={`rule-description-${id}`} data-testid={`rule-description-${id}`}>
          When {describeRule(rule)}
          {rule.enabled ? "" : " (off)"}
        </p>
        {spec ? (
          <span className="rule-threshold">
            <input
              type="number"
              min={spec.min}
              max={spec.max}
              step="any"
              value={current.threshold}
              aria-label={`Threshold, ${spec.meaning}, from ${spec.min} to ${spec.max}`}
              aria-invalid={error !== null}
              data-testid={`rule-threshold-${id}`}
              onChange={(event) => edit({ threshold: event.target.value })}
            />
            <span className="muted">{spec.unit}</span>
          </span>
        ) : (
          <span className="rule-threshold muted small">no threshold</span>
        )}
        {takesRepo(rule.kind) ? (
          <input
            type="text"
            className="rule-repo"
            value={current.repo}
            placeholder="any tracked repository"
            spellCheck={false}
            autoComplete="off"
            aria-label="Repository (owner/name), empty for any tracked repository"
            data-testid={`rule-repo-${id}`}
            onChange={(event) => edit({ repo: event.target.value })}
          />
        ) : (
          <span className="rule-repo muted small">whole workspace</span>
        )}
        <div className="rule-actions">
          {/* The confirmation takes Save's place: the row keeps its width. */}
          {confirming ? null : (
            <button type="submit" disabled={!changed || saving} data-testid={`rule-save-${id}`}>
              {saving ? "Saving…" : "Save"}
            </button>
          )}
          {confirming ? (
            <span className="rule-confirm" role="group" aria-label="Confirm removal">
              <span className="small">Remove?</span>
              <button
                type="button"
                className="danger"
                aria-label="Yes, remove this rule"
                data-testid={`rule-remove-yes-${id}`}
                onClick={() => void remove()}
              >
                Yes
              </button>
              <button
                type="button"
                autoFocus
                data-testid={`rule-remove-no-${id}`}
                onClick={() => {
                  setConfirming(false);
                  requestAnimationFrame(() => removeButton.current?.focus());
                }}
              >
                No
              </button>
            </span>
          ) : (
            <button type="button" ref={removeButton} data-testid={`rule-remove-${id}`} onClick={() => setConfirming(true)}>
              Remove
            </button>
          )}
        </div>
      </form>
      {error ? <ErrorText error={error} testId={`rule-error-${id}`} /> : null}
    </li>
  );
}
