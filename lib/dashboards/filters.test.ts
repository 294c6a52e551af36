import { describe, it, expect } from "vitest";
import { combinedFilters } from "./filters";

describe("a tile's filters under a share link's locked filters", () => {
  it.each([
    [{}, {}, {}],
    [{ device: ["mobile"] }, {}, { device: ["mobile"] }],
    [{}, { source: ["google"] }, { source: ["google"] }],
    [{ device: ["mobile"] }, { source: ["google"] }, { device: ["mobile"], source: ["google"] }],
    [{ source: ["google", "bing"] }, { source: ["google", "meta"] }, { source: ["google"] }],
    [{ source: ["bing"] }, { source: ["google"] }, null],
  ])("%j under %j is %j", (tile, locked, expected) => {
    expect(combinedFilters(tile, locked)).toEqual(expected);
  });
});
