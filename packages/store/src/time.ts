/** ClickHouse DateTime64 text ("2024-03-05 08:00:00.000", UTC) from a Date or ISO string. */
export function toChDateTime(value: Date | string): string {
  const d = typeof value === "string" ? new Date(value) : value;
  return d.toISOString().replace("T", " ").replace("Z", "");
}

/** ISO string from ClickHouse DateTime64 text in UTC. */
export function fromChDateTime(value: string): string {
  return `${value.replace(" ", "T")}Z`;
}
