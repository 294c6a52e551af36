import type en from "../en/auth";

const auth: typeof en = {
  login: {
    title: "Inloggen bij Trechter",
    subtitle: "Zie waar je bezoekers afhaken.",
    submit: "Inloggen",
    submitting: "Bezig met inloggen…",
    noAccount: "Nog geen account?",
    signupLink: "Maak er een aan",
    invalid: "Dit e-mailadres en wachtwoord horen niet bij een account.",
    rateLimited: {
      one: "Te veel mislukte pogingen. Wacht {count} minuut en probeer het opnieuw.",
      other: "Te veel mislukte pogingen. Wacht {count} minuten en probeer het opnieuw.",
    },
  },
  signup: {
    title: "Maak je Trechter-account aan",
    subtitle: "Je team en eerste project staan binnen een paar minuten klaar.",
    submit: "Account aanmaken",
    submitting: "Account wordt aangemaakt…",
    haveAccount: "Heb je al een account?",
    loginLink: "Inloggen",
    defaultTeamName: "Team van {name}",
    inviteTitle: "Word lid van {team} op Trechter",
    inviteSubtitle: "Maak je account aan om lid te worden van {team}.",
  },
  fields: {
    name: "Je naam",
    email: "E-mailadres",
    password: "Wachtwoord",
    passwordHint: "Minstens 10 tekens.",
    teamName: "Naam van je team of bedrijf",
    teamNameHint: "Je kunt dit later wijzigen.",
    invitedEmailHint: "Het adres waar de uitnodiging naartoe is gestuurd.",
  },
  errors: {
    nameRequired: "Vul je naam in.",
    nameTooLong: "Houd de naam korter dan 100 tekens.",
    emailInvalid: "Vul een geldig e-mailadres in, zoals naam@bedrijf.nl.",
    passwordShort: "Gebruik minstens 10 tekens.",
    passwordLong: "Gebruik hoogstens 200 tekens.",
    emailTaken: "Er bestaat al een account met dit e-mailadres. Log in plaats daarvan in.",
    teamNameTooLong: "Houd de teamnaam korter dan 100 tekens.",
    signupLimited: "Er zijn te veel accounts aangemaakt vanaf jouw netwerk. Probeer het over een uur opnieuw.",
    inviteOtherAddress: "Deze uitnodiging is naar een ander adres gestuurd. Maak je account aan met het uitgenodigde adres.",
    inviteInvalid: "Deze uitnodigingslink is verlopen, al gebruikt of ingetrokken. Vraag degene die je uitnodigde om een nieuwe.",
  },
  newTeam: {
    title: "Je zit niet in een team",
    body: "Je bent geen lid meer van het team waarvoor je was uitgenodigd. Begin een eigen team, of log uit en vraag een collega om een nieuwe uitnodiging.",
    submit: "Mijn team aanmaken",
    creating: "Team wordt aangemaakt…",
    nameRequired: "Vul een teamnaam in van hooguit 100 tekens.",
  },
  logout: "Uitloggen",
  logoutEverywhere: "Overal uitloggen",
};
export default auth;
