import common from "./common";
import auth from "./auth";
import app from "./app";

const en = { common, auth, app };
export default en;
