// Recruitment against a target as people read it: "57/80 (71 %)" in words, with a bar beside it.
// The words carry the meaning (the bar is hidden from screen readers). Past the target the bar does
// not break out of its track: the track then stands for the number recruited, a mark shows where the
// target was, and the words say "over target".
import type { Progress } from "@/lib/recruitment/rules";

export function ProgressBar({ progress, className = "" }: { progress: Progress; className?: string }) {
  const { n, target, percent } = progress;
  const over = percent !== null && n > target;
  // Share of the track that is filled, and where the target mark sits, in percent of the track.
  const filled = target === 0 ? 0 : over ? 100 : Math.min(100, (n * 100) / target);
  const mark = over ? (target * 100) / n : null;
  return (
    <div className={`flex min-w-40 flex-col gap-1 ${className}`}>
      <span className="tabular-nums">
        {progress.label}
        {over ? <span className="text-brand-800 font-semibold"> over target</span> : null}
      </span>
      <span aria-hidden="true" className="bg-line relative block h-2.5 w-full overflow-hidden rounded-full">
        <span className="bg-brand-700 absolute inset-y-0 left-0 block rounded-full" style={{ width: `${filled}%` }} />
        {mark !== null ? (
          <span className="bg-ink absolute inset-y-0 block w-0.5" style={{ left: `calc(${mark}% - 1px)` }} />
        ) : null}
      </span>
    </div>
  );
}
