"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** A navigation link that marks itself current when the path is at or under it. */
export function NavLink({ href, children, exact = false }: { href: string; children: React.ReactNode; exact?: boolean }) {
  const path = usePathname();
  const active = exact ? path === href : path === href || path.startsWith(href + "/");
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={
        active
          ? "truncate whitespace-nowrap rounded-md bg-brand-50 px-2 py-1.5 text-center text-sm font-medium text-brand-700 sm:px-3"
          : "truncate whitespace-nowrap rounded-md px-2 py-1.5 text-center text-sm font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900 sm:px-3"
      }
    >
      {children}
    </Link>
  );
}
