import { Logo } from "@/components/ui/Logo";
import Link from "next/link";
import { LocaleSwitcher } from "@/components/i18n/LocaleSwitcher";
import { getI18n } from "@/server/i18n";

export default async function AuthLayout({ children }: { children: React.ReactNode }) {
  const { t } = await getI18n();
  return (
    <div className="flex min-h-screen flex-col bg-gradient-to-b from-brand-50 to-slate-50">
      <header className="flex items-center justify-between px-6 py-5">
        <Logo />
        <LocaleSwitcher />
      </header>
      <main className="flex flex-1 items-start justify-center px-4 pb-16 pt-6 sm:pt-12">{children}</main>
      <footer className="px-6 pb-6 text-center text-sm text-slate-600">
        <Link href="/privacy" className="underline-offset-2 hover:underline">
          {t("privacyPage.footerLink")}
        </Link>
      </footer>
    </div>
  );
}
