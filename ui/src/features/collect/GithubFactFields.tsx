// What to collect from the GitHub API about each repository. There is no time range: the API
// gives each repository's current state and its recent events, not history by the hour.

import type { Fact } from "../../ipc/bindings";
import { ALL_FACTS, toggleFact } from "../../lib/githubRequest";

const FACT_TEXT: Record<Fact, { label: string; detail: string }> = {
  metadata: {
    label: "Repository metadata",
    detail: "Stars, forks, watchers, open issues, language, topics, licence: a snapshot, in GraphQL batches.",
  },
  events: {
    label: "Recent events",
    detail: "Each repository's events feed (its last 300 events, up to 90 days), merged with GH Archive's.",
  },
  stars: {
    label: "Star history",
    detail: "New stars per day, from GitHub's star history or else the stargazer list.",
  },
  items: {
    label: "Issues and pull requests",
    detail: "Those updated since the last run.",
  },
};

interface GithubFactFieldsProps {
  facts: Fact[];
  onChange: (facts: Fact[]) => void;
}

export function GithubFactFields({ facts, onChange }: GithubFactFieldsProps) {
  return (
    <fieldset className="card github-facts">
      <legend>What to collect</legend>
      {ALL_FACTS.map((fact) => {
        const always = fact === "metadata";
        const id = `github-fact-${fact}`;
        return (
          <div className="fact" key={fact}>
            <input
              type="checkbox"
              id={id}
              data-testid={id}
              checked={always || facts.includes(fact)}
              disabled={always}
              aria-describedby={`${id}-detail`}
              onChange={(event) => onChange(toggleFact(facts, fact, event.target.checked))}
            />
            <label htmlFor={id}>{FACT_TEXT[fact].label}</label>
            <p className="small muted fact-detail" id={`${id}-detail`}>
              {FACT_TEXT[fact].detail}
              {always ? (
                <span className="fact-always" data-testid="github-fact-metadata-note">
                  {" "}
                  Always collected: the other facts need each repository&apos;s id, and it follows renames.
                </span>
              ) : null}
            </p>
          </div>
        );
      })}
      <p className="note small">
        No time range here: the GitHub API gives the current state and recent events. For history by the hour, collect
        from GH Archive. Requests use the token set on the Credentials page.
      </p>
    </fieldset>
  );
}
