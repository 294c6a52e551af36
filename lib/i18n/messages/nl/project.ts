import type en from "../en/project";

const project: typeof en = {
  tabsLabel: "Onderdelen van het project",
  tabs: {
    funnels: "Funnels",
    conversions: "Conversies",
    goals: "Doelen",
    experiments: "A/B-tests",
    spend: "Uitgaven",
    settings: "Instellingen",
  },
  settings: {
    title: "Instellingen",
    keysTitle: "API-sleutels",
    keysBody:
      "Met de schrijfsleutel stuur je events (die is openbaar: hij staat in de pagina's van je site). Met de leessleutel lees je resultaten via de query-API; houd die geheim.",
    writeKey: "Schrijfsleutel",
    readKey: "Leessleutel",
    readKeyHidden: "Eenmalig getoond bij het aanmaken. We bewaren alleen een vingerafdruk: {prefix}",
    writeKeyUnavailable:
      "De schrijfsleutel kan niet worden getoond (de AUTH_SECRET van de server is gewijzigd). Vernieuw hem voor een nieuwe.",
    rotate: "Vernieuwen",
    rotateWriteConfirm:
      "Schrijfsleutel vernieuwen? Sites die nog met de oude sleutel sturen, worden pas weer geteld als je de snippet bijwerkt.",
    rotateReadConfirm: "Leessleutel vernieuwen? Tools met de oude sleutel verliezen meteen hun toegang.",
    newReadKey: "Je nieuwe leessleutel. Kopieer hem nu: hij wordt niet meer getoond.",
    rotated: "Sleutel vernieuwd.",
    adminOnly: "Alleen beheerders en eigenaren kunnen sleutels vernieuwen.",
    snippetTitle: "Installeer de snippet",
    snippetBody:
      "Zet deze tag op elke pagina, vlak voor </head>. Hij meet paginaweergaven (ook bij navigatie binnen de pagina), respecteert Do Not Track en plaatst geen cookies.",
    snippetApi: "Stuur je eigen events met trechter.track(naam, eigenschappen) en herken mensen met trechter.identify(userId, kenmerken).",
    serverTitle: "Of stuur vanaf je server",
    serverBody: "Trechter spreekt de Segment HTTP Tracking API: richt elke Segment-bibliotheek op deze host.",
    verifyTitle: "Installatie controleren",
    verifyButton: "Zoek naar events",
    verifyChecking: "Bezig met controleren…",
    verifyNone: "Nog geen events ontvangen. Open je site met de snippet in een browser en controleer opnieuw.",
    verifyLast: "Laatste event: {name} op {path}, ontvangen {when}.",
    verifyLastNoPath: "Laatste event: {name}, ontvangen {when}.",
  },
};
export default project;
