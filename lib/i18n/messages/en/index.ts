import common from "./common";
import auth from "./auth";
import app from "./app";
import project from "./project";
import team from "./team";
import onboarding from "./onboarding";
import funnels from "./funnels";
import share from "./share";
import conversions from "./conversions";
import goals from "./goals";
import spend from "./spend";
import experiments from "./experiments";
import privacyPage from "./privacy-page";
import account from "./account";
import persons from "./persons";
import dropin from "./dropin";
import dashboards from "./dashboards";
import digests from "./digests";

const en = {
  common,
  auth,
  app,
  project,
  team,
  onboarding,
  funnels,
  share,
  conversions,
  goals,
  spend,
  experiments,
  privacyPage,
  account,
  persons,
  dropin,
  dashboards,
  digests,
};
export default en;
