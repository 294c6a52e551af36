/**
 * The articles the product's benchmarks and vocabulary come from (`../shared/seeds/`), as a reader
 * must be able to find them: publisher, title, publication date (YYYY-MM-DD) and site. Checked
 * against the seeds' own header lines and sign-off in articles.test.ts.
 */
export type ArticleCitation = { publisher: string; title: string; published: string; site: string };

export const ARTICLES = {
  "conversie.txt": {
    publisher: "AWESUM",
    title: "Wat betekent conversie voor jouw bedrijfsgroei",
    published: "2025-11-23",
    site: "awesum.nl",
  },
  "sales-funnel.txt": {
    publisher: "AWESUM",
    title: "Wat is een sales funnel en hoe werkt het",
    published: "2025-11-09",
    site: "awesum.nl",
  },
} as const satisfies Record<string, ArticleCitation>;
