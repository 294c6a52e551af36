import type { SectorTemplate } from "./types";
import { KPI } from "./kpis";

export const recruitment: SectorTemplate = {
  sector: "recruitment",
  name: { en: "Recruitment", nl: "Werving en selectie" },
  description: { en: "Employers and agencies: vacancy visitors become applicants.", nl: "Werkgevers en bureaus: bezoekers van vacatures worden sollicitanten." },
  macroExample: { en: "An application sent", nl: "Een verstuurde sollicitatie" },
  microExamples: [
    { en: "Job alert", nl: "Job-alert" },
    { en: "Company culture document downloaded", nl: "Document over de bedrijfscultuur gedownload" },
    { en: "Skills test started", nl: "Vaardigheidstest gestart" },
    { en: "Recruiter contacted", nl: "Contact met een recruiter" },
  ],
  stages: {
    awareness: { markers: [{ event: "pageview" }], kpis: [KPI.visitors, KPI.newVisitors, KPI.topSources] },
    interest: { markers: [{ event: "pageview", path: "/jobs/*" }, { event: "job_alert_signup" }, { event: "culture_doc_download" }], kpis: [KPI.visitorToLead, KPI.microConversions] },
    decision: { markers: [{ event: "skills_test_started" }, { event: "recruiter_contact" }, { event: "application_started" }], kpis: [KPI.requests] },
    action: { markers: [{ event: "application_submitted" }], kpis: [KPI.macroRate] },
    retention: { markers: [{ event: "job_alert_signup" }], kpis: [KPI.returningVisitors, KPI.repeatConversions] },
  },
  funnel: {
    name: { en: "From vacancy to application", nl: "Van vacature naar sollicitatie" },
    windowSeconds: 7 * 86400,
    steps: [
      { event: "pageview", path: "/jobs/*", label: { en: "Viewed a vacancy", nl: "Bekeek een vacature" } },
      { event: "application_started", label: { en: "Started an application", nl: "Begon aan een sollicitatie" } },
      { event: "application_submitted", label: { en: "Sent the application", nl: "Verstuurde de sollicitatie" } },
    ],
  },
  goals: [
    { key: "application_submitted", kind: "macro", name: { en: "Application sent", nl: "Sollicitatie verstuurd" }, match: { event: "application_submitted" } },
    { key: "job_alert_signup", kind: "micro", name: { en: "Job alert", nl: "Job-alert" }, match: { event: "job_alert_signup" } },
    { key: "culture_doc_download", kind: "micro", name: { en: "Culture document downloaded", nl: "Cultuurdocument gedownload" }, match: { event: "culture_doc_download" } },
    { key: "skills_test_started", kind: "micro", name: { en: "Skills test started", nl: "Vaardigheidstest gestart" }, match: { event: "skills_test_started" } },
    { key: "recruiter_contact", kind: "micro", name: { en: "Recruiter contacted", nl: "Contact met recruiter" }, match: { event: "recruiter_contact" } },
  ],
  benchmark: {
    rate: 0.0376,
    label: { en: "vacancy page → application", nl: "vacaturepagina → sollicitatie" },
    source: {
      article: "conversie.txt",
      quote: "Recente benchmarks tonen aan dat gemiddeld 3,76% van de bezoekers van een specifieke vacaturepagina ook daadwerkelijk solliciteert.",
    },
  },
  demo: {
    continue: [0.094, 0.4],
    micro: [
      { event: "job_alert_signup", chance: 0.05, afterStep: 0 },
      { event: "culture_doc_download", chance: 0.03, afterStep: 0 },
      { event: "skills_test_started", chance: 0.3, afterStep: 1 },
      { event: "recruiter_contact", chance: 0.02, afterStep: 0 },
    ],
    slugs: ["marketeer-amsterdam", "data-analist-utrecht", "verpleegkundige-rotterdam", "accountmanager-eindhoven"],
    repeat: 0.05,
  },
};
