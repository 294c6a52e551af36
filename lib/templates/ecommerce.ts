import type { SectorTemplate } from "./types";
import { KPI } from "./kpis";

export const ecommerce: SectorTemplate = {
  sector: "ecommerce",
  name: { en: "E-commerce", nl: "E-commerce" },
  description: { en: "Webshops and retail: visitors become buyers.", nl: "Webshops en retail: bezoekers worden kopers." },
  macroExample: { en: "A completed purchase", nl: "Een voltooide aankoop" },
  microExamples: [
    { en: "Add to cart", nl: "Product in winkelwagen" },
    { en: "Newsletter signup for a discount code", nl: "Nieuwsbrief voor een kortingscode" },
    { en: "Account created", nl: "Account aangemaakt" },
    { en: "Wishlist", nl: "Verlanglijstje" },
  ],
  stages: {
    awareness: { markers: [{ event: "pageview" }], kpis: [KPI.visitors, KPI.newVisitors, KPI.topSources] },
    interest: { markers: [{ event: "pageview", path: "/product/*" }, { event: "newsletter_signup" }, { event: "wishlist_add" }], kpis: [KPI.productViews, KPI.visitorToLead] },
    decision: { markers: [{ event: "add_to_cart" }, { event: "checkout_started" }], kpis: [KPI.requests, KPI.microConversions] },
    action: { markers: [{ event: "purchase" }], kpis: [KPI.purchases, KPI.macroRate, KPI.averageOrderValue, KPI.revenue] },
    retention: { markers: [{ event: "account_created" }, { event: "purchase" }], kpis: [KPI.repeatConversions, KPI.returningVisitors] },
  },
  funnel: {
    name: { en: "From visit to purchase", nl: "Van bezoek naar aankoop" },
    windowSeconds: 7 * 86400,
    steps: [
      { event: "pageview", label: { en: "Visited the shop", nl: "Bezocht de webshop" } },
      { event: "pageview", path: "/product/*", label: { en: "Viewed a product", nl: "Bekeek een product" } },
      { event: "add_to_cart", label: { en: "Added to cart", nl: "In winkelwagen gelegd" } },
      { event: "checkout_started", label: { en: "Started checkout", nl: "Begon met afrekenen" } },
      { event: "purchase", label: { en: "Purchased", nl: "Kocht" } },
    ],
  },
  goals: [
    { key: "purchase", kind: "macro", name: { en: "Purchase", nl: "Aankoop" }, match: { event: "purchase" }, revenue: true },
    { key: "add_to_cart", kind: "micro", name: { en: "Add to cart", nl: "In winkelwagen" }, match: { event: "add_to_cart" } },
    { key: "newsletter_signup", kind: "micro", name: { en: "Newsletter signup (discount code)", nl: "Nieuwsbriefinschrijving (kortingscode)" }, match: { event: "newsletter_signup" } },
    { key: "account_created", kind: "micro", name: { en: "Account created", nl: "Account aangemaakt" }, match: { event: "account_created" } },
    { key: "wishlist_add", kind: "micro", name: { en: "Added to wishlist", nl: "Op verlanglijstje gezet" }, match: { event: "wishlist_add" } },
  ],
  benchmark: {
    rate: 0.0263,
    solidRange: [0.01, 0.03],
    label: { en: "visit → purchase, Dutch webshops", nl: "bezoek → aankoop, Nederlandse webshops" },
    source: {
      article: "conversie.txt",
      quote: "Gemiddeld ligt de conversieratio in de Nederlandse e-commerce rond de 2,63%.",
    },
  },
  demo: {
    continue: [0.45, 0.18, 0.55, 0.59],
    micro: [
      { event: "newsletter_signup", chance: 0.04, afterStep: 0 },
      { event: "wishlist_add", chance: 0.08, afterStep: 1 },
      { event: "account_created", chance: 0.35, afterStep: 3 },
    ],
    slugs: ["fietstas-waterdicht", "regenjas-unisex", "koffiebonen-1kg", "sneakers-wit", "wollen-sjaal", "thermosfles"],
    orderValue: [19, 189],
    repeat: 0.18,
  },
};
