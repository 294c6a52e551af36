import type { Metadata, Viewport } from "next";
import "./globals.css";
import { getLocale } from "@/server/i18n";
import { catalogues } from "@/lib/i18n/messages";
import { I18nProvider } from "@/components/i18n/I18nProvider";
import { QueryProvider } from "@/components/providers/QueryProvider";

export const metadata: Metadata = {
  title: { default: "Trechter", template: "%s · Trechter" },
  description: "Funnel analytics for marketing teams",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#2546dc" };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body className="min-h-screen font-sans">
        <I18nProvider locale={locale} messages={catalogues[locale]}>
          <QueryProvider>{children}</QueryProvider>
        </I18nProvider>
      </body>
    </html>
  );
}
