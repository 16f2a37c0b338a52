// Display formatting shared by every page. Pure functions so that the numbers people read are
// tested, and locale-fixed so that layouts and tests do not depend on the machine's settings.

const counts = new Intl.NumberFormat("en-US");

/** 1234567 -> "1,234,567". Non-finite values (a chart's NaN) read as a dash. */
export function formatCount(value: number): string {
  return Number.isFinite(value) ? counts.format(value) : "–";
}

const BYTE_UNITS = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"] as const;

/** Binary units, because download sizes are compared with what the disk shows. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return "–";
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  if (unit === 0) return `${value} B`;
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${BYTE_UNITS[unit]}`;
}

/** Milliseconds as a person says them: "850 ms", "42 s", "3 min 05 s", "2 h 04 min". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "–";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const totalSeconds = Math.round(ms / 1000);
  if (totalSeconds < 60) return `${totalSeconds} s`;
  const totalMinutes = Math.floor(totalSeconds / 60);
  if (totalMinutes < 60) return `${totalMinutes} min ${pad2(totalSeconds % 60)} s`;
  const hours = Math.floor(totalMinutes / 60);
  return `${hours} h ${pad2(totalMinutes % 60)} min`;
}

/** Unix seconds as local "YYYY-MM-DD HH:MM", the run table's started column. */
export function formatLocalTime(unixSeconds: number): string {
  const at = new Date(unixSeconds * 1000);
  if (Number.isNaN(at.getTime())) return "–";
  return (
    `${at.getFullYear()}-${pad2(at.getMonth() + 1)}-${pad2(at.getDate())} ` +
    `${pad2(at.getHours())}:${pad2(at.getMinutes())}`
  );
}

/** A fraction 0..1 as a whole percentage, clamped so a late event never shows 101 %. */
export function formatPercent(fraction: number): string {
  if (!Number.isFinite(fraction)) return "–";
  return `${Math.round(Math.min(1, Math.max(0, fraction)) * 100)} %`;
}

/** A share as a whole percentage that may pass 100: spend over its budget reads "120 %". */
export function formatShare(fraction: number): string {
  if (!Number.isFinite(fraction) || fraction < 0) return "–";
  return `${Math.round(fraction * 100)} %`;
}

export function pad2(value: number): string {
  return String(value).padStart(2, "0");
}

/** "1 unit" / "3 units". */
export function plural(count: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${formatCount(count)} ${count === 1 ? noun : pluralNoun}`;
}

/** US dollars as BigQuery estimates are read: "$0.42"; under a cent, "under $0.01". */
export function formatDollars(dollars: number): string {
  if (!Number.isFinite(dollars) || dollars < 0) return "–";
  if (dollars > 0 && dollars < 0.005) return "under $0.01";
  return `$${dollars.toFixed(2)}`;
}

/** Unix seconds as local "YYYY-MM-DD HH:MM:SS": alert times and rate-limit samples. */
export function formatLocalDateTime(unixSeconds: number): string {
  const at = new Date(unixSeconds * 1000);
  if (Number.isNaN(at.getTime())) return "–";
  return `${formatLocalTime(unixSeconds)}:${pad2(at.getSeconds())}`;
}

/** An RFC 3339 instant (log lines) in local time with seconds; text that is not one stays as is. */
export function formatIsoLocalTime(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : formatLocalDateTime(ms / 1000);
}

/** A rate per second: "0.42/s", "8.5/s", "12,340/s"; unknown (a run not finished) is a dash. */
export function formatPerSecond(value: number | null): string {
  if (value === null || !Number.isFinite(value) || value < 0) return "–";
  if (value < 1) return `${value.toFixed(2)}/s`;
  if (value < 10) return `${value.toFixed(1)}/s`;
  return `${formatCount(Math.round(value))}/s`;
}

/**
 * Request latencies, finer than formatDuration above a second because 1.4 s and 1.6 s differ:
 * "85 ms", "1.42 s", "12.3 s"; a minute or more reads like a duration.
 */
export function formatLatency(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "–";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return formatDuration(ms);
}
