import type { Section, Target, TargetKind } from "@jindu/schema";
import { getStoredTarget, listTargets as storeListTargets } from "@jindu/store";
import type { AppContext } from "../context.ts";
import { notFound } from "../errors.ts";

export type TargetFilter = { year: number; section?: Section; bureau?: string; kind?: TargetKind; region?: string };

export async function listTargets({
  ctx,
  input,
}: {
  ctx: Pick<AppContext, "store">;
  input: TargetFilter;
}): Promise<Target[]> {
  const targets = await storeListTargets(ctx.store, input.year);
  return targets.filter(
    (t) =>
      (input.section === undefined || t.section === input.section) &&
      (input.bureau === undefined || t.bureau === input.bureau) &&
      (input.kind === undefined || t.kind === input.kind) &&
      (input.region === undefined || t.region === input.region),
  );
}

export async function getTarget({
  ctx,
  input,
}: {
  ctx: Pick<AppContext, "store">;
  input: { year: number; code: string };
}) {
  const found = await getStoredTarget(ctx.store, input.year, input.code);
  if (!found) {
    throw notFound({ en: `No target "${input.code}" for ${input.year}`, zh: `${input.year}年没有目标“${input.code}”` });
  }
  return found;
}
