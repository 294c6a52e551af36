/** The settings card for sites that switch from Plausible or Umami by changing their tag's src. */
const dropin = {
  title: "Switch from Plausible or Umami",
  body: "Keep the tag your site has and change only its address: its page views and events then arrive in this project. Claim the domain or website id the tag names; each can belong to one project.",
  plausibleDomain: "Plausible site domain (data-domain)",
  plausibleHint: "As in your Plausible tag, like example.nl. Leave empty to receive no Plausible events.",
  umamiWebsiteId: "Umami website id (data-website-id)",
  umamiHint: "The id in your Umami tag, like 94db1cb1-74f4-4a40-ad6c-962362670409. Leave empty to receive no Umami events.",
  plausibleTag: "Your Plausible tag, pointed at Trechter",
  umamiTag: "Your Umami tag, pointed at Trechter",
  save: "Save",
  saved: "Saved. Events from these tags now arrive here.",
  adminOnly: "Only admins can change these.",
  none: "Not set",
  errors: {
    plausibleDomain: "Enter a domain like example.nl.",
    umamiWebsiteId: "Enter the website id from your Umami tag (a UUID).",
    taken: "Another project already receives this one's events. Release it there first.",
  },
};
export default dropin;
