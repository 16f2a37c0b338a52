// Alerts: what fired (newest first), a check on demand, and the rules that decide what fires.

import { useCallback, useEffect, useState } from "react";
import { ErrorText } from "../../components/ErrorText";
import type { Alert, WireError } from "../../ipc/bindings";
import { alertLog, checkAlerts, onEvent, toWireError } from "../../ipc/client";
import { formatLocalDateTime } from "../../lib/format";
import { newAlertsText, newestAlertsFirst } from "../../lib/monitoring";
import { AlertRulesEditor } from "./AlertRulesEditor";

const LOG_LIMIT = 100;

export function AlertsPanel({ dataVersion }: { dataVersion: string }) {
  const [alerts, setAlerts] = useState<Alert[] | null>(null);
  const [error, setError] = useState<WireError | null>(null);
  const [checking, setChecking] = useState(false);
  const [checked, setChecked] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setAlerts(newestAlertsFirst(await alertLog(LOG_LIMIT)));
      setError(null);
    } catch (thrown) {
      setError(toWireError(thrown));
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load, dataVersion]);

  // The shell checks the rules on its own when a workspace opens; what fires then is news here.
  useEffect(() => onEvent("alerts_fired", () => void load()), [load]);

  const check = async () => {
    setChecking(true);
    setChecked(null);
    try {
      const fired = await checkAlerts();
      setChecked(newAlertsText(fired.length));
      setError(null);
      await load();
    } catch (thrown) {
      setError(toWireError(thrown));
    } finally {
      setChecking(false);
    }
  };

  return (
    <>
      <section className="card" aria-labelledby="alert-log-heading">
        <div className="section-head">
          <h2 id="alert-log-heading">Alert log</h2>
          <div className="button-row">
            <span className="small muted check-result" role="status" data-testid="check-result">
              {checked ?? ""}
            </span>
            <button type="button" data-testid="check-alerts" disabled={checking} onClick={() => void check()}>
              {checking ? "Checking…" : "Check now"}
            </button>
          </div>
        </div>
        <p className="small muted">
          Rules are checked after every run; Check now checks them against the workspace as it is.
        </p>
        {error ? <ErrorText error={error} testId="alerts-error" /> : null}
        {alerts === null && !error ? <p className="muted">Loading…</p> : null}
        {alerts !== null ? <AlertList alerts={alerts} /> : null}
      </section>
      <AlertRulesEditor />
    </>
  );
}

function AlertList({ alerts }: { alerts: Alert[] }) {
  if (alerts.length === 0) {
    return (
      <p className="muted" data-testid="alert-log">
        No alert has fired.
      </p>
    );
  }
  return (
    <ol className="alert-log" data-testid="alert-log">
      {alerts.map((alert) => (
        <li key={alert.id} className="alert-item" data-testid="alert-item">
          <span className={`severity severity-${alert.severity}`} data-testid="alert-severity">
            {alert.severity}
          </span>
          <div className="alert-text">
            <strong data-testid="alert-title">{alert.title}</strong>
            <p className="small">{alert.message}</p>
          </div>
          <time className="small muted tabular" dateTime={new Date(alert.fired_at * 1000).toISOString()}>
            {formatLocalDateTime(alert.fired_at)}
          </time>
        </li>
      ))}
    </ol>
  );
}
