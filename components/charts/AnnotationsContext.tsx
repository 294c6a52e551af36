"use client";

import { createContext, useContext } from "react";
import type { Annotation } from "@/lib/annotations/types";

const Ctx = createContext<Annotation[]>([]);

/** The project's annotations for every trend chart below (the project layout, a share page and a dashboard put them here). */
export function AnnotationsProvider({ annotations, children }: { annotations: Annotation[]; children: React.ReactNode }) {
  return <Ctx.Provider value={annotations}>{children}</Ctx.Provider>;
}

export const useAnnotations = () => useContext(Ctx);
