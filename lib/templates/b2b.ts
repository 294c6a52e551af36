import type { SectorTemplate } from "./types";
import { KPI, named } from "./kpis";

const SERVICES = ["marketing-automation", "data-analyse", "crm-implementatie", "interim-advies"];

export const b2b: SectorTemplate = {
  sector: "b2b",
  name: { en: "B2B services", nl: "Zakelijke dienstverlening" },
  description: {
    en: "Consultancies, agencies and other service firms: visitors become qualified leads.",
    nl: "Adviesbureaus, marketingbureaus en andere dienstverleners: van bezoeker naar gekwalificeerde lead.",
  },
  macroExample: { en: "A quote request", nl: "Een offerteaanvraag" },
  microExamples: [
    { en: "Whitepaper or case study download", nl: "Whitepaper of case study downloaden" },
    { en: "Webinar signup", nl: "Aanmelding voor een webinar" },
    { en: "Contact question", nl: "Vraag via het contactformulier" },
  ],
  stages: {
    awareness: {
      markers: [{ event: "pageview" }],
      kpis: [KPI.visitors, KPI.newVisitors, KPI.visitorsPerSource, KPI.bounceRate],
    },
    interest: {
      markers: [{ event: "whitepaper_download" }, { event: "webinar_signup" }],
      kpis: [KPI.visitorToLeadRate, KPI.microConversions],
    },
    decision: {
      markers: [
        { event: "pageview", path: "/services/*" },
        { event: "pageview", path: "/cases/*" },
        { event: "pageview", path: "/contact*" },
        { event: "contact_question" },
      ],
      kpis: [
        named(KPI.decisionVisitors, { en: "Visitors comparing services", nl: "Bezoekers die diensten vergelijken" }),
        named(KPI.timeOnKeyPages, { en: "Time on service pages", nl: "Tijd op dienstenpagina's" }),
        named(KPI.productPageClickThrough, { en: "Click-through from service pages", nl: "Doorklikratio van dienstenpagina's" }),
      ],
    },
    action: {
      markers: [{ event: "quote_request" }],
      kpis: [named(KPI.requests, { en: "Quote requests", nl: "Offerteaanvragen" }), KPI.macroConversionRate],
    },
    retention: {
      markers: [{ event: "login" }, { event: "review_submitted" }],
      kpis: [named(KPI.repeatConversions, { en: "Returning clients", nl: "Terugkerende opdrachtgevers" }), KPI.returningVisitors],
    },
  },
  funnel: {
    name: { en: "From visit to quote request", nl: "Van bezoek naar offerteaanvraag" },
    // Businesses compare suppliers for weeks before they ask for a quote ("Zo'n aankoopproces duurt
    // vaak weken"), so a one-week window would lose requests that the site did earn.
    windowSeconds: 14 * 86400,
    steps: [
      { event: "pageview", label: { en: "Visited the site", nl: "Website bezocht" } },
      { event: "pageview", path: "/services/*", label: { en: "Read a service page", nl: "Dienstenpagina gelezen" } },
      { event: "pageview", path: "/contact*", label: { en: "Opened the contact page", nl: "Contactpagina geopend" } },
      { event: "quote_request", label: { en: "Requested a quote", nl: "Offerte aangevraagd" } },
    ],
  },
  goals: [
    { key: "quote_request", kind: "macro", name: { en: "Quote request", nl: "Offerteaanvraag" }, match: { event: "quote_request" } },
    {
      key: "whitepaper_download",
      kind: "micro",
      name: { en: "Whitepaper or case study download", nl: "Whitepaper of case study gedownload" },
      match: { event: "whitepaper_download" },
    },
    {
      key: "webinar_signup",
      kind: "micro",
      name: { en: "Webinar signup", nl: "Aanmelding voor een webinar" },
      match: { event: "webinar_signup" },
    },
    {
      key: "contact_question",
      kind: "micro",
      name: { en: "Contact question", nl: "Vraag via het contactformulier" },
      match: { event: "contact_question" },
    },
  ],
  benchmark: {
    rate: null,
    label: {
      en: "The articles give no benchmark for B2B services: measure your own rate and improve on it.",
      nl: "De artikelen noemen geen benchmark voor zakelijke dienstverlening: meet je eigen ratio en verbeter die.",
    },
    source: null,
  },
  demo: {
    continue: [0.5, 0.25, 0.16],
    micro: [
      { event: "whitepaper_download", chance: 0.06, afterStep: 0, path: "/downloads/whitepaper-marketing-automation" },
      { event: "webinar_signup", chance: 0.03, afterStep: 0 },
      // Asked while on the contact page: some ask a question instead of, or before, a quote.
      { event: "contact_question", chance: 0.12, afterStep: 1, path: "/contact" },
    ],
    slugs: SERVICES,
    stepPaths: [["/", "/", "/about", "/cases"], SERVICES.map((s) => `/services/${s}`), ["/contact"], null],
    blogPaths: ["/blog/marketing-automation-in-het-mkb", "/blog/checklist-crm-kiezen", "/blog/datagedreven-werken"],
    repeat: 0.08,
  },
};
