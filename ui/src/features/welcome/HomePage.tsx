// Home: a welcome screen for an empty workspace, else a summary of what the workspace holds.

import { useNavigation } from "../../app/navigation";
import { hasEvents, useWorkspace } from "../../app/WorkspaceContext";
import { ErrorText } from "../../components/ErrorText";
import { Figures } from "../../components/Figures";
import type { WorkspaceStats } from "../../ipc/bindings";
import { formatCount } from "../../lib/format";
import { formatEventTime } from "../../lib/time";
import { StartActions } from "./StartActions";
import "./welcome.css";

export function HomePage() {
  const { info, loading, error } = useWorkspace();
  if (loading && !info) return <p className="muted">Opening the workspace…</p>;
  const stats = info?.stats ?? null;
  if (!stats || !hasEvents(info)) {
    return (
      <section className="welcome" data-testid="welcome">
        <h2>Explore GitHub activity</h2>
        <p>
          Octoscope collects public GitHub activity (from GH Archive today) into a local workspace and charts it:
          stars, pull requests, issues, contributors and more.
        </p>
        <p>
          This workspace has no events yet. The sample workspace is generated on this computer, so it works offline
          and needs no account. To collect real data from BigQuery or the GitHub API later, set up credentials.
        </p>
        {error ? <ErrorText error={error} /> : null}
        <StartActions compact={false} />
      </section>
    );
  }
  return (
    <section className="home" data-testid="home-summary">
      <WorkspaceSummary stats={stats} />
      <ExploreButton />
      <StartActions compact />
    </section>
  );
}

function WorkspaceSummary({ stats }: { stats: WorkspaceStats }) {
  const figures: Array<[string, number]> = [
    ["Events", stats.events],
    ["Repositories", stats.repositories],
    ["Accounts", stats.actors],
    ["Organisations", stats.organisations],
    ["Hours loaded", stats.hours_loaded],
    ["Runs", stats.runs],
    ["Quarantined records", stats.quarantined],
    ["Bot events", stats.bot_events],
  ];
  const topTypes = stats.events_by_type.slice(0, 8);
  return (
    <div className="summary-grid">
      <div className="card">
        <h2>What this workspace holds</h2>
        <Figures
          rows={figures.map(([label, value]) => [
            label,
            formatCount(value),
            `summary-${label.toLowerCase().replace(/ /g, "-")}`,
          ])}
        />
        <p className="small">
          From <strong>{formatEventTime(stats.first_event_at)}</strong> to{" "}
          <strong>{formatEventTime(stats.last_event_at)}</strong>
        </p>
      </div>
      <div className="card">
        <h2>Gaps</h2>
        {stats.gaps.length === 0 ? (
          <p className="small">No gaps: every hour in the collected ranges was loaded.</p>
        ) : (
          <ul className="small gap-list" data-testid="summary-gaps">
            {stats.gaps.slice(0, 12).map((gap) => (
              <li key={`${gap.source}-${gap.from}`}>
                {gap.from} → {gap.to} ({formatCount(gap.hours)} h, {gap.status}, {gap.source})
              </li>
            ))}
            {stats.gaps.length > 12 ? <li>…and {stats.gaps.length - 12} more.</li> : null}
          </ul>
        )}
        <h2>Event types</h2>
        <table className="compact-table small">
          <tbody>
            {topTypes.map((row) => (
              <tr key={row.event_type}>
                <th scope="row">{row.event_type}</th>
                <td className="tabular numeric">{formatCount(row.events)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function ExploreButton() {
  const { navigate } = useNavigation();
  return (
    <p>
      <button type="button" className="primary" data-testid="explore-dashboards" onClick={() => navigate("dashboards")}>
        Explore the dashboards
      </button>
    </p>
  );
}
