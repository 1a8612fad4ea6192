import { type Bus, PROGRESS_TOPIC } from "@jindu/bus";
import { z } from "zod";

/** Published on `jindu.progress` after observations are stored: these targets may have moved. */
export const ProgressChangedSchema = z.object({
  type: z.literal("observations.stored"),
  indicator: z.string(),
  regions: z.array(z.string()),
  periods: z.array(z.string()),
  rows: z.number().int(),
  at: z.string(),
});
export type ProgressChanged = z.infer<typeof ProgressChangedSchema>;

export async function publishProgressChanged(
  bus: Bus,
  stored: readonly { indicator: string; region: string; period: string }[],
  at = new Date(),
): Promise<ProgressChanged[]> {
  const byIndicator = new Map<string, { regions: Set<string>; periods: Set<string>; rows: number }>();
  for (const o of stored) {
    const e = byIndicator.get(o.indicator) ?? { regions: new Set(), periods: new Set(), rows: 0 };
    e.regions.add(o.region);
    e.periods.add(o.period);
    e.rows += 1;
    byIndicator.set(o.indicator, e);
  }
  const events: ProgressChanged[] = [...byIndicator].map(([indicator, e]) => ({
    type: "observations.stored",
    indicator,
    regions: [...e.regions].sort(),
    periods: [...e.periods].sort(),
    rows: e.rows,
    at: at.toISOString(),
  }));
  await bus.publish(
    PROGRESS_TOPIC,
    events.map((e) => ({ key: e.indicator, value: JSON.stringify(e) })),
  );
  return events;
}
