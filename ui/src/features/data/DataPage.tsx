// The workspace's tables as they are: pick one, page through its rows, export it whole as CSV.
// Values arrive as text from the engine (NULL stays null), so the page shows exactly what is
// stored, which is what people comparing with their own queries need.

import { useEffect, useState } from "react";
import { useRuns } from "../../app/RunContext";
import { useWorkspace } from "../../app/WorkspaceContext";
import { ErrorText } from "../../components/ErrorText";
import type { TableInfo, TablePage, WireError } from "../../ipc/bindings";
import { browseTable, exportTable, listTables, toWireError } from "../../ipc/client";
import { chooseTableExportPath } from "../../ipc/dialog";
import { formatCount } from "../../lib/format";
import "./data.css";

export const PAGE_ROWS = 50;

type PageState = { kind: "idle" } | { kind: "loading" } | { kind: "ready"; page: TablePage } | { kind: "failed"; error: WireError };

export function DataPage() {
  const { historyVersion } = useRuns();
  const { info } = useWorkspace();
  const [tables, setTables] = useState<TableInfo[]>([]);
  const [table, setTable] = useState<string | null>(null);
  const [offset, setOffset] = useState(0);
  const [state, setState] = useState<PageState>({ kind: "idle" });
  const [exported, setExported] = useState<string | null>(null);
  const [exportError, setExportError] = useState<WireError | null>(null);

  useEffect(() => {
    listTables()
      .then(setTables)
      .catch((thrown: unknown) => setState({ kind: "failed", error: toWireError(thrown) }));
  }, []);

  useEffect(() => {
    if (table === null) return;
    let current = true;
    setState((previous) => (previous.kind === "ready" ? previous : { kind: "loading" }));
    browseTable(table, offset, PAGE_ROWS)
      .then((page) => current && setState({ kind: "ready", page }))
      .catch((thrown: unknown) => current && setState({ kind: "failed", error: toWireError(thrown) }));
    return () => {
      current = false;
    };
  }, [table, offset, historyVersion, info?.path]);

  const choose = (name: string) => {
    setTable(name);
    setOffset(0);
    setExported(null);
    setExportError(null);
    setState({ kind: "loading" });
  };

  const exportCsv = async () => {
    if (table === null) return;
    setExported(null);
    setExportError(null);
    try {
      const path = await chooseTableExportPath(table);
      if (path === null) return;
      const rows = await exportTable(table, path);
      setExported(`Wrote ${formatCount(rows)} rows to ${path}.`);
    } catch (thrown) {
      setExportError(toWireError(thrown));
    }
  };

  const page = state.kind === "ready" ? state.page : null;
  return (
    <div className="data-page" data-testid="data-page">
      <nav className="card data-tables" aria-label="Tables" data-testid="data-table-list">
        <h2>Tables</h2>
        <ul>
          {tables.map((t) => (
            <li key={t.name}>
              <button
                type="button"
                className={t.name === table ? "table-choice selected" : "table-choice"}
                aria-current={t.name === table ? "true" : undefined}
                data-testid={`data-table-${t.name}`}
                title={t.description}
                onClick={() => choose(t.name)}
              >
                {t.name}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <section className="card data-view" aria-label="Rows">
        {table === null ? (
          <p className="muted" data-testid="data-empty">
            Pick a table to see its rows as stored, and export it as CSV.
          </p>
        ) : (
          <>
            <div className="data-head">
              <h2>{table}</h2>
              <p className="muted">{tables.find((t) => t.name === table)?.description}</p>
              <div className="data-actions">
                <button type="button" disabled={!page || page.offset === 0} data-testid="data-prev"
                  onClick={() => setOffset(Math.max(0, offset - PAGE_ROWS))}>
                  Previous
                </button>
                <span className="tabular" data-testid="data-range">
                  {page ? rangeText(page) : "Loading…"}
                </span>
                <button type="button" disabled={!page || page.offset + page.rows.length >= page.total}
                  data-testid="data-next" onClick={() => setOffset(offset + PAGE_ROWS)}>
                  Next
                </button>
                <button type="button" data-testid="data-export" onClick={() => void exportCsv()}>
                  Export CSV
                </button>
              </div>
              {exported ? <p data-testid="data-export-result">{exported}</p> : null}
              {exportError ? <ErrorText error={exportError} /> : null}
            </div>
            {state.kind === "failed" ? <ErrorText error={state.error} /> : null}
            {page ? <Grid page={page} /> : null}
          </>
        )}
      </section>
    </div>
  );
}

export function rangeText(page: TablePage): string {
  if (page.total === 0) return "no rows";
  if (page.rows.length === 0) return `past the end (${formatCount(page.total)} rows)`;
  return `rows ${formatCount(page.offset + 1)}–${formatCount(page.offset + page.rows.length)} of ${formatCount(page.total)}`;
}

function Grid({ page }: { page: TablePage }) {
  return (
    <div className="data-grid-scroll">
      <table className="data-table small data-grid" data-testid="data-grid">
        <thead>
          <tr>
            {page.columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {page.rows.map((row, i) => (
            <tr key={page.offset + i} data-testid="data-row">
              {row.map((value, j) =>
                value === null ? (
                  <td key={j} className="muted">
                    null
                  </td>
                ) : (
                  <td key={j} title={value.length > 80 ? value : undefined}>
                    {value.length > 80 ? `${value.slice(0, 80)}…` : value}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
