import { randomUUID } from "node:crypto";
import {
  type Followup,
  type FollowupAction,
  FollowupActionSchema,
  type FollowupBody,
  FollowupBodySchema,
  type FollowupStatus,
  FollowupStatusSchema,
} from "@jindu/schema";
import { z } from "zod";
import type { Store } from "./client.ts";
import { fromChDateTime, toChDateTime } from "./time.ts";
import { writeVersion } from "./versioned.ts";

export type { Followup, FollowupAction, FollowupStatus };

const Row = z.object({
  id: z.string(),
  version: z.number().int(),
  alert_key: z.string(),
  code: z.string(),
  bureau: z.string(),
  status: FollowupStatusSchema,
  due_date: z.string(),
  body: z.string(),
  action: FollowupActionSchema,
  actor: z.string(),
  at: z.string(),
});
type Row = z.infer<typeof Row>;

const toFollowup = (r: Row): Followup => ({
  id: r.id,
  version: r.version,
  alertKey: r.alert_key,
  code: r.code,
  bureau: r.bureau,
  status: r.status,
  dueDate: r.due_date,
  action: r.action,
  actor: r.actor,
  at: fromChDateTime(r.at),
  ...FollowupBodySchema.parse(JSON.parse(r.body)),
});

function toRow(f: Followup): Row {
  const { note, explanation, plan, review, closedReason } = f;
  return {
    id: f.id,
    version: f.version,
    alert_key: f.alertKey,
    code: f.code,
    bureau: f.bureau,
    status: f.status,
    due_date: f.dueDate,
    body: JSON.stringify({ note, explanation, plan, review, closedReason }),
    action: f.action,
    actor: f.actor,
    at: toChDateTime(f.at),
  };
}

/** The next version of a follow-up; a concurrent writer of the same version gets a VersionConflict. */
async function write(store: Store, f: Followup): Promise<Followup> {
  await writeVersion(store, { table: "followups", row: Row, value: toRow(f), claim: `${f.id}:${f.version}` });
  return f;
}

export type NewFollowup = Pick<Followup, "alertKey" | "code" | "bureau" | "dueDate" | "note">;

export async function createFollowup(store: Store, input: NewFollowup, actor: string, at: Date): Promise<Followup> {
  return write(store, {
    id: randomUUID(),
    version: 1,
    ...input,
    status: "assigned",
    action: "assign",
    actor,
    at: at.toISOString(),
    explanation: "",
    plan: "",
    review: "",
    closedReason: null,
  });
}

/** The next step of a follow-up: a new version with the changed fields. */
export async function advanceFollowup(
  store: Store,
  current: Followup,
  step: { status: FollowupStatus; action: FollowupAction } & Partial<FollowupBody>,
  actor: string,
  at: Date,
): Promise<Followup> {
  return write(store, { ...current, ...step, version: current.version + 1, actor, at: at.toISOString() });
}

export type FollowupFilter = {
  status?: FollowupStatus;
  bureau?: string;
  code?: string;
  alertKey?: string;
  open?: boolean;
};

/** Current version of each follow-up, newest first. */
export async function listFollowups(store: Store, f: FollowupFilter = {}): Promise<Followup[]> {
  const rows = await store.query({
    sql: `SELECT * FROM (
            SELECT * FROM {db:Identifier}.followups ORDER BY id, version DESC, write_id LIMIT 1 BY id)
          WHERE ({status:String} = '' OR status = {status:String})
            AND ({bureau:String} = '' OR bureau = {bureau:String})
            AND ({code:String} = '' OR code = {code:String})
            AND ({key:String} = '' OR alert_key = {key:String})
            AND (NOT {open:Bool} OR status != 'closed')
          ORDER BY at DESC, id`,
    params: {
      status: f.status ?? "",
      bureau: f.bureau ?? "",
      code: f.code ?? "",
      key: f.alertKey ?? "",
      open: f.open ?? false,
    },
    row: Row,
  });
  return rows.map(toFollowup);
}

/** Every version of one follow-up, oldest first: its whole history. */
export async function followupHistory(store: Store, id: string): Promise<Followup[]> {
  const rows = await store.query({
    sql: "SELECT * FROM {db:Identifier}.followups WHERE id = {id:String} ORDER BY version, write_id LIMIT 1 BY version",
    params: { id },
    row: Row,
  });
  return rows.map(toFollowup);
}
