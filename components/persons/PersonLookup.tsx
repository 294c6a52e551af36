import { inputClass } from "@/components/ui/Field";
import { buttonClass } from "@/components/ui/Button";
import { Card, CardHeader } from "@/components/ui/Card";
import { cx } from "@/components/ui/cx";

/**
 * Find a person by any of their ids: a plain GET form (works without JavaScript), so the person's
 * page has a link of its own. `error` is shown beside the field.
 */
export function PersonLookup({
  projectId,
  value,
  error,
  texts,
}: {
  projectId: string;
  value: string;
  error?: string;
  texts: { title: string; body: string; label: string; button: string };
}) {
  return (
    <Card>
      <CardHeader title={texts.title} description={texts.body} />
      <form method="get" action={`/projects/${projectId}/persons`} className="flex flex-wrap items-end gap-3 p-5" role="search">
        <div className="min-w-0 flex-1 basis-64">
          <label htmlFor="person-lookup" className="block text-sm font-medium text-slate-700">
            {texts.label}
          </label>
          <input
            id="person-lookup"
            name="id"
            defaultValue={value}
            maxLength={200}
            required
            autoComplete="off"
            spellCheck={false}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "person-lookup-error" : undefined}
            className={cx(inputClass, "mt-1.5")}
            data-testid="person-lookup"
          />
        </div>
        <button type="submit" className={buttonClass("secondary")} data-testid="person-lookup-submit">
          {texts.button}
        </button>
        {error ? (
          <p id="person-lookup-error" className="w-full text-sm text-red-600" data-testid="person-lookup-error">
            {error}
          </p>
        ) : null}
      </form>
    </Card>
  );
}
