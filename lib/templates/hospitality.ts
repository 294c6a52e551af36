import type { SectorTemplate } from "./types";
import { KPI, named } from "./kpis";

const MENUS = ["lunch", "diner", "borrel"];

export const hospitality: SectorTemplate = {
  sector: "hospitality",
  name: { en: "Hospitality", nl: "Horeca" },
  description: {
    en: "Restaurants, hotels and venues: visitors book a table or a stay.",
    nl: "Restaurants, hotels en evenementenlocaties: bezoekers reserveren een tafel of boeken een verblijf.",
  },
  macroExample: { en: "A table reservation or booking", nl: "Een tafelreservering of boeking" },
  microExamples: [
    { en: "Menu viewed", nl: "Menukaart bekeken" },
    { en: "Photos viewed", nl: "Door het fotoboek gebladerd" },
    { en: "Availability checked", nl: "Beschikbaarheid gecontroleerd" },
    { en: "Newsletter with seasonal offers", nl: "Nieuwsbrief met seizoensaanbiedingen" },
  ],
  stages: {
    awareness: {
      markers: [{ event: "pageview" }],
      kpis: [KPI.visitors, KPI.newVisitors, KPI.visitorsPerSource, KPI.bounceRate],
    },
    interest: {
      markers: [{ event: "pageview", path: "/menu*" }, { event: "pageview", path: "/photos*" }, { event: "newsletter_signup" }],
      kpis: [
        named(KPI.visitorToLeadRate, {
          en: "Share of visitors who view the menu or photos",
          nl: "Aandeel bezoekers dat menukaart of foto's bekijkt",
        }),
        KPI.microConversions,
      ],
    },
    decision: {
      markers: [{ event: "availability_check" }],
      kpis: [named(KPI.decisionVisitors, { en: "Availability checks", nl: "Beschikbaarheidscontroles" })],
    },
    action: {
      markers: [{ event: "reservation" }],
      kpis: [named(KPI.requests, { en: "Reservations and bookings", nl: "Reserveringen en boekingen" }), KPI.macroConversionRate],
    },
    retention: {
      // Guests who come back or recommend the place: "ambassadeur maken" in the article's table.
      markers: [{ event: "review_submitted" }, { event: "gift_card_purchase" }],
      kpis: [named(KPI.repeatConversions, { en: "Returning guests", nl: "Terugkerende gasten" }), KPI.returningVisitors],
    },
  },
  funnel: {
    name: { en: "From visit to reservation", nl: "Van bezoek naar reservering" },
    windowSeconds: 7 * 86400,
    steps: [
      { event: "pageview", label: { en: "Visited the site", nl: "Website bezocht" } },
      { event: "pageview", path: "/menu*", label: { en: "Viewed the menu", nl: "Menukaart bekeken" } },
      { event: "availability_check", label: { en: "Checked availability", nl: "Beschikbaarheid gecontroleerd" } },
      { event: "reservation", label: { en: "Made a reservation", nl: "Reservering gemaakt" } },
    ],
  },
  goals: [
    {
      key: "reservation",
      kind: "macro",
      name: { en: "Reservation or booking", nl: "Reservering of boeking" },
      match: { event: "reservation" },
    },
    {
      key: "menu_viewed",
      kind: "micro",
      name: { en: "Menu viewed", nl: "Menukaart bekeken" },
      match: { event: "pageview", path: "/menu*" },
    },
    {
      key: "photos_viewed",
      kind: "micro",
      name: { en: "Photos viewed", nl: "Foto's bekeken" },
      match: { event: "pageview", path: "/photos*" },
    },
    {
      key: "availability_check",
      kind: "micro",
      name: { en: "Availability checked", nl: "Beschikbaarheid gecontroleerd" },
      match: { event: "availability_check" },
    },
    {
      key: "newsletter_signup",
      kind: "micro",
      name: { en: "Newsletter signup", nl: "Inschrijving op de nieuwsbrief" },
      match: { event: "newsletter_signup" },
    },
  ],
  benchmark: {
    rate: null,
    label: {
      en: "The articles give no benchmark for hospitality: measure your own rate and improve on it.",
      nl: "De artikelen noemen geen benchmark voor de horeca: meet je eigen ratio en verbeter die.",
    },
    source: null,
  },
  demo: {
    continue: [0.4, 0.3, 0.2],
    micro: [
      { event: "pageview", chance: 0.15, afterStep: 0, path: "/photos" },
      { event: "newsletter_signup", chance: 0.03, afterStep: 1 },
    ],
    slugs: MENUS,
    stepPaths: [["/", "/", "/about", "/contact"], ["/menu", ...MENUS.map((m) => `/menu/${m}`)], null, null],
    blogPaths: ["/blog/nieuw-op-de-kaart-herfstmenu", "/blog/wijnavond-met-de-sommelier", "/blog/terras-weer-open"],
    repeat: 0.22,
  },
};
