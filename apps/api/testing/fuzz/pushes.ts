import { type IndicatorInfo, XLSX_MEDIA_TYPE } from "@jindu/ingest";
import { convertUnit, REGIONS, UNIT_NAMES, type Unit } from "@jindu/schema";
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { zipSync } from "fflate";

/**
 * Generated pushes for the fuzz campaign: random valid rows of real catalog indicators, regions
 * and periods, bent by hostile mutations (wrong types, huge and tiny numbers, NaN and Infinity,
 * text of every Unicode plane, lone surrogates, deep nesting, SQL/CSV-formula/HTML injection,
 * spreadsheet cells: formulas, error values, dates), mixed in one push, as JSON, CSV or an XLSX
 * workbook (written with ExcelJS, as the API reads them); and a few pushes hostile as a whole body
 * (for XLSX: not a zip, cut short, a zip bomb, past the body limit, no sheet, unreadable text).
 *
 * A generated push is a plan, not bytes: each row's identity (its revision, unique in the
 * campaign, always its first field) is given when the push is sent, so fast-check may replay or
 * shrink a batch without two rows ever sharing a cell.
 */

/** A value written into JSON as is; `Deep` stands for nesting written as text (no recursion). */
type Value = null | boolean | number | string | Deep | Value[] | { [k: string]: Value };
type Deep = { deep: number; inner: "array" | "object" };
const isDeep = (v: unknown): v is Deep =>
  typeof v === "object" && v !== null && !Array.isArray(v) && Object.keys(v).join() === "deep,inner";

/**
 * A spreadsheet cell that is more than its text: an error value, a formula without a cached
 * result, a date. JSON and CSV carry its text (the error code, nothing, the ISO date).
 */
type SheetCell = { error: string } | { formula: string } | { date: string };

type Mutation =
  | { kind: "set"; field: string; value: Value }
  | { kind: "cell"; field: string; cell: SheetCell }
  | { kind: "revision"; value: Value }
  | { kind: "drop"; field: string }
  | { kind: "extra"; name: string; value: Value };

type RowPlan =
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

type BodyAttack =
  | "not_zip"
  | "zip_bomb"
  | "oversized"
  | "no_sheet"
  | "deep_body"
  | "deep_object_body"
  | "unclosed"
  | "truncated"
  | "garbage"
  | "empty"
  | "bad_header"
  | "wrong_type"
  | "not_array";

/**
 * How an XLSX cell holds a value that reads back as the same text: as it is, as a formula with
 * that cached result, as rich text, as a hyperlink's text.
 */
type Wrap = "plain" | "formula" | "rich" | "link";

export type PushPlan = {
  format: "json" | "json_wrapped" | "csv" | "xlsx";
  /** Which fuzz source pushes: 0 may push everything, 1 only some indicators and regions. */
  source: 0 | 1;
  rows: RowPlan[];
  attack: BodyAttack | null;
  /** XLSX only: the wrap of cell i is wraps[i % length]. */
  wraps: Wrap[];
  /** XLSX only: how the workbook's parts are zipped (Excel deflates; stored parts are valid too). */
  zip: "DEFLATE" | "STORE";
};

const WIRE_ORDER = [
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
const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 20, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 20, arbitrary: fc.string({ unit: "grapheme", maxLength: 20 }) },
  { weight: 20, arbitrary: fc.constantFrom(...INJECTIONS) },
  {
    weight: 20,
    arbitrary: fc.tuple(fc.string({ maxLength: 5 }), loneSurrogate, fc.string({ maxLength: 5 })).map((p) => p.join("")),
  },
  { weight: 20, arbitrary: fc.constantFrom(...NUMBER_TEXTS) },
  { weight: 20, arbitrary: fc.integer({ min: 201, max: 2500 }).map((n) => "長".repeat(n)) },
  // Past Excel's 32,767 characters a cell; rare, as each costs as much as a push of short rows.
  { weight: 1, arbitrary: fc.constant("長".repeat(40_000)) },
);

const deep: fc.Arbitrary<Deep> = fc.record({
  deep: fc.oneof(fc.integer({ min: 33, max: 64 }), fc.integer({ min: 1000, max: 6000 })),
  inner: fc.constantFrom("array" as const, "object" as const),
});

/** A value of any JSON type, hostile where it can be. */
const hostileValue: fc.Arbitrary<Value> = fc.oneof(
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

const sheetCell: fc.Arbitrary<SheetCell> = fc.oneof(
  fc.constantFrom("#DIV/0!", "#N/A", "#VALUE!", "#REF!", "#NAME?").map((error) => ({ error })),
  fc.constantFrom("SUM(A1:A9)", 'HYPERLINK("http://x","y")', "1/0").map((formula) => ({ formula })),
  fc
    .date({ min: new Date("1900-03-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true })
    .chain((d) => fc.constantFrom(d, new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1))))
    .map((d) => ({ date: d.toISOString() })),
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("cell" as const), field: fc.constantFrom(...SETTABLE), cell: sheetCell }),
  },
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
    // A workbook costs the campaign ~4 times a JSON push to write and read (ExcelJS): one in eight.
    format: fc.oneof(
      { weight: 3, arbitrary: fc.constant("json" as const) },
      { weight: 1, arbitrary: fc.constant("json_wrapped" as const) },
      { weight: 3, arbitrary: fc.constant("csv" as const) },
      { weight: 1, arbitrary: fc.constant("xlsx" as const) },
    ),
    source: fc.constantFrom(0 as const, 0 as const, 1 as const),
    rows,
    attack: fc.oneof(
      { weight: 24, arbitrary: fc.constant(null) },
      {
        weight: 1,
        arbitrary: fc.constantFrom<BodyAttack>(
          "not_zip",
          "zip_bomb",
          "oversized",
          "no_sheet",
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
    wraps: fc.array(fc.constantFrom<Wrap>("plain", "plain", "formula", "rich", "link"), { minLength: 1, maxLength: 7 }),
    zip: fc.constantFrom("DEFLATE" as const, "STORE" as const),
  });
}

/** What a row became on the wire, for the checks: its identity when intact, and whether it is clean. */
export type SentRow = {
  identity: number | null;
  clean: boolean;
  expected?: { value: number; reportedAt: string | null };
};

export type BuiltPush = { contentType: string; body: string | Uint8Array; rows: SentRow[]; bodyLevel: boolean };

/** A field's value on the wire: a JSON-like value, or (from a `cell` mutation) a spreadsheet cell. */
type Field = Value | { sheetCell: SheetCell };
const isSheetCell = (v: unknown): v is { sheetCell: SheetCell } =>
  typeof v === "object" && v !== null && !Array.isArray(v) && Object.keys(v).join() === "sheetCell";

/** What a spreadsheet cell is as text, where there are no cells (JSON, CSV): null for no result. */
function cellText(c: SheetCell): string | null {
  if ("error" in c) return c.error;
  if ("date" in c) return c.date;
  return null;
}

/** JSON text of a value; deep nesting is written as text, never by a recursive serializer. */
function json(v: Field): string {
  if (isSheetCell(v)) return JSON.stringify(cellText(v.sheetCell));
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
function cell(v: Field | undefined): string {
  if (v === undefined || v === null) return "";
  if (isSheetCell(v)) return cellText(v.sheetCell) ?? "";
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  return json(v);
}

type Entries = [string, Field][];
/** A row as it goes on the wire: fields in order, or a value that is not a row. */
type Wire = { entries: Entries } | { value: Value };

/** The fields of a row plan, in wire order, revision (its identity) first; and whether still clean. */
function entriesOf(
  plan: Extract<RowPlan, { kind: "row" }>,
  identity: number,
  format: PushPlan["format"],
): { entries: Entries; intact: boolean } {
  // CSV is text; a workbook has typed cells (numbers as numbers) and, like CSV, a header.
  const csv = format === "csv";
  const sheet = csv || format === "xlsx";
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
    } else if (m.kind === "extra" && sheet) {
      // An unknown column refuses the whole body (its header): that is a body-level attack.
    } else {
      const name = m.kind === "extra" ? m.name : m.field;
      const value: Field = m.kind === "cell" ? { sheetCell: m.cell } : m.value;
      const i = entries.findIndex(([k]) => k === name);
      if (i >= 0) entries[i] = [name, value];
      else entries.push([name, value]);
    }
  }
  return { entries, intact };
}

/**
 * The bytes of a push, given the first identity to use (identities are consecutive, taken before
 * the first await, so pushes built together get theirs in order): its content type and body, and
 * what each row is, for the checks.
 */
export async function buildPush(plan: PushPlan, nextIdentity: () => number): Promise<BuiltPush> {
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
    const { entries, intact } = entriesOf(r, identity, plan.format);
    objects.push({ entries });
    const clean = r.mutations.length === 0;
    rows.push({
      identity: intact ? identity : null,
      clean,
      expected: clean ? { value: r.value, reportedAt: r.reportedAt } : undefined,
    });
  }
  const bodyLevel = plan.attack !== null;
  if (plan.format === "csv") {
    return { contentType: "text/csv", body: attackCsv(plan.attack, csvBody(objects)), rows, bodyLevel };
  }
  if (plan.format === "xlsx") {
    const book = await xlsxPush(plan.attack, objects, { wraps: plan.wraps, zip: plan.zip });
    return { contentType: book.contentType, body: book.body, rows, bodyLevel: bodyLevel || book.unreadable };
  }
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

/**
 * XML cannot hold U+FFFE and U+FFFF: ExcelJS writes them as they are and then cannot read its own
 * workbook (nor can the API: the whole body is unreadable, 400). Other characters XML refuses it
 * drops or replaces (C0 controls, lone surrogates), which only changes rows already mutated.
 */
const UNWRITABLE = /[\uFFFE\uFFFF]/;

/** A value as an ExcelJS cell, held the way `wrap` says; and whether its text is unwritable. */
function sheetValue(v: Field | undefined, wrap: Wrap): { cell: ExcelJS.CellValue; unwritable: boolean } {
  if (v === undefined || v === null) return { cell: null, unwritable: false };
  if (isSheetCell(v)) {
    const c = v.sheetCell;
    if ("error" in c) return { cell: { error: c.error } as ExcelJS.CellErrorValue, unwritable: false };
    if ("date" in c) return { cell: new Date(c.date), unwritable: false };
    return { cell: { formula: c.formula } as ExcelJS.CellFormulaValue, unwritable: false };
  }
  // A cell holds text, a number or a boolean; anything else goes as its JSON text, as in CSV.
  const plain: string | number | boolean =
    typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v)) || typeof v === "string"
      ? v
      : typeof v === "number"
        ? String(v)
        : json(v);
  const text = String(plain);
  const unwritable = UNWRITABLE.test(text);
  switch (wrap) {
    case "formula":
      return { cell: { formula: "A1", result: plain } as ExcelJS.CellFormulaValue, unwritable };
    case "rich":
      return { cell: { richText: [{ text }] }, unwritable };
    case "link":
      // ExcelJS writes a hyperlink without text as the JSON of the cell: no workbook looks like that.
      return { cell: text === "" ? plain : { text, hyperlink: "https://example.org/" }, unwritable };
    default:
      return { cell: plain, unwritable };
  }
}

/** A workbook whose first sheet holds the rows as the CSV would (header, then one row each), in typed cells. */
type SheetStyle = Pick<PushPlan, "wraps" | "zip">;

async function xlsxBody(
  objects: readonly Wire[],
  { wraps, zip }: SheetStyle,
  header: ExcelJS.CellValue[] = [...WIRE_ORDER],
): Promise<{ bytes: Uint8Array; unreadable: boolean }> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("数据");
  sheet.addRow(header);
  let next = 0;
  let unreadable = false;
  const put = (v: Field | undefined) => {
    const { cell, unwritable } = sheetValue(v, wraps[next++ % wraps.length] ?? "plain");
    unreadable ||= unwritable;
    return cell;
  };
  for (const o of objects) {
    if (!("entries" in o)) {
      sheet.addRow([...WIRE_ORDER.map(() => "x"), put(o.value)]);
      continue;
    }
    const byName = new Map(o.entries);
    sheet.addRow(WIRE_ORDER.map((c) => put(byName.get(c))));
  }
  const bytes = await book.xlsx.writeBuffer({ zip: { compression: zip } });
  return { bytes: new Uint8Array(bytes), unreadable };
}

let bombBytes: Uint8Array | null = null;
/** About 150 KB zipped, 150 MiB unpacked: refused (413) before anything is inflated. Made once. */
function zipBomb(): Uint8Array {
  bombBytes ??= zipSync({
    "[Content_Types].xml": new TextEncoder().encode("<Types/>"),
    "xl/worksheets/sheet1.xml": [new Uint8Array(150 * 1024 * 1024), { level: 1 }],
  });
  return bombBytes;
}

let oversizedBytes: Uint8Array | null = null;
/** A workbook-looking zip past the API's 16 MiB body limit (413 before it is read). Made once. */
function oversized(): Uint8Array {
  oversizedBytes ??= zipSync({ "xl/media/image1.bin": [new Uint8Array(16 * 1024 * 1024 + 4096), { level: 0 }] });
  return oversizedBytes;
}

async function xlsxPush(
  attack: BodyAttack | null,
  objects: readonly Wire[],
  style: SheetStyle,
): Promise<{ contentType: string; body: Uint8Array; unreadable: boolean }> {
  const type = XLSX_MEDIA_TYPE;
  const body = (bytes: Uint8Array, contentType = type) => ({ contentType, body: bytes, unreadable: false });
  switch (attack) {
    case null: {
      const { bytes, unreadable } = await xlsxBody(objects, style);
      return { contentType: type, body: bytes, unreadable };
    }
    case "zip_bomb":
      return body(zipBomb());
    case "oversized":
      return body(oversized());
    case "no_sheet":
      return body(new Uint8Array(await new ExcelJS.Workbook().xlsx.writeBuffer()));
    case "truncated": {
      const { bytes } = await xlsxBody(objects, style);
      return body(bytes.slice(0, Math.floor(bytes.length / 2)));
    }
    case "bad_header": {
      const injected = { formula: 'HYPERLINK("http://x","y")', result: "=cmd|' /C calc'!A0" };
      const { bytes } = await xlsxBody(objects, style, [injected, "長".repeat(500), "region"]);
      return body(bytes);
    }
    case "empty":
      return body((await xlsxBody([], style)).bytes);
    case "wrong_type":
      return body((await xlsxBody(objects, style)).bytes, "application/vnd.ms-excel");
    default:
      // Not a zip at all, though it starts like one.
      return body(new TextEncoder().encode(`PK\u0003\u0004${csvBody(objects).slice(0, 500)}`));
  }
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
