// A repository name input with suggestions from the workspace (search_repositories, debounced).
// Suggestions are real buttons in a list, so keyboard users Tab or arrow into them.

import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { useDebouncedValue } from "../app/hooks";
import { searchRepositories } from "../ipc/client";

interface RepoAutocompleteProps {
  label: string;
  value: string;
  onChange: (text: string) => void;
  /** Called with a suggestion, or with the typed text on Enter. */
  onPick: (name: string) => void;
  testId: string;
  placeholder?: string | undefined;
  disabled?: boolean | undefined;
}

export function RepoAutocomplete({ label, value, onChange, onPick, testId, placeholder, disabled }: RepoAutocompleteProps) {
  const inputId = useId();
  const listId = useId();
  const [suggestions, setSuggestions] = useState<string[]>([]);
  const [open, setOpen] = useState(false);
  const listRef = useRef<HTMLUListElement>(null);
  const typed = useDebouncedValue(value.trim(), 250);

  useEffect(() => {
    if (typed.length === 0) {
      setSuggestions([]);
      return;
    }
    let current = true;
    searchRepositories(typed)
      .then((names) => current && setSuggestions(names))
      // Suggestions are a convenience: without them the name can still be typed in full.
      .catch(() => current && setSuggestions([]));
    return () => {
      current = false;
    };
  }, [typed]);

  const pick = (name: string) => {
    onPick(name);
    setOpen(false);
  };

  const focusSuggestion = (index: number) => {
    const buttons = listRef.current?.querySelectorAll("button");
    buttons?.item(Math.max(0, Math.min(index, buttons.length - 1)))?.focus();
  };

  const onInputKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter" && value.trim()) {
      event.preventDefault();
      pick(value.trim());
    } else if (event.key === "ArrowDown" && suggestions.length > 0) {
      event.preventDefault();
      setOpen(true);
      requestAnimationFrame(() => focusSuggestion(0));
    } else if (event.key === "Escape") {
      setOpen(false);
    }
  };

  const onListKey = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      focusSuggestion(index + 1);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      if (index === 0) document.getElementById(inputId)?.focus();
      else focusSuggestion(index - 1);
    } else if (event.key === "Escape") {
      setOpen(false);
      document.getElementById(inputId)?.focus();
    }
  };

  const showList = open && suggestions.length > 0 && value.trim().length > 0;
  return (
    <div
      className="autocomplete"
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <label htmlFor={inputId}>{label}</label>
      <input
        id={inputId}
        type="text"
        value={value}
        placeholder={placeholder}
        disabled={disabled}
        autoComplete="off"
        spellCheck={false}
        aria-controls={listId}
        aria-expanded={showList}
        data-testid={testId}
        onChange={(event) => {
          onChange(event.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onKeyDown={onInputKey}
      />
      <ul id={listId} ref={listRef} className="suggestions" hidden={!showList} aria-label={`${label} suggestions`}>
        {suggestions.map((name, index) => (
          <li key={name}>
            <button
              type="button"
              data-testid="repo-suggestion"
              onClick={() => pick(name)}
              onKeyDown={(event) => onListKey(event, index)}
            >
              {name}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
