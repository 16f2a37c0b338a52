// Removable chips for a list of chosen names (compared repositories, a scope's repositories).

interface ChipsProps {
  items: string[];
  onRemove: (item: string) => void;
  label: string;
  testId?: string;
  /** Names the client already knows are wrong, shown flagged until removed. */
  problems?: Record<string, string | null>;
}

export function Chips({ items, onRemove, label, testId, problems = {} }: ChipsProps) {
  if (items.length === 0) return null;
  return (
    <ul className="chips" aria-label={label} data-testid={testId}>
      {items.map((item) => {
        const problem = problems[item] ?? null;
        return (
          <li key={item} className={problem ? "chip chip-invalid" : "chip"} title={problem ?? item}>
            <span className="chip-text">{item}</span>
            <button type="button" className="chip-remove" aria-label={`Remove ${item}`} onClick={() => onRemove(item)}>
              ×
            </button>
          </li>
        );
      })}
    </ul>
  );
}
