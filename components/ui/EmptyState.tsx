/** A dashed panel that says why a list is empty and what to do about it. */
export function EmptyState({
  icon,
  title,
  body,
  action,
  testId,
}: {
  icon?: React.ReactNode;
  title: string;
  body: string;
  action?: React.ReactNode;
  testId?: string;
}) {
  return (
    <div
      data-testid={testId}
      className="flex flex-col items-center rounded-xl border-2 border-dashed border-slate-200 bg-white px-6 py-14 text-center"
    >
      {icon ? <div className="mb-4 text-brand-500">{icon}</div> : null}
      <h2 className="text-base font-semibold text-slate-900">{title}</h2>
      <p className="mt-1 max-w-md text-sm text-slate-500">{body}</p>
      {action ? <div className="mt-6">{action}</div> : null}
    </div>
  );
}
