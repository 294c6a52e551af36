import { it, expect } from "vitest";
import { ARTICLES } from "./articles";
import { describeWhen, seedsRequirement, readSeed } from "../../tests/requirements";

const DUTCH_MONTHS = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"];

describeWhen("article citations match the source articles", [seedsRequirement()], () => {
  for (const [file, a] of Object.entries(ARTICLES)) {
    it(`${file}: title, date and publisher are the article's own`, () => {
      const lines = readSeed(file as keyof typeof ARTICLES)
        .split("\n")
        .map((l) => l.trim())
        .filter(Boolean);
      // The seeds open with the title, the summary and the publication date ("23 nov 2025").
      expect(lines[0]).toBe(a.title);
      const [y, m, d] = a.published.split("-").map(Number);
      expect(lines.slice(0, 4)).toContain(`${d} ${DUTCH_MONTHS[m - 1]} ${y}`);
      // The publisher signs off with its name and site.
      const text = lines.join("\n");
      expect(text).toContain(`Bij ${a.publisher}`);
      expect(text).toContain(a.site);
    });
  }
});
