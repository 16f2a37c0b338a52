// Requests per API endpoint: volume, retries, cache hits, errors, latency and the lowest rate
// limit the answers reported. Shared by the overview (recent runs) and a run's detail.

import type { EndpointMetrics } from "../../ipc/bindings";
import { formatCount, formatLatency } from "../../lib/format";

export function EndpointTable({ endpoints, testId }: { endpoints: EndpointMetrics[]; testId: string }) {
  if (endpoints.length === 0) {
    return (
      <p className="muted" data-testid={testId}>
        No API requests were recorded.
      </p>
    );
  }
  return (
    <div className="table-scroll">
      <table className="data-table small" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">Source</th>
            <th scope="col">Endpoint</th>
            <th scope="col" className="numeric">
              Requests
            </th>
            <th scope="col" className="numeric">
              Retries
            </th>
            <th scope="col" className="numeric">
              Cached
            </th>
            <th scope="col" className="numeric">
              Errors
            </th>
            <th scope="col" className="numeric">
              p50
            </th>
            <th scope="col" className="numeric">
              p95
            </th>
            <th scope="col" className="numeric">
              Max
            </th>
            <th scope="col" className="numeric" title="The lowest rate limit remaining the answers reported">
              Rate left
            </th>
          </tr>
        </thead>
        <tbody>
          {endpoints.map((e) => (
            <tr key={`${e.source} ${e.endpoint}`} data-testid="endpoint-row">
              <td>{e.source}</td>
              <td className="endpoint-name" title={e.endpoint}>
                <code>{e.endpoint}</code>
              </td>
              <td className="numeric tabular">{formatCount(e.requests)}</td>
              <td className="numeric tabular">{formatCount(e.retries)}</td>
              <td className="numeric tabular">{formatCount(e.from_cache)}</td>
              <td className={`numeric tabular${e.errors > 0 ? " error-inline" : ""}`}>{formatCount(e.errors)}</td>
              <td className="numeric tabular">{formatLatency(e.p50_ms)}</td>
              <td className="numeric tabular">{formatLatency(e.p95_ms)}</td>
              <td className="numeric tabular">{formatLatency(e.max_ms)}</td>
              <td className="numeric tabular">
                {e.min_rate_remaining === null ? "–" : formatCount(e.min_rate_remaining)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
