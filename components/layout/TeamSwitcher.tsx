"use client";

import { useTransition } from "react";
import { useRouter } from "next/navigation";
import { switchTeamAction } from "@/app/actions";
import { useI18n } from "@/components/i18n/I18nProvider";

/** The current team's name; a select when the user belongs to several teams. */
export function TeamSwitcher({ current, teams }: { current: { id: string; name: string }; teams: { id: string; name: string }[] }) {
  const { t } = useI18n();
  const router = useRouter();
  const [pending, start] = useTransition();
  if (teams.length < 2) {
    return (
      <span data-testid="team-name" className="truncate text-sm font-medium text-slate-700">
        {current.name}
      </span>
    );
  }
  return (
    <select
      data-testid="team-switcher"
      aria-label={t("app.nav.switchTeam")}
      value={current.id}
      disabled={pending}
      onChange={(e) =>
        start(async () => {
          await switchTeamAction(e.target.value);
          router.push("/projects");
          router.refresh();
        })
      }
      className="max-w-48 truncate rounded-md border-0 bg-transparent py-1 pl-2 pr-7 text-sm font-medium text-slate-700 ring-1 ring-inset ring-slate-200 focus:ring-2 focus:ring-brand-500"
    >
      {teams.map((team) => (
        <option key={team.id} value={team.id}>
          {team.name}
        </option>
      ))}
    </select>
  );
}
