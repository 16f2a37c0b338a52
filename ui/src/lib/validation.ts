// Client-side hints for what people type. They mirror the engine's rules (scope.rs, time.rs)
// so a typo is flagged while typing, but the engine's own message stays authoritative: these
// never block a request the engine would accept.

const LOGIN_CHARS = /^[A-Za-z0-9_-]+$/;
const REPO_CHARS = /^[A-Za-z0-9._-]+$/;

function loginProblem(login: string): string | null {
  if (login.length === 0) return "is empty";
  if (login.length > 39) return `is ${login.length} characters long; GitHub allows at most 39`;
  if (!LOGIN_CHARS.test(login)) return "may only contain letters, digits and hyphens";
  if (login.startsWith("-") || login.endsWith("-")) return "starts or ends with a hyphen";
  return null;
}

/** Strips what people paste along with a name: the GitHub URL prefix, a trailing slash, `.git`. */
export function normaliseRepoName(text: string): string {
  let name = text.trim().replace(/\/+$/, "");
  for (const prefix of ["https://github.com/", "github.com/"]) {
    if (name.startsWith(prefix)) name = name.slice(prefix.length);
  }
  if (name.endsWith(".git")) name = name.slice(0, -4);
  return name;
}

/** Why `text` is not `owner/name`, or null when it is. */
export function repoNameProblem(text: string): string | null {
  const name = normaliseRepoName(text);
  const slash = name.indexOf("/");
  if (slash < 0) return `\`${text.trim()}\` is not a repository: write it as owner/name`;
  const owner = name.slice(0, slash);
  const repo = name.slice(slash + 1);
  const ownerWhy = loginProblem(owner);
  if (ownerWhy) return `\`${text.trim()}\` is not a repository: its owner ${ownerWhy}`;
  if (repo.length === 0) return `\`${text.trim()}\` is not a repository: its name is empty`;
  if (repo.length > 100) return `\`${text.trim()}\` is not a repository: its name is too long`;
  if (repo === "." || repo === ".." || !REPO_CHARS.test(repo)) {
    return `\`${text.trim()}\` is not a repository: its name may only contain letters, digits, -, _ and .`;
  }
  return null;
}

/** Why `text` is not an organisation login, or null when it is. */
export function orgNameProblem(text: string): string | null {
  const name = text.trim().replace(/^https:\/\/github\.com\//, "").replace(/\/+$/, "");
  const why = loginProblem(name);
  return why ? `\`${text.trim()}\` is not an organisation: it ${why}` : null;
}

const HOUR_PATTERN = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}))?$/;

/** Milliseconds since the epoch of a UTC `YYYY-MM-DD` or `YYYY-MM-DDTHH`, or null if invalid. */
export function parseUtcHour(text: string): number | null {
  const match = HOUR_PATTERN.exec(text.trim());
  if (!match) return null;
  const [, y, m, d, h] = match;
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  const hour = h === undefined ? 0 : Number(h);
  if (month < 1 || month > 12 || day < 1 || hour > 23) return null;
  const at = Date.UTC(year, month - 1, day, hour);
  // Date.UTC rolls 2024-02-30 over into March; a real date survives the round trip.
  if (new Date(at).getUTCDate() !== day) return null;
  return at;
}

/** Why `text` is not an hour, or null when it is one. */
export function hourProblem(text: string): string | null {
  if (text.trim() === "") return "is empty: write YYYY-MM-DDTHH, for example 2024-01-15T10";
  return parseUtcHour(text) === null
    ? `\`${text.trim()}\` is not a UTC hour: write YYYY-MM-DDTHH (or YYYY-MM-DD), for example 2024-01-15T10`
    : null;
}

/** Why `from`..`to` is not a range (each end checked first), or null. `to` is exclusive. */
export function rangeProblem(from: string, to: string): string | null {
  const fromWhy = hourProblem(from);
  if (fromWhy) return `From ${fromWhy}`;
  const toWhy = hourProblem(to);
  if (toWhy) return `To ${toWhy}`;
  const start = parseUtcHour(from);
  const end = parseUtcHour(to);
  if (start !== null && end !== null && end <= start) return "To must be after From (To is exclusive)";
  return null;
}
