// One chart of a dashboard: asks the engine for its data once the card comes near the window,
// draws it, and lists the caveats the engine attached. The card's size never depends on the
// state, so a grid of them does not jump. While a new selection loads, the previous chart stays
// drawn (dimmed, marked as updating) in the same ECharts instance: tearing the instance down
// and building a new one on every switch was most of a switch's cost.

import { useEffect, useMemo, useState } from "react";
import { useNearViewport } from "../../app/hooks";
import { useTheme } from "../../app/ThemeContext";
import type { ChartData, ChartQuery, WireError } from "../../ipc/bindings";
import { buildChart, toWireError } from "../../ipc/client";
import { seriesTotal, toChartOption } from "../../lib/chartOptions";
import { ErrorText } from "../../components/ErrorText";
import { EChart } from "./EChart";
import { ExportRow } from "./ExportRow";

export interface ChartCardProps {
  id: string;
  title: string;
  definition: string;
  query: ChartQuery;
  /** Changes when the workspace or its data changes, so the chart is asked for again. */
  dataVersion: string;
}

/** `waiting`: not yet near the window, so not asked for. `repos`: what the answer was for (a
 * benchmark tells a switched dashboard's new charts from the old ones by it). */
type CardState =
  | { kind: "waiting" }
  | { kind: "loading"; previous: ChartData | null }
  | { kind: "ready"; data: ChartData; repos: string }
  | { kind: "failed"; error: WireError; repos: string };

export function ChartCard({ id, title, definition, query, dataVersion }: ChartCardProps) {
  const { theme } = useTheme();
  const [card, setCard] = useState<HTMLElement | null>(null);
  const near = useNearViewport(card);
  const [state, setState] = useState<CardState>({ kind: "waiting" });
  // The query object is rebuilt on every render of the page; its content is what matters.
  const queryKey = JSON.stringify(query);

  useEffect(() => {
    if (!near) return;
    let current = true;
    setState((prior) => ({ kind: "loading", previous: shownData(prior) }));
    const asked = JSON.parse(queryKey) as ChartQuery;
    const repos = asked.repos.join(",");
    buildChart(id, asked)
      .then((data) => current && setState({ kind: "ready", data, repos }))
      .catch((thrown: unknown) => current && setState({ kind: "failed", error: toWireError(thrown), repos }));
    return () => {
      current = false;
    };
  }, [id, queryKey, dataVersion, near]);

  const data = state.kind === "ready" ? state.data : null;
  const drawn = shownData(state);
  const option = useMemo(() => (drawn ? toChartOption(drawn) : null), [drawn]);
  const total = data ? seriesTotal(data) : null;

  return (
    <article
      ref={setCard}
      className="card chart-card"
      data-testid={`chart-${id}`}
      data-state={state.kind}
      {...(state.kind === "ready" || state.kind === "failed" ? { "data-repos": state.repos } : {})}
      {...(total === null ? {} : { "data-total": String(total) })}
      aria-busy={state.kind === "loading"}
    >
      <header className="chart-card-header">
        <h3>{data?.title ?? title}</h3>
        <p className="small muted definition" title={definition}>
          {definition}
        </p>
      </header>
      <div className="chart-area">
        {state.kind === "waiting" || (state.kind === "loading" && !drawn) ? (
          <p className="chart-placeholder muted">Loading…</p>
        ) : null}
        {state.kind === "loading" && drawn ? (
          <p className="chart-updating small muted" role="status">
            Updating…
          </p>
        ) : null}
        {state.kind === "failed" ? (
          <div className="chart-placeholder">
            <ErrorText error={state.error} testId={`chart-error-${id}`} />
          </div>
        ) : null}
        {option ? (
          <div className={state.kind === "loading" ? "echart-box stale" : "echart-box"}>
            <EChart option={option} theme={theme} label={`${title} chart`} />
          </div>
        ) : null}
      </div>
      <div className="chart-notes small muted">
        {total === 0 ? <p>Nothing counted for this selection and range.</p> : null}
        {data && data.notes.length > 0 ? (
          <ul>
            {data.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        ) : null}
        {data && data.incomplete.length > 0 ? (
          <p>
            Shaded: {data.incomplete.length} {data.incomplete.length === 1 ? "period" : "periods"} with incomplete
            data.
          </p>
        ) : null}
      </div>
      <ExportRow id={id} query={query} disabled={state.kind !== "ready"} />
    </article>
  );
}

/** The chart on screen in `state`: the answer, or while loading the previous answer. */
function shownData(state: CardState): ChartData | null {
  if (state.kind === "ready") return state.data;
  if (state.kind === "loading") return state.previous;
  return null;
}
