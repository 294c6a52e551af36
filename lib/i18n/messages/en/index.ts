import common from "./common";
import auth from "./auth";
import app from "./app";
import project from "./project";
import team from "./team";

const en = { common, auth, app, project, team };
export default en;
