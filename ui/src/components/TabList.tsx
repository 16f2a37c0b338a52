// Tabs in the ARIA pattern, for every tabbed page: one tab stop, arrows (and Home/End) move
// between tabs and select them, as people expect.

import { useRef, type KeyboardEvent } from "react";

interface TabListProps<T extends string> {
  tabs: ReadonlyArray<{ id: T; label: string }>;
  selected: T;
  onChange: (id: T) => void;
  /** The tab list's accessible name. */
  label: string;
  /** The element id of each tab. */
  tabId: (id: T) => string;
  /** Each tab's test id. */
  testId: (id: T) => string;
  /** The id of the panel each tab controls, when the page renders one per tab. */
  panelId?: (id: T) => string;
}

export function TabList<T extends string>({ tabs, selected, onChange, label, tabId, testId, panelId }: TabListProps<T>) {
  const buttons = useRef<Array<HTMLButtonElement | null>>([]);

  const onKey = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const last = tabs.length - 1;
    const next =
      event.key === "ArrowRight"
        ? (index + 1) % tabs.length
        : event.key === "ArrowLeft"
          ? (index + last) % tabs.length
          : event.key === "Home"
            ? 0
            : event.key === "End"
              ? last
              : null;
    const target = next === null ? undefined : tabs[next];
    if (next === null || !target) return;
    event.preventDefault();
    onChange(target.id);
    buttons.current[next]?.focus();
  };

  return (
    <div className="tabs" role="tablist" aria-label={label}>
      {tabs.map((entry, index) => (
        <button
          key={entry.id}
          ref={(element) => {
            buttons.current[index] = element;
          }}
          type="button"
          role="tab"
          className="tab"
          id={tabId(entry.id)}
          aria-selected={selected === entry.id}
          aria-controls={panelId?.(entry.id)}
          tabIndex={selected === entry.id ? 0 : -1}
          data-testid={testId(entry.id)}
          onClick={() => onChange(entry.id)}
          onKeyDown={(event) => onKey(event, index)}
        >
          {entry.label}
        </button>
      ))}
    </div>
  );
}
