// A download progress bar: label, bar, and megabytes done of total.
export interface ProgressBarProps {
  label: string;
  loaded: number;
  total: number;
}

const mb = (bytes: number) => (bytes / 1_048_576).toFixed(1);

export function ProgressBar({ label, loaded, total }: ProgressBarProps) {
  const known = total > 0;
  const done = known && loaded >= total;
  return (
    <div className={`gb-progress${done ? " gb-progress-done" : ""}`} data-testid="download-progress" data-label={label} data-done={done}>
      <span className="gb-progress-label">{label}</span>
      <progress value={known ? Math.min(loaded, total) : undefined} max={known ? total : undefined} />
      <span className="gb-progress-size">
        {known ? `${mb(loaded)} / ${mb(total)} MB` : `${mb(loaded)} MB`}
        {done ? " ✓" : ""}
      </span>
    </div>
  );
}
