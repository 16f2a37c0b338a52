// A gauge of a bounded amount (a budget spent, a rate limit left): a fixed-size bar that reads
// as a meter to assistive technology, with its value in words next to it.

import type { Tone } from "../lib/monitoring";

interface MeterProps {
  label: string;
  value: number;
  max: number;
  /** The value as a person reads it: "$4.20 of $10.00". */
  valueText: string;
  tone: Tone;
  testId?: string;
}

export function Meter({ label, value, max, valueText, tone, testId }: MeterProps) {
  const share = max > 0 ? Math.min(1, Math.max(0, value / max)) : 0;
  return (
    <div
      className={`meter meter-${tone}`}
      role="meter"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={value}
      aria-valuetext={valueText}
      data-testid={testId}
    >
      <div className="meter-fill" style={{ width: `${Math.round(share * 1000) / 10}%` }} />
    </div>
  );
}
