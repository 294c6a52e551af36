import type { EventInput } from "../db/events/insert";
import { zonedMidnight } from "../lib/funnel/ranges";

/**
 * Visitors through the e-commerce funnel, all on desktop: `n` enter on each of these days of November
 * 2026 (31 and on roll into December: 36 is 6 December), every `every`-th buys. For the digest tests.
 */
export function shopTraffic(days: number[], n: number, every: number, tag: string, tz = "Europe/Amsterdam"): EventInput[] {
  const out: EventInput[] = [];
  let m = 0;
  for (const d of days) {
    for (let v = 0; v < n; v++) {
      const id = `${tag}-${d}-${v}`;
      let t = zonedMidnight(2026, 11, d, tz).getTime() + 9 * 3600_000 + v * 60_000;
      const buys = v % every === 0;
      const steps: [string, string | null][] = [
        ["pageview", "/"],
        ["pageview", "/product/fiets"],
        ...(buys
          ? ([
              ["add_to_cart", null],
              ["checkout_started", null],
              ["purchase", null],
            ] as [string, null][])
          : []),
      ];
      for (const [name, path] of steps) {
        t += 30_000;
        out.push({ time: new Date(t), name, path, anonymousId: id, messageId: `${tag}-${m++}`, device: "desktop" });
      }
    }
  }
  return out;
}
