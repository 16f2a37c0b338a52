// Preferences kept in the webview's localStorage: the theme and the GH Archive mirror. Nothing
// secret is ever stored here (credentials live in the OS keychain, behind the engine).

export type Theme = "light" | "dark";

export const DEFAULT_MIRROR_URL = "https://data.gharchive.org";

const THEME_KEY = "octoscope.theme";
const MIRROR_KEY = "octoscope.mirrorUrl";

/** The subset of Storage used here, so tests can pass a Map-backed fake. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** localStorage when the webview has one; a private mode or a locked profile may throw. */
export function browserStore(): KeyValueStore | null {
  try {
    return typeof window !== "undefined" && window.localStorage ? window.localStorage : null;
  } catch {
    return null;
  }
}

/** The saved theme, else the system's preference, else light. */
export function loadTheme(store: KeyValueStore | null, systemPrefersDark: boolean): Theme {
  const saved = safeGet(store, THEME_KEY);
  if (saved === "light" || saved === "dark") return saved;
  return systemPrefersDark ? "dark" : "light";
}

export function saveTheme(store: KeyValueStore | null, theme: Theme): void {
  safeSet(store, THEME_KEY, theme);
}

export function loadMirrorUrl(store: KeyValueStore | null): string {
  const saved = safeGet(store, MIRROR_KEY)?.trim();
  return saved ? saved : DEFAULT_MIRROR_URL;
}

/** Saving the default (or nothing) forgets the setting, so a changed default applies later. */
export function saveMirrorUrl(store: KeyValueStore | null, url: string): void {
  const trimmed = url.trim();
  if (!trimmed || trimmed === DEFAULT_MIRROR_URL) {
    try {
      store?.removeItem(MIRROR_KEY);
    } catch {
      // Not being able to forget a preference is harmless.
    }
    return;
  }
  safeSet(store, MIRROR_KEY, trimmed);
}

function safeGet(store: KeyValueStore | null, key: string): string | null {
  try {
    return store?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function safeSet(store: KeyValueStore | null, key: string, value: string): void {
  try {
    store?.setItem(key, value);
  } catch {
    // A full or read-only storage only loses the preference, never the work.
  }
}
