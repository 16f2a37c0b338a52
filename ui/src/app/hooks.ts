import { useEffect, useState } from "react";

/** `value`, once it has stopped changing for `delayMs`: typing does not fire a request per key. */
export function useDebouncedValue<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}

/** The current time, re-read every `intervalMs` while `active`: for ETAs and elapsed times. */
export function useNow(intervalMs: number, active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs, active]);
  return now;
}

/** How far below (or above) the window a chart starts loading, so it is drawn by the time it
 * scrolls into view. */
const NEAR_MARGIN = "400px";

/**
 * Whether the element has come near the visible part of the window; once true it stays true.
 * A dashboard asks the engine only for the charts someone can see: switching dashboards costs
 * the charts in view, and charts never scrolled to are never drawn (nor held in memory).
 * Without IntersectionObserver (tests in jsdom) everything counts as near.
 */
export function useNearViewport(element: Element | null): boolean {
  const observable = typeof IntersectionObserver !== "undefined";
  const [near, setNear] = useState(!observable);
  useEffect(() => {
    if (near || !element || !observable) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) setNear(true);
      },
      { rootMargin: `${NEAR_MARGIN} 0px` },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [element, near, observable]);
  return near;
}
