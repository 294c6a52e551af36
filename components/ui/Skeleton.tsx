import { cx } from "./cx";

/** A grey pulsing block in the shape of what is loading; hidden from screen readers. */
export function Skeleton({ className }: { className?: string }) {
  return <div className={cx("animate-pulse rounded-md bg-slate-200/70", className)} aria-hidden />;
}
