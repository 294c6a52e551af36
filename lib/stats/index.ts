export * from "./normal";
export * from "./wilson";
export * from "./rates";
export * from "./two-proportion";
export * from "./sample-size";
export * from "./verdict";
export * from "./what-if";
