/** One field of a changed record: its value before and after ("" when absent). */
export type FieldChange = { field: string; before: string; after: string; changed: boolean };

const show = (v: unknown): string => (v === undefined ? "" : typeof v === "string" ? v : JSON.stringify(v));

/** Nested objects flatten to dotted fields, so a diff of `condition.pp` reads as one line. */
function flatten(value: unknown, prefix = "", out = new Map<string, unknown>()): Map<string, unknown> {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) {
    out.set(prefix, value);
  } else if (value !== null && value !== undefined) {
    out.set("value", value);
  }
  return out;
}

/** The fields of before and after, changed ones first, in the records' own order. */
export function diffRecords(before: unknown, after: unknown): FieldChange[] {
  const a = flatten(before);
  const b = flatten(after);
  const fields = [...new Set([...a.keys(), ...b.keys()])];
  const rows = fields.map((field) => {
    const was = show(a.get(field));
    const now = show(b.get(field));
    return { field, before: was, after: now, changed: was !== now };
  });
  return [...rows.filter((r) => r.changed), ...rows.filter((r) => !r.changed)];
}
