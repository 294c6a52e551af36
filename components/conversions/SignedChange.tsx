/**
 * A change against the previous period, worded by the caller ("−4.39% vs previous period"): green with
 * ▲ when up, red with ▼ when down, neutral when flat or not `clear` (a rate whose 95 % interval of the
 * difference includes zero). The sign in the words carries the direction too, so colour is never the
 * only signal (red-700 and emerald-700 keep 4.5:1 on white).
 */
export function SignedChange({ change, text, testId, clear = true }: { change: number; text: string; testId?: string; clear?: boolean }) {
  const tone = !clear ? "text-slate-600" : change > 0 ? "text-emerald-700" : change < 0 ? "text-red-700" : "text-slate-600";
  return (
    <span className={`font-medium ${tone}`} data-testid={testId}>
      <span aria-hidden>{!clear ? "" : change > 0 ? "▲ " : change < 0 ? "▼ " : ""}</span>
      {text}
    </span>
  );
}
