import type { SectorTemplate } from "./types";
import { KPI, named } from "./kpis";

const PRODUCTS = ["fietstas-waterdicht", "regenjas-unisex", "koffiebonen-1kg", "sneakers-wit", "wollen-sjaal", "thermosfles"];

export const ecommerce: SectorTemplate = {
  sector: "ecommerce",
  name: { en: "E-commerce", nl: "E-commerce" },
  description: { en: "Webshops and retail: visitors become buyers.", nl: "Webshops en retail: van bezoeker naar koper." },
  macroExample: { en: "A completed purchase", nl: "Een voltooide aankoop" },
  microExamples: [
    { en: "Add to cart", nl: "Product in de winkelwagen" },
    { en: "Newsletter signup for a discount code", nl: "Inschrijving op de nieuwsbrief voor een kortingscode" },
    { en: "Account created", nl: "Account aangemaakt" },
    { en: "Wishlist", nl: "Verlanglijstje" },
  ],
  stages: {
    awareness: {
      markers: [{ event: "pageview" }],
      kpis: [KPI.visitors, KPI.newVisitors, KPI.visitorsPerSource, KPI.bounceRate],
    },
    interest: {
      markers: [{ event: "pageview", path: "/product/*" }, { event: "newsletter_signup" }, { event: "wishlist_add" }],
      kpis: [KPI.visitorToLeadRate, KPI.microConversions],
    },
    decision: {
      // An account is made "voor een snellere checkout": it belongs with the cart, not with loyalty.
      markers: [{ event: "add_to_cart" }, { event: "account_created" }, { event: "checkout_started" }],
      kpis: [
        KPI.addToCartRate,
        KPI.productPageClickThrough,
        named(KPI.timeOnKeyPages, { en: "Time on product pages", nl: "Tijd op productpagina's" }),
      ],
    },
    action: {
      markers: [{ event: "purchase" }],
      kpis: [KPI.purchases, KPI.macroConversionRate, KPI.averageOrderValue, KPI.revenue, KPI.customerLifetimeValue],
    },
    retention: {
      markers: [{ event: "login" }, { event: "pageview", path: "/account/orders*" }, { event: "review_submitted" }],
      kpis: [KPI.repeatPurchases, KPI.returningVisitors],
    },
  },
  funnel: {
    name: { en: "From visit to purchase", nl: "Van bezoek naar aankoop" },
    windowSeconds: 7 * 86400,
    steps: [
      { event: "pageview", label: { en: "Visited the shop", nl: "Webshop bezocht" } },
      { event: "pageview", path: "/product/*", label: { en: "Viewed a product", nl: "Product bekeken" } },
      { event: "add_to_cart", label: { en: "Added to cart", nl: "In winkelwagen gelegd" } },
      { event: "checkout_started", label: { en: "Started checkout", nl: "Afrekenen gestart" } },
      { event: "purchase", label: { en: "Completed the purchase", nl: "Aankoop afgerond" } },
    ],
  },
  goals: [
    { key: "purchase", kind: "macro", name: { en: "Purchase", nl: "Aankoop" }, match: { event: "purchase" }, revenue: true },
    { key: "add_to_cart", kind: "micro", name: { en: "Add to cart", nl: "In winkelwagen gelegd" }, match: { event: "add_to_cart" } },
    {
      key: "newsletter_signup",
      kind: "micro",
      name: { en: "Newsletter signup (discount code)", nl: "Nieuwsbriefinschrijving (kortingscode)" },
      match: { event: "newsletter_signup" },
    },
    {
      key: "account_created",
      kind: "micro",
      name: { en: "Account created", nl: "Account aangemaakt" },
      match: { event: "account_created" },
    },
    {
      key: "wishlist_add",
      kind: "micro",
      name: { en: "Added to wishlist", nl: "Op verlanglijstje gezet" },
      match: { event: "wishlist_add" },
    },
  ],
  benchmark: {
    rate: 0.0263,
    solidRange: [0.01, 0.03],
    solidRangeQuote:
      "Als je toch een benchmark wilt, wordt in e-commerce een conversieratio tussen de 1% en 3% vaak als een solide basis gezien.",
    label: { en: "visit → purchase, Dutch webshops", nl: "bezoek → aankoop, Nederlandse webshops" },
    source: {
      article: "conversie.txt",
      quote: "Gemiddeld ligt de conversieratio in de Nederlandse e-commerce rond de 2,63%.",
    },
  },
  // The demo generator's test pins ecommerce output: changing these numbers or slugs changes its digest.
  demo: {
    continue: [0.45, 0.18, 0.55, 0.59],
    micro: [
      { event: "newsletter_signup", chance: 0.04, afterStep: 0 },
      { event: "wishlist_add", chance: 0.08, afterStep: 1 },
      { event: "account_created", chance: 0.35, afterStep: 3 },
    ],
    slugs: PRODUCTS,
    stepPaths: [
      ["/", "/", "/sale", "/collections/regenkleding", "/collections/koffie"],
      PRODUCTS.map((p) => `/product/${p}`),
      null,
      null,
      null,
    ],
    blogPaths: ["/blog/fietstas-kiezen", "/blog/regenjas-wassen", "/blog/koffie-zetten-met-een-french-press"],
    orderValue: [19, 189],
    repeat: 0.18,
  },
};
