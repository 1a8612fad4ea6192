import { type AlertEvent, AlertEventSchema } from "@jindu/alerts";
import { z } from "zod";
import type { Store } from "./client.ts";
import { column, dateTime, json, rowMapping } from "./columns.ts";
import { toChDateTime } from "./time.ts";

// alert_commands: acknowledge / silence / unsilence, written by the API and applied by the evaluator.

const AlertCommandStatusSchema = z.enum(["pending", "applied", "rejected"]);

/** A person's event (acknowledge / silence / unsilence) for one alert, applied by the evaluator. */
const AlertCommandSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  key: z.string(),
  event: AlertEventSchema,
  status: AlertCommandStatusSchema,
  reason: z.string(),
  createdAt: z.string(),
});
export type AlertCommand = z.infer<typeof AlertCommandSchema>;

const CommandRow = z.object({
  id: z.string(),
  version: z.number().int(),
  key: z.string(),
  event: z.string(),
  status: AlertCommandStatusSchema,
  reason: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
});
type CommandRow = z.infer<typeof CommandRow>;

const commandColumns = rowMapping<AlertCommand>()({
  id: column("id"),
  version: column("version"),
  key: column("key"),
  event: column("event", json(AlertEventSchema)),
  status: column("status"),
  reason: column("reason"),
  createdAt: column("created_at", dateTime),
});

/** The row of a command as of `at` (`updated_at`: when it was last written). */
const commandRow = (c: AlertCommand, at: Date): CommandRow => ({
  ...commandColumns.toRow(c),
  updated_at: toChDateTime(at),
});

export async function addAlertCommand(
  store: Store,
  command: { id: string; key: string; event: AlertEvent },
  at = new Date(),
): Promise<AlertCommand> {
  const c: AlertCommand = { ...command, version: 1, status: "pending", reason: "", createdAt: at.toISOString() };
  await store.insert({ table: "alert_commands", row: CommandRow, values: [commandRow(c, at)] });
  return c;
}

/** Commands not applied yet, oldest first. */
export async function pendingAlertCommands(store: Store): Promise<AlertCommand[]> {
  const rows = await store.query({
    sql: `SELECT * FROM {db:Identifier}.alert_commands FINAL WHERE status = 'pending' ORDER BY created_at, id`,
    row: CommandRow,
  });
  return rows.map(commandColumns.fromRow);
}

export async function getAlertCommand(store: Store, id: string): Promise<AlertCommand | null> {
  const [row] = await store.query({
    sql: "SELECT * FROM {db:Identifier}.alert_commands FINAL WHERE id = {id:String}",
    params: { id },
    row: CommandRow,
  });
  return row ? commandColumns.fromRow(row) : null;
}

export async function settleAlertCommands(
  store: Store,
  settled: readonly { command: AlertCommand; status: "applied" | "rejected"; reason?: string }[],
  at = new Date(),
): Promise<void> {
  await store.insert({
    table: "alert_commands",
    row: CommandRow,
    values: settled.map(({ command, status, reason }) =>
      commandRow({ ...command, version: command.version + 1, status, reason: reason ?? "" }, at),
    ),
  });
}
