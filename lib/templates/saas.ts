import type { SectorTemplate } from "./types";
import { KPI } from "./kpis";

export const saas: SectorTemplate = {
  sector: "saas",
  name: { en: "SaaS", nl: "SaaS" },
  description: { en: "Software as a service: visitors start a trial and become paying customers.", nl: "Software als dienst: bezoekers starten een proefperiode en worden betalende klanten." },
  macroExample: { en: "A paid subscription", nl: "Een betaald abonnement" },
  microExamples: [
    { en: "Free trial started", nl: "Gratis proefperiode gestart" },
    { en: "Demo requested", nl: "Demo aangevraagd" },
  ],
  stages: {
    awareness: { markers: [{ event: "pageview" }, { event: "pageview", path: "/blog/*" }], kpis: [KPI.visitors, KPI.newVisitors, KPI.topSources] },
    interest: { markers: [{ event: "ebook_download" }, { event: "pageview", path: "/features*" }], kpis: [KPI.visitorToLead] },
    decision: { markers: [{ event: "pageview", path: "/pricing*" }, { event: "demo_requested" }, { event: "trial_started" }], kpis: [KPI.requests, KPI.microConversions] },
    action: { markers: [{ event: "subscription_started" }], kpis: [KPI.macroRate, KPI.revenue, KPI.averageOrderValue] },
    retention: { markers: [{ event: "subscription_renewed" }], kpis: [KPI.repeatConversions, KPI.returningVisitors] },
  },
  funnel: {
    name: { en: "From visit to paid plan", nl: "Van bezoek naar betaald abonnement" },
    windowSeconds: 30 * 86400,
    steps: [
      { event: "pageview", label: { en: "Visited the site", nl: "Bezocht de site" } },
      { event: "pageview", path: "/pricing*", label: { en: "Viewed pricing", nl: "Bekeek de prijzen" } },
      { event: "trial_started", label: { en: "Started a trial", nl: "Startte een proefperiode" } },
      { event: "subscription_started", label: { en: "Subscribed", nl: "Nam een abonnement" } },
    ],
  },
  goals: [
    { key: "subscription_started", kind: "macro", name: { en: "Paid subscription", nl: "Betaald abonnement" }, match: { event: "subscription_started" }, revenue: true },
    { key: "trial_started", kind: "micro", name: { en: "Trial started", nl: "Proefperiode gestart" }, match: { event: "trial_started" } },
    { key: "demo_requested", kind: "micro", name: { en: "Demo requested", nl: "Demo aangevraagd" }, match: { event: "demo_requested" } },
  ],
  benchmark: {
    rate: null,
    label: { en: "The articles give no benchmark for SaaS: measure your own rate and improve on it.", nl: "De artikelen geven geen benchmark voor SaaS: meet je eigen ratio en verbeter die." },
    source: null,
  },
  demo: {
    continue: [0.3, 0.25, 0.35],
    micro: [
      { event: "demo_requested", chance: 0.04, afterStep: 1 },
      { event: "ebook_download", chance: 0.05, afterStep: 0 },
    ],
    slugs: ["projectplanning", "teamproductiviteit", "tijdregistratie"],
    orderValue: [29, 249],
    repeat: 0.6,
  },
};
