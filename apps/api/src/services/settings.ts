import { type BoardSettings, getSetting, putSetting } from "@jindu/store";
import type { AppContext, Caller } from "../context.ts";

export async function doGetBoardSettings({ ctx }: { ctx: AppContext }) {
  return getSetting(ctx.store, "board");
}

/** Switches the anonymous read-only board (a wall display) on or off. */
export async function doPutBoardSettings({
  ctx,
  input,
  caller,
}: {
  ctx: AppContext;
  input: BoardSettings;
  caller: Caller;
}) {
  return putSetting(ctx.store, "board", input, caller.username);
}
