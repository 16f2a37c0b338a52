// What a dashboard shows for each mode, and the ChartQuery the engine gets for a selection.

import type { ChartQuery } from "../ipc/bindings";
import { orgNameProblem, parseUtcHour, rangeProblem } from "./validation";
import { lastDaysOfData } from "./time";

export type DashboardMode = "repository" | "organisation" | "compare" | "workspace";
export type RangePreset = "all" | "last7" | "last30" | "custom";
export type Granularity = "day" | "week" | "month";
/** What the granularity picker holds: a granularity, or "auto" to follow the range's length. */
export type GranularityChoice = Granularity | "auto";

export const MODES: Array<{ id: DashboardMode; label: string }> = [
  { id: "repository", label: "Repository" },
  { id: "organisation", label: "Organisation" },
  { id: "compare", label: "Compare" },
  { id: "workspace", label: "Workspace" },
];

export const MAX_COMPARED = 8;

export const CHARTS_BY_MODE: Record<DashboardMode, readonly string[]> = {
  repository: [
    "stars",
    "activity",
    "forks",
    "pull-requests",
    "time-to-merge",
    "issues",
    "issue-response",
    "heatmap",
    "top-contributors",
    "releases",
    "contributors",
  ],
  organisation: [
    "org-overview",
    "activity",
    "stars",
    "pull-requests",
    "issues",
    "top-contributors",
    "contributors",
    "releases",
  ],
  compare: [
    "stars",
    "forks",
    "activity",
    "pull-requests",
    "time-to-merge",
    "issues",
    "issue-response",
    "releases",
    "contributors",
  ],
  workspace: ["top-repos", "activity", "heatmap", "coverage", "contributors"],
};

export interface DashboardSelection {
  mode: DashboardMode;
  repo: string | null;
  /** The repository was chosen by the app (the most active one), not by the person. */
  repoAutoPicked: boolean;
  compared: string[];
  org: string;
  preset: RangePreset;
  customFrom: string;
  customTo: string;
  granularity: GranularityChoice;
}

export const initialSelection: DashboardSelection = {
  mode: "repository",
  repo: null,
  repoAutoPicked: false,
  compared: [],
  org: "",
  preset: "all",
  customFrom: "",
  customTo: "",
  granularity: "auto",
};

/** The range the preset stands for, or a message saying why there is none yet. */
export function selectedRange(
  selection: DashboardSelection,
  lastEventAt: string | null,
): { from: string | null; to: string | null } | { problem: string } {
  switch (selection.preset) {
    case "all":
      return { from: null, to: null };
    case "last7":
    case "last30": {
      const range = lastDaysOfData(lastEventAt, selection.preset === "last7" ? 7 : 30);
      return range ?? { problem: "The workspace has no events to count days back from." };
    }
    case "custom": {
      const problem = rangeProblem(selection.customFrom, selection.customTo);
      if (problem) return { problem };
      return { from: selection.customFrom.trim(), to: selection.customTo.trim() };
    }
  }
}

const DAY_MS = 86_400_000;

/** Milliseconds of an engine hour ("YYYY-MM-DDTHH") or an event time (ISO 8601); NaN if neither. */
function instant(text: string): number {
  return parseUtcHour(text) ?? Date.parse(text);
}

/**
 * The granularity "auto" stands for: days up to three months, weeks up to two years, months
 * beyond, so a chart has between a dozen and about a hundred periods. Daily periods over all of
 * a long workspace were unreadable (and hundreds of points per series to draw on every switch).
 * An open end of the range is the workspace's first or last event; with neither known, days.
 */
export function autoGranularity(
  from: string | null,
  to: string | null,
  firstEventAt: string | null,
  lastEventAt: string | null,
): Granularity {
  const start = from ?? firstEventAt;
  const end = to ?? lastEventAt;
  if (start === null || end === null) return "day";
  const days = (instant(end) - instant(start)) / DAY_MS;
  if (!Number.isFinite(days) || days <= 92) return "day";
  return days <= 731 ? "week" : "month";
}

/** What "auto" stands for with the selection's range; null while the range is not valid. */
export function autoGranularityOf(
  selection: DashboardSelection,
  lastEventAt: string | null,
  firstEventAt: string | null,
): Granularity | null {
  const range = selectedRange(selection, lastEventAt);
  return "problem" in range ? null : autoGranularity(range.from, range.to, firstEventAt, lastEventAt);
}

/**
 * The query for the selection, or what the person has to do first (the empty state's text).
 * `firstEventAt` and `lastEventAt` are the workspace's (presets count back from the last;
 * "auto" granularity measures an open range with both).
 */
export function buildChartQuery(
  selection: DashboardSelection,
  lastEventAt: string | null,
  firstEventAt: string | null = null,
): { query: ChartQuery } | { needs: string } {
  let repos: string[] = [];
  let org: string | null = null;
  switch (selection.mode) {
    case "repository":
      if (!selection.repo) return { needs: "Pick a repository to see its charts." };
      repos = [selection.repo];
      break;
    case "compare":
      if (selection.compared.length < 2) {
        return { needs: `Pick two to ${MAX_COMPARED} repositories to compare them.` };
      }
      repos = selection.compared.slice(0, MAX_COMPARED);
      break;
    case "organisation": {
      const name = selection.org.trim();
      if (!name) return { needs: "Type an organisation's login, for example rust-lang." };
      const problem = orgNameProblem(name);
      if (problem) return { needs: problem };
      org = name;
      break;
    }
    case "workspace":
      break;
  }
  const range = selectedRange(selection, lastEventAt);
  if ("problem" in range) return { needs: range.problem };
  return {
    query: {
      repos,
      org,
      from: range.from,
      to: range.to,
      granularity:
        selection.granularity === "auto"
          ? autoGranularity(range.from, range.to, firstEventAt, lastEventAt)
          : selection.granularity,
      limit: null,
      rank_by: null,
      include_bots: false,
      compare: selection.mode === "compare",
    },
  };
}

/** The query for the workspace's most active repository: the dashboard's first subject. */
export const MOST_ACTIVE_REPOSITORY_QUERY: ChartQuery = {
  repos: [],
  org: null,
  from: null,
  to: null,
  granularity: null,
  limit: 1,
  rank_by: "events",
  include_bots: false,
  compare: false,
};
