// The alert rules: one editable row per rule and a form to add one. Every change goes to the
// engine, which checks it again and answers with the rule as stored; the list shows that.

import { useEffect, useRef, useState } from "react";
import { ErrorText } from "../../components/ErrorText";
import type { AlertRule, WireError } from "../../ipc/bindings";
import { listAlertRules, toWireError } from "../../ipc/client";
import { AddRuleForm } from "./AddRuleForm";
import { RuleRow } from "./RuleRow";

export function AlertRulesEditor() {
  const [rules, setRules] = useState<AlertRule[] | null>(null);
  const [error, setError] = useState<WireError | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    let current = true;
    listAlertRules()
      .then((all) => {
        if (!current) return;
        setRules(all);
        setError(null);
      })
      .catch((thrown: unknown) => current && setError(toWireError(thrown)));
    return () => {
      current = false;
    };
  }, []);

  const replace = (saved: AlertRule) => setRules((all) => all?.map((r) => (r.id === saved.id ? saved : r)) ?? [saved]);
  const add = (added: AlertRule) => setRules((all) => [...(all ?? []), added]);
  const remove = (id: number) => {
    setRules((all) => all?.filter((r) => r.id !== id) ?? null);
    // The removed row held focus; the list's heading is the nearest place that still exists.
    heading.current?.focus();
  };

  return (
    <section className="card" aria-labelledby="alert-rules-heading" data-testid="alert-rules">
      <h2 id="alert-rules-heading" tabIndex={-1} ref={heading}>
        Rules
      </h2>
      <p className="small muted">
        An alert fires once per thing it is about (a run, a month, a day), so checking again never repeats it.
      </p>
      {error ? <ErrorText error={error} testId="alert-rules-error" /> : null}
      {rules === null && !error ? <p className="muted">Loading…</p> : null}
      {rules !== null && rules.length === 0 ? (
        <p className="muted" data-testid="alert-rules-empty">
          No rules yet: add one below.
        </p>
      ) : null}
      {rules !== null && rules.length > 0 ? (
        <ul className="rule-list">
          {rules.map((rule) => (
            <RuleRow key={rule.id} rule={rule} onSaved={replace} onRemoved={remove} />
          ))}
        </ul>
      ) : null}
      <AddRuleForm onAdded={add} />
    </section>
  );
}
