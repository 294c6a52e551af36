"use client";

import { useI18n } from "@/components/i18n/I18nProvider";
import { Card, CardHeader } from "@/components/ui/Card";
import { Table, THead, TBody, Th, Tr, RowHeader, Td } from "@/components/ui/Table";
import { Badge } from "@/components/ui/Badge";

export type PersonViewData = {
  personId: string;
  userId: string | null;
  anonymousIds: string[];
  traits: Record<string, unknown>;
  firstSeen: string | null;
  lastSeen: string | null;
  events: number;
  eventNames: { name: string; count: number }[];
};

/** A trait's value as text: strings as they are, anything else as JSON. */
const traitText = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));

/** What Trechter keeps about one person: identity, devices, activity by event name and traits. */
export function PersonView({ person }: { person: PersonViewData }) {
  const { t, f } = useI18n();
  const traits = Object.entries(person.traits).sort(([a], [b]) => a.localeCompare(b));
  return (
    <div className="grid min-w-0 gap-5 lg:grid-cols-2 [&>*]:min-w-0" data-testid="person-view">
      <Card>
        <CardHeader title={t("persons.person.title", { id: person.personId })} description={t("persons.person.intro")} />
        <dl className="grid grid-cols-1 gap-x-6 gap-y-3 p-5 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium text-slate-700">{t("persons.person.userId")}</dt>
          <dd className="break-all text-slate-900">{person.userId ?? <Badge>{t("persons.person.anonymous")}</Badge>}</dd>
          <dt className="font-medium text-slate-700">{t("persons.person.devices")}</dt>
          <dd className="break-all text-slate-900" data-testid="person-devices">
            {person.anonymousIds.length ? person.anonymousIds.join(", ") : t("persons.person.noDevices")}
          </dd>
          <dt className="font-medium text-slate-700">{t("persons.person.events")}</dt>
          <dd className="text-slate-900" data-testid="person-events">
            {t("persons.person.eventCount", { count: person.events })}
          </dd>
          <dt className="font-medium text-slate-700">{t("persons.person.firstSeen")}</dt>
          <dd className="text-slate-900">{person.firstSeen ? f.dateTime(person.firstSeen) : "–"}</dd>
          <dt className="font-medium text-slate-700">{t("persons.person.lastSeen")}</dt>
          <dd className="text-slate-900">{person.lastSeen ? f.dateTime(person.lastSeen) : "–"}</dd>
        </dl>
      </Card>
      <Card>
        <CardHeader title={t("persons.person.eventsByName")} />
        <div className="px-4 pb-2">
          <Table label={t("persons.person.eventsByName")}>
            <THead>
              <Th>{t("persons.person.eventName")}</Th>
              <Th numeric>{t("persons.person.count")}</Th>
            </THead>
            <TBody>
              {person.eventNames.map((e) => (
                <Tr key={e.name}>
                  <RowHeader className="break-all">{e.name}</RowHeader>
                  <Td numeric>{f.number(e.count)}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        </div>
      </Card>
      <Card className="lg:col-span-2">
        <CardHeader title={t("persons.person.traits")} />
        <div className="px-4 pb-2">
          {traits.length ? (
            <Table label={t("persons.person.traits")} testId="person-traits">
              <THead>
                <Th>{t("persons.person.trait")}</Th>
                <Th>{t("persons.person.value")}</Th>
              </THead>
              <TBody>
                {traits.map(([k, v]) => (
                  <Tr key={k}>
                    <RowHeader className="break-all">{k}</RowHeader>
                    <Td className="break-all">{traitText(v)}</Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          ) : (
            <p className="py-4 text-sm text-slate-500">{t("persons.person.noTraits")}</p>
          )}
        </div>
      </Card>
    </div>
  );
}
