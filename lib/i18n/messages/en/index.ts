import common from "./common";
import auth from "./auth";
import app from "./app";
import project from "./project";

const en = { common, auth, app, project };
export default en;
