import type { WalkDefinition, WalkEvent } from "./walk";

/**
 * One person's events as typed arrays (reused between people: no allocation per event), with what the
 * passes look up: the previous real event (strict) and the next event of each exclusion.
 */
export type WalkColumns = {
  n: number;
  t: Float64Array;
  steps: Int32Array;
  excl: Int32Array;
  entry: Uint8Array;
  real: Uint8Array;
  /** the held values as one id per distinct tuple (≥ 1), 0 when a held value is missing; all 1 without hold */
  track: Int32Array;
  group: Int32Array;
  /** index of the previous real event, -1 for none */
  prevReal: Int32Array;
  /** nextExcl[i * nx + x]: the first index after i whose event matches exclusion x, or n */
  nextExcl: Int32Array;
  /** number of exclusions of the definition these were filled for */
  nx: number;
};

let cols: WalkColumns = allocate(64, 5);

function allocate(capacity: number, nx: number): WalkColumns {
  return {
    n: 0,
    t: new Float64Array(capacity),
    steps: new Int32Array(capacity),
    excl: new Int32Array(capacity),
    entry: new Uint8Array(capacity),
    real: new Uint8Array(capacity),
    track: new Int32Array(capacity),
    group: new Int32Array(capacity),
    prevReal: new Int32Array(capacity),
    nextExcl: new Int32Array(capacity * Math.max(nx, 1)),
    nx,
  };
}

const tracks = new Map<string, number>();

/** The shared buffers filled with `events` (groups: each entry's `group`, or its index when `perStart`). */
export function fillColumns(events: readonly WalkEvent[], def: WalkDefinition, perStart: boolean): WalkColumns {
  const n = events.length;
  if (cols.t.length < n) cols = allocate(Math.max(n, cols.t.length * 2), 5);
  const c = cols;
  const nx = def.exclusions.length;
  c.n = n;
  c.nx = nx;
  tracks.clear();
  let prevReal = -1;
  for (let i = 0; i < n; i++) {
    const e = events[i];
    c.t[i] = e.t;
    c.steps[i] = e.steps;
    c.excl[i] = e.excl;
    c.entry[i] = e.entry ? 1 : 0;
    c.real[i] = e.real ? 1 : 0;
    c.group[i] = perStart ? i : (e.group ?? 0);
    c.prevReal[i] = prevReal;
    if (e.real) prevReal = i;
    c.track[i] = def.hold === 0 ? 1 : trackOf(e.hold, def.hold);
  }
  fillNextExclusions(c);
  return c;
}

function trackOf(hold: readonly (string | null)[] | undefined, count: number): number {
  if (!hold) return 0;
  let key = "";
  for (let h = 0; h < count; h++) {
    const v = hold[h];
    if (v === null || v === undefined) return 0;
    key += `${v.length}:${v}`;
  }
  let id = tracks.get(key);
  if (id === undefined) tracks.set(key, (id = tracks.size + 1));
  return id;
}

/** nextExcl from the end: O(n × exclusions). */
export function fillNextExclusions(c: WalkColumns): void {
  const { n, nx } = c;
  if (nx === 0) return;
  for (let x = 0; x < nx; x++) {
    let next = n;
    for (let i = n - 1; i >= 0; i--) {
      c.nextExcl[i * nx + x] = next;
      if (c.excl[i] & (1 << x)) next = i;
    }
  }
}
