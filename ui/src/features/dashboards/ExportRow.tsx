// Export buttons under a chart: the save dialog picks the file, the engine writes it (the same
// renderer as `octoscope chart --format`), and the row says where it went.

import { useState } from "react";
import type { ChartQuery, ExportFormat } from "../../ipc/bindings";
import { exportChart, toWireError } from "../../ipc/client";
import { chooseExportPath } from "../../ipc/dialog";

const FORMATS: ExportFormat[] = ["csv", "json", "png", "svg"];

type ExportState =
  | { kind: "idle" }
  | { kind: "saving"; format: ExportFormat }
  | { kind: "saved"; path: string }
  | { kind: "failed"; message: string };

/** "acme-rocket-stars": what the chart is about, then which chart, safe in any file system. */
export function suggestedFileName(id: string, query: ChartQuery): string {
  const subject = query.repos.length > 0 ? query.repos.join("+") : (query.org ?? "workspace");
  return `${subject}-${id}`.replace(/[^A-Za-z0-9._+-]+/g, "-");
}

export function ExportRow({ id, query, disabled }: { id: string; query: ChartQuery; disabled: boolean }) {
  const [state, setState] = useState<ExportState>({ kind: "idle" });

  const run = async (format: ExportFormat) => {
    try {
      const path = await chooseExportPath(suggestedFileName(id, query), format);
      if (path === null) return; // The dialog was closed: nothing asked, nothing to say.
      setState({ kind: "saving", format });
      await exportChart(id, query, format, path);
      setState({ kind: "saved", path });
    } catch (thrown) {
      setState({ kind: "failed", message: toWireError(thrown).message });
    }
  };

  const status =
    state.kind === "saved"
      ? `Saved to ${state.path}`
      : state.kind === "saving"
        ? `Saving ${state.format.toUpperCase()}…`
        : state.kind === "failed"
          ? state.message
          : "";

  return (
    <div className="export-row">
      <span className="muted small">Export</span>
      {FORMATS.map((format) => (
        <button
          key={format}
          type="button"
          className="button-small"
          disabled={disabled || state.kind === "saving"}
          data-testid={`export-${format}-${id}`}
          onClick={() => void run(format)}
        >
          {format.toUpperCase()}
        </button>
      ))}
      <span
        className={`export-status small${state.kind === "failed" ? " error-inline" : ""}`}
        data-testid={`export-status-${id}`}
        role="status"
        title={status}
      >
        {status}
      </span>
    </div>
  );
}
