/** The public privacy page (/privacy): what Trechter stores, derives and keeps, and a sentence for a customer's own statement. */
export default {
  title: "Privacy",
  intro:
    "Trechter counts how visitors move through a site's funnel. It is built to need as little personal data as possible: no cookies, no IP addresses, no fingerprinting. This page says exactly what it keeps, for the teams that use it and for their visitors.",
  storedTitle: "What Trechter stores per event",
  stored: {
    event: "the event's name (a page view, or an action the site names, such as add_to_cart) and its time;",
    ids: "a random anonymous id made by the visitor's browser, and the site's own user id when the site identifies a visitor (identify);",
    page: "for a page view: the page's path and address, its title and the address of the page before it, as the snippet sends them;",
    properties: "the properties the site sends with an event (a product code, an order's revenue) and traits it sends with identify;",
    derived:
      "what is derived from the request (below): source, medium and campaign, the referring domain, device type, browser, operating system and country.",
  },
  notStoredTitle: "What it does not store",
  notStored: {
    ip: "No IP address. The address is used once, to look up the country in a database that ships with Trechter (no outside service is asked), and is then discarded.",
    cookies:
      "No cookies, and no fingerprinting. The browser's user-agent text is reduced to device type, browser and operating system; the text itself is not kept.",
    thirdParties: "Nothing is sent to third parties, and no advertising networks are involved.",
  },
  browserTitle: "What the snippet keeps in the visitor's browser",
  browser: {
    aid: "trechter_aid in localStorage: the random anonymous id, so that later visits count as the same visitor;",
    uid: "trechter_uid in localStorage: the site's user id, only after the site calls identify;",
    utm: "trechter_utm in sessionStorage: the campaign tags of the current visit; it is gone when the tab is closed.",
  },
  browserNote: "Where storage is not available, the ids live in the page's memory only. trechter.reset() removes them.",
  derivedTitle: "What it derives",
  derived: {
    attribution:
      "source, medium and campaign from the page address's UTM tags or ad click ids, or from the referring site (search, social, referral);",
    agent:
      "device type, browser and operating system from the user agent; visits by bots and automated browsers are counted per day, not stored;",
    country: "the country from the IP address (or from the location a server-side library sends);",
    person:
      "a person: once a site identifies a visitor, the events of their anonymous ids count as one person's; an age group from an age trait;",
    aggregates: "funnel and conversion figures computed from the events, which are deleted with them.",
  },
  retentionTitle: "How long it is kept",
  retention:
    "Events are kept for 25 months by default (the longest period a report compares, plus one month); each project can set its own number of months in its settings. Older events, and what was computed from them, are deleted automatically.",
  rightsTitle: "Access and deletion",
  rights:
    "A project's admins can export its events for any range of days (NDJSON or CSV) for a visitor's access request, delete one person's data (all their events on every linked device, their traits and what was computed from them), or delete the whole project with everything in it.",
  dntTitle: "Do Not Track and Global Privacy Control",
  dnt: "When a visitor's browser sends Do Not Track or Global Privacy Control, the snippet sends nothing and stores nothing in the browser: no page views, no events, no ids. Events a site sends from its own server (Segment libraries) do not pass through the browser; the site decides about those.",
  templateTitle: "A sentence for your own privacy statement",
  templateBody:
    "If you use Trechter on your site, you can describe it in your privacy statement with this text. Fill in your contact address, and change the number of months if you changed the retention.",
  templateEnglish: "In English",
  templateDutch: "In Dutch",
  template: {
    en: "We use Trechter, a funnel-analytics service, to understand how visitors move through our site. Trechter sets no cookies and does not store your IP address. It keeps a random identifier in your browser's local storage and records the pages you view and the actions you take on our site, the site you came from, your device type, browser, operating system and country (derived from your IP address, which is then discarded). We keep this data for 25 months. If your browser sends a Do Not Track or Global Privacy Control signal, nothing is collected. You can ask us to see or delete your data at [your contact address].",
    nl: "Wij gebruiken Trechter, een dienst voor funnelanalyse, om te begrijpen hoe bezoekers zich door onze site bewegen. Trechter plaatst geen cookies en bewaart je IP-adres niet. Het bewaart een willekeurige code in de lokale opslag van je browser en legt vast welke pagina's je bekijkt en wat je op onze site doet, van welke site je kwam, en je type apparaat, browser, besturingssysteem en land (afgeleid uit je IP-adres, dat daarna wordt weggegooid). Deze gegevens bewaren we 25 maanden. Stuurt je browser een Do Not Track- of Global Privacy Control-signaal, dan verzamelen we niets. Je kunt ons vragen je gegevens in te zien of te verwijderen via [je contactadres].",
  },
  back: "Back to Trechter",
  footerLink: "Privacy",
};
