import { describe, expect, it } from "vitest";
import { floorToHour, formatEventTime, formatUtcClock, formatUtcHour, lastDaysOfData, lastHours } from "./time";

describe("UTC hours", () => {
  it("formats as the engine reads them", () => {
    expect(formatUtcHour(Date.UTC(2024, 0, 5, 7, 59))).toBe("2024-01-05T07");
    expect(floorToHour(Date.UTC(2024, 0, 5, 7, 59, 30))).toBe(Date.UTC(2024, 0, 5, 7));
  });

  it("ends 'last N hours' at the start of the current, unfinished hour", () => {
    const now = Date.UTC(2024, 2, 10, 12, 40);
    expect(lastHours(now, 24)).toEqual({ from: "2024-03-09T12", to: "2024-03-10T12" });
    expect(lastHours(now, 24 * 7)).toEqual({ from: "2024-03-03T12", to: "2024-03-10T12" });
  });

  it("counts 'last N days of data' back from just after the last event", () => {
    expect(lastDaysOfData("2024-01-16T23:59:59Z", 7)).toEqual({ from: "2024-01-10T00", to: "2024-01-17T00" });
    expect(lastDaysOfData("2024-01-16T05:00:00Z", 30)).toEqual({ from: "2023-12-17T06", to: "2024-01-16T06" });
    expect(lastDaysOfData(null, 7)).toBeNull();
    expect(lastDaysOfData("garbage", 7)).toBeNull();
  });

  it("shows event times in UTC", () => {
    expect(formatEventTime("2024-01-15T10:32:00Z")).toBe("2024-01-15 10:32 UTC");
    expect(formatEventTime(null)).toBe("–");
  });
});

describe("formatUtcClock", () => {
  it("gives HH:MM in UTC, or ? when unknown", () => {
    expect(formatUtcClock(Date.UTC(2024, 0, 15, 14, 5, 59) / 1000)).toBe("14:05");
    expect(formatUtcClock(null)).toBe("?");
  });
});
