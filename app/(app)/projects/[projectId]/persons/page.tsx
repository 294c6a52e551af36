import { pageProjectScope } from "@/server/guard";
import { getI18n } from "@/server/i18n";
import { personProfile } from "@/db/persons";
import { personIdSchema, type PersonProfile } from "@/lib/privacy/types";
import { AccessError } from "@/lib/errors";
import { PersonLookup } from "@/components/persons/PersonLookup";
import { PersonView } from "@/components/persons/PersonView";
import { DeletePersonForm } from "@/components/persons/DeletePersonForm";

export async function generateMetadata() {
  const { t } = await getI18n();
  return { title: t("persons.lookup.title") };
}

/** The page's data for the client view: times as ISO text. */
const view = (p: PersonProfile) => ({ ...p, firstSeen: p.firstSeen?.toISOString() ?? null, lastSeen: p.lastSeen?.toISOString() ?? null });

/** Only a way back into this project's funnels (an audience page), never a link elsewhere. */
function safeBack(projectId: string, back: string | undefined): string | null {
  if (!back) return null;
  const prefix = `/projects/${projectId}/funnels/`;
  return back.startsWith(prefix) && !back.includes("//") && !back.includes("\\") ? back : null;
}

/**
 * A person of the project, found by any id (`?id=`): what Trechter keeps about them and, for admins,
 * their deletion. Without an id, or for an id nobody has, the lookup form says so beside the field.
 */
export default async function PersonPage({
  params,
  searchParams,
}: {
  params: Promise<{ projectId: string }>;
  searchParams: Promise<{ id?: string | string[]; back?: string | string[] }>;
}) {
  const { projectId } = await params;
  const query = await searchParams;
  const scope = await pageProjectScope(projectId);
  const { t } = await getI18n();
  const raw = typeof query.id === "string" ? query.id : "";
  const back = safeBack(projectId, typeof query.back === "string" ? query.back : undefined);
  const texts = {
    title: t("persons.lookup.title"),
    body: t("persons.lookup.body"),
    label: t("persons.lookup.label"),
    button: t("persons.lookup.button"),
  };

  let error: string | undefined;
  let person = null;
  if (raw) {
    const parsed = personIdSchema.safeParse(raw);
    if (!parsed.success) error = t("persons.lookup.invalid");
    else {
      try {
        person = await personProfile(scope, parsed.data);
      } catch (err) {
        if (!(err instanceof AccessError) || err.status !== 404) throw err;
        error = t("persons.lookup.notFound", { id: parsed.data });
      }
    }
  }

  return (
    <div className="min-w-0 space-y-5">
      {back ? (
        <a href={back} className="inline-block text-sm font-medium text-brand-700 hover:underline">
          ← {t("persons.person.back")}
        </a>
      ) : null}
      <PersonLookup projectId={projectId} value={raw} error={error} texts={texts} />
      {person ? (
        scope.can("admin") ? (
          <DeletePersonForm projectId={projectId} personId={person.personId} backHref={back}>
            <PersonView person={view(person)} />
          </DeletePersonForm>
        ) : (
          <>
            <PersonView person={view(person)} />
            <p className="text-sm text-slate-600">{t("persons.delete.adminOnly")}</p>
          </>
        )
      ) : null}
    </div>
  );
}
