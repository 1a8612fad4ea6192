import { ProgressThresholdsSchema } from "@jindu/schema";
import { type BoardSettings, getSetting, putSetting } from "@jindu/store";
import type { z } from "zod";
import type { AppContext, Caller } from "../context.ts";
import { invalidateProgress } from "./progress.ts";

type ThresholdsInput = z.input<typeof ProgressThresholdsSchema>;

export async function getBoardSettings({ ctx }: { ctx: Pick<AppContext, "store"> }) {
  return getSetting(ctx.store, "board");
}

/** Switches the anonymous read-only board (a wall display) on or off. */
export async function putBoardSettings({
  ctx,
  input,
  caller,
}: {
  ctx: Pick<AppContext, "store">;
  input: BoardSettings;
  caller: Caller;
}) {
  return putSetting(ctx.store, "board", input, caller.username);
}

export async function getProgressSettings({ ctx }: { ctx: Pick<AppContext, "store"> }) {
  return getSetting(ctx.store, "progress");
}

/**
 * Sets where statuses turn yellow and red for every target (fields left out take their defaults:
 * `{}` resets). Every reader sees the new statuses at once: computed progress is dropped.
 */
export async function putProgressSettings({
  ctx,
  input,
  caller,
}: {
  ctx: Pick<AppContext, "detailCache" | "progressCache" | "store">;
  input: ThresholdsInput;
  caller: Caller;
}) {
  const saved = await putSetting(ctx.store, "progress", ProgressThresholdsSchema.parse(input), caller.username);
  invalidateProgress(ctx);
  return saved;
}
