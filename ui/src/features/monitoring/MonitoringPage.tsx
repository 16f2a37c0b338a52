// Monitoring is not built yet; this page says what it will do rather than show made-up data.

export function MonitoringPage() {
  return (
    <section className="card prose" data-testid="monitoring-page">
      <h2>Not available yet</h2>
      <p>
        Monitoring will keep chosen repositories and organisations up to date: scheduled collections of the newest hours,
        with alerts when activity changes sharply (a burst of stars, a drop in merged pull requests) and when the source
        itself misses data.
      </p>
      <p>
        It arrives with a later version, together with budgets for the paid sources. Until then, run a collection again
        from Collect: hours already collected are skipped and only new or failed hours are fetched.
      </p>
    </section>
  );
}
