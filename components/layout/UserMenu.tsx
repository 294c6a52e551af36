"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { logoutAction, logoutEverywhereAction } from "@/app/actions";
import { useI18n } from "@/components/i18n/I18nProvider";

export function UserMenu({ name, email }: { name: string; email: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setOpen(false);
    const onClick = (e: MouseEvent) => ref.current && !ref.current.contains(e.target as Node) && setOpen(false);
    document.addEventListener("keydown", onKey);
    document.addEventListener("mousedown", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("mousedown", onClick);
    };
  }, [open]);
  const initials =
    name
      .split(/\s+/)
      .map((p) => p[0])
      .join("")
      .slice(0, 2)
      .toUpperCase() || "?";
  return (
    <div className="relative" ref={ref}>
      <button
        type="button"
        data-testid="user-menu"
        aria-label={t("app.nav.userMenu")}
        aria-expanded={open}
        aria-haspopup="menu"
        onClick={() => setOpen((o) => !o)}
        className="flex size-9 items-center justify-center rounded-full bg-brand-600 text-sm font-semibold text-white hover:bg-brand-700"
      >
        {initials}
      </button>
      {open ? (
        <div role="menu" className="absolute right-0 mt-2 w-64 rounded-xl bg-white p-1.5 shadow-lg ring-1 ring-slate-200">
          <div className="px-3 py-2">
            <p className="truncate text-sm font-medium text-slate-900">{name}</p>
            <p className="truncate text-xs text-slate-500">{t("app.nav.signedInAs", { email })}</p>
          </div>
          <div className="my-1 h-px bg-slate-100" />
          <Link
            role="menuitem"
            href="/account"
            data-testid="account-link"
            onClick={() => setOpen(false)}
            className="block w-full rounded-lg px-3 py-2 text-left text-sm text-slate-700 hover:bg-slate-100"
          >
            {t("account.menuLink")}
          </Link>
          <form action={logoutAction}>
            <button
              role="menuitem"
              type="submit"
              data-testid="logout"
              className="w-full rounded-lg px-3 py-2 text-left text-sm text-slate-700 hover:bg-slate-100"
            >
              {t("auth.logout")}
            </button>
          </form>
          <form action={logoutEverywhereAction}>
            <button
              role="menuitem"
              type="submit"
              data-testid="logout-everywhere"
              className="w-full rounded-lg px-3 py-2 text-left text-sm text-slate-700 hover:bg-slate-100"
            >
              {t("auth.logoutEverywhere")}
            </button>
          </form>
        </div>
      ) : null}
    </div>
  );
}
