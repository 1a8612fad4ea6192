import type { IndicatorInfo } from "@jindu/ingest";
import { convertUnit, REGIONS, UNIT_NAMES, type Unit } from "@jindu/schema";
import { stringify } from "csv-stringify/sync";
import fc from "fast-check";

/**
 * Generated pushes for the fuzz campaign: random valid rows of real catalog indicators, regions
 * and periods, bent by hostile mutations (wrong types, huge and tiny numbers, NaN and Infinity,
 * text of every Unicode plane, lone surrogates, deep nesting, SQL/CSV-formula/HTML injection),
 * mixed in one push, as JSON or CSV; and a few pushes hostile as a whole body.
 *
 * A generated push is a plan, not bytes: each row's identity (its revision, unique in the
 * campaign, always its first field) is given when the push is sent, so fast-check may replay or
 * shrink a batch without two rows ever sharing a cell.
 */

/** A value written into JSON as is; `Deep` stands for nesting written as text (no recursion). */
export type Value = null | boolean | number | string | Deep | Value[] | { [k: string]: Value };
export type Deep = { deep: number; inner: "array" | "object" };
const isDeep = (v: unknown): v is Deep =>
  typeof v === "object" && v !== null && !Array.isArray(v) && Object.keys(v).join() === "deep,inner";

export type Mutation =
  | { kind: "set"; field: string; value: Value }
  | { kind: "revision"; value: Value }
  | { kind: "drop"; field: string }
  | { kind: "extra"; name: string; value: Value };

export type RowPlan =
  | {
      kind: "row";
      indicator: string;
      region: string;
      period: string;
      basis: "ytd" | "period" | null;
      value: number;
      unit: Unit;
      reportedAt: string | null;
      key: boolean;
      mutations: Mutation[];
    }
  /** Not an object at all (JSON) or a ragged record (CSV). */
  | { kind: "junk"; value: Value }
  /** The same row as an earlier one of the push (same identity). */
  | { kind: "repeat"; of: number };

export type BodyAttack =
  | "deep_body"
  | "deep_object_body"
  | "unclosed"
  | "truncated"
  | "garbage"
  | "empty"
  | "bad_header"
  | "wrong_type"
  | "not_array";

export type PushPlan = {
  format: "json" | "json_wrapped" | "csv";
  /** Which fuzz source pushes: 0 may push everything, 1 only some indicators and regions. */
  source: 0 | 1;
  rows: RowPlan[];
  attack: BodyAttack | null;
};

export const WIRE_ORDER = [
  "revision",
  "indicator",
  "region",
  "period",
  "basis",
  "value",
  "unit",
  "idempotencyKey",
  "reportedAt",
] as const;

/** Fixed clock of the campaign: every period of 2024 has ended. */
export const FUZZ_NOW = new Date("2025-01-20T00:00:00Z");

const PERIODS = [
  ...Array.from({ length: 12 }, (_, i) => `2024-${String(i + 1).padStart(2, "0")}`),
  "2024-Q1",
  "2024-Q2",
  "2024-Q3",
  "2024-Q4",
  "2024",
];

const INJECTIONS = [
  "'; DROP TABLE observations; --",
  "1' OR '1'='1",
  "{db:Identifier}",
  "') FORMAT JSON --",
  "=cmd|' /C calc'!A0",
  '=HYPERLINK("http://x","y")',
  "+1+1",
  "-1+1",
  "@SUM(A1)",
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "\u0000",
  "\r\n",
  '"',
  ",",
  "\\",
  "\uFEFF",
  "__proto__",
  "constructor",
];

const NUMBERS = [
  0,
  -0,
  5e-324,
  -5e-324,
  Number.MIN_VALUE,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.MAX_SAFE_INTEGER,
  1e21,
  1e308,
  1.7976931348623157e308,
  4294967295,
  4294967296,
  -1,
  0.1,
];

const NUMBER_TEXTS = ["NaN", "Infinity", "-Infinity", "1e400", "-1e400", "0x10", "1,2", "1 000", "١٢٣", "６", "", " "];

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));

/** Text of every plane, with lone surrogates, injections and long runs mixed in. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.constantFrom(...INJECTIONS),
  fc.tuple(fc.string({ maxLength: 5 }), loneSurrogate, fc.string({ maxLength: 5 })).map((p) => p.join("")),
  fc.constantFrom(...NUMBER_TEXTS),
  fc.integer({ min: 201, max: 2500 }).map((n) => "長".repeat(n)),
);

const deep: fc.Arbitrary<Deep> = fc.record({
  deep: fc.oneof(fc.integer({ min: 33, max: 64 }), fc.integer({ min: 1000, max: 6000 })),
  inner: fc.constantFrom("array" as const, "object" as const),
});

/** A value of any JSON type, hostile where it can be. */
export const hostileValue: fc.Arbitrary<Value> = fc.oneof(
  { weight: 3, arbitrary: hostileText },
  { weight: 2, arbitrary: fc.constantFrom(...NUMBERS) },
  { weight: 2, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false) },
  { weight: 1, arbitrary: fc.array(fc.oneof(fc.integer(), hostileText), { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(hostileText, fc.integer(), { maxKeys: 3 }) as fc.Arbitrary<Value> },
  { weight: 1, arbitrary: deep },
);

/** A revision that can never be valid, so a mutated row is always rejected (its identity is lost). */
const badRevision: fc.Arbitrary<Value> = fc.constantFrom<Value>(
  -1,
  1.5,
  4294967296,
  Number.POSITIVE_INFINITY,
  "abc",
  "NaN",
  "=1+1",
  true,
  [],
  {},
  { deep: 40, inner: "array" },
);

const SETTABLE = ["indicator", "region", "period", "basis", "value", "unit", "idempotencyKey", "reportedAt"];
const REQUIRED = ["indicator", "region", "period", "value", "unit"];

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant("set" as const),
      field: fc.constantFrom(...SETTABLE),
      value: hostileValue,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("revision" as const), value: badRevision }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("drop" as const), field: fc.constantFrom(...REQUIRED) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("extra" as const),
      name: hostileText.filter((n) => !(WIRE_ORDER as readonly string[]).includes(n)),
      value: hostileValue,
    }),
  },
);

/** Units of the same dimension as `unit` (the unit itself included). */
function convertible(unit: Unit): Unit[] {
  return UNIT_NAMES.filter((u) => convertUnit(1, u, unit) !== null);
}

const reportedAt = fc.oneof(
  fc.constant(null),
  fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: FUZZ_NOW, noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom("0000-01-01T00:00:00Z", "1999-12-31T23:59:59Z", "9999-12-31T23:59:59Z", "2024-02-30T00:00:00Z"),
);

/** A row of a real indicator, region and period; mutated or not. */
function rowPlan(indicators: readonly IndicatorInfo[], mutate: boolean): fc.Arbitrary<RowPlan> {
  return fc.constantFrom(...indicators).chain((info) =>
    fc.record({
      kind: fc.constant("row" as const),
      indicator: fc.constant(info.code),
      region: fc.constantFrom(...REGIONS),
      period: fc.constantFrom(...PERIODS),
      basis: fc.constantFrom<"ytd" | "period" | null>("ytd", "period", null),
      value: fc.oneof(
        fc.integer({ min: -1_000_000, max: 1_000_000_000 }),
        fc
          .double({ min: -1e6, max: 1e9, noNaN: true, noDefaultInfinity: true })
          .map((v) => Math.round(v * 1000) / 1000),
      ),
      unit: mutate ? fc.constantFrom(...convertible(info.unit)) : fc.constant(info.unit),
      reportedAt: mutate ? reportedAt : fc.constant(null),
      key: fc.boolean(),
      mutations: mutate ? fc.array(mutation, { minLength: 1, maxLength: 3 }) : fc.constant([]),
    }),
  );
}

const junk: fc.Arbitrary<RowPlan> = fc.record({
  kind: fc.constant("junk" as const),
  value: fc.oneof(fc.constant(null), fc.integer(), hostileText, fc.array(fc.integer(), { maxLength: 3 }), deep),
});

/** A push: mostly good and bad rows mixed, sometimes a body that is hostile as a whole. */
export function pushPlan(indicators: readonly IndicatorInfo[]): fc.Arbitrary<PushPlan> {
  const row = fc.oneof(
    { weight: 5, arbitrary: rowPlan(indicators, false) },
    { weight: 5, arbitrary: rowPlan(indicators, true) },
    { weight: 1, arbitrary: junk },
  );
  const repeat = fc.nat().map((of): RowPlan => ({ kind: "repeat", of }));
  const rows = fc
    .array(fc.oneof({ weight: 12, arbitrary: row }, { weight: 1, arbitrary: repeat }), { minLength: 1, maxLength: 12 })
    // A repeat refers to an earlier row; a first row cannot repeat anything.
    .map((list) =>
      list.map((r, i): RowPlan => {
        if (r.kind !== "repeat") return r;
        return i === 0 ? { kind: "junk", value: null } : { kind: "repeat", of: r.of % i };
      }),
    );
  return fc.record({
    format: fc.constantFrom("json" as const, "json" as const, "json_wrapped" as const, "csv" as const, "csv" as const),
    source: fc.constantFrom(0 as const, 0 as const, 1 as const),
    rows,
    attack: fc.oneof(
      { weight: 24, arbitrary: fc.constant(null) },
      {
        weight: 1,
        arbitrary: fc.constantFrom<BodyAttack>(
          "deep_body",
          "deep_object_body",
          "unclosed",
          "truncated",
          "garbage",
          "empty",
          "bad_header",
          "wrong_type",
          "not_array",
        ),
      },
    ),
  });
}

/** What a row became on the wire, for the checks: its identity when intact, and whether it is clean. */
export type SentRow = {
  identity: number | null;
  clean: boolean;
  expected?: { value: number; reportedAt: string | null };
};

export type BuiltPush = { contentType: string; body: string; rows: SentRow[]; bodyLevel: boolean };

/** JSON text of a value; deep nesting is written as text, never by a recursive serializer. */
function json(v: Value): string {
  if (isDeep(v)) {
    return v.inner === "array"
      ? `${"[".repeat(v.deep)}${"]".repeat(v.deep)}`
      : `${'{"a":'.repeat(v.deep)}1${"}".repeat(v.deep)}`;
  }
  if (Array.isArray(v)) return `[${v.map(json).join(",")}]`;
  if (typeof v === "object" && v !== null) {
    return `{${Object.entries(v)
      .map(([k, x]) => `${JSON.stringify(k)}:${json(x)}`)
      .join(",")}}`;
  }
  if (typeof v === "number" && !Number.isFinite(v)) return JSON.stringify(String(v)); // JSON has no NaN
  return JSON.stringify(v);
}

/** A CSV cell of a value: text as it is, anything else as its JSON. */
function cell(v: Value | undefined): string {
  if (v === undefined || v === null) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  return json(v);
}

type Entries = [string, Value][];
/** A row as it goes on the wire: fields in order, or a value that is not a row. */
type Wire = { entries: Entries } | { value: Value };

/** The fields of a row plan, in wire order, revision (its identity) first; and whether still clean. */
function entriesOf(
  plan: Extract<RowPlan, { kind: "row" }>,
  identity: number,
  csv: boolean,
): { entries: Entries; intact: boolean } {
  const entries: Entries = [
    ["revision", csv ? String(identity) : identity],
    ["indicator", plan.indicator],
    ["region", plan.region],
    ["period", plan.period],
  ];
  if (plan.basis !== null) entries.push(["basis", plan.basis]);
  entries.push(["value", csv ? String(plan.value) : plan.value], ["unit", plan.unit]);
  if (plan.key) entries.push(["idempotencyKey", `fz-${identity}`]);
  if (plan.reportedAt !== null) entries.push(["reportedAt", plan.reportedAt]);
  let intact = true;
  for (const m of plan.mutations) {
    if (m.kind === "revision") {
      entries[0] = ["revision", m.value];
      intact = false;
    } else if (m.kind === "drop") {
      const i = entries.findIndex(([k]) => k === m.field);
      if (i >= 0) entries.splice(i, 1);
    } else if (m.kind === "extra" && csv) {
      // An unknown CSV column refuses the whole body (its header): that is a body-level attack.
    } else {
      const name = m.kind === "set" ? m.field : m.name;
      const i = entries.findIndex(([k]) => k === name);
      if (i >= 0) entries[i] = [name, m.value];
      else entries.push([name, m.value]);
    }
  }
  return { entries, intact };
}

/**
 * The bytes of a push, given the first identity to use (identities are consecutive): its content
 * type and body, and what each row is, for the checks.
 */
export function buildPush(plan: PushPlan, nextIdentity: () => number): BuiltPush {
  const csv = plan.format === "csv";
  const rows: SentRow[] = [];
  const objects: Wire[] = [];
  for (const r of plan.rows) {
    if (r.kind === "repeat") {
      const earlier = objects[r.of];
      objects.push(earlier ?? { value: null });
      rows.push({ identity: rows[r.of]?.identity ?? null, clean: false });
      continue;
    }
    if (r.kind === "junk") {
      objects.push({ value: r.value });
      rows.push({ identity: null, clean: false });
      continue;
    }
    const identity = nextIdentity();
    const { entries, intact } = entriesOf(r, identity, csv);
    objects.push({ entries });
    const clean = r.mutations.length === 0;
    rows.push({
      identity: intact ? identity : null,
      clean,
      expected: clean ? { value: r.value, reportedAt: r.reportedAt } : undefined,
    });
  }
  const bodyLevel = plan.attack !== null;
  if (csv) return { contentType: "text/csv", body: attackCsv(plan.attack, csvBody(objects)), rows, bodyLevel };
  const rowsJson = `[${objects.map((o) => ("entries" in o ? `{${o.entries.map(([k, v]) => `${JSON.stringify(k)}:${json(v)}`).join(",")}}` : json(o.value))).join(",")}]`;
  const body = plan.format === "json_wrapped" ? `{"observations":${rowsJson}}` : rowsJson;
  const attacked = attackJson(plan.attack, body);
  return { contentType: attacked.contentType, body: attacked.body, rows, bodyLevel };
}

/**
 * CSV of the rows: a header of every field any row has (revision first), one record per row; a
 * junk row becomes a ragged record (one cell more than the header).
 */
function csvBody(objects: readonly Wire[]): string {
  const columns: string[] = [...WIRE_ORDER];
  const records = objects.map((o) => {
    if (!("entries" in o)) return [...columns.map(() => "x"), cell(o.value)];
    const byName = new Map(o.entries);
    return columns.map((c) => cell(byName.get(c)));
  });
  return stringify([columns, ...records]);
}

function attackJson(attack: BodyAttack | null, body: string): { contentType: string; body: string } {
  const type = "application/json";
  switch (attack) {
    case null:
      return { contentType: type, body };
    case "deep_body":
      return { contentType: type, body: `${"[".repeat(100_000)}${"]".repeat(100_000)}` };
    case "deep_object_body":
      return { contentType: type, body: `[${'{"a":'.repeat(20_000)}1${"}".repeat(20_000)}]` };
    case "unclosed":
      return { contentType: type, body: "[".repeat(100_000) };
    case "truncated":
      return { contentType: type, body: body.slice(0, Math.max(1, body.length - 1)) };
    case "garbage":
      return { contentType: type, body: `\u0000${body.slice(0, 50)}\uFFFF]]` };
    case "empty":
      return { contentType: type, body: "  \n" };
    case "wrong_type":
      return { contentType: "application/x-www-form-urlencoded", body };
    case "not_array":
      return { contentType: type, body: JSON.stringify({ rows: [] }) };
    default:
      return { contentType: type, body: "" };
  }
}

function attackCsv(attack: BodyAttack | null, body: string): string {
  switch (attack) {
    case null:
      return body;
    case "bad_header":
      return `=cmd|' /C calc'!A0,${"長".repeat(500)},region\n1,2,3\n`;
    case "truncated":
      return `indicator,region,period,value,unit\n"unterminated,x,y\n`;
    case "empty":
      return "\n\n";
    default:
      return `indicator\n${body}`;
  }
}
