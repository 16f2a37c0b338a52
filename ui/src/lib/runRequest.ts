// A collection as the run store keeps it: which source, and the request sent to it. Retrying
// a run sends the same one again; the Collect page reopens on it.

import type { CollectionRequest, Fact, GithubRequest } from "../ipc/bindings";
import { draftFromRequest, type CollectDraft } from "./collectRequest";
import { ALL_FACTS, factsOfRequest } from "./githubRequest";

export type RunRequest =
  | { source: "gharchive"; request: CollectionRequest }
  | { source: "github"; request: GithubRequest };

export type CollectSource = RunRequest["source"];

/** Everything the Collect page shows: the source, the shared scope and range, GitHub facts. */
export interface CollectSetup {
  source: CollectSource;
  draft: CollectDraft;
  facts: Fact[];
}

/** The setup a past request came from; `fresh` fills what the request does not say. */
export function setupFromRequest(last: RunRequest, fresh: CollectDraft): CollectSetup {
  if (last.source === "gharchive") {
    return { source: "gharchive", draft: draftFromRequest(last.request, fresh.mirrorUrl), facts: [...ALL_FACTS] };
  }
  return {
    source: "github",
    draft: { ...fresh, repos: last.request.repos, repoText: "", orgs: last.request.orgs, orgText: "" },
    facts: factsOfRequest(last.request),
  };
}
