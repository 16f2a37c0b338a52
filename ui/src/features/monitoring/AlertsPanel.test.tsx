// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", async () => (await import("../../test/tauriMock")).core);
vi.mock("@tauri-apps/api/event", async () => (await import("../../test/tauriMock")).event);

import { App } from "../../app/App";
import type { Alert, AlertRule } from "../../ipc/bindings";
import { alerts, budgetRule, failRule } from "../../test/monitoringFixtures";
import { callsOf, core, emitEvent, listenerCount, setHandlers } from "../../test/tauriMock";

afterEach(cleanup);

describe("Monitoring alerts", () => {
  let rules: AlertRule[];

  beforeEach(() => {
    rules = [budgetRule, failRule].map((r) => ({ ...r }));
    setHandlers({
      alert_log: () => alerts,
      check_alerts: () => [alerts[0], alerts[1]],
      list_alert_rules: () => rules,
      update_alert_rule: (args) => {
        const { id, input } = args as { id: number; input: Omit<AlertRule, "id" | "created_at"> };
        const saved = { ...(rules.find((r) => r.id === id) as AlertRule), ...input };
        rules = rules.map((r) => (r.id === id ? saved : r));
        return saved;
      },
      remove_alert_rule: () => null,
      add_alert_rule: (args) => ({ ...(args.input as AlertRule), id: 9, created_at: 9 }),
    });
  });

  const openAlerts = async () => {
    render(<App initialPage="monitoring" />);
    fireEvent.click(screen.getByTestId("monitoring-tab-alerts"));
    return screen.findByTestId("alert-rules");
  };

  it("shows the alert log newest first with severity and title", async () => {
    await openAlerts();
    const items = await within(screen.getByTestId("alert-log")).findAllByTestId("alert-item");
    expect(items.map((i) => within(i).getByTestId("alert-title").textContent)).toEqual([
      "BigQuery spend at 85% of the monthly budget",
      "Run 5 failed",
    ]);
    expect(items.map((i) => within(i).getByTestId("alert-severity").textContent)).toEqual(["critical", "warning"]);
    expect(items[1]?.textContent).toContain("truncated gzip");
    expect(callsOf("alert_log")[0]).toEqual({ limit: 100 });
  });

  it("checks on demand, says how many fired and reloads the log", async () => {
    await openAlerts();
    await screen.findAllByTestId("alert-item");
    fireEvent.click(screen.getByTestId("check-alerts"));
    await waitFor(() => expect(screen.getByTestId("check-result").textContent).toBe("2 new alerts"));
    expect(callsOf("check_alerts")).toHaveLength(1);
    // The log is read again after the check, so what fired shows at once.
    await waitFor(() => {
      const order = core.invoke.mock.calls.map(([name]) => name);
      expect(order.lastIndexOf("alert_log")).toBeGreaterThan(order.indexOf("check_alerts"));
    });
  });

  it("shows alerts that a check in the background fired while the log is open", async () => {
    await openAlerts();
    expect(await screen.findAllByTestId("alert-item")).toHaveLength(2);
    const gap: Alert = {
      ...(alerts[0] as Alert),
      id: 3,
      kind: "data_gap",
      condition_key: "gap:2024-03-06",
      title: "Data gap on 2024-03-06",
      fired_at: 1_705_500_000,
    };
    setHandlers({ alert_log: () => [...alerts, gap], list_alert_rules: () => rules });
    await waitFor(() => expect(listenerCount("alerts_fired")).toBe(1));
    emitEvent("alerts_fired", [gap]);
    await waitFor(() => expect(screen.getAllByTestId("alert-item")).toHaveLength(3));
    expect(screen.getAllByTestId("alert-title")[0]?.textContent).toBe("Data gap on 2024-03-06");
  });

  it("stops listening when the log closes", async () => {
    await openAlerts();
    await waitFor(() => expect(listenerCount("alerts_fired")).toBe(1));
    cleanup();
    expect(listenerCount("alerts_fired")).toBe(0);
  });

  it("says when a check found nothing new", async () => {
    setHandlers({ check_alerts: () => [] });
    await openAlerts();
    fireEvent.click(screen.getByTestId("check-alerts"));
    await waitFor(() => expect(screen.getByTestId("check-result").textContent).toBe("No new alerts"));
  });

  it("describes each rule and turns one off", async () => {
    const panel = await openAlerts();
    expect((await within(panel).findByTestId("rule-description-1")).textContent).toBe(
      "When BigQuery spend this month reaches 80% of the monthly budget",
    );
    expect(within(panel).getByTestId("rule-description-2").textContent).toBe("When a run fails or completes with errors");
    expect(within(panel).queryByTestId("rule-threshold-2")).toBeNull();
    fireEvent.click(within(panel).getByTestId("rule-enabled-1"));
    await waitFor(() => expect(within(panel).getByTestId("rule-description-1").textContent).toContain("(off)"));
    expect(callsOf("update_alert_rule")).toEqual([
      { id: 1, input: { kind: "bigquery_budget", threshold: 80, repo: null, enabled: false } },
    ]);
    expect(within(panel).getByTestId("rule-enabled-1")).toHaveProperty("checked", false);
  });

  it("saves a new threshold, and refuses one out of range before sending it", async () => {
    const panel = await openAlerts();
    const input = await within(panel).findByTestId("rule-threshold-1");
    fireEvent.change(input, { target: { value: "2000" } });
    fireEvent.click(within(panel).getByTestId("rule-save-1"));
    expect(within(panel).getByTestId("rule-error-1").textContent).toContain("from 1 to 1000; 2000 is out of range");
    expect(callsOf("update_alert_rule")).toHaveLength(0);
    fireEvent.change(input, { target: { value: "90" } });
    fireEvent.submit(input.closest("form") as HTMLFormElement);
    await waitFor(() => expect(within(panel).getByTestId("rule-description-1").textContent).toContain("reaches 90%"));
    expect(callsOf("update_alert_rule")).toEqual([
      { id: 1, input: { kind: "bigquery_budget", threshold: 90, repo: null, enabled: true } },
    ]);
  });

  it("saves an edit when focus leaves the rule, not when it moves within it", async () => {
    const panel = await openAlerts();
    const input = await within(panel).findByTestId("rule-threshold-1");
    fireEvent.change(input, { target: { value: "95" } });
    fireEvent.focusOut(input, { relatedTarget: within(panel).getByTestId("rule-enabled-1") });
    expect(callsOf("update_alert_rule")).toHaveLength(0);
    fireEvent.focusOut(input, { relatedTarget: null });
    await waitFor(() =>
      expect(callsOf("update_alert_rule")).toEqual([
        { id: 1, input: { kind: "bigquery_budget", threshold: 95, repo: null, enabled: true } },
      ]),
    );
    await waitFor(() => expect(within(panel).getByTestId("rule-save-1")).toHaveProperty("disabled", true));
  });

  it("removes a rule only after confirming", async () => {
    const panel = await openAlerts();
    fireEvent.click(await within(panel).findByTestId("rule-remove-2"));
    fireEvent.click(within(panel).getByTestId("rule-remove-no-2"));
    expect(callsOf("remove_alert_rule")).toHaveLength(0);
    fireEvent.click(within(panel).getByTestId("rule-remove-2"));
    fireEvent.click(within(panel).getByTestId("rule-remove-yes-2"));
    await waitFor(() => expect(within(panel).queryByTestId("alert-rule-2")).toBeNull());
    expect(callsOf("remove_alert_rule")).toEqual([{ id: 2 }]);
  });

  it("refuses an out-of-range threshold without asking the engine", async () => {
    const panel = await openAlerts();
    fireEvent.change(within(panel).getByTestId("add-rule-kind"), { target: { value: "github_rate_limit" } });
    expect(within(panel).getByTestId("add-rule-threshold")).toHaveProperty("value", "10");
    fireEvent.change(within(panel).getByTestId("add-rule-threshold"), { target: { value: "150" } });
    fireEvent.click(within(panel).getByTestId("add-rule-submit"));
    expect(within(panel).getByTestId("add-rule-problem").textContent).toBe(
      "The threshold is percent of the rate limit left, from 1 to 99; 150 is out of range.",
    );
    expect(callsOf("add_alert_rule")).toHaveLength(0);
  });

  it("adds a spike rule for one repository", async () => {
    const panel = await openAlerts();
    fireEvent.change(within(panel).getByTestId("add-rule-kind"), { target: { value: "star_spike" } });
    fireEvent.change(within(panel).getByTestId("add-rule-threshold"), { target: { value: "4" } });
    fireEvent.change(within(panel).getByTestId("add-rule-repo"), { target: { value: "https://github.com/acme/rocket" } });
    expect(within(panel).getByTestId("add-rule-preview").textContent).toBe(
      "Alerts when acme/rocket gains 4× its usual daily stars.",
    );
    fireEvent.click(within(panel).getByTestId("add-rule-submit"));
    expect((await within(panel).findByTestId("rule-description-9")).textContent).toBe(
      "When acme/rocket gains 4× its usual daily stars",
    );
    expect(callsOf("add_alert_rule")).toEqual([
      { input: { kind: "star_spike", threshold: 4, repo: "acme/rocket", enabled: true } },
    ]);
  });

  it("shows the engine's refusal", async () => {
    setHandlers({
      add_alert_rule: () => {
        throw { code: "invalid_input", message: "a data_gap rule already exists" };
      },
    });
    const panel = await openAlerts();
    fireEvent.change(within(panel).getByTestId("add-rule-kind"), { target: { value: "data_gap" } });
    expect(within(panel).getByTestId("add-rule-threshold")).toHaveProperty("disabled", true);
    fireEvent.click(within(panel).getByTestId("add-rule-submit"));
    expect((await within(panel).findByTestId("add-rule-error")).textContent).toBe("a data_gap rule already exists");
    expect(callsOf("add_alert_rule")).toEqual([{ input: { kind: "data_gap", threshold: null, repo: null, enabled: true } }]);
  });
});

