import type en from "../en/conversions";

const conversions: typeof en = {
  title: "Conversies",
  intro:
    "Welke waardevolle acties er gebeuren, hoe vaak, bij welk segment, en hoe dat zich verhoudt tot je sector. De ratio is het aantal unieke bezoekers dat converteerde gedeeld door het aantal unieke bezoekers.",
  empty: {
    title: "Nog geen doelen",
    body: "Doelen zijn de acties die ertoe doen: een aankoop, een offerteaanvraag, een nieuwsbriefinschrijving. Voeg ze toe om hun conversieratio te zien.",
  },
  summary: {
    visitors: "Unieke bezoekers",
    newVisitors: "Nieuwe bezoekers",
    returning: "{n} terugkerend",
    macroRate: "Macroconversieratio",
    change: "{change} t.o.v. vorige periode",
    noPrevious: "Geen bezoekers in de vorige periode",
    counts:
      "Telt unieke bezoekers die {goal} minstens één keer haalden, langs welke weg ook; een funnel telt alleen wie zijn stappen in volgorde volgde.",
  },
  goal: {
    macro: "Macrodoel",
    micro: "Microdoel",
    macroGoals: "Macrodoelen",
    microGoals: "Microdoelen",
    rate: "Conversieratio",
    interval: "95%-interval {interval}",
    converted: { one: "{converted} van {count} bezoeker geconverteerd", other: "{converted} van {count} bezoekers geconverteerd" },
    conversions: { one: "{count} conversie in totaal", other: "{count} conversies in totaal" },
    repeat: { one: "{count} bezoeker converteerde vaker dan één keer", other: "{count} bezoekers converteerden vaker dan één keer" },
    change: "{change} t.o.v. vorige periode ({rate})",
    noPrevious: "Geen ratio in de vorige periode",
    small: "Te weinig bezoekers voor een betrouwbare ratio",
    revenue: "Omzet",
    aov: "Gemiddelde orderwaarde",
    perVisitor: "Omzet per bezoeker",
    sparkline: "Dagelijkse conversieratio van {goal}",
  },
  benchmark: {
    title: "Benchmark van je sector",
    rate: "{rate} voor {label}",
    solid: "Solide basis: {interval}",
    none: "Geen benchmark",
    explanation: {
      ecommerce: "Gemiddeld ligt de conversieratio in de Nederlandse e-commerce rond de {rate}.",
      recruitment:
        "Recente benchmarks tonen aan dat gemiddeld {rate} van de bezoekers van een specifieke vacaturepagina ook daadwerkelijk solliciteert.",
    },
    source: "Bron: {publisher} ({site}), “{title}”, gepubliceerd op {date}",
    verdict: {
      above: "Boven de benchmark: zelfs de onderkant van je interval ligt erboven.",
      below: "Onder de benchmark: zelfs de bovenkant van je interval haalt hem niet.",
      around: "Rond de benchmark: je interval omvat hem, dus het verschil kan toeval zijn.",
      insufficient: "Nog te weinig bezoekers om met de benchmark te vergelijken (er zijn er minstens {n} nodig).",
    },
  },
  whatIf: {
    title: "Wat als",
    label: "Doelratio",
    more: {
      zero: "geen converterende bezoekers meer",
      one: "{count} converterende bezoeker meer",
      other: "{count} converterende bezoekers meer",
    },
    fewer: { one: "{count} converterende bezoeker minder", other: "{count} converterende bezoekers minder" },
    revenue: {
      one: "Bij {target} in plaats van {current} levert dezelfde {count} bezoeker {extra} op ({relative}) en {revenue} omzet in plaats van {revenueNow}.",
      other:
        "Bij {target} in plaats van {current} leveren dezelfde {count} bezoekers {extra} op ({relative}) en {revenue} omzet in plaats van {revenueNow}.",
    },
    leads: {
      one: "Bij {target} in plaats van {current} levert dezelfde {count} bezoeker {extra} op ({relative}): {at} in plaats van {now}.",
      other: "Bij {target} in plaats van {current} leveren dezelfde {count} bezoekers {extra} op ({relative}): {at} in plaats van {now}.",
    },
    full: "Elke bezoeker in deze periode converteerde al: een hogere ratio is er niet.",
  },
  stages: {
    title: "Fasen van de salesfunnel",
    body: "De KPI's die het artikel over de salesfunnel per fase noemt, voor zover je events ze toelaten.",
    reached: { one: "{count} bezoeker ({share})", other: "{count} bezoekers ({share})" },
    notAvailable: "Niet af te leiden uit je events",
    retentionCounts: "Behouden klanten: ze converteerden opnieuw in deze periode, of kwamen terug als klant.",
    names: { awareness: "Bewustwording", interest: "Interesse", decision: "Overweging", action: "Actie", retention: "Behoud" },
  },
  segments: {
    title: "Conversieratio per segment",
    caption: "Conversieratio per {field}",
    body: "Elke bezoeker telt mee in het segment van zijn eerste bezoek in de periode.",
    goal: "Doel",
    value: "Waarde",
    visitors: "Bezoekers",
    converted: "Geconverteerd",
    conversions: "Conversies",
    rate: "Ratio",
    interval: "95%-interval",
    small: "weinig bezoekers",
    smallHint: {
      one: "Rijen met ‘weinig bezoekers’ hebben minder dan {count} bezoeker: hun ratio kan sterk schommelen.",
      other: "Rijen met ‘weinig bezoekers’ hebben minder dan {count} bezoekers: hun ratio kan sterk schommelen.",
    },
    sortBy: "Sorteer op {column}",
    empty: "Geen bezoekers in deze periode.",
    chart: "Conversieratio per {field}",
  },
  download: "CSV downloaden",
  downloads: { goals: "Doelen (CSV)", daily: "Per dag (CSV)", stages: "Fase-KPI's (CSV)", segment: "Deze tabel (CSV)" },
  error: "Het overzicht kon niet worden geladen.",
};
export default conversions;
