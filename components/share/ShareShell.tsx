import { Logo } from "@/components/ui/Logo";
import { LocaleSwitcher } from "@/components/i18n/LocaleSwitcher";

/** The frame of every share page (report, password, unavailable): logo, language, and nothing of the team. */
export function ShareShell({ children, footer }: { children: React.ReactNode; footer: string }) {
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex h-14 max-w-7xl items-center justify-between px-4 sm:px-6">
          <Logo />
          <LocaleSwitcher />
        </div>
      </header>
      <main className="mx-auto max-w-7xl space-y-6 px-4 py-8 sm:px-6">{children}</main>
      <footer className="pb-8 text-center text-xs text-slate-400">{footer}</footer>
    </div>
  );
}

/** Why a share link shows no report, as a short notice. */
export function ShareUnavailable({ state, message }: { state: string; message: string }) {
  return (
    <p data-testid={`share-${state}`} className="rounded-xl bg-white p-6 text-slate-700 shadow-sm ring-1 ring-slate-200">
      {message}
    </p>
  );
}
