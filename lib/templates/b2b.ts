import type { SectorTemplate } from "./types";
import { KPI } from "./kpis";

export const b2b: SectorTemplate = {
  sector: "b2b",
  name: { en: "B2B services", nl: "Zakelijke dienstverlening" },
  description: { en: "Consultancies, agencies and service firms: visitors become qualified leads.", nl: "Adviesbureaus, bureaus en dienstverleners: bezoekers worden gekwalificeerde leads." },
  macroExample: { en: "A quote request", nl: "Een offerteaanvraag" },
  microExamples: [
    { en: "Whitepaper or case study download", nl: "Whitepaper of case study downloaden" },
    { en: "Webinar signup", nl: "Aanmelding voor een webinar" },
    { en: "Contact question", nl: "Vraag via het contactformulier" },
  ],
  stages: {
    awareness: { markers: [{ event: "pageview" }, { event: "pageview", path: "/blog/*" }], kpis: [KPI.visitors, KPI.newVisitors, KPI.topSources] },
    interest: { markers: [{ event: "whitepaper_download" }, { event: "webinar_signup" }], kpis: [KPI.visitorToLead, KPI.microConversions] },
    decision: { markers: [{ event: "pageview", path: "/services/*" }, { event: "contact_question" }], kpis: [KPI.requests] },
    action: { markers: [{ event: "quote_request" }], kpis: [KPI.macroRate, KPI.requests] },
    retention: { markers: [{ event: "quote_request" }], kpis: [KPI.repeatConversions, KPI.returningVisitors] },
  },
  funnel: {
    name: { en: "From visit to quote request", nl: "Van bezoek naar offerteaanvraag" },
    windowSeconds: 14 * 86400,
    steps: [
      { event: "pageview", label: { en: "Visited the site", nl: "Bezocht de site" } },
      { event: "pageview", path: "/services/*", label: { en: "Read a service page", nl: "Las een dienstenpagina" } },
      { event: "pageview", path: "/contact*", label: { en: "Opened the contact page", nl: "Opende de contactpagina" } },
      { event: "quote_request", label: { en: "Requested a quote", nl: "Vroeg een offerte aan" } },
    ],
  },
  goals: [
    { key: "quote_request", kind: "macro", name: { en: "Quote request", nl: "Offerteaanvraag" }, match: { event: "quote_request" } },
    { key: "whitepaper_download", kind: "micro", name: { en: "Whitepaper or case study download", nl: "Whitepaper of case study gedownload" }, match: { event: "whitepaper_download" } },
    { key: "webinar_signup", kind: "micro", name: { en: "Webinar signup", nl: "Aanmelding webinar" }, match: { event: "webinar_signup" } },
    { key: "contact_question", kind: "micro", name: { en: "Contact question", nl: "Contactvraag" }, match: { event: "contact_question" } },
  ],
  benchmark: {
    rate: null,
    label: { en: "The articles give no benchmark for B2B services: measure your own rate and improve on it.", nl: "De artikelen geven geen benchmark voor zakelijke dienstverlening: meet je eigen ratio en verbeter die." },
    source: null,
  },
  demo: {
    continue: [0.5, 0.25, 0.16],
    micro: [
      { event: "whitepaper_download", chance: 0.06, afterStep: 0, path: "/downloads/whitepaper" },
      { event: "webinar_signup", chance: 0.03, afterStep: 0 },
      { event: "contact_question", chance: 0.12, afterStep: 2 },
    ],
    slugs: ["marketing-automation", "data-analyse", "crm-implementatie", "interim-advies"],
    repeat: 0.08,
  },
};
