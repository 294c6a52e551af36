import type en from "../en/app";

const app: typeof en = {
  nav: {
    projects: "Projecten",
    team: "Team",
    settings: "Instellingen",
    userMenu: "Accountmenu",
    signedInAs: "Ingelogd als {email}",
    switchTeam: "Wissel van team",
    mainNav: "Hoofdnavigatie",
    skipToContent: "Naar de inhoud",
  },
  projects: {
    title: "Projecten",
    subtitle: "Elk project is één website of app die je meet.",
    new: "Nieuw project",
    emptyTitle: "Nog geen projecten",
    emptyBody: "Maak een project voor je website, kies je sector, en Trechter zet je funnel en conversiedoelen klaar.",
    emptyCta: "Maak je eerste project",
    sector: "Sector",
    created: "Aangemaakt op {date}",
    events: { one: "{count} event in de afgelopen 30 dagen", other: "{count} events in de afgelopen 30 dagen" },
    open: "Open {name}",
  },
  sectors: {
    ecommerce: "E-commerce",
    b2b: "Zakelijke dienstverlening",
    hospitality: "Horeca",
    saas: "SaaS",
    recruitment: "Werving en selectie",
  },
  roles: { owner: "Eigenaar", admin: "Beheerder", viewer: "Kijker" },
};
export default app;
