import type en from "../en/dropin";

const dropin: typeof en = {
  title: "Overstappen van Plausible of Umami",
  body: "Houd de tag die je site heeft en verander alleen het adres: de paginaweergaven en events komen dan in dit project binnen. Claim het domein of website-id dat de tag noemt; elk hoort bij één project.",
  plausibleDomain: "Plausible-sitedomein (data-domain)",
  plausibleHint: "Zoals in je Plausible-tag, bijvoorbeeld voorbeeld.nl. Laat leeg om geen Plausible-events te ontvangen.",
  umamiWebsiteId: "Umami-website-id (data-website-id)",
  umamiHint: "Het id in je Umami-tag, bijvoorbeeld 94db1cb1-74f4-4a40-ad6c-962362670409. Laat leeg om geen Umami-events te ontvangen.",
  plausibleTag: "Je Plausible-tag, gericht op Trechter",
  umamiTag: "Je Umami-tag, gericht op Trechter",
  save: "Opslaan",
  saved: "Opgeslagen. Events van deze tags komen nu hier binnen.",
  adminOnly: "Alleen beheerders kunnen dit wijzigen.",
  none: "Niet ingesteld",
  errors: {
    plausibleDomain: "Vul een domein in zoals voorbeeld.nl.",
    umamiWebsiteId: "Vul het website-id uit je Umami-tag in (een UUID).",
    taken: "Een ander project ontvangt de events hiervan al. Geef het daar eerst vrij.",
  },
};
export default dropin;
