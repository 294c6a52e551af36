"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { changeRoleAction, removeMemberAction, revokeInviteAction } from "@/app/(app)/team/actions";
import { actionErrorText, type ActionResult } from "@/lib/action-result";
import { useI18n } from "@/components/i18n/I18nProvider";
import { Card, CardHeader } from "@/components/ui/Card";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { atLeast, type Role } from "@/lib/roles";

type Member = { userId: string; name: string; email: string; role: Role; joinedAt: string };
type Invite = { id: string; email: string; role: Role; expiresAt: string };

export function TeamMembers({ me, myRole, members, invites }: { me: string; myRole: Role; members: Member[]; invites: Invite[] }) {
  const { t, f } = useI18n();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string>();
  const isAdmin = atLeast(myRole, "admin");
  const act = (fn: () => Promise<ActionResult<unknown>>, after?: () => void) =>
    start(async () => {
      const r = await fn();
      if (!r.ok) return setError(r.error.code === "conflict" ? t("team.errors.lastOwner") : actionErrorText(t, "team", r.error));
      setError(undefined);
      after ? after() : router.refresh();
    });
  const editable = (m: Member) => isAdmin && (myRole === "owner" || m.role !== "owner");
  return (
    <Card>
      <CardHeader title={t("team.members")} />
      {error ? (
        <p data-testid="team-error" className="mx-5 mt-4 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <ul className="divide-y divide-slate-100" data-testid="member-list">
        {members.map((m) => (
          <li key={m.userId} className="flex flex-wrap items-center gap-3 px-5 py-3.5">
            <div className="min-w-0 flex-1">
              <p className="truncate text-sm font-medium text-slate-900">
                {m.name} {m.userId === me ? <span className="text-slate-400">({t("team.you")})</span> : null}
              </p>
              <p className="truncate text-sm text-slate-500">
                {m.email} · {t("team.joined", { date: f.date(m.joinedAt) })}
              </p>
            </div>
            {editable(m) && m.userId !== me ? (
              <select
                aria-label={`${t("team.role")}: ${m.name}`}
                value={m.role}
                disabled={pending}
                onChange={(e) => act(() => changeRoleAction(m.userId, e.target.value as Role))}
                className="rounded-md border-0 py-1 pl-2 pr-7 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500"
              >
                {(myRole === "owner" ? (["owner", "admin", "viewer"] as Role[]) : (["admin", "viewer"] as Role[])).map((r) => (
                  <option key={r} value={r}>
                    {t(`app.roles.${r}`)}
                  </option>
                ))}
              </select>
            ) : (
              <Badge tone={m.role === "owner" ? "brand" : m.role === "admin" ? "green" : "slate"}>{t(`app.roles.${m.role}`)}</Badge>
            )}
            {m.userId === me ? (
              <Button
                size="sm"
                variant="ghost"
                disabled={pending}
                onClick={() =>
                  window.confirm(t("team.leaveConfirm")) &&
                  act(
                    () => removeMemberAction(m.userId),
                    () => router.push("/projects"),
                  )
                }
              >
                {t("team.leave")}
              </Button>
            ) : editable(m) ? (
              <Button
                size="sm"
                variant="ghost"
                disabled={pending}
                onClick={() => window.confirm(t("team.removeConfirm", { name: m.name })) && act(() => removeMemberAction(m.userId))}
              >
                {t("team.remove")}
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      {invites.length ? (
        <div className="border-t border-slate-100">
          <h3 className="px-5 pt-4 text-sm font-semibold text-slate-900">{t("team.pending")}</h3>
          <ul className="divide-y divide-slate-100">
            {invites.map((i) => (
              <li key={i.id} className="flex items-center gap-3 px-5 py-3">
                <div className="min-w-0 flex-1">
                  <p className="truncate text-sm text-slate-800">{i.email}</p>
                  <p className="text-xs text-slate-500">
                    {t(`app.roles.${i.role}`)} · {t("team.expires", { date: f.date(i.expiresAt) })}
                  </p>
                </div>
                <Button size="sm" variant="ghost" disabled={pending} onClick={() => act(() => revokeInviteAction(i.id))}>
                  {t("team.revoke")}
                </Button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </Card>
  );
}
