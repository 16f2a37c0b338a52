// The save dialog (Tauri's dialog plugin), behind one function so that only src/ipc touches
// plugin APIs and tests can replace it.

import { save } from "@tauri-apps/plugin-dialog";
import type { ExportFormat } from "./bindings";
import { toWireError } from "./client";

const FILTER_NAMES: Record<ExportFormat, string> = {
  csv: "CSV table",
  json: "JSON data",
  png: "PNG image",
  svg: "SVG image",
};

/** Asks where to save an export; null when the person closes the dialog. */
export async function chooseExportPath(suggestedName: string, format: ExportFormat): Promise<string | null> {
  try {
    return await save({
      title: "Export chart",
      defaultPath: `${suggestedName}.${format}`,
      filters: [{ name: FILTER_NAMES[format], extensions: [format] }],
    });
  } catch (thrown) {
    throw toWireError(thrown);
  }
}

/** Asks where to save a table as CSV; null when the person closes the dialog. */
export async function chooseTableExportPath(table: string): Promise<string | null> {
  try {
    return await save({
      title: "Export table",
      defaultPath: `${table}.csv`,
      filters: [{ name: FILTER_NAMES.csv, extensions: ["csv"] }],
    });
  } catch (thrown) {
    throw toWireError(thrown);
  }
}
