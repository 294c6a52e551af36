import type { StageKpi } from "./types";

/** The stage KPIs of sales-funnel.txt ("De juiste KPI's voor elke fase"), shared by the sectors. */
export const KPI = {
  visitors: { id: "visitors", name: { en: "Visitors", nl: "Bezoekers" } },
  newVisitors: { id: "new_visitors", name: { en: "New visitors", nl: "Nieuwe bezoekers" } },
  topSources: { id: "top_sources", name: { en: "Visitors per source", nl: "Bezoekers per bron" } },
  visitorToLead: { id: "visitor_to_lead_rate", name: { en: "Visitor → lead rate", nl: "Conversie bezoeker → lead" } },
  microConversions: { id: "micro_conversions", name: { en: "Micro conversions", nl: "Microconversies" } },
  requests: { id: "requests", name: { en: "Requests (quotes, demos, reservations)", nl: "Aanvragen (offertes, demo's, reserveringen)" } },
  productViews: { id: "product_views", name: { en: "Product page views", nl: "Weergaven productpagina's" } },
  macroRate: { id: "macro_conversion_rate", name: { en: "Macro conversion rate", nl: "Macroconversieratio" } },
  purchases: { id: "purchases", name: { en: "Purchases", nl: "Aankopen" } },
  averageOrderValue: { id: "average_order_value", name: { en: "Average order value", nl: "Gemiddelde orderwaarde" } },
  revenue: { id: "revenue", name: { en: "Revenue", nl: "Omzet" } },
  repeatConversions: { id: "repeat_conversions", name: { en: "Returning converters", nl: "Terugkerende converteerders" } },
  returningVisitors: { id: "returning_visitors", name: { en: "Returning visitors", nl: "Terugkerende bezoekers" } },
} satisfies Record<string, StageKpi>;
