import type { SectorTemplate } from "./types";
import { KPI } from "./kpis";

export const hospitality: SectorTemplate = {
  sector: "hospitality",
  name: { en: "Hospitality", nl: "Horeca" },
  description: { en: "Restaurants, hotels and venues: visitors book a table or a stay.", nl: "Restaurants, hotels en locaties: bezoekers reserveren een tafel of verblijf." },
  macroExample: { en: "A table reservation or booking", nl: "Een tafelreservering of boeking" },
  microExamples: [
    { en: "Menu viewed", nl: "Menukaart bekeken" },
    { en: "Photos viewed", nl: "Fotoboek bekeken" },
    { en: "Availability checked", nl: "Beschikbaarheid gecontroleerd" },
    { en: "Newsletter with seasonal offers", nl: "Nieuwsbrief met seizoensaanbiedingen" },
  ],
  stages: {
    awareness: { markers: [{ event: "pageview" }], kpis: [KPI.visitors, KPI.newVisitors, KPI.topSources] },
    interest: { markers: [{ event: "pageview", path: "/menu*" }, { event: "pageview", path: "/photos*" }, { event: "newsletter_signup" }], kpis: [KPI.visitorToLead, KPI.microConversions] },
    decision: { markers: [{ event: "availability_check" }], kpis: [KPI.requests] },
    action: { markers: [{ event: "reservation" }], kpis: [KPI.macroRate, KPI.requests] },
    retention: { markers: [{ event: "reservation" }], kpis: [KPI.repeatConversions, KPI.returningVisitors] },
  },
  funnel: {
    name: { en: "From visit to reservation", nl: "Van bezoek naar reservering" },
    windowSeconds: 7 * 86400,
    steps: [
      { event: "pageview", label: { en: "Visited the site", nl: "Bezocht de site" } },
      { event: "pageview", path: "/menu*", label: { en: "Viewed the menu", nl: "Bekeek de menukaart" } },
      { event: "availability_check", label: { en: "Checked availability", nl: "Controleerde beschikbaarheid" } },
      { event: "reservation", label: { en: "Reserved", nl: "Reserveerde" } },
    ],
  },
  goals: [
    { key: "reservation", kind: "macro", name: { en: "Reservation or booking", nl: "Reservering of boeking" }, match: { event: "reservation" } },
    { key: "menu_viewed", kind: "micro", name: { en: "Menu viewed", nl: "Menukaart bekeken" }, match: { event: "pageview", path: "/menu*" } },
    { key: "photos_viewed", kind: "micro", name: { en: "Photos viewed", nl: "Foto's bekeken" }, match: { event: "pageview", path: "/photos*" } },
    { key: "availability_check", kind: "micro", name: { en: "Availability checked", nl: "Beschikbaarheid gecontroleerd" }, match: { event: "availability_check" } },
    { key: "newsletter_signup", kind: "micro", name: { en: "Newsletter signup", nl: "Nieuwsbriefinschrijving" }, match: { event: "newsletter_signup" } },
  ],
  benchmark: {
    rate: null,
    label: { en: "The articles give no benchmark for hospitality: measure your own rate and improve on it.", nl: "De artikelen geven geen benchmark voor de horeca: meet je eigen ratio en verbeter die." },
    source: null,
  },
  demo: {
    continue: [0.4, 0.3, 0.2],
    micro: [
      { event: "pageview", chance: 0.15, afterStep: 0, path: "/photos" },
      { event: "newsletter_signup", chance: 0.03, afterStep: 1 },
    ],
    slugs: ["lunch", "diner", "borrel"],
    repeat: 0.22,
  },
};
