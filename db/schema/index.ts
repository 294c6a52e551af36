export * from "./accounts";
export * from "./projects";
export * from "./events";
export * from "./reports";
export * from "./dashboards";
export * from "./jobs";
export * from "./digests";
export * from "./alerts";
