import { getI18n } from "@/server/i18n";
import type { MessageKey } from "@/lib/i18n/translate";
import { Logo } from "@/components/ui/Logo";
import { Card } from "@/components/ui/Card";
import { CopyField } from "@/components/ui/CopyField";
import { LocaleSwitcher } from "@/components/i18n/LocaleSwitcher";

const STORED = ["event", "ids", "page", "properties", "derived"] as const;
const NOT_STORED = ["ip", "cookies", "thirdParties"] as const;
const BROWSER = ["aid", "uid", "utm"] as const;
const DERIVED = ["attribution", "agent", "country", "person", "aggregates"] as const;

function Section({ title, children, id }: { title: string; children: React.ReactNode; id: string }) {
  return (
    <section aria-labelledby={id} className="space-y-2">
      <h2 id={id} className="text-lg font-semibold text-slate-900">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** The privacy page's text, in the reader's language; the template sentence in both languages to copy. */
export async function PrivacyPage({ children }: { children?: React.ReactNode }) {
  const { t } = await getI18n();
  const list = (keys: readonly string[], prefix: string) => (
    <ul className="list-disc space-y-1 pl-5 text-sm leading-6 text-slate-700">
      {keys.map((k) => (
        <li key={k}>{t(`${prefix}.${k}` as MessageKey)}</li>
      ))}
    </ul>
  );
  return (
    <div className="min-h-screen bg-slate-50">
      <header className="flex items-center justify-between gap-4 px-4 py-5 sm:px-6">
        <Logo />
        <LocaleSwitcher />
      </header>
      <main id="main" className="mx-auto max-w-3xl px-4 pb-16 sm:px-6">
        <Card className="space-y-8 p-5 sm:p-8">
          <div className="space-y-3">
            <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{t("privacyPage.title")}</h1>
            <p className="text-sm leading-6 text-slate-700">{t("privacyPage.intro")}</p>
          </div>
          <Section id="stored" title={t("privacyPage.storedTitle")}>
            {list(STORED, "privacyPage.stored")}
          </Section>
          <Section id="not-stored" title={t("privacyPage.notStoredTitle")}>
            {list(NOT_STORED, "privacyPage.notStored")}
          </Section>
          <Section id="browser" title={t("privacyPage.browserTitle")}>
            {list(BROWSER, "privacyPage.browser")}
            <p className="text-sm leading-6 text-slate-700">{t("privacyPage.browserNote")}</p>
          </Section>
          <Section id="derived" title={t("privacyPage.derivedTitle")}>
            {list(DERIVED, "privacyPage.derived")}
          </Section>
          <Section id="retention" title={t("privacyPage.retentionTitle")}>
            <p className="text-sm leading-6 text-slate-700">{t("privacyPage.retention")}</p>
          </Section>
          <Section id="rights" title={t("privacyPage.rightsTitle")}>
            <p className="text-sm leading-6 text-slate-700">{t("privacyPage.rights")}</p>
          </Section>
          <Section id="dnt" title={t("privacyPage.dntTitle")}>
            <p className="text-sm leading-6 text-slate-700">{t("privacyPage.dnt")}</p>
          </Section>
          <Section id="template" title={t("privacyPage.templateTitle")}>
            <p className="text-sm leading-6 text-slate-700">{t("privacyPage.templateBody")}</p>
            <div className="space-y-4 pt-2">
              <div>
                <h3 className="mb-1.5 text-sm font-medium text-slate-700">{t("privacyPage.templateEnglish")}</h3>
                <div lang="en">
                  <CopyField value={t("privacyPage.template.en")} label={t("privacyPage.templateEnglish")} prose testId="template-en" />
                </div>
              </div>
              <div>
                <h3 className="mb-1.5 text-sm font-medium text-slate-700">{t("privacyPage.templateDutch")}</h3>
                <div lang="nl">
                  <CopyField value={t("privacyPage.template.nl")} label={t("privacyPage.templateDutch")} prose testId="template-nl" />
                </div>
              </div>
            </div>
          </Section>
          {children}
        </Card>
      </main>
    </div>
  );
}
