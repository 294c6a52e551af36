import type en from "../en/project";

const project: typeof en = {
  tabsLabel: "Onderdelen van het project",
  tabs: {
    funnels: "Funnels",
    conversions: "Conversies",
    dashboards: "Dashboards",
    goals: "Doelen",
    experiments: "A/B-tests",
    spend: "Uitgaven",
    settings: "Instellingen",
  },
  settings: {
    detailsTitle: "Project",
    detailsBody: "De naam, de site en de tijdzone waarin de dagen worden geteld.",
    name: "Projectnaam",
    siteUrl: "Adres van de site",
    siteUrlHint: "Optioneel, zoals https://www.voorbeeld.nl.",
    timeZone: "Tijdzone",
    timeZoneHint:
      'Rapporten tellen hele dagen in deze zone. Na een wijziging worden opgeslagen funnels opnieuw geteld in de nieuwe zone (de eerste weergaven gebruiken zolang de tragere rekenmotor); bereiken als "laatste 30 dagen" gaan mee, vaste datums blijven dezelfde datums.',
    save: "Opslaan",
    saving: "Bezig met opslaan…",
    saved: "Opgeslagen.",
    detailsAdminOnly: "Alleen beheerders en eigenaren kunnen het project wijzigen.",
    originsTitle: "Toegestane herkomst",
    originsBody:
      "De sites waarvan de pagina's events mogen sturen met de schrijfsleutel van dit project. Een browser noemt de site van de pagina in de Origin- (of Referer-)header; events van elke andere site worden geweigerd en geteld.",
    originsLabel: "Sites, één per regel",
    originsHint:
      "Schema, host en poort, zoals https://www.voorbeeld.nl of http://localhost:3000. https://*.voorbeeld.nl staat elk subdomein toe (niet voorbeeld.nl zelf).",
    originsEmpty: "De lijst is leeg: elke site mag events sturen met de schrijfsleutel.",
    originsActive: {
      one: "Alleen {count} site mag events sturen vanuit een browser.",
      other: "Alleen deze {count} sites mogen events sturen vanuit een browser.",
    },
    originsLine: "Regel {line}: {problem}",
    originProblems: {
      origin_invalid: "geen adres van een site; schrijf het als https://www.voorbeeld.nl.",
      origin_path: "alleen de site, zonder pad, query of #: https://www.voorbeeld.nl.",
      origin_scheme: "begint met https:// of http://.",
      origin_wildcard: "een jokerteken mag alleen vooraan in een domeinnaam staan, zoals https://*.voorbeeld.nl.",
      origin_too_long: "te lang voor het adres van een site.",
    },
    originsTooMany: "Hoogstens {max} sites.",
    acceptWithoutOrigin: "Events zonder Origin accepteren (bibliotheken op een server)",
    acceptWithoutOriginHint:
      "Segment-bibliotheken op je server en curl sturen geen Origin en geen Referer. Zet dit alleen uit als elk event uit een browser komt.",
    originsRefused: {
      zero: "Er zijn de afgelopen 30 dagen geen events geweigerd.",
      one: "Er is de afgelopen 30 dagen {count} event geweigerd (het laatst op {day}).",
      other: "Er zijn de afgelopen 30 dagen {count} events geweigerd (het laatst op {day}).",
    },
    originsNote:
      "Zo kunnen andere sites niet sturen met een gekopieerde sleutel; een script dat headers vervalst kan dat nog wel, zoals bij elke openbare sleutel.",
    originsAdminOnly: "Alleen beheerders en eigenaren kunnen de toegestane herkomst wijzigen.",
    exportTitle: "Events exporteren",
    exportBody:
      "Download de events van het project over een reeks dagen, voor een inzageverzoek van een bezoeker of om je gegevens mee te nemen. Dagen worden geteld in de tijdzone van het project.",
    exportFrom: "Van",
    exportTo: "Tot en met",
    exportFormat: "Formaat",
    exportNdjson: "NDJSON (één JSON-object per regel)",
    exportCsv: "CSV (spreadsheet)",
    exportButton: "Downloaden",
    exportChecking: "Events tellen…",
    exportStarted: {
      zero: "Geen events in deze periode; het bestand bevat alleen de kopregel.",
      one: "{count} event wordt gedownload.",
      other: "{count} events worden gedownload.",
    },
    exportLimit: {
      one: "Hoogstens {count} event per download: exporteer een lange geschiedenis periode voor periode.",
      other: "Hoogstens {count} events per download: exporteer een lange geschiedenis periode voor periode.",
    },
    exportErrors: {
      range: "Kies een begindag op of vóór de einddag.",
      day: "Kies dagen van 2000 tot en met 2100.",
      tooLarge: {
        one: "Deze periode bevat meer dan {count} event. Kies een kortere periode en exporteer de rest apart.",
        other: "Deze periode bevat meer dan {count} events. Kies een kortere periode en exporteer de rest apart.",
      },
      busy: "Er loopt al een export van dit project. Wacht tot die klaar is.",
      failed: "De export kon niet starten. Probeer het opnieuw.",
    },
    exportAdminOnly: "Alleen beheerders en eigenaren kunnen events exporteren.",
    privacyLink: "Wat Trechter over je bezoekers bewaart",
    deleteTitle: "Project verwijderen",
    deleteBody:
      "Verwijdert het project met al zijn events, bezoekers, funnels, doelen, deellinks, advertentie-uitgaven en A/B-tests. Dit kan niet ongedaan worden gemaakt: exporteer eerst de events als je ze nodig hebt.",
    deleteConfirmLabel: "Typ de naam van het project, {name}, ter bevestiging",
    deleteButton: "Dit project verwijderen",
    deleting: "Bezig met verwijderen…",
    deleteAdminOnly: "Alleen beheerders en eigenaren kunnen het project verwijderen.",
    errors: {
      name: "Vul een projectnaam in van hoogstens 100 tekens.",
      siteUrl: "Vul het adres van de site in, zoals https://www.voorbeeld.nl.",
      timeZone: "Kies een tijdzone uit de lijst.",
      confirmName: "Typ de naam van het project precies zoals die er staat.",
      forbidden: "Je rol staat dit niet toe. Vraag het een beheerder of eigenaar van het team.",
      notFound: "Dit project bestaat niet meer.",
    },
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
      "Zet deze tag op elke pagina, vlak voor </head>. Hij meet paginaweergaven (ook bij navigatie binnen de pagina), respecteert Do Not Track en Global Privacy Control en plaatst geen cookies.",
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
