import type en from "../en";
import common from "./common";
import auth from "./auth";
import app from "./app";
import project from "./project";
import team from "./team";

const nl: typeof en = { common, auth, app, project, team };
export default nl;
