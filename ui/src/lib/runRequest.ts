// A collection as the run store keeps it: which source, and the request sent to it. Retrying
// a run sends the same one again; the Collect page reopens on it.

import type { BigQueryMode, BigQueryRequest, CollectionRequest, Fact, GithubRequest } from "../ipc/bindings";
import { draftFromRequest, type CollectDraft } from "./collectRequest";
import { ALL_FACTS, factsOfRequest } from "./githubRequest";

export type RunRequest =
  | { source: "gharchive"; request: CollectionRequest }
  | { source: "github"; request: GithubRequest }
  | { source: "bigquery"; request: BigQueryRequest };

export type CollectSource = RunRequest["source"];

/** What BigQuery brings home: `auto` lets the plan choose within the budget. */
export type BigQueryModeChoice = "auto" | BigQueryMode;

/** Everything the Collect page shows: the source, the shared scope and range, GitHub facts,
 * BigQuery's mode. */
export interface CollectSetup {
  source: CollectSource;
  draft: CollectDraft;
  facts: Fact[];
  mode: BigQueryModeChoice;
}

/** The setup a past request came from; `fresh` fills what the request does not say. */
export function setupFromRequest(last: RunRequest, fresh: CollectDraft): CollectSetup {
  if (last.source === "gharchive") {
    return {
      source: "gharchive",
      draft: draftFromRequest(last.request, fresh.mirrorUrl),
      facts: [...ALL_FACTS],
      mode: "auto",
    };
  }
  if (last.source === "bigquery") {
    const { repos, orgs, from, to, mode } = last.request;
    return {
      source: "bigquery",
      draft: { ...fresh, repos, repoText: "", orgs, orgText: "", from, to },
      facts: [...ALL_FACTS],
      mode: parseModeChoice(mode),
    };
  }
  return {
    source: "github",
    draft: { ...fresh, repos: last.request.repos, repoText: "", orgs: last.request.orgs, orgText: "" },
    facts: factsOfRequest(last.request),
    mode: "auto",
  };
}

export function parseModeChoice(mode: string | null): BigQueryModeChoice {
  return mode === "events" || mode === "daily-counts" ? mode : "auto";
}
