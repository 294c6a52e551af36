import type en from "../en/common";

const common: typeof en = {
  appName: "Trechter",
  tagline: "Funnelanalyse voor marketingteams",
  language: "Taal",
  languages: { en: "English", nl: "Nederlands" },
  loading: "Laden…",
  save: "Opslaan",
  saving: "Opslaan…",
  cancel: "Annuleren",
  delete: "Verwijderen",
  back: "Terug",
  next: "Volgende",
  copy: "Kopiëren",
  copied: "Gekopieerd",
  close: "Sluiten",
  retry: "Opnieuw proberen",
  somethingWrong: "Er ging iets mis. Probeer het opnieuw.",
  notFound: "Deze pagina bestaat niet, of je hebt er geen toegang toe.",
  backHome: "Terug naar het dashboard",
};
export default common;
