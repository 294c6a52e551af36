/** A form's outcome above or below its fields: a refusal (alert) or a confirmation (status). */
export function FormMessage({
  tone,
  children,
  testId,
}: {
  tone: "error" | "success" | "info";
  children: React.ReactNode;
  testId?: string;
}) {
  const tones = {
    error: "bg-red-50 text-red-700 ring-red-200",
    success: "bg-emerald-50 text-emerald-800 ring-emerald-200",
    info: "bg-amber-50 text-amber-900 ring-amber-200",
  };
  return (
    <p
      role={tone === "error" ? "alert" : "status"}
      data-testid={testId}
      className={`rounded-lg px-3 py-2 text-sm ring-1 ring-inset ${tones[tone]}`}
    >
      {children}
    </p>
  );
}
