// The four dashboard modes as a tab list: arrow keys move between tabs, as people expect.

import { useRef, type KeyboardEvent } from "react";
import { MODES, type DashboardMode } from "../../lib/chartModes";

export function ModeTabs({ mode, onChange }: { mode: DashboardMode; onChange: (mode: DashboardMode) => void }) {
  const tabs = useRef<Array<HTMLButtonElement | null>>([]);

  const onKey = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = (index + step + MODES.length) % MODES.length;
    const target = MODES[next];
    if (target) {
      onChange(target.id);
      tabs.current[next]?.focus();
    }
  };

  return (
    <div className="tabs" role="tablist" aria-label="Dashboard mode">
      {MODES.map((entry, index) => (
        <button
          key={entry.id}
          ref={(element) => {
            tabs.current[index] = element;
          }}
          type="button"
          role="tab"
          id={`mode-tab-${entry.id}`}
          aria-selected={mode === entry.id}
          tabIndex={mode === entry.id ? 0 : -1}
          className="tab"
          data-testid={`mode-${entry.id}`}
          onClick={() => onChange(entry.id)}
          onKeyDown={(event) => onKey(event, index)}
        >
          {entry.label}
        </button>
      ))}
    </div>
  );
}
