import { describe, expect, it } from "vitest";
import { parsePerson, segmentIdText } from "./personEvents";

/** A facts run's event text: time,id,steps,flags,exclusions,day,segment. */
const row = (t: number, id: number, segment: string) => `${t},${id},1,1,0,9600,${segment}`;

describe("parsePerson", () => {
  it("keeps a 64-bit segment id exactly, whatever its sign and size", () => {
    // Beyond 2^53 a double cannot tell these apart; the ids must survive the parse digit for digit.
    const ids = [
      "0",
      "-1",
      "1",
      "999999999",
      "1000000000",
      "-1000000000",
      "1000000001",
      "12345678900000000",
      "4294967295",
      "4294967296",
      "-4294967296",
      "9007199254740993",
      "-9007199254740993",
      "9223372036854775807",
      "-9223372036854775808",
    ];
    const ev = parsePerson(ids.map((id, i) => row(i * 1000, i + 1, id)).join(";"), 0);
    expect(ev.n).toBe(ids.length);
    expect(Array.from({ length: ev.n }, (_, i) => segmentIdText(ev.segHi[i], ev.segLo[i]))).toEqual(ids);
    expect([...ev.day.slice(0, ev.n)]).toEqual(ids.map(() => 9600));
  });

  it("orders a person's events by time, then id, and carries each event's fields along", () => {
    const ev = parsePerson([row(5000, 7, "-12"), row(1000, 9, "34"), row(5000, 3, "56")].join(";"), 100);
    expect([...ev.t.slice(0, 3)]).toEqual([1100, 5100, 5100]);
    expect([...ev.id.slice(0, 3)]).toEqual([9, 3, 7]);
    expect([0, 1, 2].map((i) => segmentIdText(ev.segHi[i], ev.segLo[i]))).toEqual(["34", "56", "-12"]);
  });

  it("reads a person with more events than its buffers held, in order or not, and the next person after them", () => {
    // 1,000 events: beyond the buffers' first size, so they grow while reading; ties in time go by id.
    const n = 1000;
    const events = Array.from({ length: n }, (_, i) => ({ t: Math.floor(i / 2) * 10, id: i + 1, segment: String(-i) }));
    for (const order of [events, [...events].reverse()]) {
      const ev = parsePerson(order.map((e) => row(e.t, e.id, e.segment)).join(";"), 0);
      expect(ev.n).toBe(n);
      expect([...ev.t.slice(0, n)]).toEqual(events.map((e) => e.t));
      expect([...ev.id.slice(0, n)]).toEqual(events.map((e) => e.id));
      expect(Array.from({ length: n }, (_, i) => segmentIdText(ev.segHi[i], ev.segLo[i]))).toEqual(events.map((e) => e.segment));
      // src says where each event stood in the text (the row's parallel arrays are read through it)
      expect([...ev.src.slice(0, n)]).toEqual(order === events ? events.map((_, i) => i) : events.map((_, i) => n - 1 - i));
    }
    const next = parsePerson(row(7, 1, "5"), 0);
    expect(next.n).toBe(1);
    expect([next.t[0], next.id[0], next.src[0]]).toEqual([7, 1, 0]);
  });
});
