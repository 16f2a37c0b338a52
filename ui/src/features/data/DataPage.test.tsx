// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { save } from "@tauri-apps/plugin-dialog";

vi.mock("@tauri-apps/api/core", async () => (await import("../../test/tauriMock")).core);
vi.mock("@tauri-apps/plugin-dialog", () => ({ save: vi.fn(async () => "/home/ada/events.csv") }));

import { App } from "../../app/App";
import type { TablePage } from "../../ipc/bindings";
import { callsOf, setHandlers, workspace } from "../../test/tauriMock";
import { PAGE_ROWS, rangeText } from "./DataPage";

const TABLES = [
  { name: "events", description: "one row per event" },
  { name: "runs", description: "every collection" },
];

function page(offset: number, total: number): TablePage {
  const rows = Math.max(0, Math.min(PAGE_ROWS, total - offset));
  return {
    table: "events",
    columns: ["id", "type", "org_id"],
    rows: Array.from({ length: rows }, (_, i) => [String(offset + i + 1), "WatchEvent", i === 0 ? null : "7"]),
    offset,
    total,
  };
}

afterEach(cleanup);

beforeEach(() => {
  setHandlers({
    workspace_info: () => workspace({}, 120),
    list_tables: () => TABLES,
    browse_table: (args) => page(args.offset as number, 120),
    export_table: () => 120,
  });
});

async function openEvents() {
  render(<App initialPage="data" />);
  fireEvent.click(await screen.findByTestId("data-table-events"));
  await screen.findByText("rows 1–50 of 120");
}

test("a table opens on its first page, NULL shown as null, and pages forward and back", async () => {
  await openEvents();
  expect(callsOf("browse_table").at(0)).toEqual({ table: "events", offset: 0, limit: PAGE_ROWS });
  expect(screen.getAllByTestId("data-row")).toHaveLength(50);
  expect(screen.getAllByTestId("data-row").at(0)?.textContent).toBe("1WatchEventnull");
  expect((screen.getByTestId("data-prev") as HTMLButtonElement).disabled).toBe(true);

  fireEvent.click(screen.getByTestId("data-next"));
  await screen.findByText("rows 51–100 of 120");
  fireEvent.click(screen.getByTestId("data-next"));
  await screen.findByText("rows 101–120 of 120");
  expect((screen.getByTestId("data-next") as HTMLButtonElement).disabled).toBe(true);
  expect(callsOf("browse_table").map((c) => c.offset)).toEqual([0, 50, 100]);
  fireEvent.click(screen.getByTestId("data-prev"));
  await screen.findByText("rows 51–100 of 120");
});

test("export asks where to save and reports the rows written; a refusal is shown", async () => {
  await openEvents();
  fireEvent.click(screen.getByTestId("data-export"));
  expect((await screen.findByTestId("data-export-result")).textContent).toBe("Wrote 120 rows to /home/ada/events.csv.");
  expect(vi.mocked(save)).toHaveBeenCalledWith(expect.objectContaining({ defaultPath: "events.csv" }));
  expect(callsOf("export_table")).toEqual([{ table: "events", path: "/home/ada/events.csv" }]);

  setHandlers({
    workspace_info: () => workspace({}, 120),
    list_tables: () => TABLES,
    browse_table: (args) => page(args.offset as number, 120),
    export_table: () => {
      throw { code: "workspace", message: "cannot write /home/ada/events.csv: Permission denied" };
    },
  });
  fireEvent.click(screen.getByTestId("data-export"));
  await waitFor(() => expect(screen.getByText(/Permission denied/)).toBeTruthy());
  expect(screen.queryByTestId("data-export-result")).toBeNull();
});

test("range text", () => {
  expect(rangeText(page(0, 0))).toBe("no rows");
  expect(rangeText(page(200, 120))).toBe("past the end (120 rows)");
  expect(rangeText(page(0, 1234))).toBe("rows 1–50 of 1,234");
});
