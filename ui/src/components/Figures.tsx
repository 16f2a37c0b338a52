// A list of labelled figures (`<dl class="figures">`), each value findable by its test id.

/** Label, formatted value, test id. */
export type Figure = [label: string, value: string, testId: string];

export function Figures({ rows }: { rows: Figure[] }) {
  return (
    <dl className="figures">
      {rows.map(([label, value, testId]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd className="tabular" data-testid={testId}>
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
