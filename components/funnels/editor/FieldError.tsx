/** A problem beside its field (red-700 on the card: 6.5:1), linked to the field by `id` through aria-describedby. */
export function FieldError({ id, text, testId }: { id: string; text?: string; testId?: string }) {
  if (!text) return null;
  return (
    <p id={id} className="mt-1 text-xs text-red-700" data-testid={testId}>
      {text}
    </p>
  );
}
