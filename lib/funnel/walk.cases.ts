/**
 * The rules and edge cases of DESIGN.md "Funnel definitions", one person each, with hand-computed
 * answers. walk.test.ts runs them through the walk; the engine's tests replay them through ingestion
 * on PGlite and PostgreSQL (events in this order: ties in time go by this receipt order).
 */

/** One event of the person: `at` in seconds after CASE_T0; `type` "identify" is not an event for strict. */
export type CaseEvent = {
  name: string;
  at: number;
  type?: "track" | "page" | "identify";
  path?: string;
  source?: string;
  properties?: Record<string, unknown>;
};

export type WalkCase = {
  name: string;
  /** the funnel as the query API takes it (funnelDefinitionQueryBodySchema), without from/to */
  definition: Record<string, unknown> & { steps: Record<string, unknown>[]; window: number };
  /** the date range in seconds after CASE_T0, [from, to); default [0, 86400) */
  range?: [number, number];
  events: CaseEvent[];
  expected: {
    /** the highest step any chain reaches (0: the person starts nothing) */
    level: number;
    /** the person's count at each step alone (0 or 1): level ≥ k for a required step, some chain contains it for an optional one */
    counts: number[];
    /** seconds from the entry to each step, min over the person's chains; null when no chain contains it */
    fastest: (number | null)[];
    /** timeToConvert (its from/to, default 1 and the last step) in seconds, or null when the person does not reach `to` */
    timeToConvert: number | null;
  };
};

export const CASE_T0 = Date.UTC(2026, 10, 2, 12, 0, 0);

const steps = (...names: string[]) => names.map((event) => ({ event }));

export const WALK_CASES: WalkCase[] = [
  {
    name: "ties in time go by receipt: a step-2 event received before the step-1 event at the same time does not follow it",
    definition: { steps: steps("a", "b"), window: 60 },
    events: [
      { name: "b", at: 10 },
      { name: "a", at: 10 },
    ],
    expected: { level: 1, counts: [1, 0], fastest: [0, null], timeToConvert: null },
  },
  {
    name: "ties in time go by receipt: received after, it follows",
    definition: { steps: steps("a", "b"), window: 60 },
    events: [
      { name: "a", at: 10 },
      { name: "b", at: 10 },
    ],
    expected: { level: 2, counts: [1, 1], fastest: [0, 0], timeToConvert: 0 },
  },
  {
    name: "one event is one chain event: a repeated step needs two events",
    definition: { steps: steps("a", "a"), window: 60 },
    events: [{ name: "a", at: 0 }],
    expected: { level: 1, counts: [1, 0], fastest: [0, null], timeToConvert: null },
  },
  {
    name: "the window is inclusive: exactly `window` seconds after the entry is in",
    definition: { steps: steps("a", "b"), window: 60 },
    events: [
      { name: "a", at: 0 },
      { name: "b", at: 60 },
    ],
    expected: { level: 2, counts: [1, 1], fastest: [0, 60], timeToConvert: 60 },
  },
  {
    name: "the window is inclusive: one second more is out",
    definition: { steps: steps("a", "b"), window: 60 },
    events: [
      { name: "a", at: 0 },
      { name: "b", at: 61 },
    ],
    expected: { level: 1, counts: [1, 0], fastest: [0, null], timeToConvert: null },
  },
  {
    name: "within is inclusive: exactly S seconds after the previous chain event is in, S + 1 is out",
    definition: { steps: [{ event: "a" }, { event: "b", within: 30 }, { event: "c", within: 30 }], window: 3600 },
    events: [
      { name: "a", at: 0 },
      { name: "b", at: 30 },
      { name: "c", at: 61 },
    ],
    expected: { level: 2, counts: [1, 1, 0], fastest: [0, 30, null], timeToConvert: null },
  },
  {
    name: "within counts from the chain's previous event, not from the entry",
    definition: { steps: [{ event: "a" }, { event: "b" }, { event: "c", within: 30 }], window: 3600 },
    events: [
      { name: "a", at: 0 },
      { name: "b", at: 50 },
      { name: "c", at: 70 },
    ],
    expected: { level: 3, counts: [1, 1, 1], fastest: [0, 50, 70], timeToConvert: 70 },
  },
  {
    name: "within picks the later previous event when an earlier one is too far",
    definition: { steps: [{ event: "a" }, { event: "b" }, { event: "c", within: 10 }], window: 3600 },
    events: [
      { name: "a", at: 0 },
      { name: "b", at: 5 },
      { name: "b", at: 95 },
      { name: "c", at: 100 },
    ],
    expected: { level: 3, counts: [1, 1, 1], fastest: [0, 5, 100], timeToConvert: 100 },
  },
  {
    name: "strict: an identify call between two steps is not an event",
    definition: { steps: steps("a", "b"), window: 60, order: "strict" },
    events: [
      { name: "a", at: 0 },
      { name: "identify", at: 1, type: "identify" },
      { name: "b", at: 2 },
    ],
    expected: { level: 2, counts: [1, 1], fastest: [0, 2], timeToConvert: 2 },
  },
  {
    name: "strict: a page view between two steps breaks the chain",
    definition: { steps: steps("a", "b"), window: 60, order: "strict" },
    events: [
      { name: "a", at: 0 },
      { name: "pageview", at: 1, type: "page", path: "/" },
      { name: "b", at: 2 },
    ],
    expected: { level: 1, counts: [1, 0], fastest: [0, null], timeToConvert: null },
  },
  {
    name: "strict: a later start whose next event is the step converts",
    definition: { steps: steps("a", "b"), window: 60, order: "strict" },
    events: [
      { name: "a", at: 0 },
      { name: "x", at: 1 },
      { name: "a", at: 2 },
      { name: "b", at: 3 },
    ],
    expected: { level: 2, counts: [1, 1], fastest: [0, 1], timeToConvert: 1 },
  },
  {
    name: "strict with an optional step: it may be skipped, but nothing else may come between",
    definition: { steps: [{ event: "a" }, { event: "b", optional: true }, { event: "c" }], window: 60, order: "strict" },
    events: [
      { name: "a", at: 0 },
      { name: "c", at: 1 },
      { name: "a", at: 10 },
      { name: "b", at: 11 },
      { name: "x", at: 12 },
      { name: "c", at: 13 },
    ],
    expected: { level: 3, counts: [1, 1, 1], fastest: [0, 1, 1], timeToConvert: 1 },
  },
  {
    name: "an optional step counts only the people some chain took through it (lower than the next step)",
    definition: { steps: [{ event: "a" }, { event: "b", optional: true }, { event: "c" }], window: 60 },
    events: [
      { name: "b", at: 0 },
      { name: "a", at: 1 },
      { name: "c", at: 6 },
    ],
    expected: { level: 3, counts: [1, 0, 1], fastest: [0, null, 5], timeToConvert: 5 },
  },
  {
    name: "an optional step reached by a chain that goes no further still counts",
    definition: { steps: [{ event: "a" }, { event: "b", optional: true }, { event: "c" }], window: 60 },
    events: [
      { name: "a", at: 0 },
      { name: "c", at: 5 },
      { name: "b", at: 6 },
    ],
    expected: { level: 3, counts: [1, 1, 1], fastest: [0, 6, 5], timeToConvert: 5 },
  },
  {
    name: "within on the step after a skipped optional step counts from the event before the skipped step",
    definition: { steps: [{ event: "a" }, { event: "b", optional: true }, { event: "c", within: 10 }], window: 60 },
    events: [
      { name: "a", at: 0 },
      { name: "c", at: 15 },
    ],
    expected: { level: 1, counts: [1, 0, 0], fastest: [0, null, null], timeToConvert: null },
  },
  {
    name: "within after an optional step that was taken counts from that step",
    definition: { steps: [{ event: "a" }, { event: "b", optional: true }, { event: "c", within: 10 }], window: 60 },
    events: [
      { name: "a", at: 0 },
      { name: "b", at: 8 },
      { name: "c", at: 15 },
    ],
    expected: { level: 3, counts: [1, 1, 1], fastest: [0, 8, 15], timeToConvert: 15 },
  },
  {
    name: "exclusion: an excluded event at the same time but received before the step-a event does not exclude",
    definition: { steps: steps("a", "b"), window: 60, exclusions: [{ event: "x", between: [1, 2] }] },
    events: [
      { name: "x", at: 0 },
      { name: "a", at: 0 },
      { name: "b", at: 5 },
    ],
    expected: { level: 2, counts: [1, 1], fastest: [0, 5], timeToConvert: 5 },
  },
  {
    name: "exclusion: an excluded event received after the step-a event at the same time excludes",
    definition: { steps: steps("a", "b"), window: 60, exclusions: [{ event: "x", between: [1, 2] }] },
    events: [
      { name: "a", at: 0 },
      { name: "x", at: 0 },
      { name: "b", at: 5 },
    ],
    expected: { level: 1, counts: [1, 0], fastest: [0, null], timeToConvert: null },
  },
  {
    name: "exclusion: strictly before the step-b event (received after it at the same time, it does not exclude)",
    definition: { steps: steps("a", "b"), window: 60, exclusions: [{ event: "x", between: [1, 2] }] },
    events: [
      { name: "a", at: 0 },
      { name: "b", at: 5 },
      { name: "x", at: 5 },
    ],
    expected: { level: 2, counts: [1, 1], fastest: [0, 5], timeToConvert: 5 },
  },
  {
    name: "exclusion spanning several steps: the person still reaches the steps before b",
    definition: { steps: steps("a", "b", "c"), window: 60, exclusions: [{ event: "x", between: [1, 3] }] },
    events: [
      { name: "a", at: 0 },
      { name: "b", at: 1 },
      { name: "x", at: 2 },
      { name: "c", at: 3 },
    ],
    expected: { level: 2, counts: [1, 1, 0], fastest: [0, 1, null], timeToConvert: null },
  },
  {
    name: "exclusion spanning several steps: a later attempt without it converts",
    definition: { steps: steps("a", "b", "c"), window: 60, exclusions: [{ event: "x", between: [1, 3] }] },
    events: [
      { name: "a", at: 0 },
      { name: "b", at: 1 },
      { name: "x", at: 2 },
      { name: "a", at: 3 },
      { name: "c", at: 4 },
      { name: "b", at: 5 },
      { name: "c", at: 6 },
    ],
    expected: { level: 3, counts: [1, 1, 1], fastest: [0, 1, 3], timeToConvert: 3 },
  },
  {
    name: "exclusion with its own conditions: only matching events exclude",
    definition: {
      steps: steps("cart", "buy"),
      window: 600,
      exclusions: [
        { event: "pageview", path: "/help/*", conditions: [{ property: "topic", operator: "is", value: "refund" }], between: [1, 2] },
      ],
    },
    events: [
      { name: "cart", at: 0 },
      { name: "pageview", at: 10, type: "page", path: "/account", properties: { topic: "refund" } },
      { name: "pageview", at: 20, type: "page", path: "/help/returns", properties: { topic: "size" } },
      { name: "buy", at: 30 },
    ],
    expected: { level: 2, counts: [1, 1], fastest: [0, 30], timeToConvert: 30 },
  },
  {
    name: "the best attempt counts: a later start reaches further",
    definition: { steps: steps("a", "b", "c"), window: 30 },
    events: [
      { name: "a", at: 0 },
      { name: "b", at: 10 },
      { name: "a", at: 100 },
      { name: "b", at: 110 },
      { name: "c", at: 120 },
    ],
    expected: { level: 3, counts: [1, 1, 1], fastest: [0, 10, 20], timeToConvert: 20 },
  },
  {
    name: "fastest times are minima over chains, possibly of different starts; time to convert is their difference",
    definition: { steps: steps("a", "b", "c"), window: 1000, timeToConvert: { from: 2, to: 3 } },
    events: [
      { name: "a", at: 0 },
      { name: "b", at: 100 },
      { name: "c", at: 150 },
      { name: "a", at: 200 },
      { name: "b", at: 210 },
      { name: "c", at: 500 },
    ],
    expected: { level: 3, counts: [1, 1, 1], fastest: [0, 10, 150], timeToConvert: 140 },
  },
  {
    name: "a chain may end after `to`, but must start in [from, to)",
    definition: { steps: steps("a", "b"), window: 3600 },
    range: [100, 200],
    events: [
      { name: "a", at: 50 },
      { name: "b", at: 60 },
      { name: "a", at: 199 },
      { name: "b", at: 250 },
    ],
    expected: { level: 2, counts: [1, 1], fastest: [0, 51], timeToConvert: 51 },
  },
  {
    name: "an entry before `from` starts nothing",
    definition: { steps: steps("a", "b"), window: 3600 },
    range: [100, 200],
    events: [
      { name: "a", at: 99 },
      { name: "b", at: 150 },
    ],
    expected: { level: 0, counts: [0, 0], fastest: [null, null], timeToConvert: null },
  },
  {
    name: "hold: a held value missing on the entry starts no chain",
    definition: { steps: steps("a", "b"), window: 60, hold: ["prop:plan"] },
    events: [
      { name: "a", at: 0 },
      { name: "b", at: 1, properties: { plan: "pro" } },
    ],
    expected: { level: 0, counts: [0, 0], fastest: [null, null], timeToConvert: null },
  },
  {
    name: "hold: every chain event has the entry's value",
    definition: { steps: steps("a", "b", "c"), window: 60, hold: ["prop:plan"] },
    events: [
      { name: "a", at: 0, properties: { plan: "pro" } },
      { name: "b", at: 1, properties: { plan: "team" } },
      { name: "b", at: 2, properties: { plan: "pro" } },
      { name: "c", at: 3 },
    ],
    expected: { level: 2, counts: [1, 1, 0], fastest: [0, 2, null], timeToConvert: null },
  },
  {
    name: 'hold: the same value is the same JSON value: the number 1 is not the text "1", and a null is missing',
    definition: { steps: steps("a", "b", "c"), window: 60, hold: ["prop:plan"] },
    events: [
      { name: "a", at: 0, properties: { plan: 1 } },
      { name: "b", at: 1, properties: { plan: "1" } },
      { name: "b", at: 2, properties: { plan: 1 } },
      { name: "a", at: 3, properties: { plan: null } },
      { name: "c", at: 4, properties: { plan: null } },
    ],
    expected: { level: 2, counts: [1, 1, 0], fastest: [0, 2, null], timeToConvert: null },
  },
  {
    name: "hold on a segment field: the source stays the same",
    definition: { steps: steps("a", "b"), window: 60, hold: ["source"] },
    events: [
      { name: "a", at: 0, source: "google" },
      { name: "b", at: 1, source: "facebook" },
      { name: "a", at: 2, source: "facebook" },
      { name: "b", at: 3, source: "facebook" },
    ],
    expected: { level: 2, counts: [1, 1], fastest: [0, 1], timeToConvert: 1 },
  },
  {
    name: "a step matches any of its names, and its conditions (a decimal string compares as a number)",
    definition: {
      steps: [
        { event: ["view_item", "view_product"] },
        { event: "add_to_cart", conditions: [{ property: "price", operator: "gt", value: 100 }] },
      ],
      window: 60,
    },
    events: [
      { name: "view_product", at: 0 },
      { name: "add_to_cart", at: 1, properties: { price: "n/a" } },
      { name: "add_to_cart", at: 2, properties: { price: "120.5" } },
    ],
    expected: { level: 2, counts: [1, 1], fastest: [0, 2], timeToConvert: 2 },
  },
  {
    name: "any order: one event fills at most one step",
    definition: { steps: [{ event: ["a", "b"] }, { event: "a" }], window: 60, order: "any" },
    events: [{ name: "a", at: 0 }],
    expected: { level: 1, counts: [1, 0], fastest: [0, null], timeToConvert: null },
  },
  {
    name: "any order: the largest assignment, not the first that fits",
    definition: { steps: [{ event: ["x", "y"] }, { event: "x" }], window: 60, order: "any" },
    events: [
      { name: "x", at: 0 },
      { name: "y", at: 5 },
    ],
    expected: { level: 2, counts: [1, 1], fastest: [0, 5], timeToConvert: 5 },
  },
  {
    name: "any order: an attempt's events lie within the window of its first event",
    definition: { steps: steps("a", "b", "c"), window: 10, order: "any" },
    events: [
      { name: "c", at: 0 },
      { name: "a", at: 5 },
      { name: "b", at: 12 },
    ],
    expected: { level: 2, counts: [1, 1, 0], fastest: [0, 5, null], timeToConvert: null },
  },
  {
    name: "any order: the steps in another order",
    definition: { steps: steps("a", "b", "c"), window: 10, order: "any" },
    events: [
      { name: "c", at: 0 },
      { name: "b", at: 4 },
      { name: "a", at: 10 },
    ],
    expected: { level: 3, counts: [1, 1, 1], fastest: [0, 4, 10], timeToConvert: 10 },
  },
  {
    name: "any order with hold: only the entry's value",
    definition: { steps: steps("a", "b"), window: 60, order: "any", hold: ["prop:plan"] },
    events: [
      { name: "b", at: 0, properties: { plan: "pro" } },
      { name: "a", at: 1, properties: { plan: "team" } },
    ],
    expected: { level: 1, counts: [1, 0], fastest: [0, null], timeToConvert: null },
  },
  {
    name: "strict with hold: the very next event has another held value, so the chain ends there",
    definition: { steps: steps("a", "b"), window: 60, order: "strict", hold: ["prop:plan"] },
    events: [
      { name: "a", at: 0, properties: { plan: "pro" } },
      { name: "b", at: 1, properties: { plan: "team" } },
      { name: "b", at: 2, properties: { plan: "pro" } },
    ],
    expected: { level: 1, counts: [1, 0], fastest: [0, null], timeToConvert: null },
  },
  {
    name: "is_not holds when the property is missing; not_contains too",
    definition: {
      steps: [
        { event: "a" },
        {
          event: "b",
          conditions: [
            { property: "plan", operator: "is_not", value: "free" },
            { property: "coupon", operator: "not_contains", value: "staff" },
          ],
        },
      ],
      window: 60,
    },
    events: [
      { name: "a", at: 0 },
      { name: "b", at: 1, properties: { plan: "free" } },
      { name: "b", at: 2 },
    ],
    expected: { level: 2, counts: [1, 1], fastest: [0, 2], timeToConvert: 2 },
  },
  {
    name: "an exclusion across an optional step that was taken: the chain keeps the optional step but cannot reach b",
    definition: {
      steps: [{ event: "a" }, { event: "b", optional: true }, { event: "c" }],
      window: 60,
      exclusions: [{ event: "x", between: [1, 3] }],
    },
    events: [
      { name: "a", at: 0 },
      { name: "b", at: 1 },
      { name: "x", at: 2 },
      { name: "c", at: 3 },
    ],
    expected: { level: 2, counts: [1, 1, 0], fastest: [0, 1, null], timeToConvert: null },
  },
  {
    name: "within counts from the previous event, the window from the entry: both must hold",
    definition: { steps: [{ event: "a" }, { event: "b" }, { event: "c", within: 60 }], window: 60 },
    events: [
      { name: "a", at: 0 },
      { name: "b", at: 50 },
      { name: "c", at: 100 },
    ],
    expected: { level: 2, counts: [1, 1, 0], fastest: [0, 50, null], timeToConvert: null },
  },
  {
    name: "a step list of names: either name fills the step, and exclusions can name several events too",
    definition: {
      steps: [{ event: "signup" }, { event: ["trial_started", "plan_chosen"] }],
      window: 600,
      exclusions: [{ event: ["churned", "deleted"], between: [1, 2] }],
    },
    events: [
      { name: "signup", at: 0 },
      { name: "deleted", at: 5 },
      { name: "plan_chosen", at: 10 },
      { name: "signup", at: 20 },
      { name: "trial_started", at: 30 },
    ],
    expected: { level: 2, counts: [1, 1], fastest: [0, 10], timeToConvert: 10 },
  },
  {
    name: "one event name in several steps, with and without conditions: each event fills exactly the steps whose conditions it meets",
    definition: {
      steps: [
        { event: "pageview", path: "/p/*" },
        { event: ["pageview", "cart"], conditions: [{ property: "x", operator: "is", value: 1 }] },
        { event: "cart" },
      ],
      window: 60,
    },
    events: [
      { name: "pageview", at: 0, type: "page", path: "/p/1" },
      { name: "cart", at: 1, properties: { x: 2 } },
      { name: "pageview", at: 2, type: "page", path: "/home", properties: { x: 1 } },
    ],
    // The cart at 1 is step 3 only (x is not 1); the page at 2 is step 2 only (not a /p/ page).
    expected: { level: 2, counts: [1, 1, 0], fastest: [0, 2, null], timeToConvert: null },
  },
];
