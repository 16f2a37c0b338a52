// A progress bar with a fixed height and a label of fixed width, so a run that updates many
// times a second never moves the layout. `fraction` null means "working, amount unknown".

interface ProgressBarProps {
  fraction: number | null;
  label: string;
  testId?: string;
  size?: "large" | "small";
}

export function ProgressBar({ fraction, label, testId, size = "large" }: ProgressBarProps) {
  const percent = fraction === null ? null : Math.round(Math.min(1, Math.max(0, fraction)) * 100);
  return (
    <div
      className={`progress progress-${size}${percent === null ? " progress-indeterminate" : ""}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      {...(percent === null ? {} : { "aria-valuenow": percent })}
      data-testid={testId}
      data-value={percent ?? ""}
    >
      <div className="progress-fill" style={{ width: percent === null ? "30%" : `${percent}%` }} />
    </div>
  );
}
