// Coverage: which hours of the collected range are present, partial (capture drops included)
// or missing, and why, so that a dip in a chart can be told apart from a hole in the data.

import { useCallback, useEffect, useMemo, useState } from "react";
import { useNavigation } from "../../app/navigation";
import { ErrorText } from "../../components/ErrorText";
import { Figures } from "../../components/Figures";
import type { CoverageReport, WireError } from "../../ipc/bindings";
import { coverageReport, toWireError } from "../../ipc/client";
import { formatCount } from "../../lib/format";
import { coverageSummary, gapSpans } from "../../lib/monitoring";
import { STATUS_COLOURS, coverageChartOption } from "../../lib/monitoringCharts";
import { hourProblem } from "../../lib/validation";
import { ChartBox } from "./ChartBox";

type CoverageState =
  | { kind: "loading" }
  | { kind: "ready"; report: CoverageReport | null }
  | { kind: "failed"; error: WireError };

/** An optional end of the range: empty means "as far as the data goes". */
function endProblem(label: string, text: string): string | null {
  if (text.trim() === "") return null;
  const why = hourProblem(text);
  return why ? `${label} ${why}` : null;
}

export function CoveragePanel({ dataVersion }: { dataVersion: string }) {
  const { navigate } = useNavigation();
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [applied, setApplied] = useState<{ from: string | null; to: string | null }>({ from: null, to: null });
  const [state, setState] = useState<CoverageState>({ kind: "loading" });
  const rangeProblem = endProblem("From", from) ?? endProblem("To", to);

  const load = useCallback(async (range: { from: string | null; to: string | null }) => {
    try {
      setState({ kind: "ready", report: await coverageReport(range.from, range.to) });
    } catch (thrown) {
      setState({ kind: "failed", error: toWireError(thrown) });
    }
  }, []);

  useEffect(() => {
    void load(applied);
  }, [load, applied, dataVersion]);

  const report = state.kind === "ready" ? state.report : null;
  const option = useMemo(() => (report && report.hours.length > 0 ? coverageChartOption(report.hours) : null), [report]);

  return (
    <section className="card" data-testid="coverage-panel" aria-labelledby="coverage-heading">
      <div className="section-head">
        <h2 id="coverage-heading">Hours collected</h2>
        <form
          className="coverage-range"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (!rangeProblem) setApplied({ from: from.trim() || null, to: to.trim() || null });
          }}
        >
          <label>
            <span className="small muted">From (UTC)</span>
            <input value={from} placeholder="first collected" data-testid="coverage-from" onChange={(e) => setFrom(e.target.value)} />
          </label>
          <label>
            <span className="small muted">To (exclusive)</span>
            <input value={to} placeholder="last collected" data-testid="coverage-to" onChange={(e) => setTo(e.target.value)} />
          </label>
          <button type="submit" disabled={rangeProblem !== null} data-testid="coverage-apply">
            Show
          </button>
        </form>
      </div>
      <p className="hint small" data-testid="coverage-range-problem">
        {rangeProblem ?? ""}
      </p>
      {state.kind === "loading" ? <p className="muted coverage-loading">Loading…</p> : null}
      {state.kind === "failed" ? <ErrorText error={state.error} testId="coverage-error" /> : null}
      {state.kind === "ready" && report === null ? (
        <div className="empty-state" data-testid="coverage-empty">
          <p>No data collected yet.</p>
          <p className="small">Collect some hours first; this page then shows which of them are complete.</p>
          <div className="button-row">
            <button type="button" className="primary" onClick={() => navigate("collect")}>
              Go to Collect
            </button>
          </div>
        </div>
      ) : null}
      {report ? (
        <>
          <p data-testid="coverage-summary">
            <span className="tabular">
              {report.from} – {report.to} UTC:
            </span>{" "}
            {coverageSummary(report)}
          </p>
          <Figures
            rows={[
              ["Present hours", formatCount(report.present), "coverage-present"],
              ["Partial hours", formatCount(report.partial), "coverage-partial"],
              ["Capture drops", formatCount(report.drops), "coverage-drops"],
              ["Missing hours", formatCount(report.missing), "coverage-missing"],
            ]}
          />
          {report.notes.length > 0 ? (
            <ul className="note coverage-notes" data-testid="coverage-notes">
              {report.notes.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>
          ) : null}
          <ChartBox option={option} label="Events per hour, coloured by status" placeholder="No hours in this range." size="small" />
          <ul className="status-legend small" aria-label="Colours">
            {(["present", "partial", "missing"] as const).map((status) => (
              <li key={status}>
                <span className="swatch" style={{ background: STATUS_COLOURS[status] }} aria-hidden="true" />
                {status}
              </li>
            ))}
          </ul>
          <GapTable report={report} />
        </>
      ) : null}
    </section>
  );
}

function GapTable({ report }: { report: CoverageReport }) {
  const gaps = useMemo(() => gapSpans(report.spans), [report.spans]);
  if (gaps.length === 0) {
    return (
      <p className="muted" data-testid="coverage-spans">
        Every hour in this range is present.
      </p>
    );
  }
  return (
    <div className="table-scroll coverage-spans">
      <table className="data-table small" data-testid="coverage-spans">
        <thead>
          <tr>
            <th scope="col">From (UTC)</th>
            <th scope="col">To (exclusive)</th>
            <th scope="col" className="numeric">
              Hours
            </th>
            <th scope="col">Status</th>
            <th scope="col" className="numeric">
              Events
            </th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {gaps.map((span) => (
            <tr key={`${span.from}-${span.status}`} data-testid="coverage-span">
              <td className="tabular">{span.from}</td>
              <td className="tabular">{span.to}</td>
              <td className="numeric tabular">{formatCount(span.hours)}</td>
              <td>
                <span className={`hour-status hour-status-${span.status}`}>{span.status}</span>
              </td>
              <td className="numeric tabular">{formatCount(span.events)}</td>
              <td>{span.reason ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
