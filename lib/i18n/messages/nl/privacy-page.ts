import type en from "../en/privacy-page";

const nl: typeof en = {
  title: "Privacy",
  intro:
    "Trechter telt hoe bezoekers door de funnel van een site gaan. Het is gebouwd om zo weinig mogelijk persoonsgegevens nodig te hebben: geen cookies, geen IP-adressen, geen fingerprinting. Op deze pagina staat precies wat het bewaart, voor de teams die het gebruiken en voor hun bezoekers.",
  storedTitle: "Wat Trechter per event bewaart",
  stored: {
    event: "de naam van het event (een paginaweergave, of een actie die de site benoemt, zoals add_to_cart) en het tijdstip;",
    ids: "een willekeurige anonieme code die de browser van de bezoeker maakt, en de eigen gebruikers-id van de site als de site een bezoeker identificeert (identify);",
    page: "bij een paginaweergave: het pad en adres van de pagina, de titel en het adres van de pagina ervoor, zoals het script ze stuurt;",
    properties:
      "de eigenschappen die de site met een event meestuurt (een productcode, de omzet van een bestelling) en de kenmerken die hij met identify stuurt;",
    derived:
      "wat uit het verzoek wordt afgeleid (hieronder): bron, medium en campagne, het verwijzende domein, type apparaat, browser, besturingssysteem en land.",
  },
  notStoredTitle: "Wat het niet bewaart",
  notStored: {
    ip: "Geen IP-adres. Het adres wordt één keer gebruikt om het land op te zoeken in een database die met Trechter wordt meegeleverd (er wordt geen externe dienst gevraagd) en daarna weggegooid.",
    cookies:
      "Geen cookies en geen fingerprinting. De user-agenttekst van de browser wordt teruggebracht tot type apparaat, browser en besturingssysteem; de tekst zelf wordt niet bewaard.",
    thirdParties: "Er gaat niets naar derden en er zijn geen advertentienetwerken bij betrokken.",
  },
  browserTitle: "Wat het script in de browser van de bezoeker bewaart",
  browser: {
    aid: "trechter_aid in localStorage: de willekeurige anonieme code, zodat latere bezoeken als dezelfde bezoeker tellen;",
    uid: "trechter_uid in localStorage: de gebruikers-id van de site, alleen nadat de site identify aanroept;",
    utm: "trechter_utm in sessionStorage: de campagnetags van het huidige bezoek; die verdwijnen als het tabblad sluit.",
  },
  browserNote: "Waar die opslag niet beschikbaar is, staan de codes alleen in het geheugen van de pagina. trechter.reset() verwijdert ze.",
  derivedTitle: "Wat het afleidt",
  derived: {
    attribution:
      "bron, medium en campagne uit de UTM-tags of advertentieklik-id's in het paginaadres, of uit de verwijzende site (zoekmachine, sociale media, verwijzing);",
    agent:
      "type apparaat, browser en besturingssysteem uit de user agent; bezoeken van bots en geautomatiseerde browsers worden per dag geteld, niet bewaard;",
    country: "het land uit het IP-adres (of uit de locatie die een bibliotheek op een server meestuurt);",
    person:
      "een persoon: zodra een site een bezoeker identificeert, tellen de events van diens anonieme codes als die van één persoon; een leeftijdsgroep uit een leeftijdskenmerk;",
    aggregates: "cijfers over funnels en conversies die uit de events worden berekend, en die met de events worden verwijderd.",
  },
  retentionTitle: "Hoe lang het wordt bewaard",
  retention:
    "Events worden standaard 25 maanden bewaard (de langste periode die een rapport vergelijkt, plus één maand); elk project kan in zijn instellingen een eigen aantal maanden kiezen. Oudere events, en wat daaruit is berekend, worden automatisch verwijderd.",
  rightsTitle: "Inzage en verwijdering",
  rights:
    "De beheerders van een project kunnen de events over elke reeks dagen exporteren (NDJSON of CSV) voor een inzageverzoek van een bezoeker, de gegevens van één persoon verwijderen (al diens events op elk gekoppeld apparaat, kenmerken en wat daaruit is berekend), of het hele project met alles erin verwijderen.",
  dntTitle: "Do Not Track en Global Privacy Control",
  dnt: "Als de browser van een bezoeker Do Not Track of Global Privacy Control stuurt, verstuurt het script niets en bewaart het niets in de browser: geen paginaweergaven, geen events, geen codes. Events die een site vanaf zijn eigen server stuurt (Segment-bibliotheken) gaan niet via de browser; daarover beslist de site zelf.",
  templateTitle: "Een tekst voor je eigen privacyverklaring",
  templateBody:
    "Gebruik je Trechter op je site, dan kun je het met deze tekst in je privacyverklaring beschrijven. Vul je contactadres in en pas het aantal maanden aan als je de bewaartermijn hebt gewijzigd.",
  templateEnglish: "In het Engels",
  templateDutch: "In het Nederlands",
  template: {
    en: "We use Trechter, a funnel-analytics service, to understand how visitors move through our site. Trechter sets no cookies and does not store your IP address. It keeps a random identifier in your browser's local storage and records the pages you view and the actions you take on our site, the site you came from, your device type, browser, operating system and country (derived from your IP address, which is then discarded). We keep this data for 25 months. If your browser sends a Do Not Track or Global Privacy Control signal, nothing is collected. You can ask us to see or delete your data at [your contact address].",
    nl: "Wij gebruiken Trechter, een dienst voor funnelanalyse, om te begrijpen hoe bezoekers zich door onze site bewegen. Trechter plaatst geen cookies en bewaart je IP-adres niet. Het bewaart een willekeurige code in de lokale opslag van je browser en legt vast welke pagina's je bekijkt en wat je op onze site doet, van welke site je kwam, en je type apparaat, browser, besturingssysteem en land (afgeleid uit je IP-adres, dat daarna wordt weggegooid). Deze gegevens bewaren we 25 maanden. Stuurt je browser een Do Not Track- of Global Privacy Control-signaal, dan verzamelen we niets. Je kunt ons vragen je gegevens in te zien of te verwijderen via [je contactadres].",
  },
  back: "Terug naar Trechter",
  footerLink: "Privacy",
};
export default nl;
