import { formatPercent } from "../lib/format";
import { overallFraction } from "../lib/runProgress";
import { PAGES, useNavigation } from "./navigation";
import { useRuns } from "./RunContext";

export function Sidebar() {
  const { page, navigate } = useNavigation();
  const { run } = useRuns();
  const fraction = overallFraction(run);
  return (
    <aside className="sidebar">
      <div className="brand" aria-label="Octoscope">
        <span className="brand-mark" aria-hidden="true">
          ◎
        </span>
        Octoscope
      </div>
      <nav aria-label="Pages">
        <ul className="nav-list">
          {PAGES.map((entry) => (
            <li key={entry.id}>
              <button
                type="button"
                className="nav-button"
                data-testid={`nav-${entry.id}`}
                aria-current={page === entry.id ? "page" : undefined}
                onClick={() => navigate(entry.id)}
              >
                {entry.label}
                {entry.id === "runs" && run.phase === "running" ? (
                  <span className="nav-badge" aria-label="run in progress">
                    {fraction === null ? "…" : formatPercent(fraction)}
                  </span>
                ) : null}
              </button>
            </li>
          ))}
        </ul>
      </nav>
    </aside>
  );
}
