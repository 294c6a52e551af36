import type { SectorTemplate } from "./types";
import { KPI, named } from "./kpis";

const TOPICS = ["projectplanning", "teamproductiviteit", "tijdregistratie"];

export const saas: SectorTemplate = {
  sector: "saas",
  name: { en: "SaaS", nl: "SaaS" },
  description: {
    en: "Software as a service: visitors start a trial and become paying customers.",
    nl: "Software als dienst: bezoekers starten een proefperiode en worden betalende klanten.",
  },
  macroExample: { en: "A paid subscription", nl: "Een betaald abonnement" },
  microExamples: [
    { en: "Free trial started", nl: "Gratis proefperiode gestart" },
    { en: "Demo requested", nl: "Demo aangevraagd" },
  ],
  stages: {
    awareness: {
      markers: [{ event: "pageview" }],
      kpis: [KPI.visitors, KPI.newVisitors, KPI.visitorsPerSource, KPI.bounceRate],
    },
    interest: {
      markers: [{ event: "ebook_download" }, { event: "webinar_signup" }, { event: "pageview", path: "/features*" }],
      kpis: [KPI.visitorToLeadRate, KPI.microConversions],
    },
    decision: {
      // The article's decision stage: "Een productdemo of gratis proefperiode" and comparison pages.
      markers: [{ event: "pageview", path: "/pricing*" }, { event: "demo_requested" }, { event: "trial_started" }],
      kpis: [
        named(KPI.decisionVisitors, { en: "Demo requests and trials", nl: "Demo-aanvragen en proefperiodes" }),
        named(KPI.productPageClickThrough, { en: "Click-through from the pricing page", nl: "Doorklikratio van de prijspagina" }),
      ],
    },
    action: {
      markers: [{ event: "subscription_started" }],
      kpis: [
        named(KPI.purchases, { en: "New paid subscriptions", nl: "Nieuwe betaalde abonnementen" }),
        KPI.macroConversionRate,
        named(KPI.averageOrderValue, { en: "Average subscription value", nl: "Gemiddelde abonnementswaarde" }),
        KPI.revenue,
        KPI.customerLifetimeValue,
      ],
    },
    retention: {
      markers: [{ event: "subscription_renewed" }, { event: "plan_upgraded" }],
      kpis: [named(KPI.repeatConversions, { en: "Renewals and upgrades", nl: "Verlengingen en upgrades" }), KPI.returningVisitors],
    },
  },
  funnel: {
    name: { en: "From visit to paid plan", nl: "Van bezoek naar betaald abonnement" },
    // A trial runs 14 days before anyone pays ("een gratis proefperiode van 14 dagen"), so the
    // window has to hold the trial plus time to decide.
    windowSeconds: 30 * 86400,
    steps: [
      { event: "pageview", label: { en: "Visited the site", nl: "Website bezocht" } },
      { event: "pageview", path: "/pricing*", label: { en: "Viewed pricing", nl: "Prijzen bekeken" } },
      { event: "trial_started", label: { en: "Started a trial", nl: "Proefperiode gestart" } },
      { event: "subscription_started", label: { en: "Took out a paid plan", nl: "Betaald abonnement afgesloten" } },
    ],
  },
  goals: [
    {
      key: "subscription_started",
      kind: "macro",
      name: { en: "Paid subscription", nl: "Betaald abonnement" },
      match: { event: "subscription_started" },
      revenue: true,
    },
    { key: "trial_started", kind: "micro", name: { en: "Trial started", nl: "Proefperiode gestart" }, match: { event: "trial_started" } },
    { key: "demo_requested", kind: "micro", name: { en: "Demo requested", nl: "Demo aangevraagd" }, match: { event: "demo_requested" } },
  ],
  benchmark: {
    rate: null,
    label: {
      en: "The articles give no benchmark for SaaS: measure your own rate and improve on it.",
      nl: "De artikelen noemen geen benchmark voor SaaS: meet je eigen ratio en verbeter die.",
    },
    source: null,
  },
  demo: {
    continue: [0.3, 0.25, 0.35],
    micro: [
      { event: "demo_requested", chance: 0.04, afterStep: 1, path: "/demo" },
      { event: "ebook_download", chance: 0.05, afterStep: 0, path: "/downloads/10-geheimen-van-efficient-projectmanagement" },
    ],
    slugs: TOPICS,
    stepPaths: [["/", "/", "/features", "/integrations"], ["/pricing"], null, null],
    blogPaths: ["/blog/hoe-houd-ik-mijn-team-productief", "/blog/projectplanning-voor-beginners", "/blog/tijdregistratie-zonder-gedoe"],
    orderValue: [29, 249],
    repeat: 0.6,
  },
};
