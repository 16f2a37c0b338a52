// What a dashboard shows for each mode, and the ChartQuery the engine gets for a selection.

import type { ChartQuery } from "../ipc/bindings";
import { orgNameProblem, rangeProblem } from "./validation";
import { lastDaysOfData } from "./time";

export type DashboardMode = "repository" | "organisation" | "compare" | "workspace";
export type RangePreset = "all" | "last7" | "last30" | "custom";
export type Granularity = "day" | "week" | "month";

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
  granularity: Granularity;
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
  granularity: "day",
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

/**
 * The query for the selection, or what the person has to do first (the empty state's text).
 */
export function buildChartQuery(
  selection: DashboardSelection,
  lastEventAt: string | null,
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
      granularity: selection.granularity,
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
