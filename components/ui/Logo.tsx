/** The funnel mark: three narrowing bars. */
export function Logo({ className = "" }: { className?: string }) {
  return (
    <span className={`inline-flex items-center gap-2 font-semibold tracking-tight text-slate-900 ${className}`}>
      <svg viewBox="0 0 24 24" className="size-7" aria-hidden>
        <rect x="2" y="3" width="20" height="5" rx="2" className="fill-brand-600" />
        <rect x="5" y="10" width="14" height="5" rx="2" className="fill-brand-400" />
        <rect x="8.5" y="17" width="7" height="5" rx="2" className="fill-drop-500" />
      </svg>
      <span className="text-lg">Trechter</span>
    </span>
  );
}
