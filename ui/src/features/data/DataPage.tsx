// The data browser is not built yet; this page says what it will do rather than show made-up data.

export function DataPage() {
  return (
    <section className="card prose" data-testid="data-page">
      <h2>Not available yet</h2>
      <p>
        The Data page will let you browse what the workspace holds: events by repository and type, the accounts behind
        them, and exports of the raw tables for your own analysis.
      </p>
      <p>
        It arrives with a later version. Today, Home summarises the workspace, Runs lists every collection with its
        quarantined records, and each dashboard chart exports its data as CSV or JSON.
      </p>
    </section>
  );
}
