/** A property name the project's recent events carry, with how many of them carry it and its most frequent values (as text). */
export type PropertySuggestion = { name: string; count: number; values: { value: string; count: number }[] };
