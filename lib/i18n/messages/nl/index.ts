import type en from "../en";
import common from "./common";
import auth from "./auth";
import app from "./app";

const nl: typeof en = { common, auth, app };
export default nl;
