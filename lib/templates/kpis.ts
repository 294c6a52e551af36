import type { Localized, StageKpi } from "./types";

/**
 * The stage KPIs of sales-funnel.txt ("De juiste KPI's voor elke fase"), limited to what
 * Trechter sees: ad impressions and new social followers live in the ad and social tools, so
 * they are left out. An id names one computation; a sector may show it under its own name.
 */
export const KPI = {
  // awareness: "websiteverkeer"; bounce rate from "bezoekers [die] je landingspagina direct weer verlaten"
  visitors: { id: "visitors", name: { en: "Visitors", nl: "Bezoekers" } },
  newVisitors: { id: "new_visitors", name: { en: "New visitors", nl: "Nieuwe bezoekers" } },
  visitorsPerSource: { id: "visitors_per_source", name: { en: "Visitors per source", nl: "Bezoekers per bron" } },
  /** visitors whose visit had one page view */
  bounceRate: { id: "bounce_rate", name: { en: "Bounce rate", nl: "Bouncepercentage" } },

  // interest: "de conversieratio van bezoeker naar lead" (downloads, newsletter signups)
  /** visitors with an interest-stage marker / visitors */
  visitorToLeadRate: { id: "visitor_to_lead_rate", name: { en: "Visitor → lead rate", nl: "Conversie van bezoeker naar lead" } },
  /** conversions of the micro goals, per goal */
  microConversions: { id: "micro_conversions", name: { en: "Micro conversions", nl: "Microconversies" } },

  // decision: "het aantal aangevraagde demo's of offertes, de click-through rate op je productpagina's en de tijd [...] op deze pagina's"
  /** visitors with a decision-stage marker */
  decisionVisitors: { id: "decision_visitors", name: { en: "Visitors who are deciding", nl: "Bezoekers in de beslisfase" } },
  addToCartRate: { id: "add_to_cart_rate", name: { en: "Add-to-cart rate", nl: "Percentage dat iets in de winkelwagen legt" } },
  /** visitors of the funnel's page-pattern step who went on to the next step / its visitors */
  productPageClickThrough: {
    id: "product_page_click_through",
    name: { en: "Click-through from product pages", nl: "Doorklikratio van productpagina's" },
  },
  /** median time between a page view of the funnel's page-pattern step and the visitor's next event */
  timeOnKeyPages: { id: "time_on_key_pages", name: { en: "Time on key pages", nl: "Tijd op de belangrijkste pagina's" } },

  // action: "de uiteindelijke verkoopconversie, de gemiddelde orderwaarde (AOV) en de Customer Lifetime Value (CLV)"
  /** conversions of a request-type macro goal (quote, reservation, application) */
  requests: { id: "requests", name: { en: "Requests", nl: "Aanvragen" } },
  /** conversions of the revenue macro goal */
  purchases: { id: "purchases", name: { en: "Purchases", nl: "Aankopen" } },
  /** macro converters / visitors */
  macroConversionRate: { id: "macro_conversion_rate", name: { en: "Macro conversion rate", nl: "Macroconversieratio" } },
  averageOrderValue: { id: "average_order_value", name: { en: "Average order value", nl: "Gemiddelde orderwaarde" } },
  revenue: { id: "revenue", name: { en: "Revenue", nl: "Omzet" } },
  /** revenue per identified customer over everything we have seen of them */
  customerLifetimeValue: {
    id: "customer_lifetime_value",
    name: { en: "Customer lifetime value (CLV)", nl: "Klantwaarde over de hele relatie (CLV)" },
  },

  // retention: the article gives no KPIs here, only the aim ("Klant behouden, ambassadeur maken")
  /** buyers who bought again in the period */
  repeatPurchases: { id: "repeat_purchases", name: { en: "Repeat purchases", nl: "Herhaalaankopen" } },
  /** converters who converted again or fired a retention-stage marker later */
  repeatConversions: { id: "repeat_conversions", name: { en: "Returning converters", nl: "Klanten die terugkomen" } },
  returningVisitors: { id: "returning_visitors", name: { en: "Returning visitors", nl: "Terugkerende bezoekers" } },
} satisfies Record<string, StageKpi>;

/** The same computation under a name that fits the sector (a quote request, a reservation). */
export function named(kpi: StageKpi, name: Localized): StageKpi {
  return { id: kpi.id, name };
}
