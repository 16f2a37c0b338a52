// A dashboard with data should never open blank: until someone picks a repository, show the
// workspace's most active one (from the engine's top-repos ranking), and say so.

import { useEffect, useRef } from "react";
import type { WorkspaceInfo } from "../../ipc/bindings";
import { buildChart } from "../../ipc/client";
import { MOST_ACTIVE_REPOSITORY_QUERY, type DashboardSelection } from "../../lib/chartModes";

export function useMostActiveRepository(
  info: WorkspaceInfo | null,
  selection: DashboardSelection,
  update: (change: Partial<DashboardSelection>) => void,
): void {
  // The workspace a pick was made for: another workspace needs its own.
  const pickedFor = useRef<string | null>(null);
  const path = info?.path ?? null;
  const hasData = (info?.stats?.events ?? 0) > 0;

  useEffect(() => {
    if (path !== null && pickedFor.current !== null && pickedFor.current !== path && selection.repoAutoPicked) {
      pickedFor.current = null;
      update({ repo: null, repoAutoPicked: false });
    }
  }, [path, selection.repoAutoPicked, update]);

  // Read when the ranking arrives: a repository picked meanwhile must not be replaced.
  const currentRepo = useRef(selection.repo);
  currentRepo.current = selection.repo;

  useEffect(() => {
    if (!hasData || path === null || selection.repo !== null || pickedFor.current === path) return;
    pickedFor.current = path;
    buildChart("top-repos", MOST_ACTIVE_REPOSITORY_QUERY)
      .then((ranking) => {
        const top = ranking.x[0];
        if (top && pickedFor.current === path && currentRepo.current === null) {
          update({ repo: top, repoAutoPicked: true });
        }
      })
      // Without a ranking the page asks the person to pick, which is fine.
      .catch(() => undefined);
  }, [hasData, path, selection.repo, update]);
}
