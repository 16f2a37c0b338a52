// UTC hour arithmetic for range presets. GH Archive and the engine count whole UTC hours and
// `to` is always exclusive, so every preset here ends on an hour boundary.

import { pad2 } from "./format";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface HourRange {
  from: string;
  to: string;
}

/** Milliseconds -> "YYYY-MM-DDTHH" (UTC), the form the engine accepts everywhere. */
export function formatUtcHour(ms: number): string {
  const at = new Date(ms);
  return (
    `${at.getUTCFullYear()}-${pad2(at.getUTCMonth() + 1)}-${pad2(at.getUTCDate())}` +
    `T${pad2(at.getUTCHours())}`
  );
}

export function floorToHour(ms: number): number {
  return Math.floor(ms / HOUR_MS) * HOUR_MS;
}

/**
 * The last `hours` complete hours before `now`: the current hour is still being written, so
 * the range ends (exclusively) at its start.
 */
export function lastHours(now: number, hours: number): HourRange {
  const to = floorToHour(now);
  return { from: formatUtcHour(to - hours * HOUR_MS), to: formatUtcHour(to) };
}

/**
 * The last `days` whole UTC days before today: BigQuery's table for today is still being
 * written, so the range ends at today's midnight.
 */
export function lastFullDays(now: number, days: number): HourRange {
  const to = Math.floor(now / DAY_MS) * DAY_MS;
  return { from: formatUtcHour(to - days * DAY_MS), to: formatUtcHour(to) };
}

/**
 * The last `days` days of the workspace's data, ending just after its last event. Relative to
 * the data rather than to now, because a workspace (the sample above all) may be years old.
 * Returns null when the workspace has no events or the timestamp cannot be read.
 */
export function lastDaysOfData(lastEventAt: string | null, days: number): HourRange | null {
  if (lastEventAt === null) return null;
  const last = Date.parse(lastEventAt);
  if (Number.isNaN(last)) return null;
  const to = floorToHour(last) + HOUR_MS;
  return { from: formatUtcHour(to - days * DAY_MS), to: formatUtcHour(to) };
}

/** "2024-01-15T10:32:00Z" -> "2024-01-15 10:32 UTC" for summaries. */
export function formatEventTime(iso: string | null): string {
  if (iso === null) return "–";
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const at = new Date(ms);
  return `${formatUtcHour(ms).replace("T", " ")}:${pad2(at.getUTCMinutes())} UTC`;
}

/** Unix seconds -> "HH:MM" (UTC), for rate-limit resets; "?" when unknown. */
export function formatUtcClock(unixSeconds: number | null): string {
  if (unixSeconds === null || !Number.isFinite(unixSeconds)) return "?";
  return new Date(unixSeconds * 1000).toISOString().slice(11, 16);
}
