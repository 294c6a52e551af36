export * from "./normal";
export * from "./wilson";
export * from "./rates";
export * from "./twoProportion";
export * from "./sampleSize";
export * from "./verdict";
export * from "./what-if";
