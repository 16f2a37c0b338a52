// Workspace settings as the Settings page edits them. The engine validates every value (and
// says why it refuses one); this only picks the right input for a key and names test ids.

import type { SettingValue } from "../ipc/bindings";

export const WHEN_EXHAUSTED_KEY = "github.when_exhausted";
export const CONCURRENCY_KEY = "github.concurrency";

export type SettingInput =
  | { kind: "select"; options: string[] }
  | { kind: "number"; min: number; max: number }
  | { kind: "text" };

/** The input that fits `key`; a select keeps an unexpected stored value choosable. */
export function settingInput(key: string, current: string): SettingInput {
  if (key === WHEN_EXHAUSTED_KEY) {
    const options = ["wait", "stop"];
    return { kind: "select", options: options.includes(current) ? options : [...options, current] };
  }
  if (key === CONCURRENCY_KEY) return { kind: "number", min: 1, max: 32 };
  return { kind: "text" };
}

/** `github.when_exhausted` -> `github-when_exhausted`, the suffix of a row's test ids. */
export function settingSlug(key: string): string {
  return key.replaceAll(".", "-");
}

/** Whether `draft` differs from what is stored (the engine trims, so spaces do not count). */
export function settingChanged(setting: SettingValue, draft: string | undefined): boolean {
  return draft !== undefined && draft.trim() !== setting.value;
}

/** "default" or "default: wait", next to the current value. */
export function defaultNote(setting: SettingValue): string {
  return setting.value === setting.default ? "the default" : `default: ${setting.default || "(empty)"}`;
}
