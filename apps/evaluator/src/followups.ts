import { advanceFollowup, type Followup, listFollowups, type Store, VersionConflict } from "@jindu/store";

/** The actor of steps nobody took by hand. */
const SYSTEM = "@system";

/** Alerts that resolved (their target is back on pace): the open follow-ups (督办) of them close. */
export async function closeFollowupsOnPace(
  { store, now }: { store: Store; now: () => Date },
  alertKeys: readonly string[],
): Promise<Followup[]> {
  const closed: Followup[] = [];
  for (const alertKey of new Set(alertKeys)) {
    for (const f of await listFollowups(store, { alertKey, open: true })) {
      const step = { status: "closed", action: "close_on_pace", closedReason: "back_on_pace" } as const;
      try {
        closed.push(await advanceFollowup(store, f, step, SYSTEM, now()));
      } catch (err) {
        // A person moved it on at the same moment; their step stands, the next resolution sees it.
        if (!(err instanceof VersionConflict)) throw err;
      }
    }
  }
  return closed;
}
