import { formatCount } from "../lib/format";
import { useRuns } from "./RunContext";
import { useWorkspace } from "./WorkspaceContext";

export function Header() {
  const { info, loading, error } = useWorkspace();
  const { busy } = useRuns();
  return (
    <header className="header">
      <div className="header-workspace">
        <span className="muted">Workspace</span>
        <span className="workspace-path" data-testid="workspace-path" title={info?.path ?? ""}>
          {info ? info.display_path : loading ? "Opening…" : "Not open"}
        </span>
        {info?.is_sample ? (
          <span className="badge" data-testid="sample-badge">
            Sample
          </span>
        ) : null}
      </div>
      <div className="header-stats">
        {error ? (
          <span className="error-inline" title={error.message}>
            {error.message}
          </span>
        ) : (
          <span className="tabular" data-testid="header-events">
            {formatCount(info?.stats?.events ?? 0)} events
          </span>
        )}
        {info?.running || busy ? <span className="badge badge-live">Run in progress</span> : null}
      </div>
    </header>
  );
}
