export * from "./accounts";
export * from "./projects";
export * from "./events";
export * from "./reports";
<<<<<<< HEAD
export * from "./jobs";
export * from "./digests";
export * from "./alerts";
=======
export * from "./dashboards";
>>>>>>> main
