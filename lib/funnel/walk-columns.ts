import type { WalkDefinition, WalkEvent } from "./walk";

/**
 * One person's events as typed arrays (shared and reused between people: no allocation per event).
 * The engine may fill them directly (walkColumns, then walkColumnsInto) instead of building WalkEvents:
 * t, steps, excl, entry, real, group, and track when the definition holds fields. The walk computes
 * prevReal and nextExcl itself.
 */
export type WalkColumns = {
  n: number;
  /** ms since epoch, sorted (ties in receipt order) */
  t: Float64Array;
  /** bit j-1: the event matches step j */
  steps: Int32Array;
  /** bit x: the event matches exclusion x */
  excl: Int32Array;
  /** 1: in [from, to) and passes the filters */
  entry: Uint8Array;
  /** 1: a page view or track call (an event for strict); 0: identify, alias, group */
  real: Uint8Array;
  /** the held values as one id per distinct tuple (≥ 1), 0 when a held value is missing; read only with hold */
  track: Int32Array;
  /** the entry's group (walkGroups) */
  group: Int32Array;
  /** set by the walk: index of the previous real event, -1 for none */
  prevReal: Int32Array;
  /** set by the walk: nextExcl[i * nx + x] is the first index after i whose event matches exclusion x, or n */
  nextExcl: Int32Array;
  nx: number;
};

let cols: WalkColumns = allocate(64);

function allocate(capacity: number): WalkColumns {
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
    nextExcl: new Int32Array(capacity * 5),
    nx: 0,
  };
}

/** The shared columns, with room for n events and `n` set: fill t, steps, excl, entry, real, group (and track) for i < n. */
export function walkColumns(n: number): WalkColumns {
  if (cols.t.length < n) cols = allocate(Math.max(n, cols.t.length * 2));
  cols.n = n;
  return cols;
}

const tracks = new Map<string, number>();

/** The shared columns filled from WalkEvents (held values interned per person). */
export function fillColumns(events: readonly WalkEvent[], def: WalkDefinition): WalkColumns {
  const n = events.length;
  const c = walkColumns(n);
  if (def.hold > 0) tracks.clear();
  for (let i = 0; i < n; i++) {
    const e = events[i];
    c.t[i] = e.t;
    c.steps[i] = e.steps;
    c.excl[i] = e.excl;
    c.entry[i] = e.entry ? 1 : 0;
    c.real[i] = e.real ? 1 : 0;
    c.group[i] = e.group ?? 0;
    if (def.hold > 0) c.track[i] = trackOf(e.hold, def.hold);
  }
  return c;
}

function trackOf(hold: readonly (string | null)[] | undefined, count: number): number {
  if (!hold) return 0;
  if (count === 1) {
    // one held field: its value is the key (no string built per event)
    const v = hold[0];
    if (v === null || v === undefined) return 0;
    let id = tracks.get(v);
    if (id === undefined) tracks.set(v, (id = tracks.size + 1));
    return id;
  }
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

/** prevReal (strict) and nextExcl (exclusions, from the end: O(n × exclusions)). */
export function prepareColumns(c: WalkColumns, def: WalkDefinition): void {
  const { n } = c;
  if (def.order === "strict") {
    let prev = -1;
    for (let i = 0; i < n; i++) {
      c.prevReal[i] = prev;
      if (c.real[i]) prev = i;
    }
  }
  const nx = def.exclusions.length;
  c.nx = nx;
  for (let x = 0; x < nx; x++) {
    let next = n;
    for (let i = n - 1; i >= 0; i--) {
      c.nextExcl[i * nx + x] = next;
      if (c.excl[i] & (1 << x)) next = i;
    }
  }
}
