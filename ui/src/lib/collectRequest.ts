// The Collect page's draft -> the CollectionRequest the engine plans and runs. Names still in
// the text boxes count as chosen: forgetting to press "Add" must never widen a scope to all
// of GitHub.

import type { CollectionRequest } from "../ipc/bindings";

export type SourceKind = "mirror" | "folder";

export interface CollectDraft {
  repos: string[];
  repoText: string;
  orgs: string[];
  orgText: string;
  from: string;
  to: string;
  source: SourceKind;
  mirrorUrl: string;
  folder: string;
}

/** Adds `name` unless an equal one (GitHub names ignore case) is already there. */
export function addUnique(list: string[], name: string): string[] {
  const trimmed = name.trim();
  if (!trimmed) return list;
  return list.some((item) => item.toLowerCase() === trimmed.toLowerCase()) ? list : [...list, trimmed];
}

export function buildCollectionRequest(draft: CollectDraft): CollectionRequest {
  return {
    repos: addUnique(draft.repos, draft.repoText),
    orgs: addUnique(draft.orgs, draft.orgText),
    from: draft.from.trim(),
    to: draft.to.trim(),
    base_url: draft.source === "mirror" && draft.mirrorUrl.trim() ? draft.mirrorUrl.trim() : null,
    dir: draft.source === "folder" && draft.folder.trim() ? draft.folder.trim() : null,
  };
}

/**
 * What must be filled in before asking the engine anything, or null. Only the things the
 * engine cannot judge: an empty folder field would silently fall back to the mirror.
 */
export function draftBlocker(draft: CollectDraft): string | null {
  if (draft.source === "folder" && !draft.folder.trim()) return "Type the folder that holds the hour files.";
  if (!draft.from.trim() || !draft.to.trim()) return "Choose a time range.";
  return null;
}

/** Whether the request keeps all of GitHub (no repository, no organisation). */
export function isUnfiltered(request: CollectionRequest): boolean {
  return request.repos.length === 0 && request.orgs.length === 0;
}

/** The draft a finished request came from, for "edit and run again". */
export function draftFromRequest(request: CollectionRequest, mirrorUrl: string): CollectDraft {
  return {
    repos: request.repos,
    repoText: "",
    orgs: request.orgs,
    orgText: "",
    from: request.from,
    to: request.to,
    source: request.dir ? "folder" : "mirror",
    mirrorUrl: request.base_url ?? mirrorUrl,
    folder: request.dir ?? "",
  };
}
