// A run's slowest units: which hours (or API pieces) took the time, retried or failed.

import type { UnitMetrics } from "../../ipc/bindings";
import { formatBytes, formatCount, formatLatency } from "../../lib/format";

/** More rows would bury the slow ones; `octoscope runs show ID --json` lists every unit. */
export const SLOWEST_UNITS_SHOWN = 20;

export function UnitTable({ units }: { units: UnitMetrics[] }) {
  if (units.length === 0) return <p className="muted">This run had no units to load.</p>;
  const shown = units.slice(0, SLOWEST_UNITS_SHOWN);
  return (
    <div className="table-scroll">
      <table className="data-table small" data-testid="unit-table">
        <caption className="small muted">
          {shown.length === units.length
            ? `All ${formatCount(units.length)} units, slowest first.`
            : `The ${shown.length} slowest of ${formatCount(units.length)} units.`}
        </caption>
        <thead>
          <tr>
            <th scope="col">Unit</th>
            <th scope="col">State</th>
            <th scope="col" className="numeric">
              Events
            </th>
            <th scope="col" className="numeric">
              Bytes
            </th>
            <th scope="col" className="numeric" title="Time spent in this unit's requests (downloads), retries included">
              Requests
            </th>
            <th scope="col" className="numeric">
              Retries
            </th>
            <th scope="col" className="numeric" title="Decoding and loading, once the unit's data was at hand">
              Processing
            </th>
            <th scope="col">Error</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((unit) => (
            <tr key={`${unit.source}:${unit.unit}`} data-testid="unit-row">
              <td className="tabular">{unit.unit}</td>
              <td>{unit.state}</td>
              <td className="numeric tabular">{formatCount(unit.events)}</td>
              <td className="numeric tabular">{formatBytes(unit.bytes)}</td>
              <td className="numeric tabular">{unit.requests === 0 ? "–" : formatLatency(unit.request_ms)}</td>
              <td className="numeric tabular">{formatCount(unit.retries)}</td>
              <td className="numeric tabular">{unit.process_ms === null ? "–" : formatLatency(unit.process_ms)}</td>
              <td className="small">{unit.error ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
