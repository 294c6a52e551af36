import type en from "../en/share";

const share: typeof en = {
  title: "Deel dit rapport",
  body: "Een alleen-lezen link voor een klant: dit rapport met zijn filters, verder niets van je team. Iedereen met de link kan hem openen.",
  range: "Periode",
  rolling: { one: "Doorlopend: de afgelopen {count} dag", other: "Doorlopend: de afgelopen {count} dagen" },
  fixed: "Vast: de huidige selectie",
  days: "Dagen",
  password: "Wachtwoord (optioneel)",
  expires: "Verloopt op (optioneel)",
  create: "Link maken",
  created: "Kopieer de link nu: hij wordt maar één keer getoond.",
  links: "Links naar dit project",
  none: "Nog geen deellinks.",
  lastOpened: "Laatst geopend {when}",
  neverOpened: "Nog nooit geopend",
  revoke: "Intrekken",
  revoked: "Ingetrokken",
  expired: "Verlopen",
  withPassword: "Wachtwoord",
  sharedBy: "Gedeeld rapport van {project}",
  poweredBy: "Funnelanalyse door Trechter",
  unavailable: {
    gone: "Dit rapport bestaat niet meer: het is verwijderd nadat de link werd gemaakt. Vraag de afzender om een nieuwe.",
    revoked: "Deze rapportlink is ingetrokken. Vraag de afzender om een nieuwe.",
    expired: "Deze rapportlink is verlopen. Vraag de afzender om een nieuwe.",
    unknown: "Deze rapportlink bestaat niet. Controleer of je hem helemaal hebt gekopieerd.",
  },
  errors: {
    filters:
      "Een link kan hoogstens 10 filters bevatten (alleen de standaardvelden), van elk hoogstens 20 waarden. Haal wat filters weg en probeer het opnieuw.",
    range: "De periode van een link ligt tussen 2000 en 2100 en beslaat hoogstens 365 dagen.",
  },
  passwordTitle: "Dit rapport is beveiligd",
  passwordBody: "Vul het wachtwoord in dat je hebt gekregen.",
  passwordSubmit: "Rapport openen",
  passwordWrong: "Dat wachtwoord klopt niet.",
  passwordLimited: "Te veel pogingen. Wacht een paar minuten en probeer het opnieuw.",
};
export default share;
