import { describe, expect, it } from "vitest";
import {
  formatBytes,
  formatCount,
  formatDollars,
  formatDuration,
  formatIsoLocalTime,
  formatLatency,
  formatLocalDateTime,
  formatLocalTime,
  formatPercent,
  formatPerSecond,
  formatShare,
  plural,
} from "./format";

describe("formatBytes", () => {
  it("keeps small sizes in bytes", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(1023)).toBe("1023 B");
  });

  it("switches to binary units with sensible precision", () => {
    expect(formatBytes(1024)).toBe("1.00 KiB");
    expect(formatBytes(1536)).toBe("1.50 KiB");
    expect(formatBytes(15 * 1024 * 1024)).toBe("15.0 MiB");
    expect(formatBytes(250 * 1024 ** 3)).toBe("250 GiB");
    expect(formatBytes(3 * 1024 ** 4)).toBe("3.00 TiB");
  });

  it("refuses nonsense instead of printing it", () => {
    expect(formatBytes(-1)).toBe("–");
    expect(formatBytes(Number.NaN)).toBe("–");
  });
});

describe("formatDuration", () => {
  it("reads like a person would say it", () => {
    expect(formatDuration(850)).toBe("850 ms");
    expect(formatDuration(42_000)).toBe("42 s");
    expect(formatDuration(185_000)).toBe("3 min 05 s");
    expect(formatDuration(2 * 3_600_000 + 4 * 60_000)).toBe("2 h 04 min");
  });

  it("rounds to the second before choosing the unit", () => {
    expect(formatDuration(59_600)).toBe("1 min 00 s");
  });

  it("shows a dash for impossible durations", () => {
    expect(formatDuration(-5)).toBe("–");
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe("–");
  });
});

describe("counts and percentages", () => {
  it("groups thousands", () => {
    expect(formatCount(1234567)).toBe("1,234,567");
    expect(formatCount(Number.NaN)).toBe("–");
  });

  it("clamps percentages", () => {
    expect(formatPercent(0.456)).toBe("46 %");
    expect(formatPercent(1.2)).toBe("100 %");
    expect(formatPercent(-0.1)).toBe("0 %");
  });

  it("pluralises", () => {
    expect(plural(1, "hour")).toBe("1 hour");
    expect(plural(2500, "hour")).toBe("2,500 hours");
  });
});

describe("formatLocalTime", () => {
  it("formats in the machine's time zone", () => {
    const at = new Date(2024, 0, 15, 9, 5); // local time
    expect(formatLocalTime(at.getTime() / 1000)).toBe("2024-01-15 09:05");
  });
});

describe("formatDollars", () => {
  it("shows cents, and says when an estimate rounds to nothing", () => {
    expect(formatDollars(0.37)).toBe("$0.37");
    expect(formatDollars(34.5)).toBe("$34.50");
    expect(formatDollars(0)).toBe("$0.00");
    expect(formatDollars(0.00006)).toBe("under $0.01");
    expect(formatDollars(Number.NaN)).toBe("–");
  });
});

describe("formatLocalDateTime and formatIsoLocalTime", () => {
  it("show local time with seconds", () => {
    const at = new Date(2024, 0, 15, 9, 5, 7); // local time
    expect(formatLocalDateTime(at.getTime() / 1000)).toBe("2024-01-15 09:05:07");
    expect(formatIsoLocalTime(at.toISOString())).toBe("2024-01-15 09:05:07");
  });

  it("keep what they cannot read", () => {
    expect(formatLocalDateTime(Number.NaN)).toBe("–");
    expect(formatIsoLocalTime("yesterday")).toBe("yesterday");
  });
});

describe("formatPerSecond", () => {
  it("keeps digits that matter at each size", () => {
    expect(formatPerSecond(0.4219)).toBe("0.42/s");
    expect(formatPerSecond(8.46)).toBe("8.5/s");
    expect(formatPerSecond(12_340.4)).toBe("12,340/s");
  });

  it("shows a dash while unknown", () => {
    expect(formatPerSecond(null)).toBe("–");
    expect(formatPerSecond(Number.POSITIVE_INFINITY)).toBe("–");
  });
});

describe("formatLatency", () => {
  it("tells 1.4 s from 1.6 s", () => {
    expect(formatLatency(85.4)).toBe("85 ms");
    expect(formatLatency(1_420)).toBe("1.42 s");
    expect(formatLatency(12_345)).toBe("12.3 s");
    expect(formatLatency(185_000)).toBe("3 min 05 s");
    expect(formatLatency(-1)).toBe("–");
  });
});

describe("formatShare", () => {
  it("does not hide an overspend the way a progress percentage would", () => {
    expect(formatShare(0.454)).toBe("45 %");
    expect(formatShare(1.2)).toBe("120 %");
    expect(formatPercent(1.2)).toBe("100 %");
    expect(formatShare(Number.NaN)).toBe("–");
  });
});
