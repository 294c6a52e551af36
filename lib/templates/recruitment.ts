import type { SectorTemplate } from "./types";
import { KPI, named } from "./kpis";

const VACANCIES = ["marketeer-amsterdam", "data-analist-utrecht", "verpleegkundige-rotterdam", "accountmanager-eindhoven"];

export const recruitment: SectorTemplate = {
  sector: "recruitment",
  name: { en: "Recruitment", nl: "Werving en selectie" },
  description: {
    en: "Employers and recruitment agencies: vacancy visitors become applicants.",
    nl: "Werkgevers en recruitmentbureaus: bezoekers van vacatures worden sollicitanten.",
  },
  macroExample: { en: "An application sent", nl: "Een verstuurde sollicitatie" },
  microExamples: [
    { en: "Job alert", nl: "Job-alert" },
    { en: "Company culture document downloaded", nl: "Document over de bedrijfscultuur gedownload" },
    { en: "Skills test started", nl: "Vaardigheidstest gestart" },
    { en: "Recruiter contacted", nl: "Contact met een recruiter" },
  ],
  stages: {
    awareness: {
      markers: [{ event: "pageview" }],
      kpis: [KPI.visitors, KPI.newVisitors, KPI.visitorsPerSource, KPI.bounceRate],
    },
    interest: {
      markers: [{ event: "pageview", path: "/jobs/*" }, { event: "job_alert_signup" }, { event: "culture_doc_download" }],
      kpis: [
        named(KPI.visitorToLeadRate, { en: "Visitor → talent pool rate", nl: "Conversie van bezoeker naar talentpool" }),
        KPI.microConversions,
      ],
    },
    decision: {
      markers: [{ event: "skills_test_started" }, { event: "recruiter_contact" }, { event: "application_started" }],
      kpis: [
        named(KPI.decisionVisitors, { en: "Applications started and skills tests", nl: "Begonnen sollicitaties en vaardigheidstests" }),
        named(KPI.productPageClickThrough, { en: "Click-through from vacancy pages", nl: "Doorklikratio van vacaturepagina's" }),
        named(KPI.timeOnKeyPages, { en: "Time on vacancy pages", nl: "Tijd op vacaturepagina's" }),
      ],
    },
    action: {
      markers: [{ event: "application_submitted" }],
      kpis: [
        named(KPI.requests, { en: "Applications sent", nl: "Verstuurde sollicitaties" }),
        named(KPI.macroConversionRate, { en: "Vacancy page → application rate", nl: "Conversie van vacaturepagina naar sollicitatie" }),
      ],
    },
    retention: {
      // The article's micro conversions "helpen [...] om een talentpool op te bouwen en passieve
      // kandidaten toch betrokken te houden": staying in the pool is what retention means here.
      markers: [{ event: "talent_pool_joined" }, { event: "referral_sent" }],
      kpis: [
        named(KPI.repeatConversions, { en: "Candidates who apply again", nl: "Kandidaten die opnieuw solliciteren" }),
        KPI.returningVisitors,
      ],
    },
  },
  funnel: {
    name: { en: "From vacancy to application", nl: "Van vacature naar sollicitatie" },
    // It starts at the vacancy page, not the home page, so its rate compares with the benchmark.
    windowSeconds: 7 * 86400,
    steps: [
      { event: "pageview", path: "/jobs/*", label: { en: "Viewed a vacancy", nl: "Vacature bekeken" } },
      { event: "application_started", label: { en: "Started an application", nl: "Sollicitatie begonnen" } },
      { event: "application_submitted", label: { en: "Sent the application", nl: "Sollicitatie verstuurd" } },
    ],
  },
  goals: [
    {
      key: "application_submitted",
      kind: "macro",
      name: { en: "Application sent", nl: "Sollicitatie verstuurd" },
      match: { event: "application_submitted" },
    },
    {
      key: "job_alert_signup",
      kind: "micro",
      name: { en: "Job alert signup", nl: "Aanmelding voor een job-alert" },
      match: { event: "job_alert_signup" },
    },
    {
      key: "culture_doc_download",
      kind: "micro",
      name: { en: "Culture document downloaded", nl: "Document over de bedrijfscultuur gedownload" },
      match: { event: "culture_doc_download" },
    },
    {
      key: "skills_test_started",
      kind: "micro",
      name: { en: "Skills test started", nl: "Vaardigheidstest gestart" },
      match: { event: "skills_test_started" },
    },
    {
      key: "recruiter_contact",
      kind: "micro",
      name: { en: "Recruiter contacted", nl: "Contact met een recruiter" },
      match: { event: "recruiter_contact" },
    },
  ],
  benchmark: {
    rate: 0.0376,
    label: { en: "vacancy page visitor → application", nl: "bezoeker van een vacaturepagina → sollicitatie" },
    source: {
      article: "conversie.txt",
      quote:
        "Recente benchmarks tonen aan dat gemiddeld 3,76% van de bezoekers van een specifieke vacaturepagina ook daadwerkelijk solliciteert.",
    },
  },
  demo: {
    continue: [0.094, 0.4],
    micro: [
      { event: "job_alert_signup", chance: 0.05, afterStep: 0 },
      { event: "culture_doc_download", chance: 0.03, afterStep: 0, path: "/downloads/onze-cultuur" },
      { event: "skills_test_started", chance: 0.3, afterStep: 1 },
      { event: "recruiter_contact", chance: 0.02, afterStep: 0 },
    ],
    slugs: VACANCIES,
    stepPaths: [VACANCIES.map((v) => `/jobs/${v}`), null, null],
    blogPaths: ["/blog/een-dag-als-data-analist", "/blog/sollicitatietips", "/blog/zo-werken-wij"],
    repeat: 0.05,
  },
};
